#!/usr/bin/env python3
"""Build the offline GeoJSON basemaps in static/basemap/ from Natural Earth, with GSHHG in two small boxes.

Source: the npm package ``world-atlas@2.0.2`` (Natural Earth 4.1.0 Admin-0
countries as TopoJSON, public domain data; package ISC).  The TopoJSON is
decoded here (delta-encoded, quantized arcs), the shared arcs are simplified
once (Douglas-Peucker) so neighbouring countries keep a common border, then
the polygons are clipped to a box and written with rounded coordinates.

Inside the Channel box and Brachay's box (GSHHG_AREAS) the region files take land, coast, major
rivers and borders from GSHHG full resolution instead (gshhg.py, through GMT), cut out of the
Natural Earth shapes so there is one coastline only.

Run by hand, never in CI (it needs the npm registry, shapely and GMT with gmt-gshhg-full):

    apt-get install gmt gmt-gshhg-full
    python3 -m venv /tmp/bmvenv && /tmp/bmvenv/bin/pip install shapely
    /tmp/bmvenv/bin/python static/basemap/build.py            # runs `npm pack` itself
    /tmp/bmvenv/bin/python static/basemap/build.py --world-atlas /tmp/world-atlas-2.0.2.tgz
    /tmp/bmvenv/bin/python static/basemap/build.py --natural-earth-only   # the files as they were before GSHHG

Outputs (relative to the repository root), see static/basemap/README.md:
    region.geojson              10m country polygons, lon -3.5..9.0, lat 46.5..53.5
    region-lines.geojson        the same 10m data as lines (coast / land border, and GSHHG's
                                major rivers in the boxes), without the straight clip-box edges
    europe.geojson              50m country polygons, lon -12..30, lat 35..62
    europe-outer.geojson        50m polygons of the same box with the region box cut out
    europe-outer-lines.geojson  their coast / land-border lines (region box cut out)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import gshhg
from shapely import set_precision
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box, shape
from shapely.ops import unary_union
from shapely.validation import make_valid

WORLD_ATLAS = "world-atlas@2.0.2"
REPO_ROOT = Path(__file__).resolve().parent.parent.parent
OUT_DIR = REPO_ROOT / "static" / "basemap"

REGION_BOX = (-3.5, 46.5, 9.0, 53.5)  # lon_min, lat_min, lon_max, lat_max
EUROPE_BOX = (-12.0, 35.0, 30.0, 62.0)
# Drawn from GSHHG full resolution inside region.geojson / region-lines.geojson (lon_min, lat_min, lon_max, lat_max).
GSHHG_AREAS = [
    ("channel", (1.45, 50.75, 2.60, 51.15)),  # Boulogne to De Panne: Cap Gris-Nez, Wissant bay, Calais, Dunkirk
    ("brachay", (4.85, 48.25, 5.30, 48.50)),  # Brachay (48.38 N, 5.04 E) and the Marne through Joinville
]

# polygons file, lines file (or None), source, box, box cut out (or None), tolerance (deg), decimals
OUTPUTS = [
    ("region.geojson", "region-lines.geojson", "countries-10m.json", REGION_BOX, None, 0.0015, 4),
    ("europe.geojson", None, "countries-50m.json", EUROPE_BOX, None, 0.02, 3),
    ("europe-outer.geojson", "europe-outer-lines.geojson", "countries-50m.json", EUROPE_BOX, REGION_BOX, 0.02, 3),
]


def get_world_atlas(arg: str | None, tmp: Path) -> Path:
    """Return the directory holding the world-atlas JSON files."""
    if arg is None:
        print(f"npm pack {WORLD_ATLAS} ...", file=sys.stderr)
        out = (
            subprocess.run(
                ["npm", "pack", WORLD_ATLAS, "--silent"],
                cwd=tmp,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        arg = str(tmp / out)
    p = Path(arg)
    if p.is_file():  # a .tgz from `npm pack`
        with tarfile.open(p) as tf:
            if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4
                tf.extractall(tmp / "wa", filter="data")
            else:
                tf.extractall(tmp / "wa")
        p = tmp / "wa" / "package"
    if (p / "package").is_dir():
        p = p / "package"
    meta = json.loads((p / "package.json").read_text())
    print(f"using {meta['name']}@{meta['version']} from {p}", file=sys.stderr)
    return p


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Delta-decode and de-quantize all arcs of a TopoJSON topology."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if tr:
            (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(a), float(b)) for a, b in arc]
        arcs.append(pts)
    return arcs


def simplify_arc(pts, tol):
    if tol <= 0 or len(pts) < 3:
        return pts
    closed = pts[0] == pts[-1]
    if closed:
        # split a closed arc at its farthest point so DP has two real anchors
        x0, y0 = pts[0]
        k = max(range(len(pts)), key=lambda i: (pts[i][0] - x0) ** 2 + (pts[i][1] - y0) ** 2)
        a = list(LineString(pts[: k + 1]).simplify(tol, preserve_topology=False).coords)
        b = list(LineString(pts[k:]).simplify(tol, preserve_topology=False).coords)
        return a + b[1:]
    return list(LineString(pts).simplify(tol, preserve_topology=False).coords)


def arc_index(i: int) -> int:
    """The stored arc behind a TopoJSON arc reference: ``~i`` (negative) is arc ``i`` walked backwards."""
    return i if i >= 0 else ~i


class SimplifiedArcs:
    """The topology's arcs, each simplified once, on first use, so neighbouring countries keep a common border."""

    def __init__(self, raw: list[list[tuple[float, float]]], tol: float) -> None:
        self.raw = raw
        self.tol = tol
        self.simplified: dict[int, list] = {}

    def arc(self, i: int) -> list:
        j = arc_index(i)
        if j not in self.simplified:
            self.simplified[j] = simplify_arc(self.raw[j], self.tol)
        return self.simplified[j] if i >= 0 else self.simplified[j][::-1]

    def ring(self, ids: list[int]) -> list:
        """The points of a ring, its arcs joined (each arc's first point is the previous arc's last)."""
        pts = []
        for n, i in enumerate(ids):
            a = self.arc(i)
            pts.extend(a if n == 0 else a[1:])
        return pts


