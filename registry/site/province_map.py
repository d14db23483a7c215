"""A proportional-symbol map of Viet Nam's 34 province-level units, as static SVG.

Province boundaries are not part of the data, so the map draws one circle per
current unit at its approximate centre (lat/lon from registry/data/provinces.yaml,
taken from vietnamadminunits, MIT) on a plain equirectangular projection, with a
faint graticule for orientation and no outline (we do not copy third-party shapes).
Circle area is proportional to the number of agreements; a unit with none gets
a small hollow ring. Each mark links to the unit's page.

The Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos are part of Viet Nam
and are always drawn and labelled. Their dots are approximate positions of a few
islands, for orientation only.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from registry.site.charts import BLUE, SVG_NS

# Degrees shown: the mainland plus both archipelagos, with a little sea around them.
LON_MIN, LON_MAX = 102.0, 117.0
LAT_MIN, LAT_MAX = 7.6, 23.6
PX_PER_DEGREE = 28.0
# Equirectangular: scale longitudes by cos(mid latitude) so shapes are not too wide.
LON_FACTOR = math.cos(math.radians((LAT_MIN + LAT_MAX) / 2))
MARGIN = 10
LEGEND_HEIGHT = 56
MAX_RADIUS = 16.0
MIN_RADIUS = 3.0  # smallest non-zero mark, still visibly filled
ZERO_RADIUS = 3.5
HIT_RADIUS = 9.0  # invisible circle that makes small marks easier to click or tap

HOANG_SA = ((16.83, 112.34), (16.53, 111.61), (16.45, 111.70), (16.97, 112.27), (16.25, 112.02), (16.67, 112.73))
TRUONG_SA = ((8.64, 111.92), (10.18, 114.36), (9.88, 114.33), (11.43, 114.33), (10.38, 114.48),
             (8.85, 112.85), (10.72, 115.80), (9.55, 112.90), (11.08, 114.28))
ARCHIPELAGO_LABELS = (
    ("Quần đảo Hoàng Sa", 17.55, 112.1),
    ("Quần đảo Trường Sa", 12.15, 113.9),
)


@dataclass(frozen=True)
class Mark:
    """One current unit on the map."""

    name: str
    href: str
    lat: float
    lon: float
    count: int


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular projection of a point into SVG pixels (y grows southwards)."""
    x = MARGIN + (lon - LON_MIN) * LON_FACTOR * PX_PER_DEGREE
    y = MARGIN + (LAT_MAX - lat) * PX_PER_DEGREE
    return x, y


def radius(count: int, largest: int) -> float:
    """Area proportional to the count (radius ∝ √count); 0 gets the hollow-ring size."""
    if count <= 0 or largest <= 0:
        return ZERO_RADIUS
    return max(MAX_RADIUS * math.sqrt(count / largest), MIN_RADIUS)


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): _fmt(v) for k, v in attrs.items()})
    element.text = text
    return element


