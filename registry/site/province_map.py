"""A choropleth map of Viet Nam's 34 province-level units, as static SVG.

Shapes come from registry/data/province-shapes.json, derived by
scripts/derive_province_map.py from Natural Earth's admin-1 provinces (public
domain): the 63 former units merged into the 34 current ones, islands put in the
right unit, simplified as one coverage. Each unit is filled by its number of
agreements (classes in the legend), carries that number at its label point, and
is a link to its page, named "Hà Nội: 3 quy chế" for screen readers and as a
tooltip.

Quần đảo Hoàng Sa (Đà Nẵng) and Quần đảo Trường Sa (Khánh Hòa) are part of
Viet Nam: always drawn, labelled with their unit, filled like it and part of its link.

Colours are CSS classes (qc-map-c0 … qc-map-c5, docs/assets/stats.css) with
light and dark values; the SVG's own fill attributes are the light ones, for
the SVG read on its own.
"""

from __future__ import annotations

import functools
import json
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from registry.site.charts import SVG_NS

SHAPES = Path(__file__).resolve().parents[1] / "data" / "province-shapes.json"

# Degrees shown: the mainland plus both archipelagos, with a little sea around them.
LON_MIN, LON_MAX = 102.0, 116.3
LAT_MIN, LAT_MAX = 8.2, 23.5
PX_PER_DEGREE = 28.0
# Equirectangular: scale longitudes by cos(mid latitude) so shapes are not too wide.
LON_FACTOR = math.cos(math.radians((LAT_MIN + LAT_MAX) / 2))
MARGIN = 6
FONT = 14
# Light fills of the classes (dark ones in stats.css): no record, then fewest to most.
FILLS = ("#e3e6ea", "#c6dbef", "#9ecae1", "#6baed6", "#2870b0", "#08519c")
# Text on each class: dark on light fills, white on dark ones (contrast >= 4.5:1).
TEXT_FILLS = ("#1f2328", "#1f2328", "#1f2328", "#1f2328", "#ffffff", "#ffffff")
CLASSES = 5  # classes with records
LEGEND_LON, LEGEND_LAT = 110.6, 23.1  # top left of the legend, in the sea east of the mainland


@dataclass(frozen=True)
class Mark:
    """One current unit on the map: its slug (the shape), name, page and count."""

    slug: str
    name: str
    href: str
    count: int


@dataclass(frozen=True)
class Bin:
    """One colour class: counts low..high (high None: and more), drawn in colour `shade`
    (0 for none, 1..CLASSES from light to dark, spread over the whole scale)."""

    index: int
    low: int
    high: int | None
    shade: int = 0

    @property
    def label(self) -> str:
        if self.index == 0:
            return "chưa có quy chế"
        if self.high is None:
            return f"từ {self.low} trở lên"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"

    def holds(self, count: int) -> bool:
        return count >= self.low and (self.high is None or count <= self.high)


@functools.lru_cache(maxsize=1)
def shapes() -> dict:
    """The derived shapes: {"units": [...], "archipelagos": [...]} (read once)."""
    return json.loads(SHAPES.read_text(encoding="utf-8"))


def bins(largest: int) -> list[Bin]:
    """Classes that stay meaningful with small counts: one class per value while the largest
    count is at most CLASSES (1, 2, 3…), doubling ranges beyond that (1, 2–3, 4–7, 8–15, 16+)."""
    ranges: list[tuple[int, int | None]] = []
    if 0 < largest <= CLASSES:
        ranges = [(n, n) for n in range(1, largest + 1)]
    elif largest > CLASSES:
        low = 1
        while len(ranges) < CLASSES - 1 and low * 2 - 1 < largest:
            ranges.append((low, low * 2 - 1))
            low *= 2
        ranges.append((low, largest if len(ranges) < CLASSES - 1 else None))
    count = len(ranges)
    return [Bin(0, 0, 0)] + [
        Bin(i, low, high, CLASSES if count == 1 else 1 + round((i - 1) * (CLASSES - 1) / (count - 1)))
        for i, (low, high) in enumerate(ranges, start=1)
    ]


def class_of(count: int, classes: list[Bin]) -> Bin:
    return next(b for b in classes if b.holds(count))


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection into SVG pixels (y grows southwards)."""
    return MARGIN + (lon - LON_MIN) * LON_FACTOR * PX_PER_DEGREE, MARGIN + (LAT_MAX - lat) * PX_PER_DEGREE


def size() -> tuple[float, float]:
    return project(LON_MAX, LAT_MIN)[0] + MARGIN, project(LON_MAX, LAT_MIN)[1] + MARGIN


def path_data(polygons: list) -> str:
    """SVG path of GeoJSON-style polygons (rings of [lon, lat]), one subpath per ring."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = [project(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): _fmt(v) for k, v in attrs.items()})
    element.text = text
    return element


