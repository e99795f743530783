"""The pack's frame: 16:9 slides with a title and a one-line lede, a footer (what the pack is of, the
period and a page number PowerPoint keeps up to date), speaker notes, and the text every slide writes.

Text from the returns goes onto a slide as text: a slide has no formulas and no markup, so a project
named `=HYPERLINK(...)` reads as typed. Only what XML cannot hold (control characters) is dropped,
and a long name is clipped where space is short.
"""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from pmo_dash.ui import fmt
from pmo_dash.ui.theme import ACCENT, GREY, INK

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_WIDTH = WIDTH - 2 * MARGIN
TOP = Inches(1.6)  # where a slide's content starts, under its title and lede
BOTTOM = Inches(6.95)  # where it ends, above the footer
TITLE_ONLY, TITLE_SLIDE = 5, 0  # layouts of python-pptx's default template
NAME_LIMIT = 60  # characters of a name in a table cell or a chart's category
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def hex6(colour: str) -> str:
    """A theme colour (`#1f2d3d`, `#eee`) as six hex digits."""
    digits = colour.lstrip("#")
    return (digits if len(digits) == 6 else "".join(d * 2 for d in digits)).upper()


def rgb(colour: str) -> RGBColor:
    """A theme colour as PowerPoint takes it."""
    return RGBColor.from_string(hex6(colour))


def plain(value: object, limit: int = fmt.DISPLAY_LIMIT) -> str:
    """Text from a return as a slide shows it: as typed, control characters as spaces, clipped; a
    missing value "not reported"."""
    if value is None:
        return fmt.NOT_REPORTED
    return fmt.clip(_CONTROL.sub(" ", str(value)), limit)


@dataclass(frozen=True)
class Box:
    """Where a shape goes on a slide (EMU)."""

    left: int
    top: int
    width: int
    height: int

    def split(self, *shares: float, gap: int = Inches(0.3)) -> list[Box]:
        """Side by side, each the given share of the width left after the gaps."""
        room = self.width - gap * (len(shares) - 1)
        boxes, left = [], self.left
        for share in shares:
            width = int(room * share / sum(shares))
            boxes.append(Box(left, self.top, width, self.height))
            left += width + gap
        return boxes

    def stack(self, *shares: float, gap: int = Inches(0.2)) -> list[Box]:
        """One above the other, each the given share of the height left after the gaps."""
        room = self.height - gap * (len(shares) - 1)
        boxes, top = [], self.top
        for share in shares:
            height = int(room * share / sum(shares))
            boxes.append(Box(self.left, top, self.width, height))
            top += height + gap
        return boxes


CONTENT = Box(MARGIN, TOP, CONTENT_WIDTH, BOTTOM - TOP)


class Deck:
    """A presentation being written, slide by slide, each with the same footer."""

    def __init__(self, footer: str) -> None:
        self.presentation = Presentation()
        self.presentation.slide_width, self.presentation.slide_height = WIDTH, HEIGHT
        self.footer = footer

    def slide(self, title: str, lede: str | None = None, notes: str | None = None) -> Slide:
        """A new slide with its title (a real title placeholder, for the outline), a lede under it,
        the footer and the speaker notes."""
        slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[TITLE_ONLY])
        heading = slide.shapes.title
        heading.left, heading.top, heading.width, heading.height = (
            MARGIN,
            Inches(0.3),
            CONTENT_WIDTH,
            Inches(0.75),
        )
        _fill(heading.text_frame, plain(title, 120), size=28, bold=True, colour=ACCENT)
        heading.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        heading.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        _margins(heading.text_frame)
        if lede:
            text(slide, Box(MARGIN, Inches(1.05), CONTENT_WIDTH, Inches(0.45)), lede, size=15)
        self._finish(slide, notes)
        return slide

    def title_slide(self, title: str, subtitle: str, lines: list[str], notes: str) -> Slide:
        """The opening slide: what the pack is, of what and when, and where its numbers came from."""
        slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[TITLE_SLIDE])
        heading, sub = slide.placeholders[0], slide.placeholders[1]
        heading.left, heading.top, heading.width, heading.height = (
            MARGIN,
            Inches(1.6),
            CONTENT_WIDTH,
            Inches(1.1),
        )
        _fill(heading.text_frame, title, size=40, bold=True, colour=ACCENT)
        sub.left, sub.top, sub.width, sub.height = MARGIN, Inches(2.75), CONTENT_WIDTH, Inches(0.8)
        _fill(sub.text_frame, plain(subtitle, 160), size=24, colour=INK)
        for frame in (heading.text_frame, sub.text_frame):
            frame.paragraphs[0].alignment = PP_ALIGN.LEFT
            _margins(frame)
        lines_box = Box(MARGIN, Inches(3.9), CONTENT_WIDTH, Inches(2.6))
        bullets(slide, lines_box, lines, size=15, colour=INK)
        self._finish(slide, notes)
        return slide

    def _finish(self, slide: Slide, notes: str | None) -> None:
        footer = Box(MARGIN, Inches(7.02), CONTENT_WIDTH - Inches(1.2), Inches(0.35))
        text(slide, footer, self.footer, size=10, colour=GREY)
        number = text(
            slide, Box(WIDTH - MARGIN - Inches(1.2), Inches(7.02), Inches(1.2), Inches(0.35)), "Page "
        )
        paragraph = number.text_frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.RIGHT
        _font(paragraph.runs[0].font, 10, colour=GREY)
        _slide_number(paragraph, len(self.presentation.slides))
        if notes:
            slide.notes_slide.notes_text_frame.text = notes

    def save(self) -> bytes:
        out = io.BytesIO()
        self.presentation.save(out)
        return out.getvalue()


