"""Proofs: PNGs of both sheet sides and every panel, at the size the fold and resolution imply; guides on the folds."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PIL import Image

from leafletpress.fold import FOLDS
from leafletpress.fold.sheet import PrintShop
from leafletpress.look.files import read_proof_info
from leafletpress.look.proof import GUIDE_COLOURS, ProofJob, make_proofs
from leafletpress.options import ProofOptions
from leafletpress.outputs import proof_folder

from .helpers import SEED, SEED_TEAM

FOLD = FOLDS["a4-roll-trifold"]
SHOP = PrintShop()
SLUG_MM = SHOP.slug
DPI = 72  # small and quick; sizes are checked against the fold, whatever the resolution


def px(mm: float, dpi: int = DPI) -> float:
    return mm / 25.4 * dpi


@pytest.fixture(scope="module")
def proofs(seed_build: Path, tmp_path_factory) -> Path:
    """Proofs with guides of the seed edition; returns the proof folder."""
    out = tmp_path_factory.mktemp("proofs")
    job = ProofJob(SEED_TEAM, SEED, str(seed_build), str(out), FOLD, ProofOptions(dpi=DPI, guides=True))
    [result] = make_proofs([job])
    assert result.status == "made" and result.first
    return proof_folder(out, SEED_TEAM, SEED)


def test_a_sheet_proof_is_the_whole_sheet_with_its_slug_at_the_resolution(proofs: Path):
    for side in FOLD.sides:
        with Image.open(proofs / f"{side}.png") as image:
            assert image.size == (math.ceil(px(FOLD.sheet_width + 2 * SLUG_MM)), math.ceil(px(FOLD.sheet_height + 2 * SLUG_MM)))


def test_every_panel_has_a_proof_the_size_of_its_trimmed_panel(proofs: Path):
    for panel in FOLD.panels:
        with Image.open(proofs / f"panel-{panel.name}.png") as image:
            width, height = image.size
        assert abs(width - px(panel.width)) <= 1, panel.name
        assert abs(height - px(FOLD.sheet_height)) <= 1, panel.name


def test_the_cover_panel_proof_shows_the_cover_not_its_neighbour(proofs: Path):
    # The seed's cover is a full-bleed brand colour; the back panel beside it is a light tint.
    with Image.open(proofs / "panel-cover.png") as cover, Image.open(proofs / "panel-back.png") as back:
        assert cover.convert("L").resize((1, 1), Image.BOX).getpixel((0, 0)) < 160
        assert back.convert("L").resize((1, 1), Image.BOX).getpixel((0, 0)) > 200


def _columns_with(image: Image.Image, colour: tuple[int, int, int], minimum: int) -> list[int]:
    """x of every pixel column holding at least `minimum` pixels of exactly this colour."""
    width, height = image.size
    pixels = image.load()
    return [x for x in range(width) if sum(1 for y in range(height) if pixels[x, y] == colour) >= minimum]


@pytest.mark.parametrize("side", FOLD.sides)
def test_fold_guides_are_where_the_fold_says(proofs: Path, side: str):
    with Image.open(proofs / f"{side}-guides.png") as image:
        columns = _columns_with(image.convert("RGB"), GUIDE_COLOURS["fold"], minimum=int(px(FOLD.sheet_height) / 4))
    expected = [px(SLUG_MM + x) for x in FOLD.folds_on(side)]
    assert len(columns) == len(expected) == 2
    for column, x in zip(columns, expected, strict=True):
        assert abs(column - x) <= 1, (side, columns, expected)


def test_trim_and_bleed_guides_frame_the_sheet(proofs: Path):
    with Image.open(proofs / "outside-guides.png") as image:
        image = image.convert("RGB")
        trim = _columns_with(image, GUIDE_COLOURS["trim"], minimum=int(px(FOLD.sheet_height) / 2))
        bleed = _columns_with(image, GUIDE_COLOURS["bleed"], minimum=int(px(FOLD.sheet_height) / 2))
    assert abs(trim[0] - px(SLUG_MM)) <= 1 and abs(trim[-1] - px(SLUG_MM + FOLD.sheet_width)) <= 1
    assert abs(bleed[0] - px(SLUG_MM - SHOP.bleed)) <= 1 and abs(bleed[-1] - px(SLUG_MM + FOLD.sheet_width + SHOP.bleed)) <= 1


def test_the_proof_without_guides_has_no_guide_colour(proofs: Path):
    with Image.open(proofs / "outside.png") as image:
        assert _columns_with(image.convert("RGB"), GUIDE_COLOURS["fold"], minimum=10) == []


def test_an_unchanged_pdf_is_not_proofed_again(proofs: Path, seed_build: Path):
    out = proofs.parent.parent.parent
    before = {p.name: p.stat().st_mtime_ns for p in proofs.iterdir()}
    job = ProofJob(SEED_TEAM, SEED, str(seed_build), str(out), FOLD, ProofOptions(dpi=DPI, guides=True))
    [result] = make_proofs([job])
    assert result.status == "unchanged"
    assert {p.name: p.stat().st_mtime_ns for p in proofs.iterdir()} == before
    info = read_proof_info(proofs)
    assert info["dpi"] == DPI and info["sides"] == list(FOLD.sides)


def test_cli_build_makes_proofs_and_the_index_by_default_and_reports_their_cost(project: Path):
    from click.testing import CliRunner

    from leafletpress.cli import main

    args = ["-C", str(project), "build", "-c", SEED, "-t", SEED_TEAM, "-j", "1", "--dpi", "40"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "proofs: 1 made, 0 unchanged" in result.output and "s per edition" in result.output
    assert (project / "build" / "index.html").is_file()
    assert (proof_folder(project / "build", SEED_TEAM, SEED) / "outside.png").is_file()

    result = CliRunner().invoke(main, [*args, "--no-proofs"])
    assert result.exit_code == 0, result.output
    assert "proofs:" not in result.output and "contact sheet:" in result.output