def _fmt(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _name(mark: Mark) -> str:
    return f"{mark.name}: {mark.count} quy chế"


def _unit(svg: ET.Element, unit: dict, mark: Mark, classes: list[Bin], archipelagos: list[dict]) -> None:
    """The unit's link: its shape and, for Đà Nẵng and Khánh Hòa, the archipelago it holds."""
    shade = class_of(mark.count, classes).shade
    # the accessible name holds the archipelago's visible label too (axe: label-content-name-mismatch)
    label = "; ".join([_name(mark)] + [f"{group['name']} ({mark.name})" for group in archipelagos])
    link = _el(svg, "a", href=mark.href, aria_label=label, class_=f"qc-map-link qc-map-c{shade}")
    _el(link, "title", label)
    _el(link, "path", d=path_data(unit["polygons"]), fill=FILLS[shade], class_="qc-map-unit qc-map-hit")
    for group in archipelagos:
        _archipelago(link, group, mark, shade)


def _count_label(svg: ET.Element, unit: dict, mark: Mark, classes: list[Bin]) -> None:
    if not mark.count:
        return
    shade = class_of(mark.count, classes).shade
    x, y = project(*unit["label"])
    _el(svg, "text", str(mark.count), x=x, y=y + FONT * 0.35, text_anchor="middle", font_size=FONT,
        font_weight="700", fill=TEXT_FILLS[shade], class_=f"qc-map-count qc-map-c{shade}", aria_hidden="true")


def _archipelago(link: ET.Element, group: dict, mark: Mark, shade: int) -> None:
    """The islands as dots in their unit's class, a dashed frame and the visible name."""
    element = _el(link, "g", class_="qc-map-islands")
    _el(element, "title", f"{group['name']}, thuộc {mark.name}")
    west, south, east, north = group["bounds"]
    (x0, y0), (x1, y1) = project(west - 0.25, north + 0.25), project(east + 0.25, south - 0.25)
    _el(element, "rect", x=x0, y=y0, width=x1 - x0, height=y1 - y0, rx=4.0, fill="transparent",
        stroke="currentColor", stroke_width="0.8", stroke_dasharray="3 2", class_="qc-map-hit qc-map-frame")
    for lon, lat in group["points"]:
        x, y = project(lon, lat)
        _el(element, "circle", cx=x, cy=y, r=2.2, fill=FILLS[shade], stroke="currentColor", stroke_width="0.6",
            class_="qc-map-unit")
    width = size()[0]
    for number, line in enumerate((group["name"], f"({mark.name})")):
        half = len(line) * FONT * 0.3  # about half the text's width
        x = min(max((x0 + x1) / 2, half + MARGIN), width - half - MARGIN)
        _el(element, "text", line, x=x, y=y1 + FONT + 2 + number * (FONT + 2), text_anchor="middle",
            fill="currentColor", font_size=FONT, class_="qc-map-label")


def _legend(svg: ET.Element, classes: list[Bin]) -> None:
    x, y = project(LEGEND_LON, LEGEND_LAT)
    group = _el(svg, "g", class_="qc-map-legend")
    _el(group, "text", "Số quy chế", x=x, y=y + FONT, fill="currentColor", font_size=FONT, font_weight="700")
    for row, item in enumerate(reversed(classes)):
        top = y + FONT + 8 + row * (FONT + 8)
        _el(group, "rect", x=x, y=top, width=18.0, height=float(FONT), fill=FILLS[item.shade],
            stroke="currentColor", stroke_width="0.5", class_=f"qc-map-unit qc-map-c{item.shade}")
        _el(group, "text", item.label, x=x + 24, y=top + FONT - 2, fill="currentColor", font_size=FONT)


def render_province_map(marks: list[Mark], map_id: str = "ban-do") -> str:
    """The map as inline SVG: a labelled group of links, one per current unit and archipelago."""
    data = shapes()
    by_slug = {m.slug: m for m in marks}
    classes = bins(max((m.count for m in marks), default=0))
    width, height = size()
    svg = ET.Element("svg", {"xmlns": SVG_NS, "role": "group", "aria-labelledby": f"{map_id}-title",
                             "class": "qc-map", "viewBox": f"0 0 {width:.0f} {height:.0f}",
                             "width": f"{width:.0f}", "height": f"{height:.0f}", "font-size": str(FONT)})
    _el(svg, "title", "Bản đồ số quy chế phối hợp theo 34 tỉnh, thành phố", id=f"{map_id}-title")
    units = [u for u in data["units"] if u["slug"] in by_slug]
    for unit in units:
        held = [g for g in data["archipelagos"] if g["province"] == unit["slug"]]
        _unit(svg, unit, by_slug[unit["slug"]], classes, held)
    for unit in units:
        _count_label(svg, unit, by_slug[unit["slug"]], classes)
    _legend(svg, classes)
    return ET.tostring(svg, encoding="unicode")
