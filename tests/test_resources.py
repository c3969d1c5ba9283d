"""The bundled assets are all there, well-formed for QtSvg (SVG Tiny) and found by resources."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeymap import resources
from journeymap.model.vocabulary import CHANNELS, EMOTIONS

SVG_NS = "{http://www.w3.org/2000/svg}"
ICONS = Path(resources.app_icon_path()).parent
ALL_SVGS = sorted(ICONS.rglob("*.svg"))

#: The toolbar icons the UI asks for (kept here, not taken from resources.ACTIONS, so a
#: name dropped from that tuple still fails the test).
ACTION_NAMES = (
    "new", "open", "save", "save-as", "export-pdf", "undo", "redo", "cut", "copy", "paste",
    "duplicate", "delete", "add-stage", "add-touchpoint", "connect", "zoom-in", "zoom-out",
    "zoom-fit", "insights", "heatmap", "settings",
)
#: What QtSvg renders of SVG Tiny 1.2 and what these icons use; anything else is suspect.
ALLOWED_ELEMENTS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "title", "desc"}
INK = "#37474F"


def _rel(path: Path) -> str:
    return path.relative_to(ICONS).as_posix()


def test_there_are_icons_to_check() -> None:
    assert len(ALL_SVGS) >= 16 + 2 + 6 + len(ACTION_NAMES) + 1


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_every_known_channel_has_its_own_icon(channel: str) -> None:
    path = resources.channel_icon_path(channel)
    assert path.is_file()
    assert path.name == f"{channel}.svg"


@pytest.mark.parametrize("channel", ["Trade magazine", "kiosk", "Website", " website "])
def test_custom_channel_gets_the_generic_icon(channel: str) -> None:
    assert resources.channel_icon_path(channel).name == "custom.svg"


@pytest.mark.parametrize("channel", [None, "", "   "])
def test_no_channel_gets_the_none_icon(channel: str | None) -> None:
    assert resources.channel_icon_path(channel).name == "none.svg"


@pytest.mark.parametrize("emotion", [*sorted(EMOTIONS), None])
def test_every_emotion_has_a_face(emotion: int | None) -> None:
    assert resources.emotion_icon_path(emotion).is_file()


def test_emotion_faces_are_distinct_files() -> None:
    names = {resources.emotion_icon_path(e).name for e in [*EMOTIONS, None]}
    assert names == {"very-negative.svg", "negative.svg", "neutral.svg", "positive.svg",
                     "very-positive.svg", "unrated.svg"}


@pytest.mark.parametrize("emotion", [-3, 3, True, 1.5, "1"])
def test_emotion_out_of_scale_is_refused(emotion: object) -> None:
    with pytest.raises(ValueError):
        resources.emotion_icon_path(emotion)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ACTION_NAMES)
def test_every_action_has_an_icon(name: str) -> None:
    assert resources.action_icon_path(name).is_file()
    assert name in resources.ACTIONS


def test_unknown_action_icon_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="no-such-icon"):
        resources.action_icon_path("no-such-icon")
    with pytest.raises(ValueError):
        resources.action_icon_path("../app")


def test_app_icon_exists() -> None:
    assert resources.app_icon_path().is_file()


@pytest.mark.parametrize("relative", ["/etc/passwd", "../pyproject.toml", "icons/../../README.md", ""])
def test_asset_path_stays_inside_the_assets(relative: str) -> None:
    with pytest.raises(ValueError):
        resources.asset_path(relative)


def test_missing_asset_names_itself() -> None:
    with pytest.raises(FileNotFoundError, match="icons/missing.svg"):
        resources.asset_path("icons/missing.svg")


@pytest.mark.parametrize("path", ALL_SVGS, ids=_rel)
def test_svg_is_small_well_formed_svg_tiny(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) < 2048, "keep icons small and hand-written"
    root = ET.fromstring(text)
    assert root.tag == SVG_NS + "svg"
    assert root.get("viewBox") == "0 0 24 24"
    assert (root.get("width"), root.get("height")) == ("24", "24")
    tags = {el.tag.removeprefix(SVG_NS) for el in root.iter()}
    assert not tags & {"text", "style", "filter", "mask", "clipPath", "image", "use", "foreignObject"}
    assert tags <= ALLOWED_ELEMENTS, f"elements outside SVG Tiny basics: {tags - ALLOWED_ELEMENTS}"
    assert "currentColor" not in text, "QtSvg does not resolve currentColor"
    assert "style=" not in text, "use presentation attributes, not CSS"
    for el in root.iter(SVG_NS + "path"):
        # SVG Tiny 1.2 path data has no elliptical arcs.
        assert not re.search(r"[Aa]", el.get("d", "")), f"arc command in {el.get('d')}"


@pytest.mark.parametrize("path", [p for p in ALL_SVGS if p.parent.name in ("channels", "actions")], ids=_rel)
def test_line_icons_share_one_style(path: Path) -> None:
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    group = root.find(SVG_NS + "g")
    assert group is not None
    assert group.get("stroke") == INK and group.get("fill") == "none"
    assert group.get("stroke-width") == "2"
    assert group.get("stroke-linecap") == "round" and group.get("stroke-linejoin") == "round"
    colours = {el.get(attr) for el in root.iter() for attr in ("stroke", "fill")} - {None, "none"}
    assert colours == {INK}, "line icons use the one ink colour"


def test_emotion_faces_have_their_own_fills() -> None:
    fills = []
    for emotion in sorted(EMOTIONS):
        root = ET.fromstring(resources.emotion_icon_path(emotion).read_text(encoding="utf-8"))
        face = root.find(f".//{SVG_NS}circle")
        assert face is not None and face.get("fill", "none") != "none"
        fills.append(face.get("fill"))
    assert len(set(fills)) == len(EMOTIONS)


@pytest.mark.parametrize("style", ["regular", "bold", "oblique", "bold-oblique"])
def test_fonts_are_truetype(style: str) -> None:
    path = resources.font_path(style)
    assert path.name.startswith("DejaVuSans") and path.suffix == ".ttf"
    with path.open("rb") as f:
        assert f.read(4) in (b"\x00\x01\x00\x00", b"true")


def test_font_style_names_are_forgiving_but_checked() -> None:
    assert resources.font_path() == resources.font_path("regular")
    assert resources.font_path("Bold Oblique") == resources.font_path("bold-oblique")
    assert resources.font_path("italic") == resources.font_path("oblique")
    with pytest.raises(ValueError, match="regular"):
        resources.font_path("condensed")


def test_font_licence_ships_with_the_fonts() -> None:
    text = resources.asset_path("fonts/LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in text and "Arev" in text
    assert "DejaVu" in resources.asset_path("LICENSE-icons.md").read_text(encoding="utf-8")


def test_resources_does_not_import_qt() -> None:
    source = Path(resources.__file__).read_text(encoding="utf-8")
    assert "PySide6" not in source and "PyQt" not in source
