"""Helpers for the deconfliction tests (docs/deconfliction.md).

Footprints built from places and metre offsets, time slots that keep tests apart, calls
to the activity, conflict, dry-run and protected-site endpoints, the shapes of the
pointer and full views, a recorder that holds a stream connection open in a thread, and
a scanner that looks for strings and coordinates anywhere in decoded JSON.
"""

import asyncio
import json
import re
import threading
import time
import uuid

import websockets

from conftest import login, ws_connect
from request_helpers import iso, requests_quote, ts

ACT_ID = re.compile(r"^ACT-\d{4}-\d{6}$")
CFL_ID = re.compile(r"^CFL-\d{4}-\d{6}$")
SITE_ID = re.compile(r"^SITE-\d{6}$")

PARTY_NAMES = {"isf": "Israeli Security Forces", "pasf": "Palestinian Authority Security Forces"}
COORDINATOR_DESK = "ussc/ops/duty"

KINDS = ("operation", "patrol", "movement", "exercise", "checkpoint", "static_site", "other")
OUTCOMES = ("proceed", "joint", "delayed", "cancelled", "changed")
SITE_KINDS = ("hospital", "school", "un_facility", "humanitarian_facility",
              "humanitarian_movement", "other")

# Places well inside one governorate each (checked by test_places_are_what_we_think), so
# footprints a few kilometres around them touch that governorate only.
PLACES = {
    "nablus": ([35.26, 32.22], "PS0115"),
    "tubas": ([35.37, 32.32], "PS0105"),
    "ramallah": ([35.21, 31.95], "PS0130"),
    "jericho": ([35.45, 31.85], "PS0135"),
    "bethlehem": ([35.20, 31.66], "PS0145"),
    "tulkarm": ([35.07, 32.31], "PS0110"),
    "hebron": ([35.10, 31.53], "PS0150"),
}

# Metres per degree of latitude (spherical Earth). The server measures on a local plane
# within 1 % of geodesic distances; the tests keep margins of 5 % or more.
M_PER_DEG_LAT = 111_195.0
HOUR = 3600
DAY = 86400


def place(name):
    return list(PLACES[name][0])


def district(name):
    return PLACES[name][1]


def north(p, metres):
    """The position `metres` north of `p` (same meridian)."""
    return [p[0], round(p[1] + metres / M_PER_DEG_LAT, 7)]


def east(p, metres):
    import math
    return [round(p[0] + metres / (M_PER_DEG_LAT * math.cos(math.radians(p[1]))), 7), p[1]]


def point(p):
    return {"type": "Point", "coordinates": list(p)}


def line(*pts):
    return {"type": "LineString", "coordinates": [list(p) for p in pts]}


def square(centre, half_m):
    """A square polygon of side 2*half_m around `centre`."""
    sw = east(north(centre, -half_m), -half_m)
    ne = east(north(centre, half_m), half_m)
    ring = [[sw[0], sw[1]], [ne[0], sw[1]], [ne[0], ne[1]], [sw[0], ne[1]], [sw[0], sw[1]]]
    return {"type": "Polygon", "coordinates": [ring]}


def fp(geometry, start, end, buffer_m=0):
    """A footprint; `start` and `end` are Unix times."""
    return {"geometry": geometry, "buffer_m": buffer_m, "start": iso(start), "end": iso(end)}