def text(slide: Slide, box: Box, words: str, *, size: int = 14, bold: bool = False, colour: str = INK):
    """A text box holding one paragraph, wrapped to its width."""
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    frame = shape.text_frame
    frame.word_wrap = True
    _margins(frame)
    _fill(frame, words, size=size, bold=bold, colour=colour)
    return shape


def heading(slide: Slide, box: Box, words: str) -> Box:
    """A small heading at the top of `box`; returns the room left under it."""
    text(slide, Box(box.left, box.top, box.width, Inches(0.35)), words, size=14, bold=True, colour=ACCENT)
    return Box(box.left, box.top + Inches(0.45), box.width, box.height - Inches(0.45))


def bullets(slide: Slide, box: Box, lines: list[str], *, size: int = 14, colour: str = INK):
    """A text box with one paragraph per line, a little space between them."""
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    frame = shape.text_frame
    frame.word_wrap = True
    _margins(frame)
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(6)
        run = paragraph.add_run()
        run.text = line
        _font(run.font, size, colour=colour)
    return shape


def missing(slide: Slide, box: Box, what: str) -> None:
    """What stands where a chart or table would be when the returns do not carry it: the sentence, on
    a pale panel, never empty axes."""
    panel = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, box.left, box.top, box.width, min(box.height, Inches(1.3))
    )
    panel.fill.solid()
    panel.fill.fore_color.rgb = rgb("#f2f4f7")
    panel.line.fill.background()
    # No theme style: it would add a shadow (Impress draws it even with the effects cleared).
    panel._element.remove(panel._element.find(qn("p:style")))
    frame = panel.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    _margins(frame, Inches(0.2))
    _fill(frame, what, size=14, colour=INK)
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def _fill(frame, words: str, *, size: int, bold: bool = False, colour: str = INK) -> None:
    frame.text = ""
    run = frame.paragraphs[0].add_run()
    run.text = words
    _font(run.font, size, bold=bold, colour=colour)


def _font(font, size: int, *, bold: bool = False, colour: str = INK) -> None:
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = rgb(colour)


def _margins(frame, side: int = Emu(0)) -> None:
    frame.margin_left = frame.margin_right = side
    frame.margin_top = frame.margin_bottom = Emu(0)


def _slide_number(paragraph, number: int) -> None:
    """A slide-number field after the paragraph's text: PowerPoint and Impress keep it right when
    slides are added, moved or removed (`number` is only what shows until then)."""
    field = etree.SubElement(paragraph._p, qn("a:fld"))
    field.set("id", "{" + str(uuid.uuid4()).upper() + "}")
    field.set("type", "slidenum")
    run_properties = etree.SubElement(field, qn("a:rPr"))
    run_properties.set("lang", "en-GB")
    run_properties.set("sz", "1000")
    etree.SubElement(etree.SubElement(run_properties, qn("a:solidFill")), qn("a:srgbClr")).set(
        "val", hex6(GREY)
    )
    etree.SubElement(field, qn("a:t")).text = str(number)
    # A paragraph's end-of-paragraph properties, if any, must stay last.
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is not None:
        paragraph._p.remove(end)
        paragraph._p.append(end)
