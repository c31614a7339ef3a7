"""Every fold, measured in the PDFs it makes: boxes, panels, fold marks, safe margin, duplex, reading order.

The seed leaflet is built once per fold per session (print and screen, no proofs), in each
built-in fold and in the fold that exists only in tests/fixtures/folds/roll-4.yaml. Where the
seed does not fit (the A5 bifold), the build must say which section and by how much, and the
geometry is measured on a shorter leaflet built beside it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

import leafletpress
from leafletpress.fold import FOLDS, Fold
from leafletpress.fold.sheet import MARK_LENGTH_MM, Marks, PrintShop
from leafletpress.report import Report

from .helpers import MM_PER_PT, REPO, SEED, SEED_TEAM, box_mm, copy_project

ROLL4 = REPO / "tests" / "fixtures" / "folds" / "roll-4.yaml"
FOLD_NAMES = [*FOLDS, "roll-4"]
SHORT = "kort"  # the seed without its longest shared section, for folds the whole seed does not fit
TOO_LONG = {
    "a4-bifold": "leaflets/conditions/lage-rugklachten.yaml:32: 'De behandeling' does not fit: the text needs 3 body panels, the bifold has 2"
}
SHOP = PrintShop()  # the sample project's print settings: leafletpress's defaults


@dataclass
class FoldBuild:
    fold: Fold
    report: Report
    root: Path
    condition: str  # the edition whose PDFs are measured

    def pdf(self, kind: str = "print") -> Path:
        return self.root / "build" / kind / SEED_TEAM / f"{self.condition}.pdf"


def build_in(root: Path, fold: str, print_settings: str = "") -> Report:
    """The seed (and where it does not fit, the short seed) built in a fold, print and screen, no proofs."""
    if not (FOLDS.get(fold)):
        shutil.copy(ROLL4, root / "leaflets" / "folds.yaml")
    project = root / "leaflets" / "project.yaml"
    text = (
        project.read_text("utf-8")
        .replace("fold: a4-roll-trifold", f"fold: {fold}")
        .replace("print:\n", "print:\n" + print_settings)
    )
    project.write_text(text, "utf-8")
    seed = (root / "leaflets" / "conditions" / f"{SEED}.yaml").read_text("utf-8")
    (root / "leaflets" / "conditions" / f"{SHORT}.yaml").write_text(seed.replace("  - use: werkwijze\n", ""), "utf-8")
    conditions = [SEED, SHORT] if fold in TOO_LONG else [SEED]
    return leafletpress.build(root, conditions=conditions, teams=[SEED_TEAM], jobs=1, proofs=None, index=False)


@pytest.fixture(scope="session", params=FOLD_NAMES)
def built(request, tmp_path_factory) -> FoldBuild:
    root = copy_project(tmp_path_factory.mktemp(request.param))
    report = build_in(root, request.param)
    fold = FOLDS.get(request.param) or leafletpress.list_editions(root)[0].folds.folds[request.param]
    return FoldBuild(fold, report, root, SHORT if request.param in TOO_LONG else SEED)


def test_the_seed_builds_in_the_fold_or_names_the_section_that_does_not_fit(built: FoldBuild):
    seed = next(r for r in built.report.results if r.condition == SEED)
    if built.fold.name not in TOO_LONG:
        assert seed.status == "built", [str(p) for p in built.report.problems]
        assert not [p for p in built.report.problems if p.is_error]
        return
    assert seed.status == "failed"
    [problem] = [str(p) for p in seed.problems]
    assert re.fullmatch(re.escape(TOO_LONG[built.fold.name]) + r" \(about \d+ mm too long\) \(shorten the text, .*\)", problem)
    assert next(r for r in built.report.results if r.condition == SHORT).status == "built"


def test_page_boxes_are_the_sheet_with_the_asked_bleed_and_room_for_the_marks(built: FoldBuild):
    pages = PdfReader(built.pdf()).pages
    assert len(pages) == len(built.fold.sides) == 2
    for page in pages:
        trim, bleed, media = box_mm(page.trimbox), box_mm(page.bleedbox), box_mm(page.mediabox)
        assert trim == pytest.approx((SHOP.slug, SHOP.slug, built.fold.sheet_width, built.fold.sheet_height), abs=0.1)
        assert bleed == pytest.approx((trim[0] - 3, trim[1] - 3, trim[2] + 6, trim[3] + 6), abs=0.1)
        assert media == pytest.approx((0, 0, trim[2] + 2 * SHOP.slug, trim[3] + 2 * SHOP.slug), abs=0.1)


def flat(pairs) -> list[float]:
    return [value for pair in pairs for value in pair]


def placed_forms(pdf: Path, number: int) -> list[tuple[float, float]]:
    """Each panel form on a sheet side as (left, right) in mm from the trim's left edge: where it is placed, its BBox."""
    reader = PdfReader(pdf)
    page = reader.pages[number]
    left = float(page.trimbox.left)
    xobjects = page["/Resources"].get_object()["/XObject"]
    placed, offset = [], 0.0
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"cm":
            offset = float(operands[4])
        elif operator == b"Do":
            x0, _, x1, _ = (float(v) for v in xobjects[operands[0]].get_object()["/BBox"])
            placed.append(((offset + min(x0, x1) - left) * MM_PER_PT, (offset + max(x0, x1) - left) * MM_PER_PT))
    return sorted(placed)


