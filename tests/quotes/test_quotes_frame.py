"""The reporting frame decides what is a quote: a speaker, a reporting verb and a content.

Hand-written sentences with invented names; the real spaCy model parses them.
"""

from __future__ import annotations

from typing import Any

import pytest

from frontwire.config import Config
from frontwire.pipeline import Context
from frontwire.quotes import QuotesStage
from frontwire.records import Article


@pytest.fixture(scope="module")
def run(config: Config, nlp_stage: Any) -> Any:
    stage = QuotesStage(Context(config=config))

    def go(text: str) -> Article:
        return stage.process(nlp_stage.process_batch([Article.new(text)])[0])

    return go


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Tomas Brell believes the bridge will reopen next month.",
        "Colonel Ivo Marek wants the convoy to leave before dawn.",
        "Investigators found a second launcher near the depot.",
        "The council voted for the new curfew on Tuesday.",
        "Senator Lia Korva hopes the talks resume soon.",
    ],
)
def test_belief_wish_finding_and_voting_verbs_are_not_quotes(run: Any, text: str) -> None:
    assert run(text).quotes == ()


@pytest.mark.parametrize(
    "text",
    [
        "Governor Pavel Orlik announced the victory and thanked the troops.",
        "The minister praised the rescue teams on Monday.",
    ],
)
def test_reports_of_actions_are_not_quotes(run: Any, text: str) -> None:
    assert run(text).quotes == ()


def test_an_announcement_with_content_is_a_quote(run: Any) -> None:
    article = run("Governor Pavel Orlik announced that the border crossing had reopened.")
    claim = next(q for q in article.quotes if q.cue and q.cue.text == "announced")
    assert "crossing had reopened" in claim.content.text
    assert claim.speaker is not None and claim.speaker.name == "Pavel Orlik"


def test_a_finding_of_a_report_is_a_claim(run: Any) -> None:
    article = run("A report by the monitoring mission found that the dam had been mined.")
    claim = next(q for q in article.quotes if q.cue and q.cue.text == "found")
    assert "dam had been mined" in claim.content.text
    assert claim.speaker is not None and claim.speaker.kind == "organisation"


def test_reportedly_is_a_hedged_claim_without_a_speaker(run: Any) -> None:
    article = run("Enemy troops reportedly withdrew from the village overnight.")
    claim = next(q for q in article.quotes if q.cue and q.cue.text == "reportedly")
    assert claim.status == "hedged" and claim.speaker is None
    assert "withdrew from the village" in claim.content.text


def test_a_passive_report_has_no_speaker_borrowed_from_the_clause(run: Any) -> None:
    article = run(
        "Fighting continued in the town, and shelling in the port was said to have killed "
        "six civilians."
    )
    claims = [q for q in article.quotes if q.cue and q.cue.text == "said"]
    assert claims and all(q.speaker is None for q in claims)


def test_a_place_described_as_a_place_is_no_speaker(run: Any) -> None:
    article = run(
        "The clashes took place north of Dravenko, the region's second city, where troops "
        "have been pushed back for the past week."
    )
    assert article.quotes == ()


def test_a_capital_speaking_is_its_government(run: Any) -> None:
    article = run("Moscow said the sanctions would fail.")
    claim = next(q for q in article.quotes if q.cue and q.cue.text == "said")
    assert claim.speaker is not None
    assert claim.speaker.kind == "organisation"
    assert claim.speaker.name.startswith("Government of")


def test_a_subjectless_when_asked_is_not_the_cue(run: Any) -> None:
    article = run(
        "When asked about the siege, President Anton Vell admitted that his forces lacked "
        "ammunition."
    )
    cues = {q.cue.text for q in article.quotes if q.cue}
    assert cues == {"admitted"}


def test_according_to_after_the_claim_takes_the_clause_before_it(run: Any) -> None:
    article = run(
        "Water was running out, according to the wives of soldiers left defending the plant."
    )
    claim = next(q for q in article.quotes if q.cue and q.cue.text.startswith("according"))
    assert claim.content.text == "Water was running out"


def test_a_quote_never_runs_over_a_new_attribution(run: Any) -> None:
    article = run(
        "Governor Pavel Orlik spoke on Monday.\n\n"
        "“We are proud of our troops… He wrote on Telegram, “Who raised the flag on the "
        "border!”"
    )
    direct = [q for q in article.quotes if q.kind == "direct"]
    assert [q.content.text for q in direct] == [
        "We are proud of our troops…",
        "Who raised the flag on the border!",
    ]
    assert all(q.speaker is not None and q.speaker.name == "Pavel Orlik" for q in direct)


def test_a_pronoun_outside_quotes_skips_names_inside_the_quotation(run: Any) -> None:
    article = run(
        "Senator Mark Oduya spoke in the capital.\n\n"
        "Oduya said, “I believe Governor Peter Lanik is wrong about the dam.”\n\n"
        "He added, “We will rebuild it this year.”"
    )
    last = next(q for q in article.quotes if "rebuild" in q.content.text)
    assert last.speaker is not None and last.speaker.name == "Mark Oduya"


def test_a_dateline_is_not_a_speaker(run: Any) -> None:
    article = run("KYIV — Officials said the power grid was restored overnight.")
    claim = next(q for q in article.quotes if q.cue and q.cue.text == "said")
    assert claim.speaker is not None and claim.speaker.name != "Government of KYIV"
    assert "Officials" in claim.speaker.name


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("About 4 in 10 say they want the ceasefire to hold.", "About 4 in 10"),
        ("Residents said the water had been cut for three days.", "Residents"),
    ],
)
def test_group_and_survey_speakers_are_kept(run: Any, text: str, speaker: str) -> None:
    claim = next(q for q in run(text).quotes if q.cue is not None)
    assert claim.speaker is not None and claim.speaker.name == speaker


def test_a_headline_name_and_colon_attribute_the_line_but_page_labels_do_not(run: Any) -> None:
    article = run(
        "Varga: The ceasefire will not hold past Friday\n\n"
        "Note: This story was updated with new figures on Monday."
    )
    claims = [q for q in article.quotes if q.cue is not None and q.cue.text == ":"]
    assert len(claims) == 1
    assert claims[0].content.text.startswith("The ceasefire")
    assert claims[0].speaker is not None and "Varga" in claims[0].speaker.name