def _fmt(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _graticule(svg: ET.Element) -> None:
    """Faint lines every 2 degrees, purely decorative."""
    group = _el(svg, "g", class_="qc-map-grid", stroke="currentColor", stroke_opacity="0.15",
                stroke_width="0.6", aria_hidden="true")
    left, top = project(LAT_MAX, LON_MIN)
    right, bottom = project(LAT_MIN, LON_MAX)
    for lon in range(104, int(LON_MAX) + 1, 2):
        x, _ = project(LAT_MAX, lon)
        _el(group, "line", x1=x, y1=top, x2=x, y2=bottom)
    for lat in range(8, int(LAT_MAX) + 1, 2):
        _, y = project(lat, LON_MIN)
        _el(group, "line", x1=left, y1=y, x2=right, y2=y)


def _archipelagos(svg: ET.Element) -> None:
    """Island dots (decorative) and their visible names (read by screen readers)."""
    group = _el(svg, "g", class_="qc-map-islands")
    dots = _el(group, "g", fill="currentColor", aria_hidden="true")
    for lat, lon in HOANG_SA + TRUONG_SA:
        x, y = project(lat, lon)
        _el(dots, "circle", cx=x, cy=y, r=1.8)
    for label, lat, lon in ARCHIPELAGO_LABELS:
        x, y = project(lat, lon)
        _el(group, "text", label, x=x, y=y, text_anchor="middle", fill="currentColor", font_size="14")
    x, y = project(14.3, 113.4)
    _el(group, "text", "Biển Đông", x=x, y=y, text_anchor="middle", fill="currentColor",
        font_size="14", font_style="italic")


def _mark(svg: ET.Element, mark: Mark, largest: int) -> None:
    x, y = project(mark.lat, mark.lon)
    name = f"{mark.name}: {mark.count} quy chế"
    link = _el(svg, "a", href=mark.href, aria_label=name, class_="qc-map-mark")
    _el(link, "title", name)
    _el(link, "circle", cx=x, cy=y, r=HIT_RADIUS, fill="transparent", class_="qc-map-hit")
    if mark.count > 0:
        _el(link, "circle", cx=x, cy=y, r=radius(mark.count, largest), fill=BLUE, fill_opacity="0.85",
            stroke="#ffffff", stroke_width="1", class_="qc-map-dot")
    else:
        _el(link, "circle", cx=x, cy=y, r=ZERO_RADIUS, fill="none", stroke="currentColor",
            stroke_width="1.5", class_="qc-map-zero")


def _legend(svg: ET.Element, largest: int, top: float) -> None:
    """Key below the map: the largest count, 1 and the hollow ring for none."""
    group = _el(svg, "g", class_="qc-map-legend")
    y = top + MAX_RADIUS + 4
    x = MARGIN + MAX_RADIUS
    samples = [largest, 1] if largest > 1 else [largest] if largest == 1 else []
    for count in samples:
        r = radius(count, largest)
        _el(group, "circle", cx=x, cy=y, r=r, fill=BLUE, fill_opacity="0.85", aria_hidden="true")
        _el(group, "text", f"{count} quy chế", x=x + r + 5, y=y + 5, fill="currentColor", font_size="14")
        x += r + 110
    _el(group, "circle", cx=x, cy=y, r=ZERO_RADIUS, fill="none", stroke="currentColor", stroke_width="1.5",
        aria_hidden="true")
    _el(group, "text", "chưa có quy chế", x=x + ZERO_RADIUS + 5, y=y + 5, fill="currentColor", font_size="14")


def render_province_map(marks: list[Mark], map_id: str = "ban-do") -> str:
    """The map as inline SVG: a labelled group of links, one per current unit.

    Marks with agreements come first (largest first, so smaller circles are
    painted on top and stay clickable); the hollow rings follow in input order.
    """
    width = 2 * MARGIN + (LON_MAX - LON_MIN) * LON_FACTOR * PX_PER_DEGREE
    map_height = 2 * MARGIN + (LAT_MAX - LAT_MIN) * PX_PER_DEGREE
    height = map_height + LEGEND_HEIGHT
    svg = ET.Element("svg", {"xmlns": SVG_NS, "role": "group", "aria-labelledby": f"{map_id}-title",
                             "class": "qc-map", "viewBox": f"0 0 {width:.0f} {height:.0f}",
                             "width": f"{width:.0f}", "height": f"{height:.0f}", "font-size": "14"})
    _el(svg, "title", "Bản đồ số quy chế phối hợp theo 34 tỉnh, thành phố", id=f"{map_id}-title")
    _graticule(svg)
    _archipelagos(svg)
    largest = max((m.count for m in marks), default=0)
    ordered = sorted((m for m in marks if m.count), key=lambda m: -m.count) + [m for m in marks if not m.count]
    for mark in ordered:
        _mark(svg, mark, largest)
    _legend(svg, largest, map_height)
    return ET.tostring(svg, encoding="unicode")