def clip_area(bbox, hole=None):
    """The box a file covers, with the box of another file cut out of it (or not)."""
    clip = box(*bbox)
    if hole is not None:
        clip = clip.difference(box(*hole))
    return clip


def outside_box(raw: list[list[tuple[float, float]]], polys: list, bbox) -> bool:
    """A cheap pre-filter on the raw (unsimplified) extent of the polygons' outer rings."""
    xs, ys = [], []
    for p in polys:
        for i in p[0]:
            for x, y in raw[arc_index(i)]:
                xs.append(x)
                ys.append(y)
    return max(xs) < bbox[0] or min(xs) > bbox[2] or max(ys) < bbox[1] or min(ys) > bbox[3]


def count_uses(ids: list[int], arc_users: dict[int, int]) -> None:
    """One more kept ring uses each of these arcs (one user: a coast; two: a land border)."""
    for i in ids:
        arc_users[arc_index(i)] = arc_users.get(arc_index(i), 0) + 1


def _kept_parts(arcs: SimplifiedArcs, polys: list, min_area: float, arc_users: dict[int, int]) -> list[Polygon]:
    """The polygons of one country that simplification left standing, their arcs counted in arc_users."""
    parts = []
    for p in polys:
        shell = arcs.ring(p[0])
        if len(shell) < 4 or Polygon(shell).area <= min_area:
            continue  # collapsed by simplification, or a speck
        holes = []
        for r in p[1:]:
            h = arcs.ring(r)
            if len(h) >= 4 and Polygon(h).area > min_area:
                holes.append(h)
                count_uses(r, arc_users)
        count_uses(p[0], arc_users)
        parts.append(Polygon(shell, holes))
    return parts


def _clipped(parts: list[Polygon], clip, min_area: float) -> list[Polygon]:
    """A country's polygons made valid, clipped, and without the slivers smaller than a few tolerance-squares."""
    geom = make_valid(MultiPolygon(parts)) if len(parts) > 1 else make_valid(parts[0])
    geom = geom.intersection(clip)
    polys_out = [q for q in getattr(geom, "geoms", [geom]) if q.geom_type == "Polygon" and not q.is_empty]
    return [q for q in polys_out if q.area > min_area]


