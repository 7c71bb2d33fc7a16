"""The duty desk: roster, handover with open items carried over, and the queue ordered by
deadline (docs/requests.md, "The duty desk")."""

import pytest

import asyncio

from conftest import assert_problem, login, start_module_server, ws_connect, ws_recv_json
from request_helpers import (barrier, events_until, fetch, footprint, governorate_at, new_request,
                             ok, ts)

STRONG = "duty-desk-passphrase-31"
CONFIG = {"deadlines": {"immediate_acknowledge_seconds": 30, "immediate_decide_seconds": 90}}


@pytest.fixture(scope="module")
def srv(demo_template, tmp_path_factory):
    s = start_module_server(demo_template, tmp_path_factory, "duty", CONFIG)
    yield s
    s.kill()


@pytest.fixture(scope="module")
def cs(srv):
    admin = login(srv, "isf.admin")
    for name, unit, roles in (("isf.jenin2", "isf/dco/jenin", ["liaison", "duty"]),
                              ("isf.jenin.clerk", "isf/dco/jenin", ["liaison"])):
        r = admin.post("/api/v1/users", json={"username": name, "unit": unit, "roles": roles,
                                              "password": STRONG})
        assert r.status_code == 201, r.text
    out = {u: login(srv, u) for u in ("pasf.jenin", "isf.jenin", "ussc.duty", "isf.hebron",
                                      "pasf.hebron", "isf.commander")}
    out["isf.jenin2"] = login(srv, "isf.jenin2", STRONG)
    return out


def desk(roster, unit):
    found = [d for d in roster["desks"] if d["unit"] == unit]
    assert len(found) == 1, f"{unit} not once in {[d['unit'] for d in roster['desks']]}"
    return found[0]


def roster_of(client):
    r = client.get("/api/v1/duty/roster")
    assert r.status_code == 200, r.text
    return r.json()


def member_names(d):
    for m in d["members"]:
        assert set(m) >= {"username", "display_name"}, m
    return {m["username"] for m in d["members"]}


def open_items(items):
    """The open items of a handover, by request id."""
    for i in items:
        assert set(i) >= {"id", "title", "precedence", "state", "stage", "due_at", "overdue"}, i
    return {i["id"]: i for i in items}


def open_item_ids(items):
    return set(open_items(items))


def test_roster_shows_the_own_partys_desks_and_the_coordinator_sees_all(srv, cs):
    isf = roster_of(cs["isf.jenin"])
    assert set(isf) >= {"shifts", "current_shift", "next_shift", "desks"}
    assert {d["party"] for d in isf["desks"]} == {"isf"}
    jenin = desk(isf, "isf/dco/jenin")
    assert jenin["district"] == "PS0101"
    assert jenin["unit_name"]["en"] == "DCO Jenin" and jenin["unit_name"]["ar"], jenin
    # Members: the unit's active accounts with the duty role, not its liaison-only clerk.
    assert member_names(jenin) == {"isf.jenin", "isf.jenin2"}
    # Desks are the units of kind duty_desk or liaison: not the headquarters or commands.
    units = {d["unit"] for d in isf["desks"]}
    assert "isf/hq" not in units and "isf/dco" not in units and "isf" not in units
    assert len(units) == 11  # one DCO per governorate in the demo
    pasf = roster_of(cs["pasf.jenin"])
    assert {d["party"] for d in pasf["desks"]} == {"pasf"}
    ussc = roster_of(cs["ussc.duty"])
    assert {d["party"] for d in ussc["desks"]} == {"isf", "pasf", "ussc"}
    assert "ussc/ops/duty" in {d["unit"] for d in ussc["desks"]}
    assert units <= {d["unit"] for d in ussc["desks"]}
    # Three 8-hour shifts by default, the first at 04:00 UTC.
    shifts = sorted(isf["shifts"], key=lambda x: x["index"])
    assert [(x["start_utc"], x["hours"]) for x in shifts] == [("04:00", 8), ("12:00", 8),
                                                               ("20:00", 8)]
    cur, nxt = isf["current_shift"], isf["next_shift"]
    assert ts(cur["end"]) - ts(cur["start"]) == 8 * 3600
    assert ts(cur["start"]) <= srv.now() < ts(cur["end"])
    assert ts(nxt["start"]) == ts(cur["end"]) and nxt["index"] == (cur["index"] + 1) % 3
    start = cur["start"]
    assert shifts[cur["index"]]["start_utc"] == start[11:16], (cur, shifts)
    # Every field of a desk.
    assert set(jenin) >= {"unit", "unit_name", "party", "district", "on_duty", "on_duty_name",
                          "since", "members", "last_handover"}, jenin


