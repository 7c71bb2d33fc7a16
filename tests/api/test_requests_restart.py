"""A request survives a restart (and a rebuild) in the middle of its life: same state,
same deadlines (fixed in request.submitted, not recomputed from the configuration), and
the deadline scheduler picks up where it left off."""

import asyncio
import time

import pytest

from conftest import assert_problem, cli, login, write_config, ws_connect, ws_recv_json
from request_helpers import fetch, new_request, ok, ts, wait_event

SHORT = {"deadlines": {"routine_acknowledge_seconds": 100, "routine_decide_seconds": 300}}
LONG = {"deadlines": {"routine_acknowledge_seconds": 50000, "routine_decide_seconds": 90000}}

KEEP = ("state", "acknowledge_by", "decide_by", "created_at", "created_seq", "updated_seq",
        "acknowledged_at", "next_deadline", "overdue", "areas", "coordination", "district",
        "footprint", "movement")


def kept(req):
    return {k: req[k] for k in KEEP}


def stop(srv):
    rc = srv.stop()
    assert rc == 0, f"server exited with {rc}: {srv.stderr()}"


def test_a_restart_in_the_middle_of_a_lifecycle(make_server):
    srv = make_server(SHORT)
    pasf, isf = login(srv, "pasf.jenin"), login(srv, "isf.jenin")
    req = new_request(srv, pasf, title="Across a restart")
    rid = req["id"]
    ok(isf, rid, "acknowledge", state="acknowledged")
    before = fetch(pasf, rid)
    assert ts(before["decide_by"]) - ts(before["created_at"]) == pytest.approx(300, abs=1)

    # A graceful stop, a rebuild of the projections, and a start with other deadlines.
    stop(srv)
    r = cli("rebuild", "--data", srv.data, "--check")
    assert r.returncode == 0 and "identical" in r.stdout, r.stdout + r.stderr
    r = cli("rebuild", "--data", srv.data)
    assert r.returncode == 0, r.stdout + r.stderr
    write_config(srv.data, LONG)
    srv.start()

    pasf, isf = login(srv, "pasf.jenin"), login(srv, "isf.jenin")
    after = fetch(pasf, rid)
    assert kept(after) == kept(before)
    assert after["timeline"] == before["timeline"]

    # The lifecycle continues.
    ok(isf, rid, "decide", {"outcome": "approved_with_conditions", "conditions": "daylight only"},
       state="approved_with_conditions")
    ok(pasf, rid, "start", state="in_progress")
    r = ok(pasf, rid, "complete", state="completed")
    done = fetch(isf, rid)
    assert [e["type"] for e in done["timeline"]] == [
        "request.submitted", "request.acknowledged", "request.decided", "request.started",
        "request.completed"]
    assert done["updated_seq"] == r["seq"]
    assert done["overdue"] == []

    # A request submitted under the new configuration gets the new deadlines.
    fresh = new_request(srv, pasf)
    assert ts(fresh["decide_by"]) - ts(fresh["created_at"]) == pytest.approx(90000, abs=1)


def test_deadlines_pass_after_a_restart(make_server):
    srv = make_server(SHORT)
    pasf, isf = login(srv, "pasf.jenin"), login(srv, "isf.jenin")
    acked = new_request(srv, pasf, title="Acknowledged before the restart")
    ok(isf, acked["id"], "acknowledge", state="acknowledged")
    waiting = new_request(srv, pasf, title="Untouched before the restart")
    stop(srv)
    write_config(srv.data, LONG)  # must not move deadlines already fixed
    srv.start()
    ussc = login(srv, "ussc.duty")
    for req in (acked, waiting):
        full = fetch(ussc, req["id"])
        assert ts(full["acknowledge_by"]) == ts(req["acknowledge_by"])
        assert ts(full["decide_by"]) == ts(req["decide_by"])
        assert full["overdue"] == []

    async def main():
        ws = await ws_connect(srv, ussc.cookie)
        assert (await ws_recv_json(ws))["type"] == "hello"
        srv.advance(320)  # past both requests' decide-by (300 s), under the new config's
        wanted = {(acked["id"], "decide"), (waiting["id"], "acknowledge"),
                  (waiting["id"], "decide")}
        got = set()
        while not wanted <= got:
            e, _ = await wait_event(ws, lambda x: x["type"] == "request.overdue")
            key = (e["subject"], e["body"]["stage"])
            assert key not in got, f"raised twice: {key}"
            got.add(key)
        assert got == wanted
        await ws.close()

    asyncio.run(main())
    assert fetch(ussc, acked["id"])["overdue"] == ["decide"]
    assert fetch(ussc, waiting["id"])["overdue"] == ["acknowledge", "decide"]

    # A second restart raises nothing again.
    srv.restart()
    srv.advance(60)
    time.sleep(1.0)
    ussc = login(srv, "ussc.duty")
    for rid, expected in ((acked["id"], 1), (waiting["id"], 2)):
        full = fetch(ussc, rid)
        n = [e["type"] for e in full["timeline"]].count("request.overdue")
        assert n == expected, full["timeline"]


def test_an_overdue_missed_while_stopped_is_raised_on_start(make_server):
    """The clock passed decide-by while the server was down: raised once it runs again."""
    srv = make_server(SHORT)
    pasf = login(srv, "pasf.jenin")
    req = new_request(srv, pasf)
    stop(srv)
    srv.advance(400)  # while it is down
    srv.start()
    ussc = login(srv, "ussc.duty")
    for _ in range(100):
        full = fetch(ussc, req["id"])
        if full["overdue"] == ["acknowledge", "decide"]:
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"not raised after the restart: {full}")
    stages = [e["body"]["stage"] for e in full["timeline"] if e["type"] == "request.overdue"]
    assert stages == ["acknowledge", "decide"]
    assert_problem(ussc.post(f"/api/v1/requests/{req['id']}/acknowledge", json={}), 403)
