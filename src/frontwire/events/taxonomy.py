"""ACLED's event taxonomy, the CASE 2021 labels that name it, and the CAMEO code of each type.

ACLED (codebook 2023): 25 sub-event types under 6 event types under 3 disorder types. The CASE
2021 task 2 labels are ACLED's sub-event types in short form, plus five that are not ACLED
events (organised crime, disasters, diplomacy, attributions); a sentence given one of those is
not coded as an ACLED event. The CAMEO code of each sub-type is our reading of the CAMEO 1.1b3
manual; its PLOVER event/mode/context then come from the CAMEO-to-PLOVER crosswalk
(:mod:`frontwire.events.plover`), so the two vocabularies never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC = "Strategic developments"


@dataclass(frozen=True, slots=True)
class SubType:
    """One ACLED sub-event type."""

    label: str  # the CASE 2021 label
    sub_event_type: str
    event_type: str
    disorder_type: str
    cameo: str | None  # CAMEO code whose crosswalk entry gives the PLOVER event/mode/context


_B, _E, _V = "Battles", "Explosions/Remote violence", "Violence against civilians"
_P, _R, _S = "Protests", "Riots", "Strategic developments"
SUB_TYPES: tuple[SubType, ...] = (
    SubType("ARMED_CLASH", "Armed clash", _B, POLITICAL_VIOLENCE, "193"),
    SubType("GOV_REGAINS_TERIT", "Government regains territory", _B, POLITICAL_VIOLENCE, "192"),
    SubType(
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "Non-state actor overtakes territory",
        _B,
        POLITICAL_VIOLENCE,
        "192",
    ),
    SubType("CHEM_WEAP", "Chemical weapon", _E, POLITICAL_VIOLENCE, "2041"),
    SubType("AIR_STRIKE", "Air/drone strike", _E, POLITICAL_VIOLENCE, "195"),
    SubType("SUIC_BOMB", "Suicide bomb", _E, POLITICAL_VIOLENCE, "1831"),
    SubType("ART_MISS_ATTACK", "Shelling/artillery/missile attack", _E, POLITICAL_VIOLENCE, "194"),
    SubType("REM_EXPLOS", "Remote explosive/landmine/IED", _E, POLITICAL_VIOLENCE, "1833"),
    SubType("GRENADE", "Grenade", _E, POLITICAL_VIOLENCE, "183"),
    SubType("SEX_VIOL", "Sexual violence", _V, POLITICAL_VIOLENCE, "1821"),
    SubType("ATTACK", "Attack", _V, POLITICAL_VIOLENCE, "180"),
    SubType("ABDUCT_DISSAP", "Abduction/forced disappearance", _V, POLITICAL_VIOLENCE, "181"),
    SubType("PEACE_PROTEST", "Peaceful protest", _P, DEMONSTRATIONS, "141"),
    SubType("PROTEST_WITH_INTER", "Protest with intervention", _P, DEMONSTRATIONS, "141"),
    SubType(
        "FORCE_AGAINST_PROTEST", "Excessive force against protesters", _P, DEMONSTRATIONS, "175"
    ),
    SubType("VIOL_DEMONSTR", "Violent demonstration", _R, DEMONSTRATIONS, "145"),
    SubType("MOB_VIOL", "Mob violence", _R, DEMONSTRATIONS, "145"),
    SubType("AGREEMENT", "Agreement", _S, STRATEGIC, "057"),
    SubType("ARREST", "Arrests", _S, STRATEGIC, "173"),
    SubType("CHANGE_TO_GROUP_ACT", "Change to group/activity", _S, STRATEGIC, None),
    SubType("DISR_WEAP", "Disrupted weapons use", _S, STRATEGIC, "171"),
    SubType("HQ_ESTABLISHED", "Headquarters or base established", _S, STRATEGIC, "154"),
    SubType("PROPERTY_DISTRUCT", "Looting/property destruction", _S, STRATEGIC, "1712"),
    SubType("NON_VIOL_TERRIT_TRANSFER", "Non-violent transfer of territory", _S, STRATEGIC, "0874"),
    SubType("OTHER", "Other", _S, STRATEGIC, None),
)
BY_LABEL: dict[str, SubType] = {s.label: s for s in SUB_TYPES}
BY_NAME: dict[str, SubType] = {s.sub_event_type: s for s in SUB_TYPES}

#: CASE 2021 labels that are not ACLED events: a sentence given one is not coded.
NOT_ACLED: frozenset[str] = frozenset(
    {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}
)

#: ACLED's event type of each CASE label (the five extra labels map to themselves), for scoring.
EVENT_TYPE_OF_LABEL: dict[str, str] = {
    **{s.label: s.event_type for s in SUB_TYPES},
    **{label: label for label in NOT_ACLED},
}

#: Event types whose events ACLED counts fatalities for and merges by actors, day and place.
VIOLENT_EVENT_TYPES: frozenset[str] = frozenset({_B, _E, _V, _R})