def test_handover_carries_the_open_items(srv, cs):
    pasf, isf, isf2 = cs["pasf.jenin"], cs["isf.jenin"], cs["isf.jenin2"]
    # Open items of the desk: addressed to its unit, one acknowledged, one new.
    a = new_request(srv, pasf, to_unit="isf/dco/jenin", title="Open for the handover A")["id"]
    b = new_request(srv, pasf, to_unit="isf/dco/jenin", title="Open for the handover B")["id"]
    ok(isf, b, "acknowledge")
    done = new_request(srv, pasf, to_unit="isf/dco/jenin", title="Closed before the handover")["id"]
    ok(pasf, done, "withdraw")

    # isf.jenin takes the empty desk by handing over to themselves.
    r = isf.post("/api/v1/duty/handover", json={"unit": "isf/dco/jenin", "to": "isf.jenin",
                                                "note": "taking the desk"})
    assert r.status_code == 201, r.text
    assert desk(roster_of(isf), "isf/dco/jenin")["on_duty"] == "isf.jenin"

    r = isf.post("/api/v1/duty/handover", json={"unit": "isf/dco/jenin", "to": "isf.jenin2",
                                                "note": "Convoy A still pending; B acknowledged"})
    assert r.status_code == 201, r.text
    h = r.json()
    assert (h["unit"], h["from"], h["to"], h["by"]) == (
        "isf/dco/jenin", "isf.jenin", "isf.jenin2", "isf.jenin")
    assert h["note"] == "Convoy A still pending; B acknowledged"
    assert isinstance(h["seq"], int) and h["at"]
    carried = open_items(h["open_items"])
    assert {a, b} <= set(carried) and done not in carried
    assert (carried[a]["state"], carried[a]["stage"]) == ("submitted", "acknowledge")
    assert (carried[b]["state"], carried[b]["stage"]) == ("acknowledged", "decide")
    assert carried[a]["title"] == "Open for the handover A"
    assert ts(carried[b]["due_at"]) == ts(fetch(isf, b)["decide_by"])
    assert carried[a]["overdue"] is False

    d = desk(roster_of(isf2), "isf/dco/jenin")
    assert d["on_duty"] == "isf.jenin2" and d["on_duty_name"]
    assert ts(d["since"]) == ts(h["at"])
    assert d["last_handover"]["to"] == "isf.jenin2" and d["last_handover"]["seq"] == h["seq"]
    # The coordinator sees the change too; pasf does not see isf's desk at all.
    assert desk(roster_of(cs["ussc.duty"]), "isf/dco/jenin")["on_duty"] == "isf.jenin2"
    assert "isf/dco/jenin" not in {x["unit"] for x in roster_of(pasf)["desks"]}

    r = isf2.get("/api/v1/duty/handovers?unit=isf/dco/jenin")
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert h["seq"] in [i["seq"] for i in items]
    seqs = [i["seq"] for i in items]
    assert seqs == sorted(seqs, reverse=True), "not newest first"
    mine = next(i for i in items if i["seq"] == h["seq"])
    assert {a, b} <= open_item_ids(mine["open_items"])
    r = pasf.get("/api/v1/duty/handovers?unit=isf/dco/jenin")
    assert r.status_code in (403, 404), r.text
    assert_problem(r, r.status_code)
    assert "Convoy A still pending" not in r.text

    # The new officer hands back.
    r = isf2.post("/api/v1/duty/handover", json={"unit": "isf/dco/jenin", "to": "isf.jenin",
                                                 "note": "back to you"})
    assert r.status_code == 201, r.text
    assert r.json()["from"] == "isf.jenin2"
    assert desk(roster_of(isf), "isf/dco/jenin")["on_duty"] == "isf.jenin"

    # Handing over to the officer already on duty is a conflict, and changes nothing.
    before = desk(roster_of(cs["ussc.duty"]), "isf/dco/jenin")
    r = isf.post("/api/v1/duty/handover", json={"unit": "isf/dco/jenin", "to": "isf.jenin",
                                                "note": "again"})
    assert_problem(r, 409)
    assert desk(roster_of(cs["ussc.duty"]), "isf/dco/jenin") == before