def _polygon_feature(name: str, polygons: list[Polygon], ndigits: int) -> dict | None:
    """The GeoJSON feature of a country, its rings rounded; None when rounding leaves no ring of 4 points."""
    coords = []
    for q in polygons:
        rings = [pts for pts in (_rounded_ring(r.coords, ndigits) for r in (q.exterior, *q.interiors)) if len(pts) >= 4]
        if rings:
            coords.append(rings)
    if not coords:
        return None
    geom = {"type": "Polygon", "coordinates": coords[0]} if len(coords) == 1 else {"type": "MultiPolygon", "coordinates": coords}
    return {"type": "Feature", "properties": {"name": name}, "geometry": geom}


def _arc_lines(arcs: SimplifiedArcs, arc_users: dict[int, int], clip, ndigits: int) -> dict[str, list]:
    """Every used arc once: used by one ring, a coast; by two, a land border.
    Clip-box edges are not arcs, so they never appear here."""
    lines: dict[str, list] = {"coast": [], "border": []}
    for j, users in sorted(arc_users.items()):
        lines["coast" if users == 1 else "border"] += _line_parts(LineString(arcs.simplified[j]).intersection(clip), ndigits)
    return lines


def _line_collection(kinds: dict[str, list]) -> dict:
    features = [
        {"type": "Feature", "properties": {"kind": kind}, "geometry": {"type": "MultiLineString", "coordinates": parts}}
        for kind, parts in kinds.items()
        if parts
    ]
    return {"type": "FeatureCollection", "features": features}


def build(topo: dict, bbox, tol: float, ndigits: int, hole=None) -> tuple[dict, dict]:
    """Return (polygons FeatureCollection, lines FeatureCollection)."""
    arcs = SimplifiedArcs(decode_arcs(topo), tol)
    clip = clip_area(bbox, hole)
    min_area = tol * tol * 4 if tol else 0.0
    arc_users: dict[int, int] = {}  # arc index -> number of kept rings using it
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        if outside_box(arcs.raw, polys, bbox):
            continue
        parts = _kept_parts(arcs, polys, min_area, arc_users)
        polygons = _clipped(parts, clip, min_area) if parts else []
        if polygons:
            countries.append((g.get("properties", {}).get("name") or str(g.get("id")), polygons))
    features = [_polygon_feature(name, polygons, ndigits) for name, polygons in sorted(countries, key=lambda c: c[0])]
    polygons_fc = {"type": "FeatureCollection", "features": [f for f in features if f is not None]}
    return polygons_fc, _line_collection(_arc_lines(arcs, arc_users, clip, ndigits))


def _rounded_ring(coords, ndigits: int) -> list[list[float]]:
    pts: list[list[float]] = []
    for x, y in coords:
        pt = [round(x, ndigits), round(y, ndigits)]
        if not pts or pts[-1] != pt:
            pts.append(pt)
    return pts


def _polygon_geojson(geometry, ndigits: int) -> dict:
    """GeoJSON of a (multi)polygon already snapped to the 10^-ndigits grid (set_precision keeps it valid)."""
    polygons = [p for p in getattr(geometry, "geoms", [geometry]) if p.geom_type == "Polygon" and not p.is_empty]
    coords = [[_rounded_ring(r.coords, ndigits) for r in (p.exterior, *p.interiors)] for p in polygons]
    if len(coords) == 1:
        return {"type": "Polygon", "coordinates": coords[0]}
    return {"type": "MultiPolygon", "coordinates": coords}


def _country_of(piece: Polygon, countries: dict[str, object]) -> str:
    """The Natural Earth country that overlaps a GSHHG land piece most, or else the nearest one."""
    overlap = {name: piece.intersection(geom).area for name, geom in countries.items()}
    best = max(overlap, key=overlap.get)
    if overlap[best] > 0:
        return best
    return min(countries, key=lambda name: piece.distance(countries[name]))


def _gshhg_land(areas: list[gshhg.Area], countries: dict[str, object]) -> dict[str, list[Polygon]]:
    by_country: dict[str, list[Polygon]] = {}
    for area in areas:
        for piece in gshhg.split_by_borders(area.land, area.borders):
            by_country.setdefault(_country_of(piece, countries), []).append(piece)
    return by_country


