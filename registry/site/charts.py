"""A tiny horizontal bar-chart builder: data in, static SVG markup out.

Charts are drawn at build time, so the statistics page needs no chart library
in the browser. Each row puts its label on its own line(s) above the bar, which
keeps long Vietnamese names readable on a 375 px phone without truncation.

Every string goes through ElementTree, which escapes text and attributes, so a
label can never inject markup. Colours are fixed hex values chosen for at least
3:1 contrast against both of Material's backgrounds (white and the "slate" dark
#1e2129); text uses currentColor, i.e. the page's own foreground colour.
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"

# Contrast against white / against #1e2129: blue 4.1 / 3.9, orange 3.9 / 4.1, grey 4.0 / 4.1.
BLUE = "#2f7fd0"
ORANGE = "#c26a00"
GREY = "#808080"

WIDTH = 400  # small on purpose: scaled to a 343 px phone column, 14 px text stays ~12 px
PAD = 6
FONT = 14
LINE = 18  # height of one label line
BAR = 14
ROW_GAP = 10
VALUE_SPACE = 40  # room right of the longest bar for its number
SEGMENT_GAP = 2  # white space between stacked segments, so they differ by more than colour
WRAP = 48  # characters per label line at 14 px in 400 px
# The scale runs to at least this many records: a chart of a few ones does not draw full-width
# bars that look like large numbers. The axis under the bars says where the scale ends.
MIN_AXIS = 10


@dataclass(frozen=True)
class Series:
    """One kind of segment, shown with one colour and one legend entry."""

    key: str
    name: str
    colour: str


@dataclass(frozen=True)
class Segment:
    series: str
    value: int
    label: str  # tooltip, e.g. "Bắc Giang (trước 01/07/2025): 1 quy chế"


@dataclass(frozen=True)
class Row:
    label: str
    segments: tuple[Segment, ...]
    detail: str = ""  # extra text for the table, e.g. the former units behind a total
    href: str = ""  # page the table links the label to, if any

    @property
    def total(self) -> int:
        return sum(s.value for s in self.segments)


@dataclass(frozen=True)
class BarChart:
    id: str  # unique on the page: ids inside the SVG derive from it
    title: str
    caption: str
    label_heading: str  # first column of the accompanying table
    rows: tuple[Row, ...]
    series: tuple[Series, ...]
    value_heading: str = "Số quy chế"
    axis: int | None = None  # the end of the scale (default: the largest total, at least MIN_AXIS)

    @property
    def has_detail(self) -> bool:
        return any(row.detail for row in self.rows)


def single_series_rows(items: Iterable[tuple[str, int]], series: str = "count", unit: str = "quy chế") -> tuple[Row, ...]:
    """Rows of a one-colour chart from (label, value) pairs."""
    return tuple(Row(label, (Segment(series, value, f"{label}: {value} {unit}"),)) for label, value in items)


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()})
    element.text = text
    return element


def _legend(svg: ET.Element, chart: BarChart, y: int) -> int:
    """One legend line per series (only for stacked charts); returns the next free y."""
    if len(chart.series) < 2:
        return y
    legend = _el(svg, "g", class_="qc-legend")
    for series in chart.series:
        _el(legend, "rect", x=PAD, y=y + 2, width=12, height=12, fill=series.colour)
        for line in textwrap.wrap(series.name, WRAP - 3):
            _el(legend, "text", line, x=PAD + 18, y=y + FONT - 1, fill="currentColor")
            y += LINE
    return y + ROW_GAP // 2


def _row(svg: ET.Element, chart: BarChart, row: Row, y: int, scale: float) -> int:
    """Label line(s), then the stacked bar and its total; returns the next free y."""
    group = _el(svg, "g", class_="qc-row")
    for line in textwrap.wrap(row.label, WRAP) or [""]:
        _el(group, "text", line, x=PAD, y=y + FONT, fill="currentColor", class_="qc-label")
        y += LINE
    colours = {s.key: s.colour for s in chart.series}
    x = float(PAD)
    drawn = [s for s in row.segments if s.value > 0]
    for index, segment in enumerate(drawn):
        width = segment.value * scale - (SEGMENT_GAP if index < len(drawn) - 1 else 0)
        rect = _el(group, "rect", x=f"{x:.1f}", y=y, width=f"{max(width, 1):.1f}", height=BAR,
                   fill=colours[segment.series])
        _el(rect, "title", segment.label)
        x += segment.value * scale
    _el(group, "text", str(row.total), x=f"{x + 6:.1f}", y=y + BAR - 2, fill="currentColor", class_="qc-value")
    return y + BAR + ROW_GAP


def _axis(svg: ET.Element, axis: int, scale: float, y: int) -> int:
    """A thin scale line under the bars with its two ends, 0 and `axis`; returns the next free y."""
    group = _el(svg, "g", class_="qc-axis", aria_hidden="true")
    end = PAD + axis * scale
    _el(group, "line", x1=PAD, y1=y, x2=f"{end:.1f}", y2=y, stroke="currentColor", stroke_opacity="0.4")
    for value, x, anchor in ((0, PAD, "start"), (axis, end, "end")):
        _el(group, "line", x1=f"{x:.1f}", y1=y, x2=f"{x:.1f}", y2=y + 4, stroke="currentColor", stroke_opacity="0.4")
        _el(group, "text", str(value), x=f"{x:.1f}", y=y + 4 + FONT, text_anchor=anchor, fill="currentColor",
            font_size="12")
    return y + 4 + FONT + ROW_GAP


def render_bar_chart(chart: BarChart) -> str:
    """The chart as an inline <svg role="img"> named by its <title>; the page adds the table."""
    svg = ET.Element("svg", {"xmlns": SVG_NS, "role": "img", "aria-labelledby": f"{chart.id}-title",
                             "class": "qc-chart", "font-size": str(FONT)})
    _el(svg, "title", chart.title, id=f"{chart.id}-title")
    largest = max((row.total for row in chart.rows), default=0)
    axis = chart.axis or max(largest, MIN_AXIS)
    scale = (WIDTH - 2 * PAD - VALUE_SPACE) / axis
    y = _legend(svg, chart, PAD)
    for row in chart.rows:
        y = _row(svg, chart, row, y, scale)
    y = _axis(svg, axis, scale, y)
    height = y - ROW_GAP + PAD
    svg.set("viewBox", f"0 0 {WIDTH} {height}")
    svg.set("width", str(WIDTH))
    svg.set("height", str(height))
    return ET.tostring(svg, encoding="unicode")