@pytest.mark.parametrize("user,body", [
    # Not a member of the desk's unit.
    ("isf.jenin", {"unit": "isf/dco/jenin", "to": "isf.hebron", "note": "x"}),
    # Another party's user.
    ("isf.jenin", {"unit": "isf/dco/jenin", "to": "pasf.jenin", "note": "x"}),
    # A member without the duty role.
    ("isf.jenin", {"unit": "isf/dco/jenin", "to": "isf.jenin.clerk", "note": "x"}),
    # Nobody of that name.
    ("isf.jenin", {"unit": "isf/dco/jenin", "to": "isf.nobody", "note": "x"}),
])
def test_a_handover_to_someone_who_cannot_take_the_desk_is_refused(srv, cs, user, body):
    before = desk(roster_of(cs["ussc.duty"]), body["unit"])
    r = cs[user].post("/api/v1/duty/handover", json=body)
    assert r.status_code in (400, 403), r.text
    p = assert_problem(r, r.status_code)
    if r.status_code == 400:
        assert p["field"] == "/to", p
    assert desk(roster_of(cs["ussc.duty"]), body["unit"]) == before


def test_another_party_cannot_hand_over_a_desk(srv, cs):
    before = desk(roster_of(cs["ussc.duty"]), "isf/dco/jenin")
    r = cs["pasf.jenin"].post("/api/v1/duty/handover", json={
        "unit": "isf/dco/jenin", "to": "isf.jenin2", "note": "hijack"})
    assert r.status_code in (403, 404), r.text
    assert_problem(r, r.status_code)
    assert desk(roster_of(cs["ussc.duty"]), "isf/dco/jenin") == before


@pytest.mark.parametrize("body,field", [
    ({"unit": "isf/dco/jenin", "note": "x"}, "/to"),
    ({"unit": "isf/dco/jenin", "to": "isf.jenin2"}, "/note"),
    ({"unit": "isf/dco/jenin", "to": "isf.jenin2", "note": ""}, "/note"),
    ({"unit": "isf/dco/jenin", "to": "isf.jenin2", "note": "ש" * 8001}, "/note"),
    ({"unit": "isf/dco/jenin", "to": "isf.jenin2", "note": 5}, "/note"),
    ({"unit": "isf/dco/jenin", "to": "isf.jenin2", "note": "x", "bogus": 1}, "/bogus"),
])
def test_malformed_handovers_are_400(srv, cs, body, field):
    assert_problem(cs["isf.jenin"].post("/api/v1/duty/handover", json=body), 400, field=field)


def queue(client, unit=None):
    r = client.get("/api/v1/duty/queue" + (f"?unit={unit}" if unit else ""))
    assert r.status_code == 200, r.text
    if unit:
        assert r.json()["unit"] == unit
    items = r.json()["items"]
    for i in items:
        assert set(i) >= {"request", "stage", "due_at", "overdue", "action_party"}, i
    return items


RANK = {"FLASH": 0, "IMMEDIATE": 1, "PRIORITY": 2, "ROUTINE": 3}


def assert_ordered(items):
    """By due_at, earliest first, none last; then FLASH before ... ROUTINE."""
    keys = [(i["due_at"] is None, ts(i["due_at"]) if i["due_at"] else 0,
             RANK[i["request"]["precedence"]]) for i in items]
    assert keys == sorted(keys), [(i["due_at"], i["request"]["precedence"]) for i in items]
    # Items without a deadline, if any, come last.
    seen_none = False
    for i in items:
        if i["due_at"] is None:
            seen_none = True
        else:
            assert not seen_none, "an item with a deadline after one without"


