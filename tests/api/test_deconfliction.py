"""Deconfliction (docs/deconfliction.md): planned activities, the conflicts between the
footprints of different parties, their acknowledgement and resolution, coordination
requests taking part, protected sites, the dry run, and above all what each side may see.

One server for the module. Every test takes a time slot of its own (Slots: a day each,
starting four days ahead, past the demo's sample requests), so footprints of different
tests never meet in time; most also use a place of their own (PLACES).
"""

import copy
import json

import pytest

from conftest import add_party_with_officer, assert_problem, login
from deconfliction_helpers import (
    ACT_ID, CFL_ID, DAY, DRY_POINTER_KEYS, HOUR, KINDS, OUTCOMES, PLACES, SITE_ID, SITE_KINDS,
    Slots, StreamRecorder, acknowledge, activities, activity, add_site,
    assert_contact_is_coordinator, assert_dry_pointer, assert_full, assert_pointer, barrier,
    between, cancel, check, conflicts, conflicts_of, coordinates_of, district, east, find_leaks,
    fp, get_activity, get_conflict, healthz_seq, ids, line, list_all, marker, north, ok, patch,
    place, point, register, resolve, side, square)
from request_helpers import draft, governorate_at, iso, ts
from request_helpers import ok as request_ok

UNKNOWN_ACT = "ACT-2026-999999"
UNKNOWN_CFL = "CFL-2026-999999"

USERS = (
    "isf.nablus", "pasf.nablus", "isf.ramallah", "pasf.ramallah", "isf.jericho", "pasf.jericho",
    "isf.tubas", "pasf.tubas", "isf.bethlehem", "pasf.bethlehem", "isf.hebron", "pasf.hebron",
    "isf.tulkarm", "pasf.tulkarm", "isf.commander", "pasf.commander", "isf.analyst",
    "pasf.analyst", "isf.auditor", "pasf.auditor", "isf.admin", "pasf.admin", "ussc.duty",
    "ussc.duty2", "ussc.commander", "ussc.analyst", "ussc.auditor", "ussc.admin",
)


@pytest.fixture(scope="module")
def outsider(server):
    """eubam.duty (liaison, duty) of a fourth party that takes part in nothing. Made first:
    it restarts the server, before any test moves the clock."""
    return login(server, add_party_with_officer(server, "eubam"))


@pytest.fixture(scope="module")
def u(server, outsider):
    return {name: login(server, name) for name in USERS}


@pytest.fixture(scope="module")
def slots(server, u):
    return Slots(server)


def pair(u, slots, where):
    """isf registers a 2 km patrol route going north from `where`; pasf then registers a
    movement at a point 300 m east of its middle; buffers 200 + 200 m, so they conflict
    (distance about 300 m). Windows [t, t+4h) and [t+1h, t+3h).
    Returns (isf activity, pasf reply, the conflict as pasf sees it, t)."""
    t = slots.next()
    p = place(where)
    a = register(u[f"isf.{where}"], activity(
        "ISF route check", fp(line(p, north(p, 2000)), t, t + 4 * HOUR, 200),
        details="Two vehicles", poc="ISF duty officer 02-555-0100"))
    assert a["conflicts"] == [], a
    b = register(u[f"pasf.{where}"], activity(
        "PASF escort", fp(point(east(north(p, 1000), 300)), t + HOUR, t + 3 * HOUR, 200),
        kind="movement", details="One jeep", poc="PASF DCL 09-555-0200"))
    assert len(b["conflicts"]) == 1, b
    return a, b, b["conflicts"][0], t


def test_places_are_what_we_think():
    """Every place is inside its governorate, and so is everything within 3 km of it."""
    for name, (p, pcode) in PLACES.items():
        for dn in (-3000, 0, 3000):
            for de in (-3000, 0, 3000):
                q = east(north(p, dn), de)
                assert governorate_at(*q) == pcode, (name, dn, de)


# --- Registering an activity -------------------------------------------------------------


def test_register_an_activity(server, u, slots):
    isf = u["isf.nablus"]
    t = slots.next()
    p = place("nablus")
    body = {"kind": "patrol", "title": "Route check", "details": "Two jeeps, תפרטים / تفاصيل",
            "poc": "Duty officer, 02-555-0100", "confidentiality": "confidential",
            "footprint": fp(line(p, north(p, 1500)), t, t + 4 * HOUR, 300)}
    a = register(isf, body)
    assert ACT_ID.match(a["id"]), a
    assert (a["party"], a["kind"], a["state"], a["ended"]) == ("isf", "patrol", "planned", False)
    assert (a["title"], a["details"], a["poc"]) == (body["title"], body["details"], body["poc"])
    assert a["confidentiality"] == "confidential"
    assert a["unit"] == "isf/dco/nablus", "unit defaults to the user's unit"
    assert a["footprint"]["geometry"] == body["footprint"]["geometry"]
    assert a["footprint"]["buffer_m"] == 300
    assert ts(a["footprint"]["start"]) == t and ts(a["footprint"]["end"]) == t + 4 * HOUR
    assert a["district"] == district("nablus") and a["districts"] == [district("nablus")]
    assert a["created_by"] == "isf.nablus"
    assert abs(ts(a["created_at"]) - server.now()) < 30
    assert ts(a["updated_at"]) == ts(a["created_at"])
    assert a["created_seq"] == a["seq"]
    assert a["conflict_count"] == 0 and a["conflicts"] == []
    for w in a["warnings"]:
        assert set(w) >= {"site", "name", "kind", "distance_m"}, w
    assert a["id"].split("-")[1] == iso(server.now())[:4], "ACT-<year>-<number>"

    got = get_activity(isf, a["id"])
    for k in ("id", "party", "kind", "state", "ended", "title", "details", "unit", "poc",
              "confidentiality", "footprint", "district", "districts", "created_by",
              "created_at", "created_seq", "conflict_count"):
        assert got[k] == a[k], (k, got[k], a[k])
    assert got["conflicts"] == []
    assert a["id"] in ids(activities(isf))

    # Optional fields, confidentiality restricted by default.
    b = register(u["isf.commander"], activity("Minimal", fp(point(p), t, t + HOUR)))
    assert b["confidentiality"] == "restricted"
    assert b["unit"] == "isf/dco"
    assert b["party"] == "isf" and b["created_by"] == "isf.commander"
    assert b.get("details") in (None, "") and b.get("poc") in (None, "")
    assert int(b["id"][-6:]) > int(a["id"][-6:])


def test_a_unit_must_be_one_of_the_users_party(server, u, slots):
    isf = u["isf.nablus"]
    t = slots.next()
    p = place("nablus")
    before = ids(activities(u["ussc.duty"]))
    for unit in ("pasf/dcl/nablus", "isf/dco/atlantis"):
        r = isf.post("/api/v1/activities", json=activity(
            "Bad unit", fp(point(p), t, t + HOUR), unit=unit))
        p_ = assert_problem(r, r.status_code)
        assert r.status_code in (400, 403), r.text
        if r.status_code == 400:
            assert p_["field"] == "/unit", p_
    assert ids(activities(u["ussc.duty"])) == before
    a = register(isf, activity("Own unit", fp(point(p), t, t + HOUR), unit="isf/dco/nablus"))
    assert a["unit"] == "isf/dco/nablus"


def _valid_body(t):
    p = place("nablus")
    return activity("Validation probe", fp(line(p, north(p, 500)), t, t + 2 * HOUR, 100))


def _set(path, value):
    def f(body):
        target = body
        for k in path[:-1]:
            target = target[k]
        if value is _DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        return body
    return f


_DELETE = object()
_T = 2_000_000_000  # 2033-05-18: a fixed time for bodies that must be refused anyway

MALFORMED = [
    ("missing kind", _set(["kind"], _DELETE), "/kind"),
    ("bad kind", _set(["kind"], "raid"), "/kind"),
    ("kind not a string", _set(["kind"], 3), "/kind"),
    ("missing title", _set(["title"], _DELETE), "/title"),
    ("title not a string", _set(["title"], ["x"]), "/title"),
    ("missing footprint", _set(["footprint"], _DELETE), "/footprint"),
    ("footprint not an object", _set(["footprint"], "here"), "/footprint"),
    ("geometry MultiPoint", _set(["footprint", "geometry"],
                                 {"type": "MultiPoint", "coordinates": [[35.2, 32.2]]}),
     "/footprint/geometry*"),
    ("latitude 95", _set(["footprint", "geometry"], {"type": "Point", "coordinates": [35.2, 95]}),
     "/footprint/geometry*"),
    ("line of one position", _set(["footprint", "geometry"],
                                  {"type": "LineString", "coordinates": [[35.2, 32.2]]}),
     "/footprint/geometry*"),
    ("unclosed ring", _set(["footprint", "geometry"], {"type": "Polygon", "coordinates": [
        [[35.2, 32.2], [35.21, 32.2], [35.21, 32.21], [35.2, 32.21]]]}), "/footprint/geometry*"),
    ("self-crossing polygon", _set(["footprint", "geometry"], {"type": "Polygon", "coordinates": [
        [[35.2, 32.2], [35.21, 32.21], [35.21, 32.2], [35.2, 32.21], [35.2, 32.2]]]}),
     "/footprint/geometry"),
    ("hole outside the polygon", _set(["footprint", "geometry"], {"type": "Polygon", "coordinates": [
        [[35.2, 32.2], [35.21, 32.2], [35.21, 32.21], [35.2, 32.21], [35.2, 32.2]],
        [[35.3, 32.3], [35.31, 32.3], [35.31, 32.31], [35.3, 32.31], [35.3, 32.3]]]}),
     "/footprint/geometry"),
    ("missing geometry", _set(["footprint", "geometry"], _DELETE), "/footprint/geometry"),
    ("negative buffer", _set(["footprint", "buffer_m"], -1), "/footprint/buffer_m"),
    ("buffer over 50 km", _set(["footprint", "buffer_m"], 50001), "/footprint/buffer_m"),
    ("buffer not a number", _set(["footprint", "buffer_m"], "wide"), "/footprint/buffer_m"),
    ("end equals start", _set(["footprint", "end"], iso(_T)), "/footprint/end|/footprint/start"),
    ("end before start", _set(["footprint", "end"], iso(_T - 60)),
     "/footprint/end|/footprint/start"),
    ("window over 31 days", _set(["footprint", "end"], iso(_T + 31 * DAY + 1)),
     "/footprint/end|/footprint/start"),
    ("start not a time", _set(["footprint", "start"], "tomorrow"), "/footprint/start"),
    ("missing end", _set(["footprint", "end"], _DELETE), "/footprint/end"),
    ("unknown member", _set(["bogus"], 1), "/bogus"),
    ("unknown footprint member", _set(["footprint", "colour"], "red"), "/footprint/colour"),
    ("bad confidentiality", _set(["confidentiality"], "top_secret"), "/confidentiality"),
    ("confidentiality not a string", _set(["confidentiality"], 2), "/confidentiality"),
    ("details not a string", _set(["details"], {"a": 1}), "/details"),
    ("poc not a string", _set(["poc"], 5), "/poc"),
    ("state is not writable", _set(["state"], "cancelled"), "/state"),
    ("party is not writable", _set(["party"], "pasf"), "/party"),
]


def field_matches(p, pattern):
    got = str(p.get("field"))
    for alt in pattern.split("|"):
        if alt.endswith("*") and got.startswith(alt[:-1]):
            return True
        if got == alt:
            return True
    return False


