"""Channel icons and emotion faces are written once per document and reused on every card."""

from __future__ import annotations

import io

from pypdf import PdfReader

from journeymap.export.pdf import PdfOptions, render_pdf
from journeymap.model import Journey


def test_each_icon_is_one_form_xobject_drawn_wherever_it_is_used() -> None:
    j = Journey("Forms")
    stage = j.add_stage("S").id
    for i in range(30):
        j.add_touchpoint(stage, f"Step {i}", channel="email" if i % 2 else "phone", emotion=(i % 3) - 1)
    data = render_pdf(j, PdfOptions("A3", True, details=False, insights=False)).data
    page = PdfReader(io.BytesIO(data)).pages[0]
    forms = page["/Resources"]["/XObject"]
    # two channels and three faces (the legend may show a few more), not one per card
    assert 5 <= len(forms) <= 16
    content = page.get_contents().get_data()
    assert content.count(b" Do") >= 60  # a channel icon and a face per card
    for name in forms:
        assert forms[name].get_object()["/Subtype"] == "/Form"