class Slots:
    """Day-long time slots far ahead of the demo's sample requests (which end within about
    two days), one per test, so one test's footprints never meet another's in time."""

    def __init__(self, server, first_day=4):
        self.base = (int(server.now()) // HOUR + 1) * HOUR + first_day * DAY
        self.n = 0

    def next(self):
        t = self.base + self.n * DAY
        self.n += 1
        return t


def marker(tag):
    return f"MARK-{tag}-{uuid.uuid4().hex[:12]}"


def activity(title, footprint, kind="patrol", **extra):
    body = {"kind": kind, "title": title, "footprint": footprint}
    body.update(extra)
    return body


# --- Calls ------------------------------------------------------------------------------


def register(client, body, status=201):
    r = client.post("/api/v1/activities", json=body)
    assert r.status_code == status, \
        f"register as {client.username}: {r.status_code} {r.text[:800]}"
    out = r.json()
    if status == 201:
        assert ACT_ID.match(out.get("id", "")), out
        assert isinstance(out.get("seq"), int) and out["seq"] > 0, out
        assert isinstance(out.get("conflicts"), list), out
        assert isinstance(out.get("warnings"), list), out
    return out


def get_activity(client, aid, status=200):
    r = client.get(f"/api/v1/activities/{aid}")
    assert r.status_code == status, \
        f"GET {aid} as {client.username}: {r.status_code} {r.text[:500]}"
    return r.json()


def patch(client, aid, body, status=200):
    r = client.patch(f"/api/v1/activities/{aid}", json=body)
    assert r.status_code == status, \
        f"PATCH {aid} as {client.username}: {r.status_code} {r.text[:800]}"
    out = r.json()
    if status == 200:
        assert out["id"] == aid and isinstance(out.get("seq"), int), out
        assert isinstance(out.get("conflicts"), list), out
    return out


def cancel(client, aid, reason=None, status=200):
    body = {} if reason is None else {"reason": reason}
    r = client.post(f"/api/v1/activities/{aid}/cancel", json=body)
    assert r.status_code == status, \
        f"cancel {aid} as {client.username}: {r.status_code} {r.text[:800]}"
    out = r.json()
    if status == 200:
        assert out["id"] == aid and out["state"] == "cancelled", out
        assert isinstance(out.get("seq"), int), out
    return out


def get_conflict(client, cid, status=200):
    r = client.get(f"/api/v1/conflicts/{cid}")
    assert r.status_code == status, \
        f"GET {cid} as {client.username}: {r.status_code} {r.text[:500]}"
    return r.json()


def acknowledge(client, cid, note=None):
    return client.post(f"/api/v1/conflicts/{cid}/acknowledge",
                       json={} if note is None else {"note": note})


def resolve(client, cid, outcome="proceed", note="Agreed by phone with both desks"):
    body = {"outcome": outcome}
    if note is not None:
        body["note"] = note
    return client.post(f"/api/v1/conflicts/{cid}/resolve", json=body)


def ok(r, what=""):
    assert r.status_code == 200, f"{what}: {r.status_code} {r.text[:800]}"
    out = r.json()
    assert isinstance(out.get("seq"), int) and out["seq"] > 0, out
    return out


def check(client, footprint, kind=None, exclude=None, status=200):
    body = {"footprint": footprint}
    if kind is not None:
        body["kind"] = kind
    if exclude is not None:
        body["exclude"] = exclude
    r = client.post("/api/v1/deconfliction/check", json=body)
    assert r.status_code == status, \
        f"check as {client.username}: {r.status_code} {r.text[:800]}"
    out = r.json()
    if status == 200:
        assert set(out) >= {"conflicts", "warnings"}, out
    return out


def add_site(client, body, status=201):
    r = client.post("/api/v1/protected-sites", json=body)
    assert r.status_code == status, \
        f"site as {client.username}: {r.status_code} {r.text[:800]}"
    return r.json()


def list_all(client, path, query="", limit=None):
    """Every item of GET path?query, following `next`; returns (items, pages)."""
    items, pages, cursor = [], 0, None
    while True:
        q = query
        if limit is not None:
            q += f"&limit={limit}"
        if cursor is not None:
            q += "&cursor=" + requests_quote(cursor)
        r = client.get(path + "?" + q.lstrip("&"))
        assert r.status_code == 200, \
            f"{path}?{q} as {client.username}: {r.status_code} {r.text[:300]}"
        page = r.json()
        assert set(page) == {"items", "next"}, page
        assert isinstance(page["items"], list)
        items += page["items"]
        pages += 1
        assert pages < 500, "the cursor never ends"
        cursor = page["next"]
        if cursor is None:
            return items, pages


def activities(client, query=""):
    return list_all(client, "/api/v1/activities", query)[0]


def conflicts(client, query=""):
    return list_all(client, "/api/v1/conflicts", query)[0]


def ids(items):
    return [i["id"] for i in items]


def conflicts_of(client, ref):
    """The conflicts a side sees whose `mine` is `ref`."""
    return [c for c in conflicts(client) if c.get("mine", {}).get("ref") == ref]


def between(client, a, b):
    """The conflicts the coordinator sees between records `a` and `b`."""
    return [c for c in conflicts(client)
            if {s["ref"] for s in c.get("sides", [])} == {a, b}]


def healthz_seq(server):
    r = server.get("/healthz")
    assert r.status_code == 200, r.text
    return r.json()["seq"]


# --- Views ------------------------------------------------------------------------------

# What a side must never see of the other side's record, at the top of a conflict.
RECORD_KEYS = {"sides", "distance_m", "ref", "type", "kind", "title", "details", "unit", "poc",
               "footprint", "geometry", "confidentiality", "created_by"}
POINTER_KEYS = {"id", "state", "parties", "start", "end", "district", "view", "other", "mine",
                "contact", "acknowledged", "outcome", "note", "auto", "resolved_at",
                "created_at", "created_seq", "updated_seq"}


def assert_contact_is_coordinator(contact):
    assert isinstance(contact, dict), contact
    assert contact.get("kind") == "coordinator", contact
    assert contact.get("party") == "ussc", contact
    assert contact.get("desk") == COORDINATOR_DESK, contact
    assert "desk_name" in contact and "on_duty" in contact, contact


def assert_pointer(c, me, other, ref=None):
    """`c` is a conflict as a side (`me`) sees it: the pointer and its own side only."""
    assert c.get("view") == "pointer", c
    assert CFL_ID.match(c.get("id", "")), c
    assert not (set(c) & RECORD_KEYS), f"a side sees {set(c) & RECORD_KEYS}: {c}"
    assert POINTER_KEYS <= set(c) | {"seq"}, f"missing {POINTER_KEYS - set(c)}: {c}"
    assert sorted(c["parties"]) == sorted([me, other]), c
    assert c["other"] == {"party": other, "name": PARTY_NAMES[other]}, c
    assert c["view"] == "pointer", c
    mine = c["mine"]
    assert set(mine) >= {"ref", "type", "title"}, mine
    if ref is not None:
        assert mine["ref"] == ref, c
    assert mine["type"] in ("activity", "request"), mine
    assert set(c["acknowledged"]) == {me, other}, c
    assert ts(c["start"]) < ts(c["end"]), c


def assert_full(c, refs=None):
    """`c` is a conflict as the coordinator's duty desk sees it."""
    assert c.get("view") == "full", c
    assert CFL_ID.match(c.get("id", "")), c
    assert "mine" not in c and "other" not in c, c
    assert isinstance(c.get("distance_m"), (int, float)), c
    assert len(c["sides"]) == 2, c
    for s in c["sides"]:
        assert set(s) >= {"party", "ref", "type", "kind", "title", "unit", "poc", "footprint"}, s
    if refs is not None:
        assert {s["ref"] for s in c["sides"]} == set(refs), c
    assert sorted(c["parties"]) == sorted(s["party"] for s in c["sides"]), c


DRY_POINTER_KEYS = {"parties", "start", "end", "district", "other", "contact"}
# What only the deconfliction desk's dry run shows, and names a pointer must not have.
DRY_FULL_EXTRA = {"side", "ref", "type", "kind", "title", "party", "distance_m"}


def assert_dry_pointer(c, me, other):
    assert DRY_POINTER_KEYS <= set(c), c
    assert not (set(c) & (DRY_FULL_EXTRA | {"sides", "footprint", "details", "unit", "poc",
                                            "id", "mine"})), f"a party's dry run shows {c}"
    assert sorted(c["parties"]) == sorted([me, other]), c
    assert c["other"] == {"party": other, "name": PARTY_NAMES[other]}, c
    assert c["view"] == "pointer", c


def side(c, party):
    return next(s for s in c["sides"] if s["party"] == party)


# --- Scanning decoded JSON --------------------------------------------------------------


def walk(value, path="$"):
    """Yields (path, leaf) for every string, number and key in decoded JSON."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield f"{path}.{k}#key", k
            yield from walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, f"{path}[{i}]")
    else:
        yield path, value


def find_leaks(value, strings=(), numbers=()):
    """Where any of `strings` occurs in a string, or any of `numbers` (coordinates) occurs as
    a number (to 1e-7) or as text, in decoded JSON `value`."""
    hits = []
    number_texts = [f"{n:.6f}"[:-1] for n in numbers]  # e.g. "35.18374" for 35.1837461
    for path, leaf in walk(value):
        if isinstance(leaf, str):
            for s in strings:
                if s in leaf:
                    hits.append((path, s, leaf[:200]))
            for t in number_texts:
                if t in leaf:
                    hits.append((path, t, leaf[:200]))
        elif isinstance(leaf, (int, float)) and not isinstance(leaf, bool):
            for n in numbers:
                if abs(leaf - n) < 1e-7:
                    hits.append((path, n, leaf))
    return hits


def coordinates_of(geometry):
    """Every longitude and latitude of a GeoJSON geometry, flat."""
    out = []

    def rec(c):
        if isinstance(c, (int, float)):
            out.append(float(c))
        else:
            for x in c:
                rec(x)

    rec(geometry["coordinates"])
    return out


# --- The stream, held in a thread -------------------------------------------------------


class StreamRecorder:
    """Holds one stream connection open in a thread of its own and records every frame, so
    the test can make blocking HTTP calls meanwhile without the connection stalling."""

    def __init__(self, server, client):
        self.server = server
        self.client = client
        self.frames = []
        self.hello = None
        self.error = None
        self.closed = None
        self._stop = False
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self, timeout=10):
        self._thread.start()
        assert self._ready.wait(timeout), f"{self.client.username}: no hello"
        assert self.error is None, f"{self.client.username}: {self.error!r}"
        assert self.hello and self.hello.get("type") == "hello", self.hello
        return self

    def _run(self):
        asyncio.run(self._main())

    async def _main(self):
        ws = None
        try:
            ws = await ws_connect(self.server, self.client.cookie)
            self.hello = json.loads(await asyncio.wait_for(ws.recv(), 10))
            self._ready.set()
            while not self._stop:
                try:
                    raw = await asyncio.wait_for(ws.recv(), 0.2)
                except asyncio.TimeoutError:
                    continue
                self.frames.append(json.loads(raw))
        except websockets.ConnectionClosed as e:
            self.closed = e
        except Exception as e:  # noqa: BLE001 - reported by wait_for_seq / stop
            self.error = e
        finally:
            self._ready.set()
            if ws is not None:
                await ws.close()

    def events(self):
        return [f["event"] for f in list(self.frames) if f.get("type") == "event"]

    def wait_for_seq(self, seq, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(e["seq"] >= seq for e in self.events()):
                return self.events()
            if self.error is not None or self.closed is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"{self.client.username}: event {seq} did not arrive "
                             f"(error {self.error!r}, closed {self.closed!r}); "
                             f"got {[e['seq'] for e in self.events()]}")

    def stop(self):
        self._stop = True
        self._thread.join(5)


def barrier(admin, tag):
    """An event everyone may see (a unit made by the coordinator's admin, `admin` being a
    logged-in ussc.admin); returns its seq."""
    r = admin.post("/api/v1/units", json={
        "id": f"ussc/ops/{tag}", "parent": "ussc/ops", "kind": "office",
        "name_en": f"Barrier {tag}"})
    assert r.status_code == 201, r.text
    return r.json()["seq"]


def logins(server, *users):
    return {u: login(server, u) for u in users}
