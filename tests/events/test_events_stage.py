"""The events stage on hand-written reports, with the real spaCy parse."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from frontwire.errors import StageError
from frontwire.events.stage import EventsStage
from frontwire.records import Article, Quote, Speaker
from frontwire.testing import make_article

Code = Callable[..., Article]

SHELLING = (
    "Russian forces shelled the town of Kupiansk on Sunday, killing five civilians and "
    "wounding twelve others. "
    "The bombardment of Kupiansk also destroyed a school."
)


def test_a_shelling_report_is_coded_in_acled_and_plover_terms(code: Code) -> None:
    [event] = code(SHELLING).events
    assert event.event_type == "Explosions/Remote violence"
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.disorder_type == "Political violence"
    assert event.actor1 is not None and event.actor1.name == "Military Forces of Russia (2000-)"
    assert event.actor2 is not None and event.actor2.name == "Civilians (Ukraine)"
    assert event.interaction == 17 and event.civilian_targeting
    assert event.plover_event == "ASSAULT" and event.quad_class == 4 and event.cameo == "194"
    assert event.fatalities is not None and event.fatalities.value == 5
    assert event.injured is not None and event.injured.value == 12
    assert (event.date, event.time_precision) == ("2023-03-05", 1)
    assert event.location is not None and event.location.span.text == "Kupiansk"
    assert event.location.precision == 1 and event.location.geonameid is not None


def test_a_restating_sentence_adds_evidence_not_a_second_event(code: Code) -> None:
    article = code(SHELLING)
    [event] = article.events
    assert len(event.evidence) == 2
    for span in event.evidence:
        assert article.original_text[span.orig_start : span.orig_end] == span.text


def test_negated_and_hypothetical_statements_are_not_events_that_happened(code: Code) -> None:
    article = code(
        "Ukrainian troops did not attack the village. "
        "If Russian forces were to cross the border, NATO aircraft would strike them."
    )
    assert all(e.status in ("hypothetical", "planned", "denied") for e in article.events)


def test_planned_and_historical_events_get_their_status(code: Code) -> None:
    planned = code("Officials said rebels are preparing to attack the airport next week.")
    assert [e.status for e in planned.events] in ([], ["planned"])
    historical = code(
        "After failing to take the capital in late February 2022, Russian troops "
        "shelled towns in the east."
    )
    assert [e.status for e in historical.events] == ["historical"]


def test_the_speaker_of_an_overlapping_quote_is_the_source(
    nlp_stage, events_stage: EventsStage
) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen abducted 14 students from a school in Kaduna, the police spokesman said."
    [article] = nlp_stage.process_batch([make_article(text, outlet="Wire")])
    said = text.index(", the police")
    mention = article.span(said + 2, said + 22)
    quote = Quote(
        kind="indirect",
        content=article.span(0, said),
        speaker=Speaker(name=mention.text, kind="person", span=mention),
    )
    [event] = events_stage.process(article.replace(quotes=(quote,))).events
    assert event.sub_event_type == "Abduction/forced disappearance"
    assert (event.source, event.source_kind) == ("the police spokesman", "speaker")


def test_without_a_quote_the_outlet_is_the_source_and_no_date_is_invented(code: Code) -> None:
    [event] = code("A suicide bomber blew himself up at a checkpoint.", published=None).events
    assert event.sub_event_type == "Suicide bomb"
    assert (event.source, event.source_kind) == ("Wire", "outlet")
    assert event.date is None and event.time_precision is None


def test_protesters_and_police_are_both_sides_of_a_protest(code: Code) -> None:
    events = code(
        "Thousands of protesters rallied in Lagos on Saturday against fuel prices."
    ).events
    assert [e.event_type for e in events] == ["Protests"]
    assert events[0].actor1 is not None and events[0].actor1.name == "Protesters (Nigeria)"
    assert events[0].crowd_size is not None and events[0].crowd_size.value == 1000


def test_absurd_figures_and_crowded_sentences_are_bounded_with_flags(code: Code) -> None:
    names = ", ".join(f"{n} forces" for n in ["Russian", "Ukrainian", "Syrian", "Iraqi"] * 5)
    article = code(f"Airstrikes by {names} killed 10^12 people.")
    [event] = article.events
    assert event.fatalities is not None and event.fatalities.value is None
    assert "fatalities_implausible" in event.flags
    assert event.acled_fatalities == 0
    assert len(event.assoc_actor_1) + len(event.assoc_actor_2) <= 10


def test_a_text_with_no_event_has_none(code: Code) -> None:
    assert code("The ministry published its annual budget report on Tuesday.").events == ()


def test_the_stage_reads_the_parse_and_never_parses_again(events_stage: EventsStage) -> None:
    with pytest.raises(StageError) as info:
        events_stage.process(make_article("Troops shelled the town."))
    assert info.value.code == "FW404"


def test_event_json_has_the_documented_keys(code: Code) -> None:
    [event] = code(SHELLING).events
    data = event.to_json()
    for key in ("acled", "plover", "actor1", "actor2", "fatalities", "injured", "date",
                "time_precision", "location", "status", "source", "evidence"):  # fmt: skip
        assert key in data
    assert data["acled"]["fatalities"] == 5
    assert data["plover"]["actor"][0]["code"] == "RUS"


def test_who_says_so_is_the_source_not_a_side_and_near_a_town_is_precision_2(
    code: Code,
) -> None:
    [event] = code(
        "Gunmen attacked a village near Maiduguri on Tuesday, killing at least 12 civilians, "
        "police said."
    ).events
    assert event.actor2 is not None and event.actor2.name == "Civilians (Nigeria)"
    assert all("Police" not in a.name for a in (*event.assoc_actor_1, *event.assoc_actor_2))
    assert (event.source, event.source_kind) == ("police", "speaker")
    assert event.location is not None and event.location.precision == 2
    assert event.fatalities is not None and event.fatalities.value == 12


def test_a_toll_in_the_next_sentence_belongs_to_the_event_before(code: Code) -> None:
    article = code(
        "A car bomb exploded outside the customs office in Tarvel on Monday. "
        "Two people were killed and nine were injured."
    )
    happened = [e for e in article.events if e.status not in ("planned", "hypothetical")]
    assert len(happened) == 1
    event = happened[0]
    assert event.fatalities is not None and event.fatalities.value == 2
    assert event.injured is not None and event.injured.value == 9


def test_a_shooting_of_one_named_person_is_an_attack_with_one_dead(code: Code) -> None:
    article = code("Dana Whitlow, 34, was shot and killed outside a grocery store on Sunday.")
    [event] = article.events
    assert event.event_type == "Violence against civilians"
    assert event.fatalities is not None and event.fatalities.value == 1
    assert event.injured is None or event.injured.value == 0


def test_an_event_with_no_stated_date_gets_the_publication_week(code: Code) -> None:
    [event] = code("Gunmen attacked a police post in the town, killing three officers.").events
    assert event.date == "2023-03-06" and event.time_precision == 2
    assert "date_from_publication" in event.flags


def test_a_dateline_places_an_event_whose_clause_names_no_place(code_placed: Code) -> None:
    article = code_placed(
        "Man hurt in late-night shooting | Channel 9 Tulsa\n\n"
        "TULSA, Okla. — A man was shot in the arm late Friday, police said. "
        "He was taken to a hospital."
    )
    [event] = [e for e in article.events if e.event_type == "Violence against civilians"]
    assert event.location is not None and event.location.name == "Tulsa"
    assert event.injured is not None and event.injured.value == 1


def test_a_common_word_in_a_headline_is_not_a_place(code_placed: Code) -> None:
    article = code_placed(
        "Man shot in face outside bar | Evening News\n\n"
        "DENVER — A man was shot in the face outside a bar on Friday night, police said."
    )
    located = [e.location for e in article.events if e.location is not None]
    assert located and all(p.name == "Denver" for p in located)


@pytest.mark.parametrize(
    "text",
    [
        "The army has lost about a third of its combat troops in the four months of war.",
        "More than 15,000 soldiers have been killed since the start of the war, officials said.",
        "\u201cWe thank everyone who defends the valley from the invaders,\u201d he added.",
    ],
)
def test_war_totals_and_opinions_are_not_events(code: Code, text: str) -> None:
    assert code(text).events == ()


def test_two_clauses_in_two_places_are_two_events(code: Code) -> None:
    article = code(
        "Artillery shelling killed two civilians in Marinka, while in Avdiivka police "
        "detained five men suspected of looting."
    )
    subs = sorted(e.sub_event_type for e in article.events)
    assert len(subs) == 2, subs
    counts = {e.sub_event_type: e for e in article.events}
    shelling = counts.get("Shelling/artillery/missile attack")
    assert shelling is not None and shelling.fatalities is not None
    assert shelling.fatalities.value == 2


def test_a_partys_claim_keeps_the_claimed_status(code: Code) -> None:
    [event] = code(
        "The ministry said its artillery killed 300 enemy fighters near Kreminna."
    ).events
    assert event.status == "claimed"


def test_a_pluperfect_of_its_own_is_still_history(code: Code) -> None:
    article = code("Rebels had seized the airport of Kidal before the army returned in force.")
    assert article.events and all(e.status == "historical" for e in article.events)


def test_a_running_total_since_a_turning_point_is_not_an_event(code: Code) -> None:
    article = code("A doctors' union said 85 demonstrators had been killed since the coup.")
    assert not any(e.fatalities and e.fatalities.value == 85 for e in article.events)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Shelling killed four civilians in Orikhiv on Monday, the regional governor said.",
         "reported"),
        ("According to police, two people were killed when a drone hit a bus in Nikopol.",
         "reported"),
        ("The army said it destroyed three tanks near Vuhledar, killing 40 enemy soldiers.",
         "claimed"),
        ("Rebels claimed to have shot down a helicopter over Kidal, killing its crew.",
         "claimed"),
        ("The ministry said units of its \"East\" group had killed up to 120 soldiers near Torske.",
         "claimed"),
        # A pluperfect under a party's statement is reported speech, not history.
        ("The Russian defence ministry said some 150 Ukrainian soldiers had been killed near "
         "Torske over the past day.", "claimed"),
        ("The rebel command said its fighters had seized two armoured vehicles near Kidal.",
         "claimed"),
    ],
)  # fmt: skip
def test_an_attributed_figure_is_a_claim_only_from_a_party(
    code: Code, text: str, status: str
) -> None:
    events = code(text).events
    assert events and {e.status for e in events} == {status}, [
        (e.sub_event_type, e.status) for e in events
    ]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Troops clashed with rebels outside Tarvel for six hours, backed by artillery fire.",
            "Armed clash",
        ),
        ("Artillery shelled the outskirts of Tarvel overnight, damaging two houses.", None),
    ],
)
def test_battles_against_shelling_follow_acleds_tie_break(
    code: Code, text: str, sub: str | None
) -> None:
    events = code(text).events
    assert events
    if sub is not None:
        assert events[0].sub_event_type == sub
    else:
        assert events[0].event_type == "Explosions/Remote violence"


def test_every_acled_sub_type_is_a_label_the_coder_can_give(events_stage: EventsStage) -> None:
    from frontwire.events.taxonomy import SUB_TYPES

    labels = set(events_stage.coder.acled_model.labels)
    assert {s.label for s in SUB_TYPES} <= labels
    assert len(SUB_TYPES) == 25


def test_a_shooting_named_as_a_noun_is_an_attack(code: Code) -> None:
    article = code(
        "Police said gunmen opened fire on a crowd of residents outside a bar on Route 9."
    )
    assert [e.sub_event_type for e in article.events] == ["Attack"]


def test_twenty_five_places_and_victims_in_one_sentence_stay_bounded(code: Code) -> None:
    towns = ", ".join(f"Tarvel{i}" for i in range(25))
    names = ", ".join(f"Ivo Marek{i}" for i in range(25))
    article = code(f"Shelling hit {towns} on Monday, and {names} were killed, officials said.")
    assert len(article.events) <= 3
    for event in article.events:
        assert event.fatalities is None or (event.fatalities.value or 0) <= 1_000_000


def test_a_toll_clause_is_not_cut_off_its_event(code: Code) -> None:
    # A clause that only tells a toll ("five ... were killed") stays with the clause naming the
    # attack, even when each names a place of its own.
    article = code(
        "Five soldiers of the Malian army were killed and seven others wounded in a suicide "
        "attack on a checkpoint in Tarvel."
    )
    assert len(article.events) == 1
    [event] = article.events
    assert event.fatalities is not None and event.fatalities.value == 5
    assert event.injured is not None and event.injured.value == 7


def test_a_toll_that_names_the_attack_before_it_is_that_attacks_toll(code: Code) -> None:
    article = code(
        "Militants detonated a roadside bomb under a police convoy near Tarvel. "
        "The attack killed two policemen and wounded another 16."
    )
    happened = [e for e in article.events if e.status not in ("planned", "hypothetical")]
    first = happened[0]
    assert first.fatalities is not None and first.fatalities.value == 2
    assert first.injured is not None and first.injured.value == 16


def test_a_victim_named_as_shot_after_the_toll_is_not_also_injured(code: Code) -> None:
    # The named victim reaches an event with no toll of its own first; merged into the toll's
    # event, they are the dead victim again.
    article = code(
        "A boy was shot and killed in Tarvel on Monday morning. "
        "Police received a call about a shooting at the house around 11 a.m. "
        "His father said he was asleep when his son was shot."
    )
    first = article.events[0]
    assert first.fatalities is not None and first.fatalities.value == 1
    assert first.injured is None or first.injured.value == 0


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        # Those shot include the dead the toll before named: no one is left injured.
        ("Two brothers were killed in a shooting at a garage in Tarvel on Sunday. "
         "Both were shot several times.", 0),
        # Three shot, one of them the dead: two injured.
        ("A man was killed in a shooting outside a bar in Tarvel on Sunday. "
         "Three people were shot, police said.", 2),
    ],
)  # fmt: skip
def test_a_count_of_the_shot_after_a_toll_includes_the_dead(
    code: Code, text: str, injured: int
) -> None:
    first = code(text).events[0]
    assert first.fatalities is not None and first.fatalities.value >= 1
    assert _value(first.injured) == injured


def _value(count: object) -> int:
    return getattr(count, "value", 0) or 0


def test_a_victim_named_as_shot_in_a_fatal_shooting_is_the_dead(code: Code) -> None:
    first = code(
        "Police are investigating a fatal shooting in Tarvel on Sunday. "
        "Police say Jon Harl was shot in the chest near his home."
    ).events[0]
    assert first.fatalities is not None and first.fatalities.value == 1
    assert _value(first.injured) == 0


def test_attempted_murder_is_no_death(code: Code) -> None:
    first = code(
        "A man was charged with attempted murder after a shooting in Tarvel on Sunday. "
        "Police say Jon Harl was shot in the chest near his home."
    ).events[0]
    assert first.fatalities is None


def test_a_consequence_under_would_or_could_is_hypothetical(code: Code) -> None:
    article = code(
        "Losing the ridge would expose the town's bridges to Russian artillery, analysts said."
    )
    assert [e.status for e in article.events] == ["hypothetical"]


def test_a_headline_placed_at_the_dateline_takes_the_town_its_lead_names(
    code_placed: Code,
) -> None:
    article = code_placed(
        "Three killed as shells hit town market\n\n"
        "KHARKIV, Ukraine, 3 May 2024 (Example Wire) – Three people were killed on Friday when "
        "shells hit the market of Chuhuiv, a town east of Kharkiv, officials said.\n\n"
        "The shells landed near a bus stop and damaged two houses, the governor said.",
        published="2024-05-03",
    )
    shelling = [e for e in article.events if e.sub_event_type.startswith("Shelling")]
    assert len(shelling) == 1
    assert shelling[0].location is not None and shelling[0].location.span.text == "Chuhuiv"
    assert shelling[0].fatalities is not None and shelling[0].fatalities.best == 3
