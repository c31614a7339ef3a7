"""The folded preview: the views a patient meets, in order, derived from the fold's data alone."""

from __future__ import annotations

from leafletpress.fold import FOLDS, Fold, Panel
from leafletpress.look.folded import reverse, views


def _fold(name: str, width: float, panels: list[tuple[str, str, str, float, float]]) -> Fold:
    sides = ("outside", "inside")
    return Fold(name, name, "", "custom", width, 210, sides, tuple(Panel(*p) for p in panels), ((), ()))


def test_the_roll_fold_opens_cover_then_flap_then_the_inside_spread_then_the_back():
    found = views(FOLDS["a4-roll-trifold"])
    assert [(v.key, v.panels) for v in found] == [
        ("closed", ("cover",)),
        ("opened", ("inside-left", "flap")),  # the back of the cover, left; the flap that folded in, right
        ("spread", ("inside-left", "inside-middle", "inside-right")),
        ("back", ("back",)),
    ]
    assert found[1].caption == "Opened: flap, beside the back of the cover"


def test_the_views_follow_the_data_of_another_fold_not_panel_names():
    # A bifold with made-up names: no flap on the cover's side, so the cover opens straight onto the spread.
    bifold = _fold(
        "bifold",
        210,
        [
            ("front", "cover", "outside", 105, 105),
            ("l", "body", "inside", 0, 105),
            ("r", "body", "inside", 105, 105),
            ("rear", "back", "outside", 0, 105),
        ],
    )
    assert [(v.key, v.panels) for v in views(bifold)] == [
        ("closed", ("front",)),
        ("spread", ("l", "r")),
        ("back", ("rear",)),
    ]
    assert reverse(bifold, bifold.cover).name == "l"  # mirrored: the right of the outside is the left of the inside


def test_a_fold_with_two_spreads_numbers_its_views():
    gate = _fold(
        "two-runs",
        300,
        [
            ("c", "cover", "outside", 200, 100),
            ("a", "body", "inside", 0, 100),
            ("f", "body", "outside", 0, 100),
            ("b", "body", "inside", 100, 200),
            ("k", "back", "outside", 100, 100),
        ],
    )
    assert [v.key for v in views(gate)] == ["closed", "spread", "opened", "spread-2", "back"]
