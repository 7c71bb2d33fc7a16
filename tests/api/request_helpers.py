"""Helpers shared by the coordination request tests (docs/requests.md).

Request bodies, time handling against the server's injected clock, transitions, lists
followed through their cursor, audit receipts, the stream, and a small point-in-polygon
reader of the Oslo area and governorate layers in data/ (pure Python) to know what the
server's evaluation must say.
"""

import asyncio
import json
import re
import time
from datetime import datetime, timezone
from pathlib import Path

from conftest import login, ws_recv_json

REQ_ID = re.compile(r"^REQ-\d{4}-\d{6}$")

# Jenin city (Area A) and a route from it south-west into Area C, all in the Jenin
# governorate (PS0101); checked against data/ by test_route_fixture_is_what_we_think.
JENIN = [35.295, 32.461]
ROUTE_A_TO_C = [[35.295, 32.461], [35.26, 32.44], [35.23, 32.42]]
# A point in Hebron city, Area H1 (PS0150).
HEBRON_H1 = [35.0915, 31.5276]

DEADLINES = {  # the contract's defaults, in seconds
    "ROUTINE": (7200, 86400), "PRIORITY": (1800, 28800),
    "IMMEDIATE": (600, 7200), "FLASH": (120, 1800),
}

DATA = Path(__file__).resolve().parents[2] / "data"


# --- Time -------------------------------------------------------------------------------


