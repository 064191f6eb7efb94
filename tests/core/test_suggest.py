"""Registry suggestions: names and aliases found on word boundaries in any case, the
longest where they overlap, minus what is tagged or was rejected."""

from __future__ import annotations

from annotator.core.model import Entity, Label
from annotator.core.suggest import Matcher, Suggestion, open_suggestions, usual_labels

ENTITIES = [Entity(id=1, name="Ali Khamenei", type="Head of state/government",
                   aliases=("Khamenei", "supreme leader", "رهبر")),
            Entity(id=2, name="Iran", aliases=("Tehran", "I")),  # "I": too short to use
            Entity(id=3, name="Кремль")]
TEXT = ("Iran's supreme leader Ali Khamenei met Iranian clerics. KHAMENEI spoke; "
        "Кремль молчал 🇷🇺, رهبر‌ها and رهبر گفت. I agree.")


def found(text: str = TEXT) -> list[tuple[str, int]]:
    return [(s.text, s.entity_id) for s in Matcher.build(ENTITIES).find(text)]


def test_word_boundaries_case_and_the_longest_name() -> None:
    assert found() == [("Iran", 2), ("supreme leader", 1), ("Ali Khamenei", 1),
                       ("KHAMENEI", 1), ("Кремль", 3), ("رهبر", 1)]
    # "Iranian" is no match, nor "رهبر" joined by a ZWNJ to a suffix, nor the letter I.


def test_offsets_are_code_points_past_emoji() -> None:
    text = "🇮🇷👨‍👩‍👧 Khamenei"
    (s,) = Matcher.build(ENTITIES).find(text)
    assert text[s.start:s.end] == "Khamenei" == s.text


def test_tagged_and_rejected_places_are_not_suggested() -> None:
    all_ = Matcher.build(ENTITIES).find(TEXT)
    first, second = all_[0], all_[1]
    left = open_suggestions(all_, len(TEXT), taken=[(first.start, first.end + 3)],
                            rejected=[(second.start, second.end, second.entity_id)])
    assert [s.text for s in left] == ["Ali Khamenei", "KHAMENEI", "Кремль", "رهبر"]


def test_an_empty_registry_suggests_nothing() -> None:
    assert not Matcher.build([]) and Matcher.build([]).find(TEXT) == []


def test_the_usual_label_is_the_most_used_then_the_type() -> None:
    labels = [Label(id=10, layer="actor", name="State/Government"),
              Label(id=11, layer="actor", name="Head of state/government"),
              Label(id=12, layer="actor", name="Media")]
    uses = [(2, 12, 1), (2, 10, 5)]
    assert usual_labels(uses, ENTITIES, labels) == {1: 11, 2: 10, 3: 10}
    assert Suggestion(0, 1, 1, "x") == Suggestion(0, 1, 1, "x")
