"""Deadlines: acknowledge-by and decide-by per precedence, request.overdue raised once per
stage to the coordinator's duty desk and the receiving party's commanders, and expiry of a
request whose window passed without a decision (docs/requests.md, "Deadlines").

The servers here run with deadlines of seconds, and the tests move their injected clock.
"""

import asyncio
import json
import re
import time

import requests

import pytest

from conftest import add_party_with_officer, assert_problem, login, ws_connect, ws_recv_json
from request_helpers import (act, barrier, events_until, fetch, footprint, new_request,
                             ok, ts, wait_event)

FAST = {"deadlines": {
    "flash_acknowledge_seconds": 5, "flash_decide_seconds": 20,
    "immediate_acknowledge_seconds": 30, "immediate_decide_seconds": 60,
    "priority_acknowledge_seconds": 300, "priority_decide_seconds": 600,
}}


def overdue(rid, stage):
    return lambda e: (e["type"] == "request.overdue" and e["subject"] == rid
                      and e["body"].get("stage") == stage)


def overdue_entries(client, rid):
    return [(e["body"]["stage"], e["seq"]) for e in fetch(client, rid)["timeline"]
            if e["type"] == "request.overdue"]


async def connect(server, *clients):
    out = []
    for c in clients:
        ws = await ws_connect(server, c.cookie)
        assert (await ws_recv_json(ws))["type"] == "hello"
        out.append(ws)
    return out


def test_configured_deadlines_are_fixed_at_submission(make_server):
    srv = make_server(FAST)
    pasf = login(srv, "pasf.jenin")
    for precedence, (ack, decide) in (("FLASH", (5, 20)), ("IMMEDIATE", (30, 60)),
                                      ("PRIORITY", (300, 600)), ("ROUTINE", (7200, 86400))):
        req = new_request(srv, pasf, precedence=precedence)
        created = ts(req["created_at"])
        assert ts(req["acknowledge_by"]) - created == pytest.approx(ack, abs=1), precedence
        assert ts(req["decide_by"]) - created == pytest.approx(decide, abs=1), precedence
        body = fetch(pasf, req["id"])["timeline"][0]["body"]
        assert ts(body["acknowledge_by"]) == ts(req["acknowledge_by"])
        assert ts(body["decide_by"]) == ts(req["decide_by"])


