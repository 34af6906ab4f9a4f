"""Event types and sub-types: every ACLED sub-type reachable, the tie-breaks, and what is not an
event (hand-written reports, the real parse and the shipped models)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from frontwire.events.classifier import explosive_label, weapon_mask
from frontwire.records import Article

Code = Callable[..., Article]


def _subs(article: Article) -> list[str]:
    return [e.sub_event_type for e in article.events if e.status not in ("denied", "planned")]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Hundreds of teachers marched peacefully through Velgrad on Saturday.",
         "Peaceful protest"),
        (
            "Police dispersed a protest by farmers in Velgrad and detained twelve demonstrators.",
            "Excessive force against protesters",
        ),
        ("Looters ransacked shops in the market of Velgrad after the army withdrew.",
         "Looting/property destruction"),
        ("Police arrested five members of the armed group in Velgrad on Monday.", "Arrests"),
        ("Gunmen abducted three aid workers on the road to Velgrad.",
         "Abduction/forced disappearance"),
        ("Militia fighters burned down houses in the village of Velgrad.",
         "Looting/property destruction"),
        ("The two parties signed a peace agreement in Velgrad on Friday.", "Agreement"),
        ("The rebels established a new headquarters in Velgrad.",
         "Headquarters or base established"),
        ("Two rebel factions merged into a new alliance in Velgrad.", "Change to group/activity"),
        ("The armed group handed over control of Velgrad to the army under the agreement.",
         "Non-violent transfer of territory"),
        ("Security forces raped several women during a raid on Velgrad.", "Sexual violence"),
        ("A mob lynched a man accused of theft in Velgrad.", "Mob violence"),
        ("Protesters threw stones at police in Velgrad, who fired tear gas.",
         "Violent demonstration"),
    ],
)  # fmt: skip
def test_non_battle_sub_types_are_reachable(code: Code, text: str, sub: str) -> None:
    assert _subs(code(text)) == [sub]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Government forces recaptured the town of Velgrad from the rebels.",
         "Government regains territory"),
        ("Rebels seized control of Velgrad after government troops fled.",
         "Non-state actor overtakes territory"),
        ("The town of Velgrad fell to the rebels on Tuesday after days of fighting.",
         "Non-state actor overtakes territory"),
    ],
)  # fmt: skip
def test_who_took_a_place_decides_between_the_two_territory_types(
    code: Code, text: str, sub: str
) -> None:
    assert _subs(code(text))[:1] == [sub]


def test_a_ceasefire_monitors_tally_of_explosions_is_shelling(code: Code) -> None:
    article = code("Ceasefire monitors said observers recorded 40 explosions near Velgrad.")
    assert _subs(article) == ["Shelling/artillery/missile attack"]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # A bomb that went off: remote violence whatever else the sentence says.
        ("Two bombs exploded in Velgrad, causing damage to buildings but no casualties.",
         "Remote explosive/landmine/IED"),
        ("The group claimed responsibility for a car bombing in Velgrad that killed 10 people.",
         "Remote explosive/landmine/IED"),
        ("A bomb attack struck a mosque in Velgrad after Friday prayers.",
         "Remote explosive/landmine/IED"),
        # A bomb made safe is disrupted weapons use.
        ("Soldiers defused a roadside bomb on the road to Velgrad.", "Disrupted weapons use"),
        # Deliberate killings in the words incident lists use.
        ("Islamic State executed 12 civilians in Velgrad for refusing to join the group.",
         "Attack"),
        ("The mayor of Velgrad was assassinated by armed men on Monday.", "Attack"),
    ],
)  # fmt: skip
def test_the_weapon_named_decides_the_kind_of_violence(code: Code, text: str, sub: str) -> None:
    assert _subs(code(text))[:1] == [sub]


@pytest.mark.parametrize(
    "text",
    [
        "Terrorists shot and wounded a teacher in Velgrad on Monday.",
        "A man was shot dead outside a bar in Velgrad on Saturday night.",
        "Police found shell casings in the street after the shooting in Velgrad.",
        "A gunman opened fire at a protest in Velgrad, killing two demonstrators.",
        "The shooting happened hours after the two sides agreed to a truce in Velgrad.",
    ],
)
def test_a_shooting_is_an_attack_not_shelling_protest_agreement_or_seizure(
    code: Code, text: str
) -> None:
    assert _subs(code(text)) == ["Attack"]


@pytest.mark.parametrize(
    "text",
    [
        "Nobody was detained after the march in Velgrad.",
        "Officers executed a search warrant at a house in Velgrad.",
        "A gas explosion at a factory in Velgrad killed three workers.",
    ],
)
def test_negated_harm_loose_words_and_accidents_are_not_acled_events(code: Code, text: str) -> None:
    assert _subs(code(text)) == []


def test_page_furniture_around_a_report_is_no_event(code: Code) -> None:
    article = code(
        "Home | World | Politics | Sport\n\n"
        "A man was shot outside his home in Velgrad on Saturday night.\n\n"
        "Related: Police arrest suspect in Ostrava bank robbery"
    )
    assert _subs(article) == ["Attack"]


@pytest.mark.parametrize(
    ("text", "allowed", "barred"),
    [
        ("Terrorists shot at and injured a teacher.", {"ATTACK"}, {"GRENADE", "REM_EXPLOS"}),
        ("A bomb attack struck a mosque.", {"REM_EXPLOS"}, {"ATTACK", "ARMED_CLASH"}),
        ("Gunmen opened fire and threw a grenade.", {"ATTACK", "GRENADE"}, set()),
        ("Police found shell casings.", {"ATTACK"}, {"ART_MISS_ATTACK"}),
    ],
)
def test_weapon_mask_keeps_labels_the_named_weapons_allow(
    text: str, allowed: set[str], barred: set[str]
) -> None:
    labels = sorted(allowed | barred)
    mask = dict(zip(labels, weapon_mask(text, labels), strict=True))
    assert all(mask[label] for label in allowed)
    assert not any(mask[label] for label in barred)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("a suicide bomber blew himself up", "SUIC_BOMB"),
        ("a bomb was found on the plane", "REM_EXPLOS"),
        ("militants fired rocket-propelled grenades", "ART_MISS_ATTACK"),
        ("a hand grenade was thrown", "GRENADE"),
        ("an air strike hit the depot", "AIR_STRIKE"),
        ("a gas explosion", None),
    ],
)
def test_explosive_label_names_the_most_specific_weapon(text: str, label: str | None) -> None:
    assert explosive_label(text) == label


def test_a_hijacking_with_no_one_killed_is_an_abduction(code: Code) -> None:
    article = code("Four armed men hijacked a passenger plane flying to Velgrad on Monday.")
    assert _subs(article)[:1] == ["Abduction/forced disappearance"]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("A suicide car bomb struck an army convoy near Velgrad, killing one soldier.",
         "Suicide bomb"),
        ("A woman detonated her explosive belt in a market in Velgrad, killing 30.",
         "Suicide bomb"),
        ("A bomb went off in the centre of Velgrad, killing seven people.",
         "Remote explosive/landmine/IED"),
    ],
)  # fmt: skip
def test_a_suicide_bombing_needs_its_bomber_named(code: Code, text: str, sub: str) -> None:
    assert _subs(code(text))[:1] == [sub]


def test_a_protest_needs_protesters_named(code: Code) -> None:
    occupied = code(
        "Vovchansk, a town of 17,000 people, was occupied by Russian troops from March to "
        "September 2022, when Ukrainian forces recaptured it."
    )
    banned = code("The UN said strikes on markets and other civilian sites were banned by law.")
    for article in (occupied, banned):
        assert not any("protest" in e.sub_event_type.lower() for e in article.events)
    rally = code("Hundreds of students protested outside parliament on Monday, demanding a vote.")
    assert [e.sub_event_type for e in rally.events] == ["Peaceful protest"]