def test_the_queue_is_ordered_by_deadline_and_marks_the_overdue(srv, cs):
    pasf, isf, ussc = cs["pasf.jenin"], cs["isf.jenin"], cs["ussc.duty"]
    late = new_request(srv, pasf, precedence="IMMEDIATE", to_unit="isf/dco/jenin",
                       title="Queue: late")["id"]
    srv.advance(40)  # past its 30 s acknowledge-by
    routine = new_request(srv, pasf, precedence="ROUTINE", to_unit="isf/dco/jenin",
                          title="Queue: routine")["id"]
    flash = new_request(srv, pasf, precedence="FLASH", to_unit="isf/dco/jenin",
                        title="Queue: flash")["id"]
    priority = new_request(srv, pasf, precedence="PRIORITY", to_unit="isf/dco/jenin",
                           title="Queue: priority")["id"]
    acked = new_request(srv, pasf, precedence="IMMEDIATE", to_unit="isf/dco/jenin",
                        title="Queue: acknowledged")["id"]
    ok(isf, acked, "acknowledge")
    approved = new_request(srv, pasf, title="Queue: approved")["id"]
    ok(isf, approved, "acknowledge")
    ok(isf, approved, "decide", {"outcome": "approved"})
    countered = new_request(srv, pasf, title="Queue: countered")["id"]
    ok(isf, countered, "acknowledge")
    ok(isf, countered, "decide", {"outcome": "counter_proposed", "conditions": "later"})
    going = new_request(srv, pasf, title="Queue: going")["id"]
    ok(isf, going, "acknowledge")
    ok(isf, going, "decide", {"outcome": "approved"})
    ok(pasf, going, "start")
    finished = new_request(srv, pasf, precedence="FLASH", title="Queue: finished")["id"]
    ok(pasf, finished, "withdraw")

    # isf's desk: the requests awaiting its answer.
    items = queue(isf, "isf/dco/jenin")
    assert_ordered(items)
    by_id = {i["request"]["id"]: i for i in items}
    for rid in (late, routine, flash, priority):
        assert by_id[rid]["stage"] == "acknowledge" and by_id[rid]["action_party"] == "isf"
        assert ts(by_id[rid]["due_at"]) == ts(fetch(isf, rid)["acknowledge_by"])
    assert by_id[acked]["stage"] == "decide"
    assert ts(by_id[acked]["due_at"]) == ts(fetch(isf, acked)["decide_by"])
    assert by_id[late]["overdue"] is True
    for rid in (routine, flash, priority, acked):
        assert by_id[rid]["overdue"] is False, by_id[rid]
    # Deadline order: the late one, then FLASH (120 s), IMMEDIATE decide (90 s from its
    # submission), PRIORITY (30 min), ROUTINE (2 h).
    order = [i["request"]["id"] for i in items]
    assert order.index(late) < order.index(acked) < order.index(priority) < order.index(routine)
    assert order.index(late) < order.index(acked) < order.index(flash) < order.index(priority)
    # Not isf's next step: started, approved, counter-proposed or closed requests.
    for rid in (approved, countered, going, finished):
        assert rid not in by_id

    # pasf's desk: its own requests awaiting its next step.
    mine = {i["request"]["id"]: i for i in queue(pasf, "pasf/dcl/jenin")}
    assert_ordered(queue(pasf, "pasf/dcl/jenin"))
    assert mine[approved]["stage"] == "start" and mine[approved]["action_party"] == "pasf"
    assert mine[going]["stage"] == "complete"
    assert mine[countered]["stage"] == "respond"
    assert finished not in mine
    # The requesting party's stages are due at the footprint's start, or end to complete.
    for rid, edge in ((approved, "start"), (countered, "start"), (going, "end")):
        assert ts(mine[rid]["due_at"]) == ts(fetch(pasf, rid)["footprint"][edge]), rid

    # The coordinator's desk holds every open request, including the ones above.
    coord = queue(ussc)
    assert_ordered(coord)
    coord_ids = [i["request"]["id"] for i in coord]
    assert len(coord_ids) == len(set(coord_ids))
    open_ids = set()
    cursor = None
    while True:
        r = ussc.get("/api/v1/requests?state=open&limit=200"
                     + (f"&cursor={cursor}" if cursor else ""))
        assert r.status_code == 200, r.text
        open_ids |= {i["id"] for i in r.json()["items"]}
        cursor = r.json()["next"]
        if cursor is None:
            break
    assert set(coord_ids) == open_ids
    assert {late, routine, flash, priority, acked, approved, countered, going} <= set(coord_ids)
    assert finished not in coord_ids
    assert next(i for i in coord if i["request"]["id"] == late)["overdue"] is True