def test_acknowledge_then_decide_overdue_reach_the_right_streams_once(make_server):
    srv = make_server(FAST)
    outsider = login(srv, add_party_with_officer(srv, "eubam"))
    pasf, isf = login(srv, "pasf.jenin"), login(srv, "isf.jenin")
    ussc, isf_cmd = login(srv, "ussc.duty"), login(srv, "isf.commander")

    async def main():
        ussc_ws, cmd_ws, out_ws = await connect(srv, ussc, isf_cmd, outsider)
        req = new_request(srv, pasf, precedence="FLASH", title="Casualty evacuation")
        rid = req["id"]
        assert fetch(pasf, rid)["overdue"] == []

        # Past acknowledge-by (5 s), not decide-by (20 s).
        srv.advance(7)
        e, _ = await wait_event(ussc_ws, overdue(rid, "acknowledge"))
        assert ts(e["body"]["due_at"]) == ts(req["acknowledge_by"])
        body = e["body"]
        assert (body["precedence"], body["title"], body["state"], body["to_party"]) == (
            "FLASH", "Casualty evacuation", "submitted", "isf"), body
        # The coordinator's duty desks and the receiving party's desk and commanders.
        esc = body["escalate_to"]
        for x in esc:
            assert set(x) >= {"party", "unit", "role"}, x
        assert {"party": "ussc", "unit": "ussc/ops/duty", "role": "duty"} in [
            {k: x[k] for k in ("party", "unit", "role")} for x in esc], esc
        assert any(x["party"] == "isf" and x["role"] == "commander" for x in esc), esc
        assert {x["party"] for x in esc} == {"ussc", "isf"}, esc
        assert ts(e["at"]) >= ts(req["acknowledge_by"])
        ack_seq = e["seq"]
        e2, _ = await wait_event(cmd_ws, lambda x: x["seq"] == ack_seq)
        assert e2["type"] == "request.overdue" and e2["body"]["stage"] == "acknowledge"

        full = fetch(ussc, rid)
        assert full["state"] == "submitted" and full["overdue"] == ["acknowledge"]
        assert overdue_entries(ussc, rid) == [("acknowledge", ack_seq)]
        assert fetch(pasf, rid)["overdue"] == ["acknowledge"]

        # More time, still short of decide-by: no second acknowledge overdue.
        srv.advance(3)
        time.sleep(1.0)
        end = barrier(srv, "deadline1")
        for ws in (ussc_ws, cmd_ws):
            seen = await events_until(ws, end)
            assert not [x for x in seen if x["type"] == "request.overdue"], seen
        seen = await events_until(out_ws, end)
        assert not [x for x in seen if x["type"].startswith("request.") or rid in json.dumps(x)]
        assert overdue_entries(ussc, rid) == [("acknowledge", ack_seq)]

        # Acknowledged late; then the decide deadline passes.
        ok(isf, rid, "acknowledge", state="acknowledged")
        srv.advance(12)  # ~22 s after submission
        e, _ = await wait_event(ussc_ws, overdue(rid, "decide"))
        assert ts(e["body"]["due_at"]) == ts(req["decide_by"])
        decide_seq = e["seq"]
        await wait_event(cmd_ws, lambda x: x["seq"] == decide_seq)
        full = fetch(isf, rid)
        assert full["state"] == "acknowledged"
        assert full["overdue"] == ["acknowledge", "decide"]

        # Once only, however long it stays undecided.
        srv.advance(30)
        time.sleep(1.0)
        end = barrier(srv, "deadline2")
        seen = await events_until(ussc_ws, end)
        assert not [x for x in seen if x["type"] == "request.overdue" and x["subject"] == rid], seen
        seen = await events_until(out_ws, end)
        assert not [x for x in seen if x["type"].startswith("request.") or rid in json.dumps(x)]
        assert overdue_entries(ussc, rid) == [("acknowledge", ack_seq), ("decide", decide_seq)]

        # Answered late is still answered; nothing more is raised.
        ok(isf, rid, "decide", {"outcome": "approved"}, state="approved")
        assert fetch(pasf, rid)["overdue"] == ["acknowledge", "decide"]
        for ws in (ussc_ws, cmd_ws, out_ws):
            await ws.close()

    asyncio.run(main())


def test_an_answer_in_time_raises_nothing(make_server):
    srv = make_server(FAST)
    pasf, isf, ussc = login(srv, "pasf.jenin"), login(srv, "isf.jenin"), login(srv, "ussc.duty")

    async def main():
        (ussc_ws,) = await connect(srv, ussc)
        rid = new_request(srv, pasf, precedence="FLASH")["id"]
        srv.advance(2)
        ok(isf, rid, "acknowledge")
        srv.advance(10)
        ok(isf, rid, "decide", {"outcome": "approved"})
        srv.advance(60)
        time.sleep(1.0)
        end = barrier(srv, "intime")
        seen = await events_until(ussc_ws, end)
        assert not [e for e in seen if e["type"] == "request.overdue"], seen
        await ussc_ws.close()
        return rid

    rid = asyncio.run(main())
    full = fetch(ussc, rid)
    assert full["overdue"] == [] and full["state"] == "approved"


def test_a_notification_has_only_an_acknowledge_deadline(make_server):
    srv = make_server(FAST)
    pasf, ussc = login(srv, "pasf.jenin"), login(srv, "ussc.duty")

    async def main():
        (ussc_ws,) = await connect(srv, ussc)
        req = new_request(srv, pasf, type="notification", precedence="FLASH")
        assert req["decide_by"] is None
        srv.advance(7)
        await wait_event(ussc_ws, overdue(req["id"], "acknowledge"))
        srv.advance(30)  # well past what would be decide-by
        time.sleep(1.0)
        end = barrier(srv, "notification")
        seen = await events_until(ussc_ws, end)
        assert not [e for e in seen if overdue(req["id"], "decide")(e)]
        await ussc_ws.close()
        return req["id"]

    rid = asyncio.run(main())
    assert fetch(ussc, rid)["overdue"] == ["acknowledge"]


