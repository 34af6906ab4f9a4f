from hypothesis import given
from hypothesis import strategies as st

from frontwire.offsets import OffsetMap


def apply(original: str, replacements: list[tuple[int, int, str]]) -> str:
    out, last = [], 0
    for start, end, new in replacements:
        out.append(original[last:start])
        out.append(new)
        last = end
    out.append(original[last:])
    return "".join(out)


def test_identity_map_returns_positions_unchanged() -> None:
    m = OffsetMap.identity()
    assert m.is_identity
    assert [m.to_original(i) for i in range(5)] == [0, 1, 2, 3, 4]


def test_deleted_character_is_skipped_by_spans_on_both_sides() -> None:
    # "a\u200bbc" -> "abc": the zero-width space at 1 was deleted.
    m = OffsetMap([(1, 2, 0)])
    assert m.to_original(1, "start") == 2  # a span starting at "b" starts after the ZWSP
    assert m.to_original(1, "end") == 1  # a span ending before "b" ends before the ZWSP
    assert m.to_repaired(3) == 2


def test_span_inside_a_replacement_widens_to_the_whole_replacement() -> None:
    # "xÃ©y" -> "xéy": two characters became one.
    m = OffsetMap([(1, 3, 1)])
    assert (m.to_original(1, "start"), m.to_original(2, "end")) == (1, 3)
    assert (m.to_repaired(2, "start"), m.to_repaired(2, "end")) == (1, 2)


def test_overlapping_replacements_are_refused() -> None:
    try:
        OffsetMap([(0, 3, 1), (2, 4, 1)])
    except ValueError:
        return
    raise AssertionError("overlap accepted")


@st.composite
def edited_texts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    original = draw(st.text(alphabet="abcdefgh ", min_size=0, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(original)), max_size=10)))
    replacements, last = [], 0
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a < last:
            continue
        new = draw(st.text(alphabet="XYZ", max_size=3))
        replacements.append((a, b, new))
        last = b if b > a else a + 1  # keep regions disjoint, including insertions
    return original, replacements


@given(edited_texts())
def test_unchanged_text_maps_exactly_both_ways(
    case: tuple[str, list[tuple[int, int, str]]],
) -> None:
    original, replacements = case
    repaired = apply(original, replacements)
    m = OffsetMap((a, b, len(new)) for a, b, new in replacements)
    # Every character outside a replaced region maps to the same character on the other side.
    regions = [(a, b) for a, b, _ in replacements]
    for pos, ch in enumerate(original):
        if any(a <= pos < b for a, b in regions):
            continue
        r = m.to_repaired(pos)
        assert repaired[r] == ch
        assert m.to_original(r) == pos
    # Every non-empty span maps to an ordered span within the original text.
    for start in range(len(repaired)):
        for end in range(start + 1, len(repaired) + 1):
            o_start, o_end = m.to_original(start, "start"), m.to_original(end, "end")
            assert 0 <= o_start <= o_end <= len(original)