@pytest.mark.parametrize("name,change,field", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_activity_is_400_naming_the_field(server, u, name, change, field):
    isf = u["isf.nablus"]
    before = ids(activities(isf))
    body = change(copy.deepcopy(_valid_body(_T)))
    p = assert_problem(isf.post("/api/v1/activities", json=body), 400)
    assert field_matches(p, field), f"{name}: expected field {field}, got {p}"
    assert ids(activities(isf)) == before


def test_a_body_that_is_not_an_object_is_400(server, u):
    for data in (b"[]", b"null", b'"patrol"', b"{"):
        r = u["isf.nablus"].post("/api/v1/activities", data=data,
                                 headers={"Content-Type": "application/json"})
        assert_problem(r, 400)


def test_the_limits_themselves_are_accepted(server, u, slots):
    isf = u["isf.nablus"]
    t = slots.next()
    p = place("nablus")
    a = register(isf, activity("Zero buffer", fp(point(p), t, t + 1)))
    assert a["footprint"]["buffer_m"] == 0
    # These two would reach into other tests' places or slots: cancelled at once.
    b = register(isf, activity("50 km buffer", fp(point(p), t, t + HOUR, 50000)))
    assert b["footprint"]["buffer_m"] == 50000
    cancel(isf, b["id"])
    c = register(isf, activity("31 days", fp(point(east(p, -2500)), t, t + 31 * DAY)))
    assert ts(c["footprint"]["end"]) - ts(c["footprint"]["start"]) == 31 * DAY
    cancel(isf, c["id"])
    for k in KINDS:
        assert register(isf, activity(f"kind {k}", fp(point(p), t, t + 60), kind=k))["kind"] == k
    for level in ("restricted", "confidential", "secret"):
        assert register(isf, activity("c", fp(point(p), t, t + 60),
                                      confidentiality=level))["confidentiality"] == level


def test_who_may_register(server, u, slots):
    t = slots.next()
    p = place("nablus")
    body = activity("Who may", fp(point(p), t, t + HOUR))
    before = ids(activities(u["ussc.duty"]))
    for name in ("isf.analyst", "isf.auditor", "isf.admin", "pasf.analyst", "pasf.auditor"):
        assert_problem(u[name].post("/api/v1/activities", json=body), 403)
    assert ids(activities(u["ussc.duty"])) == before
    for name in ("isf.commander", "pasf.commander", "pasf.nablus"):
        a = register(u[name], body)
        assert a["party"] == name.split(".")[0]


# --- Conflicts between two parties ---------------------------------------------------------


def test_overlapping_activities_of_two_parties_conflict(server, u, slots):
    isf, pasf, ussc = u["isf.nablus"], u["pasf.nablus"], u["ussc.duty"]
    a, b, c, t = pair(u, slots, "nablus")

    # The second registrant gets the pointer, with its own record as `mine`.
    assert_pointer(c, "pasf", "isf", ref=b["id"])
    assert {k: c["mine"][k] for k in ("ref", "type", "title")} == {
        "ref": b["id"], "type": "activity", "title": "PASF escort"}, c["mine"]
    assert c["state"] == "open"
    assert ts(c["start"]) == t + HOUR and ts(c["end"]) == t + 3 * HOUR, "the overlap window"
    assert c["district"] == district("nablus")
    assert_contact_is_coordinator(c["contact"])
    assert c["acknowledged"] == {"isf": None, "pasf": None}
    assert (c["outcome"], c["note"], c["auto"], c["resolved_at"]) == (None, None, False, None)
    assert c["created_seq"] <= c["updated_seq"]
    assert b["conflict_count"] == 1
    text = json.dumps(c)
    assert a["id"] not in text and "ISF route check" not in text and "ISF duty officer" not in text

    # The same from GET, for pasf.
    assert_pointer(get_conflict(pasf, c["id"]), "pasf", "isf", ref=b["id"])
    assert c["id"] in ids(conflicts_of(pasf, b["id"]))
    got_b = get_activity(pasf, b["id"])
    assert [x["id"] for x in got_b["conflicts"]] == [c["id"]]

    # The first side sees it in its list and on its activity, with its own record as `mine`.
    mine = [x for x in conflicts(isf) if x["id"] == c["id"]]
    assert len(mine) == 1, "the first side lists the conflict"
    assert_pointer(mine[0], "isf", "pasf", ref=a["id"])
    assert mine[0]["mine"]["title"] == "ISF route check"
    assert (mine[0]["start"], mine[0]["end"], mine[0]["district"]) == (
        c["start"], c["end"], c["district"])
    text = json.dumps(mine[0])
    assert b["id"] not in text and "PASF escort" not in text and "PASF DCL" not in text
    got_a = get_activity(isf, a["id"])
    assert got_a["conflict_count"] == 1
    assert [x["id"] for x in got_a["conflicts"]] == [c["id"]]
    assert_pointer(got_a["conflicts"][0], "isf", "pasf", ref=a["id"])
    assert_pointer(get_conflict(isf, c["id"]), "isf", "pasf", ref=a["id"])

    # The coordinator's duty desk sees both sides in full.
    for name in ("ussc.duty", "ussc.commander", "ussc.duty2"):
        full = get_conflict(u[name], c["id"])
        assert_full(full, refs={a["id"], b["id"]})
        sa, sb = side(full, "isf"), side(full, "pasf")
        assert (sa["ref"], sa["type"], sa["kind"], sa["title"], sa["unit"], sa["poc"]) == (
            a["id"], "activity", "patrol", "ISF route check", "isf/dco/nablus",
            "ISF duty officer 02-555-0100")
        assert (sb["ref"], sb["type"], sb["kind"], sb["title"], sb["unit"], sb["poc"]) == (
            b["id"], "activity", "movement", "PASF escort", "pasf/dcl/nablus",
            "PASF DCL 09-555-0200")
        assert sa["footprint"]["geometry"] == a["footprint"]["geometry"]
        assert sb["footprint"]["geometry"] == b["footprint"]["geometry"]
        assert full["distance_m"] == pytest.approx(300, rel=0.05)
        assert (full["start"], full["end"], full["district"], full["state"]) == (
            c["start"], c["end"], c["district"], "open")
    assert c["id"] in ids(conflicts(ussc))
    assert all(x["view"] == "full" for x in conflicts(ussc))


def test_the_receipt_of_a_registration_is_its_own_event(server, u, slots):
    """The reply's seq is the receipt of the registration: the spec's example has a conflict
    and seq == created_seq. Not the coordinator's conflict.assessed, which pasf can neither
    see nor prove."""
    a, b, c, t = pair(u, slots, "nablus")
    assert a["seq"] == a["created_seq"]
    assert b["seq"] == b["created_seq"], (b["seq"], b["created_seq"])
    r = u["pasf.auditor"].get(f"/api/v1/audit/events?after={b['seq'] - 1}&limit=1")
    assert r.status_code == 200 and r.json()["items"][0]["seq"] == b["seq"], r.text


def test_the_registrant_is_told_of_every_conflict_it_creates(server, u, slots):
    """A pasf footprint meeting two isf activities: two conflicts, both in the reply."""
    t = slots.next()
    p = place("nablus")
    a1 = register(u["isf.nablus"], activity("A1", fp(point(p), t, t + 2 * HOUR, 100)))
    a2 = register(u["isf.commander"], activity("A2", fp(point(north(p, 400)), t, t + 2 * HOUR,
                                                        100)))
    b = register(u["pasf.nablus"], activity(
        "B", fp(line(north(p, -200), north(p, 600)), t + HOUR, t + 3 * HOUR, 50)))
    assert len(b["conflicts"]) == 2, b["conflicts"]
    assert len({c["id"] for c in b["conflicts"]}) == 2
    for c in b["conflicts"]:
        assert_pointer(c, "pasf", "isf", ref=b["id"])
    refs = [{s["ref"] for s in get_conflict(u["ussc.duty"], c["id"])["sides"]}
            for c in b["conflicts"]]
    assert sorted(map(sorted, refs)) == sorted([sorted({a1["id"], b["id"]}),
                                                sorted({a2["id"], b["id"]})])


# --- Edge cases in space and time --------------------------------------------------------


def _conflicting(u, slots, isf_fp, pasf_fp, isf_kind="patrol", pasf_kind="movement",
                 pasf_user="pasf.ramallah"):
    a = register(u["isf.ramallah"], activity("edge A", isf_fp, kind=isf_kind))
    b = register(u[pasf_user], activity("edge B", pasf_fp, kind=pasf_kind))
    return a, b


def test_windows_that_only_touch_do_not_conflict(server, u, slots):
    t = slots.next()
    p = place("ramallah")
    a, b = _conflicting(u, slots, fp(point(p), t, t + 2 * HOUR, 100),
                        fp(point(p), t + 2 * HOUR, t + 4 * HOUR, 100))
    assert b["conflicts"] == [], "[t, t+2h) and [t+2h, t+4h) only touch"
    # And the other way round: the new one ends when the old one starts.
    c = register(u["pasf.ramallah"], activity("before", fp(point(p), t - 2 * HOUR, t, 100)))
    assert c["conflicts"] == []
    # One minute of overlap is a conflict, with that minute as its window.
    d = register(u["pasf.ramallah"], activity(
        "overlaps a minute", fp(point(p), t + 2 * HOUR - 60, t + 3 * HOUR, 100)))
    assert len(d["conflicts"]) == 1, d
    assert ts(d["conflicts"][0]["start"]) == t + 2 * HOUR - 60
    assert ts(d["conflicts"][0]["end"]) == t + 2 * HOUR


@pytest.mark.parametrize("buffer_a,buffer_b,expect", [
    (400, 400, False), (600, 600, True), (475, 475, False), (525, 525, True),
    (0, 950, False), (0, 1050, True),
])
def test_buffers_that_miss_or_touch(server, u, slots, buffer_a, buffer_b, expect):
    """Two points 1000 m apart on a meridian: they conflict when the buffers sum to at
    least the distance (within the server's 1 %; the cases are 5 % either side)."""
    t = slots.next()
    p = place("ramallah")
    a, b = _conflicting(u, slots, fp(point(p), t, t + HOUR, buffer_a),
                        fp(point(north(p, 1000)), t, t + HOUR, buffer_b))
    assert bool(b["conflicts"]) == expect, b["conflicts"]
    if expect:
        full = get_conflict(u["ussc.duty"], b["conflicts"][0]["id"])
        assert full["distance_m"] == pytest.approx(1000, rel=0.02)


def test_the_same_party_never_conflicts(server, u, slots):
    t = slots.next()
    p = place("ramallah")
    register(u["isf.ramallah"], activity("isf one", fp(point(p), t, t + HOUR, 500)))
    b = register(u["isf.commander"], activity("isf two", fp(point(p), t, t + HOUR, 500)))
    assert b["conflicts"] == []
    c = check(u["isf.ramallah"], fp(point(p), t, t + HOUR, 500))
    assert c["conflicts"] == []
    # While the other party does.
    d = register(u["pasf.ramallah"], activity("pasf", fp(point(p), t, t + HOUR, 500)))
    assert len(d["conflicts"]) == 2


def test_a_point_inside_a_polygon(server, u, slots):
    t = slots.next()
    p = place("ramallah")
    a = register(u["isf.ramallah"], activity(
        "Closed area", fp(square(p, 1000), t, t + 6 * HOUR), kind="static_site"))
    inside = register(u["pasf.ramallah"], activity(
        "Inside", fp(point(east(north(p, 300), -200)), t + HOUR, t + 2 * HOUR)))
    assert len(inside["conflicts"]) == 1, "the polygon's interior counts"
    assert get_conflict(u["ussc.duty"], inside["conflicts"][0]["id"])["distance_m"] == \
        pytest.approx(0, abs=1)
    outside = register(u["pasf.ramallah"], activity(
        "500 m outside", fp(point(north(p, 1500)), t + HOUR, t + 2 * HOUR)))
    assert outside["conflicts"] == []
    near = register(u["pasf.ramallah"], activity(
        "500 m outside, 600 m buffer", fp(point(north(p, 1500)), t + HOUR, t + 2 * HOUR, 600)))
    assert len(near["conflicts"]) == 1
    full = get_conflict(u["ussc.duty"], near["conflicts"][0]["id"])
    assert full["distance_m"] == pytest.approx(500, rel=0.05)
    assert {s["ref"] for s in full["sides"]} == {a["id"], near["id"]}


def test_crossing_routes(server, u, slots):
    t = slots.next()
    p = place("ramallah")
    a = register(u["isf.ramallah"], activity(
        "South-west to north-east", fp(line(east(north(p, -1000), -1000),
                                            east(north(p, 1000), 1000)), t, t + HOUR)))
    b = register(u["pasf.ramallah"], activity(
        "North-west to south-east", fp(line(east(north(p, 1000), -1000),
                                            east(north(p, -1000), 1000)), t, t + HOUR)))
    assert len(b["conflicts"]) == 1, "routes that cross conflict with no buffer at all"
    full = get_conflict(u["ussc.duty"], b["conflicts"][0]["id"])
    assert full["distance_m"] == pytest.approx(0, abs=1)
    # A parallel route 2 km away does not.
    c = register(u["pasf.ramallah"], activity(
        "Parallel", fp(line(east(north(p, -1000), 1000), east(north(p, 1000), 3000)),
                       t, t + HOUR, 500)))
    assert c["conflicts"] == [], "about 1.4 km from the first route, 500 m buffer"
    assert {s["ref"] for s in full["sides"]} == {a["id"], b["id"]}


@pytest.mark.parametrize("isf_kind,pasf_kind,expect", [
    ("static_site", "static_site", False), ("static_site", "checkpoint", False),
    ("checkpoint", "static_site", False), ("checkpoint", "checkpoint", True),
    ("static_site", "patrol", True), ("other", "static_site", True),
])
def test_kinds_conflict_as_the_rule_table_says(server, u, slots, isf_kind, pasf_kind, expect):
    """data/deconfliction_rules.json: fixed sites are not checked against fixed sites or
    checkpoints; everything else here is."""
    t = slots.next()
    p = place("ramallah")
    a, b = _conflicting(u, slots, fp(point(p), t, t + HOUR, 200),
                        fp(point(north(p, 100)), t, t + HOUR, 200), isf_kind, pasf_kind)
    assert bool(b["conflicts"]) == expect, b["conflicts"]
    dry = check(u["pasf.ramallah"], fp(point(north(p, 100)), t, t + HOUR, 200), kind=pasf_kind)
    assert len(dry["conflicts"]) == (1 if expect else 0), dry


def test_a_cancelled_activity_takes_no_part(server, u, slots):
    t = slots.next()
    p = place("ramallah")
    a = register(u["isf.ramallah"], activity("to cancel", fp(point(p), t, t + HOUR, 300)))
    cancel(u["isf.ramallah"], a["id"])
    b = register(u["pasf.ramallah"], activity("after", fp(point(p), t, t + HOUR, 300)))
    assert b["conflicts"] == []
    assert check(u["pasf.ramallah"], fp(point(p), t, t + HOUR, 300))["conflicts"] == []


# --- Changes, cancellation, acknowledgement, resolution ------------------------------------


def test_moving_away_resolves_the_conflict_by_itself(server, u, slots):
    isf, pasf = u["isf.jericho"], u["pasf.jericho"]
    a, b, c, t = pair(u, slots, "jericho")
    p = place("jericho")
    moved = patch(pasf, b["id"], {"footprint": fp(point(east(north(p, 4000), 300)),
                                                  t + HOUR, t + 3 * HOUR, 200)})
    assert moved["footprint"]["geometry"]["coordinates"] == pytest.approx(
        east(north(p, 4000), 300))
    assert [x["id"] for x in moved["conflicts"]] == [c["id"]], \
        "the reply holds every conflict the change resolved"
    r = moved["conflicts"][0]
    assert_pointer(r, "pasf", "isf", ref=b["id"])
    assert (r["state"], r["outcome"], r["auto"]) == ("resolved", "changed", True), r
    assert r["resolved_at"] is not None
    for client, me, other in ((isf, "isf", "pasf"), (pasf, "pasf", "isf")):
        got = get_conflict(client, c["id"])
        assert_pointer(got, me, other)
        assert (got["state"], got["outcome"], got["auto"]) == ("resolved", "changed", True)
    full = get_conflict(u["ussc.duty"], c["id"])
    assert (full["state"], full["outcome"], full["auto"]) == ("resolved", "changed", True)
    assert c["id"] in ids(conflicts(isf, "state=resolved"))
    assert c["id"] not in ids(conflicts(isf, "state=unresolved"))
    assert c["id"] not in ids(conflicts(isf, "state=open"))
    # Moving back is new information: a new conflict.
    back = patch(pasf, b["id"], {"footprint": b["footprint"]})
    assert len(back["conflicts"]) == 1 and back["conflicts"][0]["id"] != c["id"]
    assert back["conflicts"][0]["state"] == "open"


def test_moving_away_in_time_resolves_it_too(server, u, slots):
    a, b, c, t = pair(u, slots, "jericho")
    moved = patch(u["isf.jericho"], a["id"], {"footprint": {
        **a["footprint"], "start": iso(t + 5 * HOUR), "end": iso(t + 7 * HOUR)}})
    assert [x["id"] for x in moved["conflicts"]] == [c["id"]]
    assert_pointer(moved["conflicts"][0], "isf", "pasf", ref=a["id"])
    assert moved["conflicts"][0]["state"] == "resolved"
    assert moved["conflicts"][0]["outcome"] == "changed" and moved["conflicts"][0]["auto"] is True


def test_a_change_that_keeps_the_overlap_updates_the_conflict(server, u, slots):
    isf, pasf, ussc = u["isf.jericho"], u["pasf.jericho"], u["ussc.duty"]
    a, b, c, t = pair(u, slots, "jericho")
    changed = patch(isf, a["id"], {"title": "ISF route check, later start",
                                   "footprint": {**a["footprint"], "start": iso(t + 2 * HOUR)}})
    assert changed["title"] == "ISF route check, later start"
    assert ts(changed["footprint"]["start"]) == t + 2 * HOUR
    assert ts(changed["updated_at"]) >= ts(changed["created_at"])
    assert [x["id"] for x in changed["conflicts"]] == [c["id"]], "updated, not a new one"
    x = changed["conflicts"][0]
    assert_pointer(x, "isf", "pasf", ref=a["id"])
    assert x["state"] == "open"
    assert ts(x["start"]) == t + 2 * HOUR and ts(x["end"]) == t + 3 * HOUR, "the new overlap"
    assert x["updated_seq"] > c["updated_seq"]
    got = get_conflict(pasf, c["id"])
    assert (got["start"], got["end"]) == (x["start"], x["end"])
    # Still one unresolved conflict for the pair.
    assert len([y for y in between(ussc, a["id"], b["id"]) if y["state"] != "resolved"]) == 1
    # A change that is not about the footprint records no new conflict.
    same = patch(isf, a["id"], {"details": "Three vehicles"})
    assert same["details"] == "Three vehicles"
    assert get_conflict(pasf, c["id"])["state"] == "open"
    assert len(between(ussc, a["id"], b["id"])) == 1


def test_a_change_after_resolution_records_a_new_conflict(server, u, slots):
    isf, pasf, ussc = u["isf.jericho"], u["pasf.jericho"], u["ussc.duty"]
    a, b, c, t = pair(u, slots, "jericho")
    ok(resolve(ussc, c["id"], "proceed", "Both proceed, separated by the road"), "resolve")
    changed = patch(pasf, b["id"], {"footprint": {**b["footprint"], "end": iso(t + 3.5 * HOUR)}})
    assert len(changed["conflicts"]) == 1, changed["conflicts"]
    new = changed["conflicts"][0]
    assert new["id"] != c["id"] and CFL_ID.match(new["id"])
    assert new["state"] == "open" and new["outcome"] is None
    assert get_conflict(isf, c["id"])["state"] == "resolved"
    assert get_conflict(isf, c["id"])["outcome"] == "proceed"
    pair_conflicts = between(ussc, a["id"], b["id"])
    assert {y["id"] for y in pair_conflicts} == {c["id"], new["id"]}
    assert [y["state"] for y in pair_conflicts if y["state"] != "resolved"] == ["open"]


def test_cancel_resolves_its_conflicts(server, u, slots):
    isf, pasf = u["isf.jericho"], u["pasf.jericho"]
    a, b, c, t = pair(u, slots, "jericho")
    out = cancel(isf, a["id"], reason="Called off by the brigade")
    assert out["state"] == "cancelled"
    assert get_activity(isf, a["id"])["state"] == "cancelled"
    for client, me, other in ((isf, "isf", "pasf"), (pasf, "pasf", "isf")):
        got = get_conflict(client, c["id"])
        assert_pointer(got, me, other)
        assert (got["state"], got["outcome"], got["auto"]) == ("resolved", "cancelled", True), got
    assert a["id"] in ids(activities(isf, "state=cancelled"))
    assert a["id"] not in ids(activities(isf, "state=planned"))
    assert b["id"] in ids(activities(pasf, "state=planned"))
    # Cancelling again, or changing a cancelled activity, is a state conflict.
    assert_problem(isf.post(f"/api/v1/activities/{a['id']}/cancel", json={}), 409)
    assert_problem(isf.patch(f"/api/v1/activities/{a['id']}", json={"title": "x"}), 409)
    assert get_activity(isf, a["id"])["title"] == "ISF route check"


def test_acknowledgement_by_each_side(server, u, slots):
    isf, pasf, ussc = u["isf.jericho"], u["pasf.jericho"], u["ussc.duty"]
    a, b, c, t = pair(u, slots, "jericho")
    one = ok(acknowledge(isf, c["id"], "Seen; calling the coordinator"), "isf ack")
    assert_pointer(one, "isf", "pasf", ref=a["id"])
    assert one["state"] == "open", "one side is not both"
    assert one["acknowledged"]["isf"]["by"] == "isf.jericho"
    assert abs(ts(one["acknowledged"]["isf"]["at"]) - server.now()) < 30
    assert one["acknowledged"]["pasf"] is None
    assert one["updated_seq"] == one["seq"]
    seen_by_pasf = get_conflict(pasf, c["id"])
    assert seen_by_pasf["acknowledged"]["isf"]["by"] == "isf.jericho"
    assert seen_by_pasf["state"] == "open"
    assert c["id"] in ids(conflicts(pasf, "state=open"))

    both = ok(acknowledge(pasf, c["id"]), "pasf ack")
    assert_pointer(both, "pasf", "isf", ref=b["id"])
    assert both["state"] == "acknowledged"
    assert both["acknowledged"]["pasf"]["by"] == "pasf.jericho"
    assert both["acknowledged"]["isf"]["by"] == "isf.jericho"
    assert both["seq"] > one["seq"]
    assert get_conflict(ussc, c["id"])["state"] == "acknowledged"
    for client in (isf, pasf, ussc):
        assert c["id"] in ids(conflicts(client, "state=acknowledged"))
        assert c["id"] in ids(conflicts(client, "state=unresolved"))
        assert c["id"] not in ids(conflicts(client, "state=open"))

    # Then the coordinator resolves it.
    done = ok(resolve(ussc, c["id"], "joint", "Joint patrol agreed"), "resolve")
    assert_full(done)
    assert (done["state"], done["outcome"], done["note"], done["auto"]) == (
        "resolved", "joint", "Joint patrol agreed", False)
    # Resolved is the end: no more acknowledging or resolving.
    assert_problem(acknowledge(isf, c["id"]), 409)
    assert_problem(resolve(ussc, c["id"], "proceed", "again"), 409)
    assert get_conflict(ussc, c["id"])["outcome"] == "joint"


def test_who_may_acknowledge(server, u, slots, outsider):
    a, b, c, t = pair(u, slots, "jericho")
    before = get_conflict(u["ussc.duty"], c["id"])
    for name in ("ussc.duty", "ussc.commander", "isf.analyst", "isf.auditor", "pasf.analyst"):
        assert_problem(acknowledge(u[name], c["id"]), 403)
    assert_problem(acknowledge(outsider, c["id"]), 404)
    real = outsider.get(f"/api/v1/conflicts/{c['id']}")
    fake = outsider.get(f"/api/v1/conflicts/{UNKNOWN_CFL}")
    assert_problem(real, 404)
    assert real.json()["detail"] == fake.json()["detail"].replace(UNKNOWN_CFL, c["id"])
    assert_problem(acknowledge(u["isf.jericho"], UNKNOWN_CFL), 404)
    # Command staff of a side may.
    ok(acknowledge(u["isf.commander"], c["id"]), "commander ack")
    after = get_conflict(u["ussc.duty"], c["id"])
    assert after["acknowledged"]["isf"]["by"] == "isf.commander"
    assert after["acknowledged"]["pasf"] is None
    assert after["state"] == before["state"] == "open"


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_the_coordinator_resolves_with_an_outcome(server, u, slots, outcome):
    isf, pasf = u["isf.jericho"], u["pasf.jericho"]
    a, b, c, t = pair(u, slots, "jericho")
    note = f"Outcome {outcome}, agreed with both desks"
    name = "ussc.commander" if outcome == "delayed" else "ussc.duty"
    done = ok(resolve(u[name], c["id"], outcome, note), "resolve")
    assert_full(done, refs={a["id"], b["id"]})
    assert (done["state"], done["outcome"], done["note"], done["auto"]) == (
        "resolved", outcome, note, False)
    assert done["resolved_at"] is not None and done["updated_seq"] == done["seq"]
    # Both sides see the outcome and the note, still as a pointer.
    for client, me, other in ((isf, "isf", "pasf"), (pasf, "pasf", "isf")):
        got = get_conflict(client, c["id"])
        assert_pointer(got, me, other)
        assert (got["state"], got["outcome"], got["note"], got["auto"]) == (
            "resolved", outcome, note, False)
    # The activities themselves are untouched by the coordinator's outcome.
    assert get_activity(isf, a["id"])["state"] == "planned"


def test_resolve_is_for_the_coordinators_duty_desk_only(server, u, slots, outsider):
    a, b, c, t = pair(u, slots, "jericho")
    for name in ("isf.jericho", "pasf.jericho", "isf.commander", "pasf.commander"):
        assert_problem(resolve(u[name], c["id"]), 403)
    # Coordinator staff off the duty desk: refused (or not even shown the conflict).
    for name in ("ussc.analyst", "ussc.auditor"):
        r = resolve(u[name], c["id"])
        assert r.status_code in (403, 404), r.text
        assert_problem(r, r.status_code)
    # A third party learns nothing: refused exactly as for a conflict that does not exist.
    real, fake = resolve(outsider, c["id"]), resolve(outsider, UNKNOWN_CFL)
    assert real.status_code in (403, 404), real.text
    assert_problem(real, real.status_code)
    assert real.status_code == fake.status_code
    assert real.json()["detail"] == fake.json()["detail"].replace(UNKNOWN_CFL, c["id"])
    assert_problem(resolve(u["ussc.duty"], UNKNOWN_CFL), 404)
    # Malformed resolutions name the field.
    ussc = u["ussc.duty"]
    assert_problem(ussc.post(f"/api/v1/conflicts/{c['id']}/resolve", json={"note": "x"}), 400,
                   field="/outcome")
    assert_problem(resolve(ussc, c["id"], "forgotten", "x"), 400, field="/outcome")
    assert_problem(resolve(ussc, c["id"], "proceed", None), 400, field="/note")
    assert_problem(ussc.post(f"/api/v1/conflicts/{c['id']}/resolve",
                             json={"outcome": "proceed", "note": "x", "bogus": 1}), 400,
                   field="/bogus")
    assert_problem(acknowledge(u["isf.jericho"], c["id"], note=7), 400, field="/note")
    got = get_conflict(ussc, c["id"])
    assert got["state"] == "open" and got["outcome"] is None
    assert got["acknowledged"] == {"isf": None, "pasf": None}


def test_changes_and_cancellation_are_for_the_owner(server, u, slots):
    isf, pasf = u["isf.jericho"], u["pasf.jericho"]
    t = slots.next()
    a = register(isf, activity("Owner only", fp(point(place("jericho")), t, t + HOUR)))
    # The other party: as if it did not exist.
    for r in (pasf.patch(f"/api/v1/activities/{a['id']}", json={"title": "mine now"}),
              pasf.post(f"/api/v1/activities/{a['id']}/cancel", json={}),
              u["pasf.commander"].patch(f"/api/v1/activities/{a['id']}", json={"title": "x"})):
        assert_problem(r, 404)
    # The owner's readers who may not plan; the coordinator, who does not own it.
    for name in ("isf.analyst", "isf.auditor", "ussc.duty"):
        r = u[name].patch(f"/api/v1/activities/{a['id']}", json={"title": "x"})
        assert_problem(r, 403)
        assert_problem(u[name].post(f"/api/v1/activities/{a['id']}/cancel", json={}), 403)
    assert_problem(isf.patch(f"/api/v1/activities/{UNKNOWN_ACT}", json={"title": "x"}), 404)
    # Malformed changes name the field.
    for body, field in (({"kind": "raid"}, "/kind"), ({"bogus": 1}, "/bogus"),
                        ({"confidentiality": "cosmic"}, "/confidentiality"),
                        ({"footprint": {**a["footprint"], "buffer_m": 60000}},
                         "/footprint/buffer_m"),
                        ({"state": "cancelled"}, "/state"), ({"title": 5}, "/title")):
        assert_problem(isf.patch(f"/api/v1/activities/{a['id']}", json=body), 400, field=field)
    assert_problem(isf.post(f"/api/v1/activities/{a['id']}/cancel", json={"reason": 5}), 400,
                   field="/reason")
    got = get_activity(isf, a["id"])
    assert (got["title"], got["state"], got["kind"]) == ("Owner only", "planned", "patrol")
    assert got["updated_at"] == a["updated_at"]
    # The owner's command staff may change it.
    assert patch(u["isf.commander"], a["id"], {"kind": "operation"})["kind"] == "operation"


# --- Coordination requests take part ------------------------------------------------------


def _request(server, client, footprint, **kw):
    r = client.post("/api/v1/requests", json=draft(server, footprint=footprint, **kw))
    assert r.status_code == 201, r.text
    return r.json()


def test_a_movement_request_conflicts_with_an_activity(server, u, slots):
    isf, pasf, ussc = u["isf.tubas"], u["pasf.tubas"], u["ussc.duty"]
    t = slots.next()
    p = place("tubas")
    a = register(isf, activity("Checkpoint on the junction",
                               fp(point(p), t, t + 6 * HOUR, 200), kind="checkpoint"))
    req = _request(server, pasf, fp(line(north(p, -1000), north(p, 1000)), t + HOUR,
                                    t + 2 * HOUR, 100), title="Convoy through the junction")
    rid = req["id"]
    mine = conflicts_of(pasf, rid)
    assert len(mine) == 1, conflicts(pasf)
    c = mine[0]
    assert_pointer(c, "pasf", "isf", ref=rid)
    assert c["mine"]["type"] == "request" and c["mine"]["title"] == "Convoy through the junction"
    assert ts(c["start"]) == t + HOUR and ts(c["end"]) == t + 2 * HOUR
    assert c["district"] == district("tubas")
    theirs = get_conflict(isf, c["id"])
    assert_pointer(theirs, "isf", "pasf", ref=a["id"])
    assert rid not in json.dumps(theirs), "a side never sees the other side's record id"
    assert c["id"] in ids(get_activity(isf, a["id"])["conflicts"])
    full = get_conflict(ussc, c["id"])
    assert_full(full, refs={a["id"], rid})
    s = side(full, "pasf")
    assert (s["type"], s["kind"], s["title"]) == ("request", "movement",
                                                  "Convoy through the junction")
    assert s["footprint"]["geometry"] == req["footprint"]["geometry"]
    assert (side(full, "isf")["type"], side(full, "isf")["kind"]) == ("activity", "checkpoint")
    assert full["distance_m"] == pytest.approx(0, abs=1)

    # Withdrawing the request takes it out: the conflict resolves itself.
    request_ok(pasf, rid, "withdraw", {"reason": "postponed"}, state="withdrawn")
    got = get_conflict(isf, c["id"])
    assert got["state"] == "resolved" and got["auto"] is True, got
    assert got["outcome"] in ("cancelled", "changed"), got
    # And a new activity there no longer meets it.
    b = register(isf, activity("Second checkpoint", fp(point(north(p, 500)), t + HOUR,
                                                       t + 2 * HOUR, 100)))
    assert b["conflicts"] == []


def test_an_activity_meets_an_open_request_of_another_type_as_other(server, u, slots):
    isf, pasf, ussc = u["isf.tubas"], u["pasf.tubas"], u["ussc.duty"]
    t = slots.next()
    p = place("tubas")
    req = _request(server, pasf, fp(point(p), t, t + 3 * HOUR, 300), type="activity",
                   title="Police training")
    rid = req["id"]
    request_ok(isf, rid, "acknowledge")
    a = register(isf, activity("Patrol past the training", fp(
        line(east(p, -2000), east(p, 2000)), t + HOUR, t + 5 * HOUR, 100)))
    assert len(a["conflicts"]) == 1, "an acknowledged request is open and takes part"
    c = a["conflicts"][0]
    assert_pointer(c, "isf", "pasf", ref=a["id"])
    assert rid not in json.dumps(c)
    assert ts(c["start"]) == t + HOUR and ts(c["end"]) == t + 3 * HOUR
    full = get_conflict(ussc, c["id"])
    assert (side(full, "pasf")["ref"], side(full, "pasf")["type"],
            side(full, "pasf")["kind"]) == (rid, "request", "other")
    assert_pointer(conflicts_of(pasf, rid)[0], "pasf", "isf", ref=rid)

    # Denied: the request is decided, so it takes no more part.
    request_ok(isf, rid, "decide", {"outcome": "denied", "reason": "Range closed that day"},
               state="denied")
    got = get_conflict(pasf, c["id"])
    assert got["state"] == "resolved" and got["auto"] is True, got


def test_an_approved_request_still_takes_part_and_an_adopted_counter_proposal_moves_it(
        server, u, slots):
    isf, pasf, ussc = u["isf.tubas"], u["pasf.tubas"], u["ussc.duty"]
    t = slots.next()
    p = place("tubas")
    a = register(isf, activity("Static post", fp(point(p), t, t + 6 * HOUR, 200),
                               kind="static_site"))
    approved = _request(server, pasf, fp(point(north(p, 300)), t + HOUR, t + 2 * HOUR, 200),
                        title="Approved convoy")
    request_ok(isf, approved["id"], "acknowledge")
    request_ok(isf, approved["id"], "decide", {"outcome": "approved"}, state="approved")
    assert len(conflicts_of(pasf, approved["id"])) == 1
    assert conflicts_of(pasf, approved["id"])[0]["state"] == "open", \
        "an approved request is still open"

    req = _request(server, pasf, fp(point(north(p, -300)), t + HOUR, t + 2 * HOUR, 200),
                   title="Convoy to be moved")
    rid = req["id"]
    [c] = conflicts_of(pasf, rid)
    request_ok(isf, rid, "acknowledge")
    far = fp(point(north(p, 5000)), t + HOUR, t + 2 * HOUR, 200)
    request_ok(isf, rid, "decide", {"outcome": "counter_proposed",
                                    "conditions": "Use the northern road",
                                    "footprint": far}, state="counter_proposed")
    assert get_conflict(pasf, c["id"])["state"] == "open", "a proposal is not adopted yet"
    request_ok(pasf, rid, "start", state="in_progress")
    got = get_conflict(isf, c["id"])
    assert (got["state"], got["outcome"], got["auto"]) == ("resolved", "changed", True), got
    full = get_conflict(ussc, c["id"])
    assert full["state"] == "resolved"
    assert a["id"] in {s["ref"] for s in full["sides"]}


def test_a_closed_request_takes_no_part(server, u, slots):
    isf, pasf = u["isf.tubas"], u["pasf.tubas"]
    t = slots.next()
    p = place("tubas")
    req = _request(server, pasf, fp(point(p), t, t + 2 * HOUR, 200), title="Withdrawn early")
    request_ok(pasf, req["id"], "withdraw", state="withdrawn")
    a = register(isf, activity("Later", fp(point(p), t, t + 2 * HOUR, 200)))
    assert a["conflicts"] == []
    assert check(isf, fp(point(p), t, t + 2 * HOUR, 200))["conflicts"] == []


# --- Protected sites -----------------------------------------------------------------------


def test_protected_sites_are_registered_by_the_coordinator_and_seen_by_all(server, u):
    p = place("hebron")
    body = {"kind": "hospital", "name": "Test hospital, Hebron", "buffer_m": 150,
            "geometry": point(north(p, 8000)), "notes": "Emergency entrance on the east side"}
    for name in ("isf.hebron", "pasf.hebron", "isf.commander", "pasf.commander",
                 "ussc.analyst"):
        assert_problem(u[name].post("/api/v1/protected-sites", json=body), 403)
    site = add_site(u["ussc.duty"], body)
    assert SITE_ID.match(site["id"]), site
    assert (site["kind"], site["name"], site["geometry"], site["buffer_m"], site["notes"]) == (
        "hospital", body["name"], body["geometry"], 150, body["notes"])
    assert site["start"] is None and site["end"] is None
    assert site["created_by"] == "ussc.duty"
    assert isinstance(site["seq"], int) and site["created_at"]
    by_admin = add_site(u["ussc.admin"], {**body, "kind": "school", "name": "Test school"})
    assert by_admin["created_by"] == "ussc.admin" and by_admin["id"] != site["id"]

    for name in ("isf.hebron", "pasf.hebron", "isf.analyst", "pasf.auditor", "ussc.duty",
                 "ussc.analyst"):
        items, _ = list_all(u[name], "/api/v1/protected-sites")
        assert site["id"] in ids(items) and by_admin["id"] in ids(items), name
        got = next(i for i in items if i["id"] == site["id"])
        assert (got["name"], got["kind"], got["geometry"]) == (body["name"], "hospital",
                                                               body["geometry"])
    hospitals, _ = list_all(u["pasf.hebron"], "/api/v1/protected-sites", "kind=hospital")
    assert site["id"] in ids(hospitals) and by_admin["id"] not in ids(hospitals)
    assert all(i["kind"] == "hospital" for i in hospitals)
    for kind in SITE_KINDS:
        extra = {}
        if kind == "humanitarian_movement":
            extra = {"start": "2033-01-01T06:00:00Z", "end": "2033-01-01T10:00:00Z"}
        s = add_site(u["ussc.duty"], {**body, "kind": kind, "name": f"Kind {kind}", **extra})
        assert s["kind"] == kind


@pytest.mark.parametrize("change,field", [
    ({"kind": "castle"}, "/kind"), ({"kind": None}, "/kind"), ({"name": None}, "/name"),
    ({"geometry": {"type": "Circle", "coordinates": [35.1, 31.5]}}, "/geometry*"),
    ({"geometry": None}, "/geometry*"), ({"buffer_m": -5}, "/buffer_m"),
    ({"geometry": {"type": "Polygon", "coordinates": [
        [[35.1, 31.5], [35.11, 31.51], [35.11, 31.5], [35.1, 31.51], [35.1, 31.5]]]}},
     "/geometry"),
    ({"buffer_m": 50001}, "/buffer_m"), ({"bogus": True}, "/bogus"),
    ({"start": "2033-01-02T00:00:00Z", "end": "2033-01-01T00:00:00Z"}, "/end|/start"),
])
def test_a_malformed_site_is_400(server, u, change, field):
    body = {"kind": "school", "name": "Malformed school", "geometry": point(place("hebron")),
            "buffer_m": 50}
    body.update(change)
    body = {k: v for k, v in body.items() if v is not None}
    before = ids(list_all(u["ussc.duty"], "/api/v1/protected-sites")[0])
    p = assert_problem(u["ussc.duty"].post("/api/v1/protected-sites", json=body), 400)
    assert field_matches(p, field), p
    assert ids(list_all(u["ussc.duty"], "/api/v1/protected-sites")[0]) == before


def test_an_activity_near_a_protected_site_gets_a_warning(server, u, slots):
    isf, pasf = u["isf.hebron"], u["pasf.hebron"]
    t = slots.next()
    p = east(place("hebron"), -3000)
    site = add_site(u["ussc.duty"], {"kind": "un_facility", "name": "UN compound west",
                                     "geometry": point(p), "buffer_m": 100})
    # 250 m away, buffers 200 + 100: a warning to the owner; registered all the same.
    a = register(isf, activity("Near the compound", fp(point(north(p, 250)), t, t + HOUR, 200)))
    w = [x for x in a["warnings"] if x["site"] == site["id"]]
    assert len(w) == 1, a["warnings"]
    assert (w[0]["name"], w[0]["kind"]) == ("UN compound west", "un_facility")
    assert w[0]["distance_m"] == pytest.approx(250, rel=0.05)
    assert a["state"] == "planned" and ACT_ID.match(a["id"])
    # For pasf too: sites are everyone's.
    b = register(pasf, activity("Also near", fp(point(north(p, -200)), t, t + HOUR, 150)))
    assert site["id"] in [x["site"] for x in b["warnings"]]
    # 1 km away with the same buffers: none.
    c = register(isf, activity("Far", fp(point(north(p, 1000)), t, t + HOUR, 200)))
    assert site["id"] not in [x["site"] for x in c["warnings"]]
    # The dry run warns the same way, and so does a change that brings it close.
    assert site["id"] in [x["site"] for x in check(
        isf, fp(point(north(p, 250)), t, t + HOUR, 200))["warnings"]]
    moved = patch(isf, c["id"], {"footprint": fp(point(north(p, 150)), t, t + HOUR, 100)})
    assert site["id"] in [x["site"] for x in moved["warnings"]]


def test_a_humanitarian_movement_warns_only_in_its_window(server, u, slots):
    isf = u["isf.hebron"]
    t = slots.next()
    p = east(place("hebron"), 3000)
    site = add_site(u["ussc.duty"], {
        "kind": "humanitarian_movement", "name": "WFP convoy",
        "geometry": line(north(p, -2000), north(p, 2000)), "buffer_m": 100,
        "start": iso(t + 2 * HOUR), "end": iso(t + 4 * HOUR)})
    assert ts(site["start"]) == t + 2 * HOUR and ts(site["end"]) == t + 4 * HOUR
    during = register(isf, activity("During", fp(point(east(p, 150)), t + 3 * HOUR,
                                                 t + 5 * HOUR, 100)))
    assert site["id"] in [x["site"] for x in during["warnings"]]
    before = register(isf, activity("Before", fp(point(east(p, 150)), t, t + 2 * HOUR, 100)))
    assert site["id"] not in [x["site"] for x in before["warnings"]], "windows only touch"


# --- The dry run --------------------------------------------------------------------------


def test_the_dry_run_shows_a_party_the_pointer_and_stores_nothing(server, u, slots):
    isf, pasf, ussc = u["isf.bethlehem"], u["pasf.bethlehem"], u["ussc.duty"]
    t = slots.next()
    p = place("bethlehem")
    a = register(isf, activity("Search operation", fp(square(p, 500), t, t + 4 * HOUR, 0),
                               kind="operation", details="Block 7", poc="Maj. D., 050-555"))
    b = register(pasf, activity("Traffic post", fp(point(north(p, -2000)), t, t + 4 * HOUR,
                                                   100), kind="checkpoint"))
    probe = fp(line(north(p, -2000), p), t + HOUR, t + 2 * HOUR, 50)

    lists = {n: (ids(activities(u[n])), [(c["id"], c["updated_seq"]) for c in conflicts(u[n])])
             for n in ("isf.bethlehem", "pasf.bethlehem", "ussc.duty")}
    seq = healthz_seq(server)

    theirs = check(pasf, probe, kind="movement")
    assert len(theirs["conflicts"]) == 1, "pasf's own traffic post is not a conflict"
    c = theirs["conflicts"][0]
    assert_dry_pointer(c, "pasf", "isf")
    assert ts(c["start"]) == t + HOUR and ts(c["end"]) == t + 2 * HOUR
    assert c["district"] == district("bethlehem")
    assert_contact_is_coordinator(c["contact"])
    text = json.dumps(theirs)
    for secret in (a["id"], "Search operation", "Block 7", "Maj. D.", "isf/dco/bethlehem"):
        assert secret not in text, secret

    mine = check(isf, probe)
    assert len(mine["conflicts"]) == 1
    assert_dry_pointer(mine["conflicts"][0], "isf", "pasf")
    assert b["id"] not in json.dumps(mine) and "Traffic post" not in json.dumps(mine)

    full = check(ussc, probe, kind="movement")

    # Nothing stored: no event (but for deadlines of the demo's requests passing meanwhile,
    # which the coordinator's auditor sees), the same lists.
    after = healthz_seq(server)
    if after != seq:
        r = u["ussc.auditor"].get(f"/api/v1/audit/events?after={seq}&limit=1000")
        assert r.status_code == 200, r.text
        overdue = [e for e in r.json()["items"] if e["type"] == "request.overdue"]
        assert after - seq == len(overdue), f"a dry run appended events: {r.json()['items']}"
    for n, before in lists.items():
        after = (ids(activities(u[n])),
                 [(c["id"], c["updated_seq"]) for c in conflicts(u[n])])
        assert after == before, n

    # The coordinator's dry run: the other record in full (`side`) and the distance
    # instead of a contact: the desk is the contact.
    assert len(full["conflicts"]) == 2, full
    for x in full["conflicts"]:
        assert (DRY_POINTER_KEYS - {"contact"}) | {"view", "side", "distance_m"} <= set(x), x
        assert x["view"] == "full"
    by_party = {x["side"]["party"]: x for x in full["conflicts"]}
    assert set(by_party) == {"isf", "pasf"}
    x = by_party["isf"]
    assert (x["side"]["ref"], x["side"]["type"], x["side"]["kind"], x["side"]["title"]) == (
        a["id"], "activity", "operation", "Search operation")
    assert x["other"]["party"] == "isf"
    assert x["distance_m"] == pytest.approx(0, abs=1)
    assert by_party["pasf"]["side"]["ref"] == b["id"]
    assert by_party["pasf"]["distance_m"] == pytest.approx(0, abs=1)


def test_the_dry_run_excludes_only_the_users_own_activity(server, u, slots):
    isf, pasf = u["isf.bethlehem"], u["pasf.bethlehem"]
    t = slots.next()
    p = place("bethlehem")
    a = register(isf, activity("Patrol", fp(point(p), t, t + 2 * HOUR, 300)))
    b = register(pasf, activity("Patrol", fp(point(north(p, 200)), t, t + 2 * HOUR, 100)))
    assert len(b["conflicts"]) == 1
    # pasf planning a change to its own activity: without exclude it meets isf's anyway
    # (its own never counts); with exclude the same.
    assert len(check(pasf, b["footprint"], exclude=b["id"])["conflicts"]) == 1
    # isf checking a change of its activity: exclude leaves its own out and still finds pasf's.
    assert len(check(isf, a["footprint"], exclude=a["id"])["conflicts"]) == 1
    # The other party's id is no oracle: it excludes nothing, or is refused like a missing id.
    r = pasf.post("/api/v1/deconfliction/check",
                  json={"footprint": a["footprint"], "exclude": a["id"]})
    fake = pasf.post("/api/v1/deconfliction/check",
                     json={"footprint": a["footprint"], "exclude": UNKNOWN_ACT})
    assert r.status_code == fake.status_code, (r.text, fake.text)
    if r.status_code == 200:
        assert len(r.json()["conflicts"]) == len(fake.json()["conflicts"]) == 1
    else:
        assert_problem(r, r.status_code)
        assert r.json()["detail"] == fake.json()["detail"].replace(UNKNOWN_ACT, a["id"])


@pytest.mark.parametrize("body,field", [
    ({}, "/footprint"),
    ({"footprint": {"geometry": {"type": "Point", "coordinates": [35.2]}, "buffer_m": 1,
                    "start": iso(_T), "end": iso(_T + 60)}}, "/footprint/geometry*"),
    ({"footprint": {"geometry": {"type": "Point", "coordinates": [35.2, 31.6]}, "buffer_m": 1,
                    "start": iso(_T), "end": iso(_T)}}, "/footprint/end|/footprint/start"),
    ({"footprint": {"geometry": {"type": "Point", "coordinates": [35.2, 31.6]}, "buffer_m": 1,
                    "start": iso(_T), "end": iso(_T + 60)}, "kind": "raid"}, "/kind"),
    ({"footprint": {"geometry": {"type": "Point", "coordinates": [35.2, 31.6]}, "buffer_m": 1,
                    "start": iso(_T), "end": iso(_T + 60)}, "bogus": 1}, "/bogus"),
])
def test_a_malformed_dry_run_is_400(server, u, body, field):
    p = assert_problem(u["pasf.bethlehem"].post("/api/v1/deconfliction/check", json=body), 400)
    assert field_matches(p, field), p


# --- Visibility and lists -------------------------------------------------------------------


def test_the_other_party_never_sees_an_activity(server, u, slots, outsider):
    isf = u["isf.bethlehem"]
    t = slots.next()
    p = east(place("bethlehem"), 2000)
    a = register(isf, activity("Hidden raid", fp(point(p), t, t + HOUR, 100),
                               kind="operation", details="Hidden details"))
    aid = a["id"]
    for name in ("pasf.bethlehem", "pasf.commander", "pasf.analyst", "pasf.auditor"):
        real = u[name].get(f"/api/v1/activities/{aid}")
        fake = u[name].get(f"/api/v1/activities/{UNKNOWN_ACT}")
        assert_problem(real, 404)
        assert real.json()["detail"] == fake.json()["detail"].replace(UNKNOWN_ACT, aid)
        for q in ("", "party=isf", "state=planned", "kind=operation", "active=true",
                  f"from={iso(t)}&to={iso(t + HOUR)}",
                  f"bbox={p[0] - 0.01},{p[1] - 0.01},{p[0] + 0.01},{p[1] + 0.01}"):
            items = activities(u[name], q)
            assert aid not in ids(items), (name, q)
            assert all(i["party"] == "pasf" for i in items), (name, q)
    assert_problem(outsider.get(f"/api/v1/activities/{aid}"), 404)
    assert activities(outsider) == []
    # The owner's planners, analysts, auditors and command, and the coordinator, read it.
    for name in ("isf.bethlehem", "isf.nablus", "isf.commander", "isf.analyst", "isf.auditor",
                 "ussc.duty", "ussc.commander"):
        got = get_activity(u[name], aid)
        assert (got["title"], got["details"]) == ("Hidden raid", "Hidden details"), name
        assert aid in ids(activities(u[name])), name
    # Accounts without access to activities at all.
    for name in ("isf.admin", "pasf.admin"):
        assert_problem(u[name].get("/api/v1/activities"), 403)
    assert_problem(u["isf.admin"].get(f"/api/v1/activities/{aid}"), 403)


def test_lists_are_pages_newest_first(server, u, slots):
    isf = u["isf.bethlehem"]
    t = slots.next()
    p = east(place("bethlehem"), -2000)
    made = [register(isf, activity(f"Page {i}", fp(point(north(p, 100 * i)), t, t + HOUR)))["id"]
            for i in range(5)]
    q = f"from={iso(t)}&to={iso(t + HOUR)}"
    r = isf.get(f"/api/v1/activities?{q}&limit=2")
    assert r.status_code == 200, r.text
    page = r.json()
    assert set(page) == {"items", "next"}
    assert ids(page["items"]) == made[::-1][:2] and page["next"] is not None
    items, pages = list_all(isf, "/api/v1/activities", q, limit=2)
    assert ids(items) == made[::-1], "newest first, each once"
    assert pages == 3
    seqs = [i["created_seq"] for i in items]
    assert seqs == sorted(seqs, reverse=True)
    everything, _ = list_all(isf, "/api/v1/activities", limit=200)
    assert len(ids(everything)) == len(set(ids(everything)))
    default = isf.get("/api/v1/activities").json()
    assert len(default["items"]) <= 50
    for query, field in (("limit=0", "/limit"), ("limit=201", "/limit"), ("limit=x", "/limit"),
                         ("state=sleeping", "/state"), ("cursor=%00garbage", "/cursor"),
                         ("bbox=1,2,3", "/bbox"), ("from=yesterday", "/from")):
        assert_problem(isf.get(f"/api/v1/activities?{query}"), 400, field=field)
    for query, field in (("limit=0", "/limit"), ("limit=201", "/limit"),
                         ("state=sleeping", "/state")):
        assert_problem(isf.get(f"/api/v1/conflicts?{query}"), 400, field=field)


def test_activity_filters(server, u, slots):
    isf, ussc = u["isf.bethlehem"], u["ussc.duty"]
    t = slots.next()
    p = place("bethlehem")
    q = f"from={iso(t)}&to={iso(t + 12 * HOUR)}"
    a = register(isf, activity("F patrol", fp(point(p), t, t + HOUR), kind="patrol"))
    b = register(isf, activity("F exercise", fp(point(east(p, 5000)), t + 6 * HOUR,
                                               t + 8 * HOUR), kind="exercise"))
    c = register(u["pasf.bethlehem"], activity("F pasf", fp(point(north(p, -5000)), t,
                                                         t + HOUR), kind="patrol"))
    cancel(isf, b["id"])
    assert set(ids(activities(isf, q))) == {a["id"], b["id"]}
    assert set(ids(activities(ussc, q))) == {a["id"], b["id"], c["id"]}
    assert set(ids(activities(isf, q + "&state=planned"))) == {a["id"]}
    assert set(ids(activities(isf, q + "&state=cancelled"))) == {b["id"]}
    assert set(ids(activities(isf, q + "&kind=exercise"))) == {b["id"]}
    assert set(ids(activities(ussc, q + "&party=pasf"))) == {c["id"]}
    assert set(ids(activities(ussc, q + "&party=isf"))) == {a["id"], b["id"]}
    assert set(ids(activities(ussc, f"from={iso(t + 5 * HOUR)}&to={iso(t + 7 * HOUR)}"))) & \
        {a["id"], b["id"], c["id"]} == {b["id"]}
    # Half-open: a period that starts when a window ends does not overlap it.
    assert a["id"] not in ids(activities(isf, f"from={iso(t + HOUR)}&to={iso(t + 2 * HOUR)}"))
    box = f"bbox={p[0] - 0.01},{p[1] - 0.01},{p[0] + 0.01},{p[1] + 0.01}"
    assert set(ids(activities(ussc, q + "&" + box))) == {a["id"]}
    assert a["id"] in ids(activities(isf, "active=true"))


def test_conflict_lists_filter_and_page(server, u, slots, outsider):
    isf, pasf, ussc = u["isf.bethlehem"], u["pasf.bethlehem"], u["ussc.duty"]
    t = slots.next()
    p = north(place("bethlehem"), 2000)
    a = register(isf, activity("C base", fp(point(p), t, t + 6 * HOUR, 500)))
    made = [register(pasf, activity(f"C {i}", fp(point(north(p, 100 * i)), t + i * 600,
                                                t + HOUR, 10)))["conflicts"][0]["id"]
            for i in range(4)]
    ok(acknowledge(pasf, made[1]), "ack")
    ok(acknowledge(isf, made[1]), "ack")
    ok(resolve(ussc, made[2], "delayed", "pasf waits an hour"), "resolve")
    for client in (isf, pasf, ussc):
        items, pages = list_all(client, "/api/v1/conflicts", limit=1)
        assert set(made) <= set(ids(items)), "every one, across pages of one"
        assert len(ids(items)) == len(set(ids(items))), "each once"
        assert pages >= len(items)
        assert set(made) - {made[1], made[2]} <= set(ids(conflicts(client, "state=open")))
        assert made[1] in ids(conflicts(client, "state=acknowledged"))
        assert made[2] in ids(conflicts(client, "state=resolved"))
        unresolved = set(ids(conflicts(client, "state=unresolved")))
        assert {made[0], made[1], made[3]} <= unresolved and made[2] not in unresolved
        assert set(made) <= set(ids(conflicts(client, f"district={district('bethlehem')}")))
        assert not set(made) & set(ids(conflicts(client, "district=PS0101")))
        assert set(made) <= set(ids(conflicts(client, "party=pasf")))
        assert set(made) <= set(ids(conflicts(client, "party=isf")))
    assert conflicts(outsider) == []
    for cid in made:
        assert_problem(outsider.get(f"/api/v1/conflicts/{cid}"), 404)
    assert a["id"]


# --- Servers of their own: the clock, the contact setting, the margins ------------------------


def test_an_ended_activity_takes_no_part(make_server):
    server = make_server()
    isf, pasf = login(server, "isf.nablus"), login(server, "pasf.nablus")
    now = int(server.now())
    p = place("nablus")
    a = register(isf, activity("Soon over", fp(point(p), now + HOUR, now + 2 * HOUR, 200)))
    assert a["ended"] is False
    probe = fp(point(p), now + HOUR, now + 6 * HOUR, 200)
    assert len(check(pasf, probe)["conflicts"]) == 1, "while it is planned, it takes part"
    server.advance(3 * HOUR)
    # Sessions lapse after 30 idle minutes: log in again.
    isf, pasf = login(server, "isf.nablus"), login(server, "pasf.nablus")
    got = get_activity(isf, a["id"])
    assert got["ended"] is True and got["state"] == "planned"
    assert a["id"] not in ids(activities(isf, "active=true"))
    assert a["id"] in ids(activities(isf))
    assert check(pasf, probe)["conflicts"] == [], "an ended activity still takes part in checks"
    b = register(pasf, activity("Later", probe))
    assert b["conflicts"] == []
    assert b["id"] in ids(activities(pasf, "active=true"))


def test_the_contact_can_be_the_counterparts_desk_except_for_secret(make_server):
    server = make_server({"deconfliction": {"contact": "counterpart"}})
    isf, pasf = login(server, "isf.nablus"), login(server, "pasf.nablus")
    t = int(server.now()) + 2 * DAY
    p = place("nablus")
    a = register(isf, activity("Open patrol", fp(point(p), t, t + HOUR, 300)))
    b = register(pasf, activity("Open escort", fp(point(p), t, t + HOUR, 300)))
    c = b["conflicts"][0]
    assert c["contact"]["kind"] != "coordinator", c["contact"]
    assert c["contact"]["party"] == "isf", "pasf is told to call isf's desk"
    assert str(c["contact"]["desk"]).startswith("isf/"), c["contact"]
    theirs = get_conflict(isf, c["id"])
    assert theirs["contact"]["party"] == "pasf" and theirs["contact"]["kind"] != "coordinator"
    assert a["id"] not in json.dumps(c)
    # An activity marked secret: always the coordinator's desk for the other side.
    s = register(isf, activity("Secret op", fp(point(north(p, 5000)), t, t + HOUR, 300),
                               kind="operation", confidentiality="secret"))
    d = register(pasf, activity("Near the secret", fp(point(north(p, 5000)), t, t + HOUR, 300)))
    assert len(d["conflicts"]) == 1
    assert_contact_is_coordinator(d["conflicts"][0]["contact"])
    assert_contact_is_coordinator(get_conflict(pasf, d["conflicts"][0]["id"])["contact"])
    dry = check(pasf, fp(point(north(p, 5000)), t, t + HOUR, 300))
    assert len(dry["conflicts"]) == 1
    assert_contact_is_coordinator(dry["conflicts"][0]["contact"])
    assert s["id"] not in json.dumps(dry)


def test_margins_widen_the_check(make_server):
    server = make_server({"deconfliction": {"margin_m": 300, "margin_minutes": 30}})
    isf, pasf = login(server, "isf.nablus"), login(server, "pasf.nablus")
    t = int(server.now()) + 2 * DAY
    p = place("nablus")
    register(isf, activity("A", fp(point(p), t, t + HOUR, 100)))
    # 450 m apart, buffers 100 + 100: only with the 300 m margin; 600 m apart: not even so.
    assert len(register(pasf, activity("space", fp(point(north(p, 450)), t, t + HOUR,
                                                    100)))["conflicts"]) == 1
    assert register(pasf, activity("too far", fp(point(north(p, 600)), t, t + HOUR,
                                                 100)))["conflicts"] == []
    # 20 minutes after it ends: only with the 30 minute margin.
    assert len(register(pasf, activity("time", fp(point(p), t + HOUR + 1200, t + 2 * HOUR,
                                                  100)))["conflicts"]) == 1
    assert register(pasf, activity("too late", fp(point(p), t + HOUR + 2400, t + 2 * HOUR,
                                                  100)))["conflicts"] == []


# --- The disclosure scan ---------------------------------------------------------------------
#
# isf and pasf plan next to each other in Tulkarm, with a unique marker in every free-text
# field and coordinates with distinctive decimals; conflicts arise both ways, change, are
# acknowledged, resolved, cancelled; the parties and the coordinator run dry runs; streams
# are held open all along. Then everything each party can reach is searched for the other's
# markers, record ids, unit and coordinates.

ISF_A1 = [[35.0713467, 32.3108213], [35.0741923, 32.3131759]]
ISF_A1_B = [[35.0714583, 32.3109127], [35.0743291, 32.3132817]]
ISF_A1_C = [[35.0715629, 32.3110341], [35.0744187, 32.3133529]]
PASF_P1 = [35.0727841, 32.3116392]
PASF_P2 = [[[35.0893157, 32.3196283], [35.0917429, 32.3196283], [35.0917429, 32.3218647],
            [35.0893157, 32.3218647], [35.0893157, 32.3196283]]]
ISF_A2 = [35.0904763, 32.3207519]
ISF_A2_AWAY = [35.0906817, 32.3387519]
ISF_A3 = [35.0911273, 32.3203851]
ISF_A4 = [[35.0886123, 32.3201947], [35.0899871, 32.3211383]]
PASF_DRY = [35.0729517, 32.3121733]
ISF_DRY = [35.0901839, 32.3209271]
SITE_AT = [35.0731, 32.3125]

ISF_COORDS = sorted({c for g in (ISF_A1, ISF_A1_B, ISF_A1_C, ISF_A2, ISF_A2_AWAY, ISF_A3, ISF_A4,
                                 ISF_DRY)
                     for c in coordinates_of({"coordinates": g})})
PASF_COORDS = sorted({c for g in (PASF_P1, PASF_P2, PASF_DRY)
                      for c in coordinates_of({"coordinates": g})})


@pytest.fixture(scope="module")
def scan(server, u, slots):
    I, P, C = u["isf.tulkarm"], u["pasf.tulkarm"], u["ussc.duty"]
    admin = u["ussc.admin"]
    mi, mp = marker("ISF"), marker("PASF")
    t = slots.next()
    seen = {"isf": [], "pasf": [], "ussc": []}

    def keep(party, label, value):
        seen[party].append((label, value))
        return value

    start_seq = healthz_seq(server)
    recorders = {name: StreamRecorder(server, login(server, name)).start()
                 for name in ("isf.tulkarm", "pasf.tulkarm", "isf.auditor", "pasf.auditor",
                              "isf.analyst", "ussc.duty", "ussc.analyst", "ussc.auditor")}
    try:
        site = keep("ussc", "site", add_site(C, {"kind": "hospital", "name": "Scan hospital",
                                                  "geometry": point(SITE_AT), "buffer_m": 50}))

        def text(m, field, n):
            return f"{m} {field} {n}"

        a1 = keep("isf", "register A1", register(I, activity(
            text(mi, "title", 1), fp(line(*ISF_A1), t, t + 6 * HOUR, 200), kind="patrol",
            details=text(mi, "details", 1), poc=text(mi, "poc", 1), unit="isf/dco/tulkarm")))
        p1 = keep("pasf", "register P1", register(P, activity(
            text(mp, "title", 1), fp(point(PASF_P1), t + HOUR, t + 5 * HOUR, 300),
            kind="movement", details=text(mp, "details", 1), poc=text(mp, "poc", 1),
            unit="pasf/dcl/tulkarm")))
        assert len(p1["conflicts"]) == 1, p1
        c1 = p1["conflicts"][0]["id"]
        p2 = keep("pasf", "register P2", register(P, activity(
            text(mp, "title", 2), fp({"type": "Polygon", "coordinates": PASF_P2}, t,
                                     t + 8 * HOUR, 0),
            kind="static_site", details=text(mp, "details", 2), poc=text(mp, "poc", 2))))
        assert p2["conflicts"] == [], p2
        a2 = keep("isf", "register A2", register(I, activity(
            text(mi, "title", 2), fp(point(ISF_A2), t + 2 * HOUR, t + 4 * HOUR, 100),
            kind="patrol", details=text(mi, "details", 2), poc=text(mi, "poc", 2))))
        assert len(a2["conflicts"]) == 1, a2
        c2 = a2["conflicts"][0]["id"]
        keep("isf", "patch A1 (keeps the overlap)", patch(I, a1["id"], {
            "title": text(mi, "title", "1b"), "details": text(mi, "details", "1b"),
            "poc": text(mi, "poc", "1b"),
            "footprint": fp(line(*ISF_A1_B), t, t + 4 * HOUR, 200)}))  # overlap now ends 4h

        keep("pasf", "dry run near A1", check(P, fp(point(PASF_DRY), t, t + HOUR, 200)))
        keep("pasf", "dry run excluding A1", P.post("/api/v1/deconfliction/check", json={
            "footprint": fp(point(PASF_DRY), t, t + HOUR, 200), "exclude": a1["id"]}).json())
        keep("isf", "dry run near P2", check(I, fp(point(ISF_DRY), t, t + HOUR, 50)))
        keep("ussc", "coordinator dry run", check(C, fp(point(PASF_DRY), t, t + 6 * HOUR, 200)))

        # Acknowledgements name who acknowledged, to both sides (`acknowledged.by`): they
        # are made by the commanders, so the planners' names must never reach the other side.
        keep("isf", "ack C1", ok(acknowledge(u["isf.commander"], c1, "Seen, will call"), "ack"))
        keep("pasf", "ack C1", ok(acknowledge(u["pasf.commander"], c1, "Seen too"), "ack"))
        keep("ussc", "resolve C1", ok(resolve(C, c1, "joint", "Joint patrol agreed"), "res"))
        a1c = keep("isf", "patch A1 again", patch(I, a1["id"], {
            "footprint": fp(line(*ISF_A1_C), t, t + 6 * HOUR, 200)}))
        c3 = [x["id"] for x in a1c["conflicts"] if x["state"] != "resolved"]
        assert len(c3) == 1 and c3[0] != c1, a1c["conflicts"]
        c3 = c3[0]
        keep("pasf", "cancel P1", cancel(P, p1["id"], reason=text(mp, "reason", 1)))
        keep("isf", "move A2 away", patch(I, a2["id"], {
            "footprint": fp(point(ISF_A2_AWAY), t + 2 * HOUR, t + 4 * HOUR, 100)}))
        a3 = keep("isf", "register A3 (secret)", register(I, activity(
            text(mi, "title", 3), fp(point(ISF_A3), t + HOUR, t + 2 * HOUR, 50),
            kind="operation", confidentiality="secret", details=text(mi, "details", 3),
            poc=text(mi, "poc", 3))))
        assert len(a3["conflicts"]) == 1, a3
        c4 = a3["conflicts"][0]["id"]
        keep("pasf", "ack C4", ok(acknowledge(u["pasf.commander"], c4), "ack"))
        keep("ussc", "resolve C4", ok(resolve(C, c4, "delayed", "isf goes first"), "res"))
        a4 = keep("isf", "register A4", register(I, activity(
            text(mi, "title", 4), fp(line(*ISF_A4), t + 5 * HOUR, t + 7 * HOUR, 20),
            kind="exercise", details=text(mi, "details", 4), poc=text(mi, "poc", 4))))
        assert len(a4["conflicts"]) == 1, a4
        c5 = a4["conflicts"][0]["id"]
        keep("isf", "cancel A4", cancel(I, a4["id"], reason=text(mi, "reason", 4)))
        keep("pasf", "patch P2 text", patch(P, p2["id"], {
            "title": text(mp, "title", "2b"), "details": text(mp, "details", "2b"),
            "poc": text(mp, "poc", "2b")}))
        end = barrier(admin, "scan" + marker("B")[-8:])
        for rec in recorders.values():
            rec.wait_for_seq(end)
    finally:
        for rec in recorders.values():
            rec.stop()

    cids = [c1, c2, c3, c4, c5]
    own = {"isf": [a1["id"], a2["id"], a3["id"], a4["id"]], "pasf": [p1["id"], p2["id"]]}
    for party in ("isf", "pasf"):
        other = "pasf" if party == "isf" else "isf"
        for name in (f"{party}.tulkarm", f"{party}.analyst", f"{party}.auditor",
                     f"{party}.commander"):
            cl = u[name]
            for q in ("", "state=planned", "state=cancelled", "active=true", "party=isf",
                      "party=pasf", "kind=patrol", "kind=operation", "kind=movement",
                      f"from={iso(t)}&to={iso(t + 8 * HOUR)}", "bbox=35.0,32.2,35.2,32.4"):
                keep(party, f"{name} activities?{q}", activities(cl, q))
            for q in ("", "state=open", "state=acknowledged", "state=resolved",
                      "state=unresolved", f"party={other}", f"district={district('tulkarm')}"):
                keep(party, f"{name} conflicts?{q}", conflicts(cl, q))
            for cid in cids:
                keep(party, f"{name} {cid}", get_conflict(cl, cid))
            for aid in own[party]:
                keep(party, f"{name} {aid}", get_activity(cl, aid))
            for aid in own[other]:
                r = cl.get(f"/api/v1/activities/{aid}")
                assert r.status_code == 404, (name, aid, r.status_code)
                keep(party, f"{name} GET other's {aid}", r.json())
            keep(party, f"{name} sites", list_all(cl, "/api/v1/protected-sites")[0])
        r = u[f"{party}.auditor"].get(f"/api/v1/audit/events?after={start_seq}&limit=1000")
        assert r.status_code == 200, r.text
        keep(party, f"{party}.auditor audit events", r.json())
        for name in (f"{party}.tulkarm", f"{party}.auditor"):
            keep(party, f"{name} stream", recorders[name].frames)
    if "isf.analyst" in recorders:
        keep("isf", "isf.analyst stream", recorders["isf.analyst"].frames)
    for cid in cids:
        keep("ussc", f"ussc {cid}", get_conflict(C, cid))
    keep("ussc", "ussc activities", activities(C, f"from={iso(t)}&to={iso(t + 8 * HOUR)}"))
    r = u["ussc.auditor"].get(f"/api/v1/audit/events?after={start_seq}&limit=1000")
    assert r.status_code == 200, r.text
    keep("ussc", "ussc.auditor audit events", r.json())
    keep("ussc", "ussc.duty stream", recorders["ussc.duty"].frames)

    return {
        "seen": seen, "mi": mi, "mp": mp, "cids": cids, "own": own, "site": site["id"],
        "events": {n: r.events() for n, r in recorders.items()}, "end": end,
        "conflict_ids": {"c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5},
        "seqs": {"isf": [a1["created_seq"], a2["created_seq"], a3["created_seq"],
                         a4["created_seq"]],
                 "pasf": [p1["created_seq"], p2["created_seq"]]},
    }


def _leaks(items, strings, numbers, record_ids=()):
    """Hits of `strings` and `numbers` in every response; `record_ids` too, except in the
    answers to requests that themselves named those ids (a 404 may repeat what was asked)."""
    out = []
    for label, value in items:
        look_for = list(strings)
        if "other's" not in label and "excluding" not in label:
            look_for += list(record_ids)
        for hit in find_leaks(value, look_for, numbers):
            out.append((label,) + hit)
    return out


def _forbidden(scan, party):
    other = "pasf" if party == "isf" else "isf"
    unit = {"isf": "isf/dco/tulkarm", "pasf": "pasf/dcl/tulkarm"}[other]
    strings = [scan["mi" if other == "isf" else "mp"], unit]
    numbers = ISF_COORDS if other == "isf" else PASF_COORDS
    return strings, numbers, scan["own"][other]


@pytest.mark.parametrize("party", ["pasf", "isf"])
def test_scan_a_party_sees_nothing_of_the_others_activities(scan, party):
    strings, numbers, record_ids = _forbidden(scan, party)
    leaks = _leaks(scan["seen"][party], strings, numbers, record_ids)
    assert not leaks, f"{party} sees the other side's data:\n" + "\n".join(map(str, leaks[:40]))
    # The scan did look at something: the party's own data, and the conflicts, are there.
    own_marker = scan["mi" if party == "isf" else "mp"]
    assert _leaks(scan["seen"][party], [own_marker], []), "the owner sees its own markers"
    labels = {label for label, _ in scan["seen"][party]}
    assert any("stream" in label for label in labels)
    for cid in scan["cids"]:
        assert any(cid in json.dumps(v) for _, v in scan["seen"][party]), cid


@pytest.mark.parametrize("party", ["pasf", "isf"])
def test_scan_the_other_sides_planners_are_not_named(scan, party):
    """The API never tells a side who planned the other side's record (created_by is not in
    the pointer; the acknowledgements here were made by commanders); the stream and the
    audit log must not either ("events ... disclose nothing the API does not")."""
    other = "pasf" if party == "isf" else "isf"
    planner = f"{other}.tulkarm"
    api = [(label, v) for label, v in scan["seen"][party]
           if "stream" not in label and "audit events" not in label]
    assert not _leaks(api, [planner], []), "the API itself names the planner"
    leaks = _leaks(scan["seen"][party], [planner], [])
    named = sorted({(e["type"], e["actor"]) for n in (f"{party}.tulkarm", f"{party}.auditor")
                    for e in scan["events"][n] if planner in json.dumps(e)})
    assert not leaks, (f"{party} learns who planned {other}'s activities, in the events "
                       f"(type, actor) {named}:\n" + "\n".join(map(str, leaks[:12])))


def test_scan_the_coordinator_sees_both_sides(scan):
    seen = scan["seen"]["ussc"]
    for m in (scan["mi"], scan["mp"]):
        for field in ("title", "details", "poc"):
            assert _leaks(seen, [f"{m} {field}"], []), f"the coordinator misses {m} {field}"
    for ref in scan["own"]["isf"] + scan["own"]["pasf"]:
        assert _leaks(seen, [ref], []), ref
    assert _leaks(seen, [], ISF_A3) and _leaks(seen, [], PASF_P1)
    assert _leaks(seen, [], coordinates_of({"coordinates": ISF_A1_C}))
    assert _leaks(seen, ["isf/dco/tulkarm"], []) and _leaks(seen, ["pasf/dcl/tulkarm"], [])


def test_scan_events_follow_the_disclosure_table(scan):
    ev = scan["events"]
    # The bodies of the table, plus what the pointer holds anyway (its state) and the parts
    # of the id (year, number).
    extra = {"state", "year", "number"}
    shapes = {
        "conflict.detected": {"id", "parties", "start", "end", "district"} | extra,
        "conflict.updated": {"id", "parties", "start", "end", "district"} | extra,
        "conflict.acknowledged": {"id", "party", "note"} | extra,
        "conflict.resolved": {"id", "outcome", "note", "auto"} | extra,
    }
    for party in ("isf", "pasf"):
        other = "pasf" if party == "isf" else "isf"
        for name in (f"{party}.tulkarm", f"{party}.auditor"):
            types = [e["type"] for e in ev[name]]
            for e in ev[name]:
                assert e["type"] != "conflict.assessed", (name, e)
                if e["type"].startswith("activity."):
                    assert e["party"] == party, (name, e)
                if e["type"] in shapes:
                    assert "id" in e["body"] and set(e["body"]) <= shapes[e["type"]], (name, e)
            for t in ("conflict.detected", "conflict.updated", "conflict.acknowledged",
                      "conflict.resolved", "activity.registered", "activity.changed",
                      "activity.cancelled", "protected_site.registered"):
                assert t in types, f"{name} did not get {t}: {sorted(set(types))}"
            detected = {e["body"]["id"] for e in ev[name] if e["type"] == "conflict.detected"}
            assert set(scan["cids"]) <= detected, (name, detected)
            resolved = {e["body"]["id"]: e["body"] for e in ev[name]
                        if e["type"] == "conflict.resolved"}
            assert resolved[scan["conflict_ids"]["c3"]]["outcome"] == "cancelled"
            assert resolved[scan["conflict_ids"]["c3"]]["auto"] is True
            assert resolved[scan["conflict_ids"]["c1"]]["outcome"] == "joint"
            assert resolved[scan["conflict_ids"]["c2"]]["outcome"] == "changed"
            assert not [e for e in ev[name] if e["type"].startswith("activity.")
                        and e["party"] == other]
    # The coordinator's duty desk and auditors get the activities and the assessment;
    # its analyst does not.
    for name in ("ussc.duty", "ussc.auditor"):
        types = {e["type"] for e in ev[name]}
        assert {"activity.registered", "activity.changed", "activity.cancelled",
                "conflict.detected", "conflict.assessed", "conflict.resolved"} <= types, \
            (name, types)
        assessed = [e for e in ev[name] if e["type"] == "conflict.assessed"]
        for cid in scan["cids"]:
            mine = [e for e in assessed if cid in json.dumps(e)]
            assert mine, f"{name}: no conflict.assessed for {cid}: {assessed}"
            assert all("distance_m" in e["body"] for e in mine), mine
    analyst = ev["ussc.analyst"]
    assert analyst and analyst[-1]["seq"] == scan["end"]
    assert not [e for e in analyst if e["type"].startswith("activity.")
                or e["type"] == "conflict.assessed"], analyst
    assert not _leaks([("ussc.analyst stream", analyst)], [scan["mi"], scan["mp"]], [])


def test_scan_no_proof_of_the_other_sides_activity_events(server, u, scan):
    """An inclusion proof is given only for events the user may see: the owner's auditor
    gets one for its activity's event, the other side gets 404 as for any hidden event."""
    from request_helpers import sign_head_over
    head = sign_head_over(server, u["ussc.auditor"], max(scan["seqs"]["isf"] +
                                                         scan["seqs"]["pasf"]))
    for party, other in (("isf", "pasf"), ("pasf", "isf")):
        for seq in scan["seqs"][party]:
            q = f"seq={seq}&tree_size={head['tree_size']}"
            assert login(server, f"{party}.auditor").get(
                f"/api/v1/audit/proof/inclusion?{q}").status_code == 200
            for name in (f"{other}.auditor", f"{other}.tulkarm"):
                assert_problem(login(server, name).get(f"/api/v1/audit/proof/inclusion?{q}"), 404)