def iso(t):
    """RFC 3339 (UTC, whole seconds) for a Unix time."""
    return datetime.fromtimestamp(int(t), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def ts(s):
    """Unix time of an RFC 3339 string (with or without fractions, Z or an offset)."""
    assert isinstance(s, str) and s, f"not a timestamp: {s!r}"
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


# --- Bodies -----------------------------------------------------------------------------


def footprint(server, coordinates=None, kind="LineString", buffer_m=200, start_in=3600,
              length=4 * 3600):
    """A footprint whose window starts `start_in` s after the server's now."""
    start = server.now() + start_in
    if coordinates is None:
        coordinates = ROUTE_A_TO_C if kind == "LineString" else JENIN
    return {"geometry": {"type": kind, "coordinates": coordinates}, "buffer_m": buffer_m,
            "start": iso(start), "end": iso(start + length)}


def movement(personnel=12, armed=True):
    return {
        "personnel": personnel,
        "vehicles": [{"plate": "12-345-67", "description": "jeep"},
                     {"plate": "98-765-43", "description": "truck"}],
        "weapons": [{"kind": "rifle", "count": personnel}] if armed else [],
        "route_description": "Jenin south-west towards Ya'bad",
    }


def draft(server, type="movement", to_party="isf", precedence="ROUTINE", title=None, **extra):
    """A complete create body: by default an armed pasf movement from Jenin (A) into C."""
    body = {"type": type, "to_party": to_party, "precedence": precedence,
            "title": title or f"{type} {precedence} {time.monotonic_ns()}",
            "details": "Details in any language: تفاصيل / פרטים"}
    if "footprint" not in extra:
        body["footprint"] = footprint(server)
    if type == "movement" and "movement" not in extra:
        body["movement"] = movement()
    body.update(extra)
    return {k: v for k, v in body.items() if v is not None}


# --- Calls ------------------------------------------------------------------------------


def create(client, body, status=201):
    r = client.post("/api/v1/requests", json=body)
    assert r.status_code == status, f"create as {client.username}: {r.status_code} {r.text[:500]}"
    return r.json()


def new_request(server, client, **kw):
    """Creates a request as `client` and returns the reply (the request plus seq)."""
    return create(client, draft(server, **kw))


def fetch(client, rid):
    r = client.get(f"/api/v1/requests/{rid}")
    assert r.status_code == 200, f"GET {rid} as {client.username}: {r.status_code} {r.text[:500]}"
    return r.json()


def act(client, rid, action, body=None):
    return client.post(f"/api/v1/requests/{rid}/{action}", json={} if body is None else body)


def ok(client, rid, action, body=None, state=None):
    """A transition that must succeed; returns the reply (the request plus its receipt)."""
    r = act(client, rid, action, body)
    assert r.status_code == 200, \
        f"{action} {rid} as {client.username}: {r.status_code} {r.text[:500]}"
    out = r.json()
    assert isinstance(out.get("seq"), int) and out["seq"] > 0, out
    assert out["id"] == rid
    if state is not None:
        assert out["state"] == state, out
    return out


def snapshot(client, rid):
    """What must not change when a request is refused: state, updated_seq, the timeline."""
    d = fetch(client, rid)
    return {"state": d["state"], "updated_seq": d["updated_seq"], "decision": d["decision"],
            "comment_count": d["comment_count"], "overdue": d["overdue"],
            "timeline": [e["seq"] for e in d["timeline"]]}


def list_all(client, query="", limit=None):
    """Every item of GET /requests?query, following `next`; returns (items, pages)."""
    items, pages, cursor = [], 0, None
    while True:
        q = query
        if limit is not None:
            q += f"&limit={limit}"
        if cursor is not None:
            q += "&cursor=" + requests_quote(cursor)
        r = client.get("/api/v1/requests?" + q.lstrip("&"))
        assert r.status_code == 200, f"{query}: {r.status_code} {r.text[:300]}"
        page = r.json()
        assert set(page) >= {"items", "next"}, page
        items += page["items"]
        pages += 1
        assert pages < 1000, "the cursor never ends"
        cursor = page["next"]
        if cursor is None:
            return items, pages


def requests_quote(s):
    from urllib.parse import quote
    return quote(str(s), safe="")


def ids(items):
    return [i["id"] for i in items]


def visible_ids(client, query=""):
    return set(ids(list_all(client, query)[0]))


def is_subset(small, big):
    """Every key of `small` is in `big` with the same value."""
    return all(k in big and big[k] == v for k, v in small.items())


# --- Audit receipts ---------------------------------------------------------------------


def wait_for_head(server, client, min_size, tries=100):
    head = None
    for _ in range(tries):
        head = client.get("/api/v1/audit/tree-head").json()
        if head["tree_size"] >= min_size:
            return head
        time.sleep(0.1)
    raise AssertionError(f"no signed head of size >= {min_size}: {head}")


def sign_head_over(server, client, seq):
    """Moves the clock past the head interval (60 s) so a head covering `seq` is signed."""
    server.advance(61)
    return wait_for_head(server, client, seq)


# --- The stream -------------------------------------------------------------------------


def barrier(server, tag):
    """An event everyone may see (a unit made by the coordinator); returns its seq. Frames
    arrive in log order, so once a stream has it, it has every earlier event it may see."""
    r = login(server, "ussc.admin").post("/api/v1/units", json={
        "id": f"ussc/ops/{tag}", "parent": "ussc/ops", "kind": "office",
        "name_en": f"Barrier {tag}"})
    assert r.status_code == 201, r.text
    return r.json()["seq"]


async def events_until(ws, seq, timeout=15):
    """The events received up to and including the one with `seq`."""
    events = []
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        left = deadline - asyncio.get_running_loop().time()
        if left <= 0:
            raise AssertionError(f"event {seq} did not arrive within {timeout} s; got {events}")
        frame = await ws_recv_json(ws, left)
        if frame.get("type") != "event":
            continue
        events.append(frame["event"])
        if frame["event"]["seq"] >= seq:
            return events


async def wait_event(ws, predicate, timeout=15):
    """Events until one satisfies `predicate`; returns (match, all received)."""
    events = []
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        left = deadline - asyncio.get_running_loop().time()
        if left <= 0:
            raise AssertionError(f"no matching event within {timeout} s; got {events}")
        frame = await ws_recv_json(ws, left)
        if frame.get("type") != "event":
            continue
        events.append(frame["event"])
        if predicate(frame["event"]):
            return frame["event"], events


# --- The map layers in data/ ------------------------------------------------------------

AREA_CODE = {"A": "A", "B": "B", "C": "C", "H1": "H1", "H2": "H2", "Nature Reserve": "B",
             "Israeli Declared East Jerusalem": "EJ", "No Man's Land": "NML"}
_layers = {}


def _layer(name):
    if name not in _layers:
        _layers[name] = json.loads((DATA / name).read_text())["features"]
    return _layers[name]


def _polygons(feature):
    g = feature["geometry"]
    return [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]


def _in_ring(x, y, ring):
    inside = False
    for i in range(len(ring)):
        (x1, y1), (x2, y2) = ring[i][:2], ring[i - 1][:2]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _in_polygon(x, y, rings):
    return _in_ring(x, y, rings[0]) and not any(_in_ring(x, y, h) for h in rings[1:])


def oslo_areas_at(lon, lat):
    """The contract's area codes of the Oslo polygons containing the point."""
    return sorted({AREA_CODE[f["properties"]["oslo_class"]] for f in _layer("oslo_areas.geojson")
                   if any(_in_polygon(lon, lat, p) for p in _polygons(f))})


def governorate_at(lon, lat):
    hits = [f["properties"]["pcode"] for f in _layer("governorates.geojson")
            if any(_in_polygon(lon, lat, p) for p in _polygons(f))]
    return hits[0] if hits else None
