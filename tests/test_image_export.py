"""PNG and SVG images of the map: size for the dpi, real content, SVG text, and the CLI."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from journeymap.cli import main
from journeymap.io import load_journey, save_journey
from journeymap.layout.engine import compute_layout
from journeymap.layout.geometry import LayoutOptions
from journeymap.layout.style import DARK
from journeymap.model import Journey
from journeymap.ui import image_export
from journeymap.ui.image_export import SVG_OVERSAMPLE, render_png, render_svg

SAMPLE = Path(__file__).parent.parent / "sample_journeys" / "online-retail.yaml"
SVG = "{http://www.w3.org/2000/svg}"

pytestmark = pytest.mark.usefixtures("qapp")


def small_journey() -> Journey:
    j = Journey("Image map", "Two stages for the image tests")
    s1 = j.add_stage("Browse").id
    s2 = j.add_stage("Buy & pay").id
    a = j.add_touchpoint(s1, "Finds the shop", channel="search", emotion=1, friction=0).id
    b = j.add_touchpoint(s1, "Compares <prices>", channel="website", emotion=-1, friction=3).id
    c = j.add_touchpoint(s2, "Pays by card", channel="website", emotion=0, friction=2).id
    j.add_flow(a, b)
    j.add_flow(b, c, label="adds to basket")
    return j


def map_size(journey: Journey) -> tuple[float, float]:
    """The map bounds (margin included), in layout units (points)."""
    bounds = compute_layout(journey, LayoutOptions()).bounds
    return bounds.w, bounds.h


@pytest.fixture()
def journey_file(tmp_path: Path) -> Path:
    path = tmp_path / "j.yaml"
    save_journey(small_journey(), path)
    return path


# ---------------------------------------------------------------- PNG
@pytest.mark.parametrize("dpi", [72, 96, 150])
def test_png_has_the_map_size_for_its_dpi_and_carries_the_dpi(tmp_path: Path, dpi: int) -> None:
    journey = small_journey()
    out = tmp_path / "map.png"
    assert render_png(journey, out, dpi=dpi) == []
    image = QImage(str(out))
    width, height = map_size(journey)
    assert abs(image.width() - width * dpi / 72) <= 2
    assert abs(image.height() - height * dpi / 72) <= 2
    assert image.dotsPerMeterX() * 0.0254 == pytest.approx(dpi, abs=0.5)
    assert image.dotsPerMeterY() * 0.0254 == pytest.approx(dpi, abs=0.5)


def test_png_of_a_sample_is_a_real_map_on_white_paper(tmp_path: Path) -> None:
    journey = load_journey(SAMPLE)
    out = tmp_path / "map.png"
    render_png(journey, out, dpi=72)
    image = QImage(str(out))
    width, height = map_size(journey)
    assert abs(image.width() - width) <= 2 and abs(image.height() - height) <= 2
    white = QColor("#FFFFFF").rgb()
    # A frame of paper all round: nothing clipped, and not the canvas's grey desk.
    w, h = image.width(), image.height()
    frame = [(x, y) for x in range(w) for y in (0, 8, h - 9, h - 1)] + \
        [(x, y) for y in range(h) for x in (0, 8, w - 9, w - 1)]
    assert all(image.pixel(x, y) == white for x, y in frame)
    # Every card is drawn: inside each, many colours (text, icons, badges) on the card fill.
    layout = compute_layout(journey, LayoutOptions())
    left, top = layout.bounds.x, layout.bounds.y
    for box in layout.cards.values():
        colours = {image.pixel(int(box.rect.x - left + dx), int(box.rect.y - top + dy))
                   for dx in range(2, int(box.rect.w) - 2, 2) for dy in range(2, int(box.rect.h) - 2, 2)}
        assert len(colours) > 10, box.id
    sample = [image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
    assert sum(p != white for p in sample) > len(sample) / 3


def test_png_is_repeatable_and_lets_go_of_the_journey(tmp_path: Path) -> None:
    journey = small_journey()
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    render_png(journey, first, dpi=72)
    render_png(journey, second, dpi=72)
    assert first.read_bytes() == second.read_bytes()  # same map, same bytes: nothing left over
    assert journey._listeners == []  # the scene let go of the journey


def test_png_drawn_in_tiles_matches_the_map_drawn_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    # Above 72 dpi the image is drawn in tiles; small tiles must leave no seams or gaps.
    journey = small_journey()
    monkeypatch.setattr(image_export, "TILE", 1_000_000)
    whole = QImage.fromData(image_export.png_bytes(journey, dpi=150)[0])
    monkeypatch.setattr(image_export, "TILE", 64)
    tiled = QImage.fromData(image_export.png_bytes(journey, dpi=150)[0])
    assert tiled.size() == whole.size() and tiled.dotsPerMeterX() == whole.dotsPerMeterX()
    width = whole.width()
    changed = far = 0
    for y in range(whole.height()):
        if whole.constScanLine(y) == tiled.constScanLine(y):
            continue
        for x in range(width):
            a, b = QColor(whole.pixel(x, y)), QColor(tiled.pixel(x, y))
            if a != b:
                changed += 1  # antialiasing and dash phases may differ a little at tile edges
                far += max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) > 64
    assert changed < width * whole.height() / 1000 and far < 20


def test_dark_png_is_on_dark_paper(tmp_path: Path) -> None:
    out = tmp_path / "dark.png"
    render_png(small_journey(), out, dpi=72, dark=True)
    assert QImage(str(out)).pixel(0, 0) == QColor(DARK.paper).rgb()


def test_huge_dpi_is_capped_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_export, "MAX_SIDE", 800)
    monkeypatch.setattr(image_export, "MAX_PIXELS", 300_000)
    out = tmp_path / "big.png"
    warnings = render_png(small_journey(), out, dpi=2400)
    image = QImage(str(out))
    assert max(image.width(), image.height()) <= 800 and image.width() * image.height() <= 300_000
    assert len(warnings) == 1 and "2400 dpi" in warnings[0] and "instead" in warnings[0]
    effective = image.dotsPerMeterX() * 0.0254
    assert effective < 2400 and abs(image.width() - map_size(small_journey())[0] * effective / 72) <= 2


def test_capped_scale_keeps_real_limits() -> None:
    assert image_export.capped_scale(1000, 500, 2.0) == 2.0
    scale = image_export.capped_scale(6000.5, 700.25, 2400 / 72)
    assert math.ceil(6000.5 * scale) <= image_export.MAX_SIDE and 6000.5 * scale > image_export.MAX_SIDE - 20
    scale = image_export.capped_scale(20000.3, 20000.7, 10.0)
    assert math.ceil(20000.3 * scale) * math.ceil(20000.7 * scale) <= image_export.MAX_PIXELS


# ---------------------------------------------------------------- SVG
def test_svg_is_xml_with_the_map_size_and_real_text(tmp_path: Path) -> None:
    journey = small_journey()
    out = tmp_path / "map.svg"
    assert render_svg(journey, out) == []
    root = ET.parse(out).getroot()
    width, height = map_size(journey)
    assert root.get("viewBox") == f"0 0 {math.ceil(width * SVG_OVERSAMPLE)} {math.ceil(height * SVG_OVERSAMPLE)}"
    assert root.get("width", "").endswith("mm") and root.get("height", "").endswith("mm")
    assert float(root.get("width", "")[:-2]) == pytest.approx(width / 72 * 25.4, abs=0.5)
    assert float(root.get("height", "")[:-2]) == pytest.approx(height / 72 * 25.4, abs=0.5)
    assert root.find(f"{SVG}title").text == "Image map"  # type: ignore[union-attr]
    texts = {t.text for t in root.iter(f"{SVG}text")}
    for tp in journey.touchpoints():
        assert tp.name in texts
    assert {"Browse", "Buy & pay", "adds to basket"} <= texts


def test_svg_of_a_sample_renders_like_the_map(tmp_path: Path) -> None:
    journey = load_journey(SAMPLE)
    out = tmp_path / "map.svg"
    render_svg(journey, out)
    # A long name wraps onto several <text> lines, in order.
    all_text = " ".join(t.text or "" for t in ET.parse(out).getroot().iter(f"{SVG}text"))
    for tp in journey.touchpoints():
        assert tp.name in all_text
    renderer = QSvgRenderer(str(out))
    assert renderer.isValid()
    width, height = map_size(journey)
    image = QImage(round(width), round(height), QImage.Format.Format_ARGB32)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    assert image.pixel(1, 1) == QColor("#FFFFFF").rgb()  # the paper is painted, not transparent
    colours = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)}
    assert len(colours) > 50


# ---------------------------------------------------------------- CLI
@pytest.mark.parametrize("suffix, extra", [(".png", ["--dpi", "96"]), (".svg", [])])
def test_cli_writes_images(journey_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           suffix: str, extra: list[str]) -> None:
    out = tmp_path / f"x{suffix}"
    assert main(["export", str(journey_file), "-o", str(out), *extra]) == 0
    captured = capsys.readouterr()
    assert f"{out}: written" in captured.out and captured.err == ""
    if suffix == ".png":
        image = QImage(str(out))
        assert abs(image.width() - map_size(small_journey())[0] * 96 / 72) <= 2
    else:
        ET.parse(out)


def test_cli_warns_when_the_dpi_is_capped(journey_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_export, "MAX_SIDE", 600)
    out = tmp_path / "x.png"
    assert main(["export", str(journey_file), "-o", str(out), "--dpi", "2400"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("warning: at 2400 dpi")
    assert max(QImage(str(out)).width(), QImage(str(out)).height()) <= 600


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_unwritable_output_exits_2_with_one_line_and_keeps_the_old_file(
        journey_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        suffix: str) -> None:
    out = tmp_path / f"old{suffix}"
    out.write_bytes(b"old bytes")

    def refuse(source: str, target: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("journeymap.io.atomic._replace", refuse)
    assert main(["export", str(journey_file), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(out) in err[0] and "Permission denied" in err[0]
    assert out.read_bytes() == b"old bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.yaml", f"old{suffix}"]  # no temporary file left


def test_output_in_a_missing_folder_exits_2(journey_file: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(journey_file), "-o", str(tmp_path / "nowhere" / "x.png")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_cli_without_a_display_renders_offscreen(journey_file: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "x.png"
    done = subprocess.run([sys.executable, "-m", "journeymap", "export", str(journey_file), "-o", str(out)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert QImage(str(out)).dotsPerMeterX() * 0.0254 == pytest.approx(150, abs=0.5)  # the CLI's default dpi


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_an_image_of_a_map_past_the_stated_size_is_refused_and_nothing_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    # The real limits are thousands of touchpoints (README); the same check with small ones.
    monkeypatch.setattr(image_export, "IMAGE_LIMITS", {"PNG": (2, 10), "SVG": (2, 10)})
    source = tmp_path / "map.yaml"
    save_journey(small_journey(), source)
    out = tmp_path / f"map{suffix}"
    assert main(["export", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    kind = {".svg": "an SVG", ".png": "a PNG"}[suffix]
    assert err.splitlines() == [f"journeymap export: {out}: the map has 3 touchpoints and 2 flows; {kind} image "
                                "holds at most 2 touchpoints and 10 flows: export a PDF instead (--tile for a poster)"]
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]
    out.write_bytes(b"an earlier export")
    assert main(["export", str(source), "-o", str(out)]) == 2
    assert out.read_bytes() == b"an earlier export"


def test_a_map_at_the_stated_size_still_makes_an_image(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_export, "IMAGE_LIMITS", {"PNG": (3, 2), "SVG": (3, 2)})
    render_svg(small_journey(), tmp_path / "map.svg")
    assert ET.parse(tmp_path / "map.svg").getroot().tag == f"{SVG}svg"