def test_an_unaddressed_request_goes_to_the_desk_of_its_district(srv, cs):
    rid = new_request(srv, cs["pasf.hebron"], title="To isf, Hebron", footprint=None)["id"]
    assert fetch(cs["isf.hebron"], rid)["to_unit"] == "isf/dco/hebron"
    assert rid in {i["request"]["id"] for i in queue(cs["isf.hebron"], "isf/dco/hebron")}
    assert rid not in {i["request"]["id"] for i in queue(cs["isf.jenin"], "isf/dco/jenin")}


def test_a_request_to_the_party_without_unit_is_in_every_desk_queue_of_it(srv, cs):
    """In a district where isf has no desk (Gaza) no unit is chosen: every isf desk holds
    it."""
    gaza = [34.45, 31.5]
    assert governorate_at(*gaza) not in (None, "PS0101", "PS0150")
    rid = new_request(srv, cs["pasf.jenin"], type="activity", title="To isf, no desk there",
                      footprint=footprint(srv, gaza, kind="Point", buffer_m=0))["id"]
    full = fetch(cs["isf.hebron"], rid)
    assert full["district"] == governorate_at(*gaza) and full["to_unit"] is None, full
    assert rid in {i["request"]["id"] for i in queue(cs["isf.jenin"], "isf/dco/jenin")}
    assert rid in {i["request"]["id"] for i in queue(cs["isf.hebron"], "isf/dco/hebron")}


def test_a_request_to_another_unit_is_not_in_this_desks_queue(srv, cs):
    rid = new_request(srv, cs["pasf.hebron"], to_unit="isf/dco/hebron",
                      title="To DCO Hebron")["id"]
    assert rid in {i["request"]["id"] for i in queue(cs["isf.hebron"], "isf/dco/hebron")}
    assert rid not in {i["request"]["id"] for i in queue(cs["isf.jenin"], "isf/dco/jenin")}


def test_another_partys_queue_is_not_readable(srv, cs):
    r = cs["pasf.jenin"].get("/api/v1/duty/queue?unit=isf/dco/jenin")
    assert r.status_code in (403, 404), r.text
    assert_problem(r, r.status_code)
    assert "REQ-" not in r.text


def test_a_handover_is_seen_by_its_party_and_the_coordinator_only(srv, cs):
    async def main():
        watchers = {}
        for u in ("ussc.duty", "isf.jenin", "pasf.hebron", "pasf.jenin"):
            ws = await ws_connect(srv, cs[u].cookie)
            assert (await ws_recv_json(ws))["type"] == "hello"
            watchers[u] = ws
        r = cs["isf.hebron"].post("/api/v1/duty/handover", json={
            "unit": "isf/dco/hebron", "to": "isf.hebron", "note": "taking the Hebron desk"})
        assert r.status_code == 201, r.text
        seq = r.json()["seq"]
        end = barrier(srv, "handover")
        for u, ws in watchers.items():
            seen = await events_until(ws, end)
            got = [e for e in seen if e["seq"] == seq]
            if u.startswith("pasf"):
                assert not got and not [e for e in seen if e["type"] == "duty.handover"], seen
            else:
                assert len(got) == 1 and got[0]["type"] == "duty.handover", (u, seen)
                assert got[0]["subject"] == "isf/dco/hebron"
                assert got[0]["body"]["note"] == "taking the Hebron desk"
            await ws.close()

    asyncio.run(main())