def used_panels(built: FoldBuild) -> set[str]:
    """The panels with text: all but the body panels after the text ended (the screen edition leaves those out)."""
    screen_pages = len(PdfReader(built.pdf("screen")).pages)
    body_used = screen_pages - 2
    return {built.fold.cover.name, built.fold.back.name, *(p.name for p in built.fold.body[:body_used])}


def test_each_panel_is_placed_where_the_fold_puts_it_bleeding_only_at_the_sheets_edges(built: FoldBuild):
    """Every panel, an empty one after the text ended too (it carries the background)."""
    fold = built.fold
    for number, side in enumerate(fold.sides):
        expected = []
        for panel in fold.panels_on(side):
            bleed = fold.bleed_sides(panel, SHOP.bleed)
            expected.append((panel.x - bleed["left"], panel.x + panel.width + bleed["right"]))
        assert flat(placed_forms(built.pdf(), number)) == pytest.approx(flat(expected), abs=0.1), side


def strokes(pdf: Path, number: int) -> tuple[list[tuple], list[tuple]]:
    """The sheet's own lines (not the panels'): solid ones and dashed ones, in mm from the trim's lower-left corner."""
    reader = PdfReader(pdf)
    page = reader.pages[number]
    left, bottom = float(page.trimbox.left), float(page.trimbox.bottom)
    solid, dashed, dash, start = [], [], False, None
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"d":
            dash = bool(operands[0])
        elif operator == b"m":
            start = (float(operands[0]), float(operands[1]))
        elif operator == b"l":
            end = (float(operands[0]), float(operands[1]))
            line = tuple(round(v * MM_PER_PT, 2) for v in (start[0] - left, start[1] - bottom, end[0] - left, end[1] - bottom))
            (dashed if dash else solid).append(line)
    return solid, dashed


def test_fold_marks_are_where_the_fold_data_puts_its_lines_and_crop_marks_at_the_corners(built: FoldBuild):
    fold = built.fold
    near, far = SHOP.mark_offset, SHOP.mark_offset + MARK_LENGTH_MM
    for number, side in enumerate(fold.sides):
        solid, dashed = strokes(built.pdf(), number)
        assert sorted({line[0] for line in dashed}) == pytest.approx(fold.folds_on(side), abs=0.1), side
        for x in fold.folds_on(side):  # one above and one below the trim, clear of the bleed
            ys = sorted((min(y0, y1), max(y0, y1)) for x0, y0, _, y1 in dashed if abs(x0 - x) < 0.1)
            assert flat(ys) == pytest.approx([-far, -near, fold.sheet_height + near, fold.sheet_height + far], abs=0.1)
        assert len(solid) == 8  # a horizontal and a vertical crop mark at each corner
        corners = {(x, y) for x in (0, fold.sheet_width) for y in (0, fold.sheet_height)}
        for x0, y0, x1, y1 in solid:
            ends = {(x0, y0), (x1, y1)}
            nearest = min(abs(ax - cx) + abs(ay - cy) for ax, ay in ends for cx, cy in corners)
            assert nearest == pytest.approx(near, abs=0.1)