def _line_parts(geometry, ndigits: int) -> list[list[list[float]]]:
    parts = [_rounded_ring(line.coords, ndigits) for line in getattr(geometry, "geoms", [geometry])
             if line.geom_type == "LineString" and not line.is_empty]
    return [p for p in parts if len(p) >= 2]


def _border_steps(inside: dict[str, list[Polygon]], outside: dict[str, object], edge) -> list:
    """The stretches of box edge with one country inside and another outside: the two borders' data disagree
    there by up to a few km, and these stretches join them into one line."""
    eps = 1e-7
    steps = []
    for name_in, pieces in inside.items():
        near_in = edge.intersection(unary_union(pieces).buffer(eps))
        for name_out, geom in outside.items():
            if name_out != name_in:
                steps += [ls for ls in gshhg.lines_of(near_in.intersection(geom.buffer(eps))) if ls.length > 10 * eps]
    return steps


def with_gshhg(fc: dict, lines: dict, areas: list[gshhg.Area], ndigits: int) -> tuple[dict, dict]:
    """Natural Earth with the GSHHG areas cut out and GSHHG's land, coast, rivers and borders put in."""
    cut = unary_union([area.shape for area in areas])
    countries = {f["properties"]["name"]: shape(f["geometry"]) for f in fc["features"]}
    added = _gshhg_land(areas, countries)
    outside = {name: geom.difference(cut) for name, geom in countries.items()}
    merged = {name: unary_union([geom, *added.get(name, [])]) for name, geom in outside.items()}
    features = []
    for name, geom in merged.items():
        snapped = set_precision(geom, 10**-ndigits)
        if not snapped.is_empty:
            features.append({"type": "Feature", "properties": {"name": name}, "geometry": _polygon_geojson(snapped, ndigits)})

    kinds: dict[str, list] = {"coast": [], "border": [], "river": []}
    for feature in lines["features"]:
        kinds[feature["properties"]["kind"]] += _line_parts(shape(feature["geometry"]).difference(cut), ndigits)
    # Where the two coasts meet at a box edge, the land's outline runs along the edge for a few hundred
    # metres: draw that step, so the coastline stays unbroken.
    steps = unary_union(list(merged.values())).boundary.intersection(cut.boundary)
    kinds["coast"] += _line_parts(steps, ndigits)
    kinds["border"] += [part for step in _border_steps(added, outside, cut.boundary) for part in _line_parts(step, ndigits)]
    for area in areas:
        kinds["coast"] += _line_parts(MultiLineString(area.coast), ndigits)
        kinds["border"] += _line_parts(MultiLineString(area.borders), ndigits)
        kinds["river"] += _line_parts(MultiLineString(area.rivers), ndigits)
    return {"type": "FeatureCollection", "features": features}, _line_collection(kinds)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--world-atlas", help=f"world-atlas package dir or .tgz (default: npm pack {WORLD_ATLAS})")
    ap.add_argument("--natural-earth-only", action="store_true", help="no GSHHG boxes (no GMT needed)")
    ap.add_argument("--out-dir", default=str(OUT_DIR))
    args = ap.parse_args()
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as td:
        src = get_world_atlas(args.world_atlas, Path(td))
        areas = [] if args.natural_earth_only else [gshhg.read(gshhg.Area(name, bounds)) for name, bounds in GSHHG_AREAS]
        topos: dict[str, dict] = {}
        for poly_name, lines_name, src_name, bbox, hole, tol, nd in OUTPUTS:
            if src_name not in topos:
                topos[src_name] = json.loads((src / src_name).read_text())
            fc, lines = build(topos[src_name], bbox, tol, nd, hole)
            if areas and bbox == REGION_BOX:
                fc, lines = with_gshhg(fc, lines, areas, nd)
            for out_name, data in ((poly_name, fc), (lines_name, lines)):
                if out_name is None:
                    continue
                text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
                (out_dir / out_name).write_text(text + "\n", encoding="utf-8")
                print(f"{out_name}: {len(data['features'])} features, {len(text.encode()) / 1024:.1f} KiB", file=sys.stderr)
            print("  countries: " + ", ".join(f["properties"]["name"] for f in fc["features"]), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