def test_the_overdue_list_and_queue_show_a_missed_deadline(make_server):
    srv = make_server(FAST)
    pasf, ussc = login(srv, "pasf.jenin"), login(srv, "ussc.duty")
    rid = new_request(srv, pasf, precedence="IMMEDIATE")["id"]
    srv.advance(35)
    for _ in range(100):
        if fetch(ussc, rid)["overdue"] == ["acknowledge"]:
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"overdue never set: {fetch(ussc, rid)}")
    items = ussc.get("/api/v1/duty/queue").json()["items"]
    item = next(i for i in items if i["request"]["id"] == rid)
    assert item["overdue"] is True and item["stage"] == "acknowledge"
    assert item["action_party"] == "isf"


def window(srv, start_in, length):
    return footprint(srv, start_in=start_in, length=length)


def test_a_request_whose_window_ended_without_decision_expires(make_server):
    srv = make_server(FAST)
    pasf, isf, ussc = login(srv, "pasf.jenin"), login(srv, "isf.jenin"), login(srv, "ussc.duty")
    # Windows that end 60 s from now; the deadlines (ROUTINE: hours) do not matter here.
    submitted = new_request(srv, pasf, footprint=window(srv, 10, 50))["id"]
    acked = new_request(srv, pasf, footprint=window(srv, 10, 50))["id"]
    ok(isf, acked, "acknowledge")
    countered = new_request(srv, pasf, footprint=window(srv, 10, 50))["id"]
    ok(isf, countered, "acknowledge")
    ok(isf, countered, "decide", {"outcome": "counter_proposed", "conditions": "later"})
    approved = new_request(srv, pasf, footprint=window(srv, 10, 50))["id"]
    ok(isf, approved, "acknowledge")
    ok(isf, approved, "decide", {"outcome": "approved"})
    later = new_request(srv, pasf, footprint=window(srv, 10, 3600))["id"]

    async def main():
        (ussc_ws,) = await connect(srv, ussc)
        srv.advance(75)
        expired = set()
        while expired != {submitted, acked}:
            e, _ = await wait_event(ussc_ws, lambda x: x["type"] == "request.expired")
            expired.add(e["subject"])
        await ussc_ws.close()

    asyncio.run(main())
    for rid in (submitted, acked):
        full = fetch(pasf, rid)
        assert full["state"] == "expired", full
        assert full["closed_at"] is not None
        assert full["timeline"][-1]["type"] == "request.expired"
        assert full["timeline"][-1]["seq"] == full["updated_seq"]
        assert [e["type"] for e in full["timeline"]].count("request.expired") == 1
    # Decided ones and one whose window is still open do not expire.
    assert fetch(pasf, approved)["state"] == "approved"
    assert fetch(pasf, later)["state"] == "submitted"
    # An expired request is closed.
    assert_problem(act(isf, submitted, "acknowledge"), 409)
    assert_problem(act(isf, acked, "decide", {"outcome": "approved"}), 409)
    assert_problem(act(pasf, acked, "withdraw"), 409)
    assert submitted not in {i["id"] for i in
                             ussc.get("/api/v1/requests?state=open&limit=200").json()["items"]}
    # A counter-proposal is a decision (the state diagram expires only submitted and
    # acknowledged requests).
    assert fetch(pasf, countered)["state"] == "counter_proposed"


def metric(srv, name):
    m = re.search(rf"^{name} (\d+)$", requests.get(srv.url + "/metrics", timeout=10).text, re.M)
    assert m, f"{name} missing from /metrics"
    return int(m.group(1))


def test_metrics_count_open_and_overdue_requests(make_server):
    srv = make_server(FAST)
    pasf, isf = login(srv, "pasf.jenin"), login(srv, "isf.jenin")
    assert (metric(srv, "liaison_requests_open"), metric(srv, "liaison_requests_overdue")) == (0, 0)
    late = new_request(srv, pasf, precedence="FLASH")
    answered = new_request(srv, pasf, precedence="FLASH")
    ok(isf, answered["id"], "acknowledge", state="acknowledged")
    assert (metric(srv, "liaison_requests_open"), metric(srv, "liaison_requests_overdue")) == (2, 0)
    srv.advance(6)  # past the 5 s acknowledge deadline, not the 20 s decide one
    assert metric(srv, "liaison_requests_open") == 2
    assert metric(srv, "liaison_requests_overdue") == 1  # only the unacknowledged one
    ok(pasf, late["id"], "withdraw", state="withdrawn")
    assert (metric(srv, "liaison_requests_open"), metric(srv, "liaison_requests_overdue")) == (1, 0)