def words(pdf: Path, number: int, slug: float) -> list[tuple[str, float, float, float, float]]:
    """Every word poppler finds on a sheet side, as (text, x0, y0, x1, y1) in mm from the trim's top-left corner."""
    html = subprocess.run(
        ["pdftotext", "-f", str(number + 1), "-l", str(number + 1), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = []
    for match in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html):
        x0, y0, x1, y1 = (float(v) * MM_PER_PT - slug for v in match.groups()[:4])
        found.append((match.group(5), x0, y0, x1, y1))
    return found


def panel_at(fold: Fold, side: str, x: float):
    return next(p for p in fold.panels_on(side) if p.x <= x < p.x + p.width)


def test_all_text_stays_inside_its_panel_less_the_safe_margin(built: FoldBuild):
    fold, safe = built.fold, SHOP.safe_margin
    for number, side in enumerate(fold.sides):
        found = words(built.pdf(), number, SHOP.slug)
        assert found, side
        for text, x0, y0, x1, y1 in found:
            panel = panel_at(fold, side, (x0 + x1) / 2)
            assert panel.x + safe <= x0 and x1 <= panel.x + panel.width - safe, (side, panel.name, text, x0, x1)
            assert safe <= y0 and y1 <= fold.sheet_height - safe, (side, panel.name, text, y0, y1)


def test_each_panels_text_is_printed_on_the_back_of_the_panel_the_fold_names(built: FoldBuild):
    """Duplex: a word's place on one side, the sheet turned over as the fold says, lands on the panel `behind` names."""
    fold = built.fold
    assert fold.duplex == "turn"
    checked = set()
    for number, side in enumerate(fold.sides):
        other = fold.other_side(side)
        for _, x0, _, x1, _ in words(built.pdf(), number, SHOP.slug):
            panel = panel_at(fold, side, (x0 + x1) / 2)
            behind = panel_at(fold, other, fold.turned((x0 + x1) / 2))
            assert behind.name == panel.behind == fold.behind(panel).name, (side, panel.name, behind.name)
            checked.add(panel.name)
    assert checked == used_panels(built)  # every panel with a page was measured, on both sides of the sheet


def test_the_cover_title_and_the_back_land_on_their_panels(built: FoldBuild):
    fold = built.fold
    for panel, needle in ((fold.cover, "Langdurige"), (fold.back, "informatie?")):
        number = fold.sides.index(panel.side)
        found = [w for w in words(built.pdf(), number, SHOP.slug) if w[0] == needle]
        assert found and panel_at(fold, panel.side, (found[0][1] + found[0][3]) / 2) == panel, needle


def test_the_screen_edition_reads_in_the_folds_order(built: FoldBuild):
    fold, reader = built.fold, PdfReader(built.pdf("screen"))
    order = [p for p in fold.panels if p.name in used_panels(built)]
    assert [box_mm(page.mediabox)[2] for page in reader.pages] == pytest.approx([p.width for p in order], abs=0.1)
    assert all(box_mm(page.mediabox)[3] == pytest.approx(fold.sheet_height, abs=0.1) for page in reader.pages)
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert "Langdurige" in texts[0] and "Meer informatie?" in texts[-1]
    assert texts[1].startswith("Aandoening")  # the body starts on the first body panel of the reading order


@pytest.fixture(scope="session", params=["marks: none, bleed 2", "marks: crop, offset 4"])
def shop_build(request, tmp_path_factory) -> tuple[Path, PrintShop, Fold]:
    """The seed in the gate fold, for a shop that wants no marks and 2 mm bleed, and one that wants crop marks only."""
    settings, shop = {
        "marks: none, bleed 2": ("  bleed: 2\n  marks: none\n", PrintShop(bleed=2, marks=Marks.NONE)),
        "marks: crop, offset 4": ("  marks: crop\n  mark_offset: 4\n", PrintShop(marks=Marks.CROP, mark_offset=4)),
    }[request.param]
    root = copy_project(tmp_path_factory.mktemp("shop"))
    report = build_in(root, "a4-gatefold", settings)
    assert report.exit_code == 0, [str(p) for p in report.problems]
    return root / "build" / "print" / SEED_TEAM / f"{SEED}.pdf", shop, FOLDS["a4-gatefold"]


def test_the_boxes_follow_the_shops_bleed_and_marks(shop_build):
    pdf, shop, fold = shop_build
    for page in PdfReader(pdf).pages:
        trim, bleed, media = box_mm(page.trimbox), box_mm(page.bleedbox), box_mm(page.mediabox)
        assert bleed == pytest.approx(
            (trim[0] - shop.bleed, trim[1] - shop.bleed, trim[2] + 2 * shop.bleed, trim[3] + 2 * shop.bleed), abs=0.05
        )
        if shop.marks == "none":
            assert media == pytest.approx(bleed, abs=0.01)  # MediaBox = BleedBox: the page ends at the bleed
        else:
            assert trim[0] == pytest.approx(shop.mark_offset + MARK_LENGTH_MM + 1, abs=0.05)


def test_with_no_marks_nothing_is_drawn_outside_the_bleed_and_crop_means_no_fold_marks(shop_build):
    pdf, shop, fold = shop_build
    for number, _side in enumerate(fold.sides):
        solid, dashed = strokes(pdf, number)
        assert dashed == []
        assert len(solid) == (0 if shop.marks == "none" else 8)
    if shop.marks == "none":  # Ghostscript's own view of what the pages draw: all of it inside the bleed box
        result = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=bbox", str(pdf)], capture_output=True, text=True)
        boxes = re.findall(r"%%HiResBoundingBox: ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)", result.stderr)
        media = box_mm(PdfReader(pdf).pages[0].mediabox)
        assert len(boxes) == 2
        for box in boxes:
            x0, y0, x1, y1 = (float(v) * MM_PER_PT for v in box)
            assert x0 >= -0.01 and y0 >= -0.01 and x1 <= media[2] + 0.01 and y1 <= media[3] + 0.01


def test_the_sample_prints_its_long_leaflet_as_a_leporello_and_preflight_checks_each_pdf_in_its_fold(sample_build):
    root, report = sample_build
    assert report.exit_code == 0, [str(p) for p in report.problems]
    hernia = PdfReader(root / "build" / "print" / "fysiofits" / "hernia.pdf").pages[0]
    assert box_mm(hernia.trimbox)[2:] == pytest.approx((396, 210), abs=0.1)
    reports = leafletpress.preflight(root)
    assert len(reports) == len(report.results) == 23  # the Arabic one against its fold's mirror image
    assert [f"{r.path}: {f}" for r in reports for f in r.errors] == []


def test_proofs_guides_and_the_contact_sheet_follow_the_fold_and_the_shop(shop_build, tmp_path):
    """The gate fold's proofs: the sheet with the shop's paper round it, its panels cropped, its folds guided."""
    from PIL import Image

    from leafletpress.look.contact_sheet import render_index
    from leafletpress.look.files import read_proof_info
    from leafletpress.look.proof import GUIDE_COLOURS, ProofJob, make_proofs
    from leafletpress.options import ProofOptions
    from leafletpress.outputs import proof_folder

    pdf, shop, fold = shop_build
    dpi = 72
    px = lambda mm: mm / 25.4 * dpi  # noqa: E731
    [result] = make_proofs([ProofJob(SEED_TEAM, SEED, str(pdf), str(tmp_path), fold, ProofOptions(dpi=dpi, guides=True), shop)])
    assert result.status == "made"
    folder = proof_folder(tmp_path, SEED_TEAM, SEED)
    info = read_proof_info(folder)
    assert info["fold"] == "a4-gatefold" and info["panels"] == [p.name for p in fold.panels]
    for side in fold.sides:
        with Image.open(folder / f"{side}-guides.png") as image:
            assert abs(image.width - px(fold.sheet_width + 2 * shop.slug)) <= 1
            rgb = image.convert("RGB")
            pixels = rgb.load()
            columns = [
                x
                for x in range(rgb.width)
                if sum(pixels[x, y] == GUIDE_COLOURS["fold"] for y in range(rgb.height)) > rgb.height / 4
            ]
        assert [px(shop.slug + x) for x in fold.folds_on(side)] == pytest.approx(columns, abs=1)
    for panel in fold.panels:
        with Image.open(folder / f"panel-{panel.name}.png") as image:
            assert abs(image.width - px(panel.width)) <= 1, panel.name
    shutil.copy(pdf.parents[2] / "manifest.json", tmp_path / "manifest.json")  # the build's record, beside these proofs
    html = render_index(tmp_path, None)
    listed = re.search(r"panels \(a4-gatefold\): (.*?)</div>", html, re.DOTALL)
    assert listed and re.findall(r">([a-z-]+)</a>", listed.group(1)) == [p.name for p in fold.panels]  # in reading order


def test_the_safe_margin_checked_is_the_one_the_shop_asks(project):
    """The sample keeps its text 10 mm from trim and folds: a shop asking 10 mm finds it 9.9 mm from the edge."""
    settings = project / "leaflets" / "project.yaml"
    settings.write_text(settings.read_text("utf-8").replace("print:\n", "print:\n  safe_margin: 10\n"), "utf-8")
    report = leafletpress.check(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    found = [str(p) for p in report.errors]
    assert found and all("keep text 10 mm clear of the trim and the folds" in p for p in found), found
    assert any("preflight safe margin: text 'Aandoening' is 9.9 mm from the trim left" in p for p in found)
