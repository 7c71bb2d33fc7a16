"""A party that takes part in a request sees nothing of it (docs/requests.md, "Who sees a
request"): not in lists, searches, figures, the duty queue, proofs, or on the stream. For
it the request does not exist."""

import asyncio
import json

import pytest

from conftest import add_party_with_officer, assert_problem, login, ws_connect, ws_recv_json
from request_helpers import (act, barrier, create, draft, events_until, fetch, list_all,
                             new_request, ok, sign_head_over, snapshot, visible_ids)

UNKNOWN = "REQ-2026-999999"


@pytest.fixture(scope="module")
def outsider(server):
    """eubam.duty (liaison, duty) of a fourth party, eubam."""
    return login(server, add_party_with_officer(server, "eubam"))


@pytest.fixture(scope="module")
def parties(server, outsider):
    return {u: login(server, u) for u in ("pasf.jenin", "isf.jenin", "ussc.duty", "pasf.auditor")}


def test_the_outsider_is_a_duty_officer_of_its_own_party(outsider):
    me = outsider.get("/api/v1/me").json()
    assert (me["party"], me["unit"]) == ("eubam", "eubam/ops")
    assert set(me["roles"]) == {"liaison", "duty"}
    # It works with requests: its own (empty) lists are 200, not 403.
    r = outsider.get("/api/v1/requests")
    assert r.status_code == 200, r.text
    assert r.json()["items"] == [] and r.json()["next"] is None


def test_the_outsider_sees_none_of_the_lifecycle_on_the_stream(server, outsider, parties):
    pasf, isf, ussc = parties["pasf.jenin"], parties["isf.jenin"], parties["ussc.duty"]

    async def main():
        out_ws = await ws_connect(server, outsider.cookie)
        ussc_ws = await ws_connect(server, ussc.cookie)
        for ws in (out_ws, ussc_ws):
            assert (await ws_recv_json(ws))["type"] == "hello"

        rid = new_request(server, pasf, title="Outsider stream probe")["id"]
        seqs = [fetch(pasf, rid)["created_seq"]]
        seqs.append(ok(ussc, rid, "comment", {"text": "mediating"})["seq"])
        seqs.append(ok(ussc, rid, "log-call", {"channel": "radio", "caller": "DCO ops room",
                                               "summary": "on it", "action": "note"})["seq"])
        seqs.append(ok(isf, rid, "acknowledge")["seq"])
        seqs.append(ok(isf, rid, "decide", {"outcome": "approved"})["seq"])
        seqs.append(ok(pasf, rid, "start")["seq"])
        seqs.append(ok(pasf, rid, "complete")["seq"])
        end = barrier(server, "outsider1")

        # The coordinator gets every event of the request, in order, with its id as subject.
        seen = await events_until(ussc_ws, end)
        mine = [e for e in seen if e["type"].startswith("request.")]
        assert [e["seq"] for e in mine] == seqs, mine
        assert all(e["subject"] == rid for e in mine), mine
        assert [e["type"] for e in mine] == [
            "request.submitted", "request.commented", "request.call_logged",
            "request.acknowledged", "request.decided", "request.started", "request.completed"]
        assert mine[0]["body"]["id"] == rid and mine[0]["party"] == "pasf"
        assert mine[0]["body"]["to_party"] == "isf" and "coordination" in mine[0]["body"]

        # The outsider gets the barrier, and nothing about the request before it.
        seen = await events_until(out_ws, end)
        assert seen[-1]["seq"] == end
        leaked = [e for e in seen if e["type"].startswith("request.") or rid in json.dumps(e)]
        assert not leaked, leaked
        for ws in (out_ws, ussc_ws):
            await ws.close()
        return rid

    rid = asyncio.run(main())
    # Nor does replaying the stream from before it show anything.
    first = fetch(pasf, rid)["created_seq"]

    async def replay():
        from conftest import COOKIE
        import websockets
        ws = await websockets.connect(server.ws_url + f"?after={first - 1}",
                                      extra_headers={"Cookie": f"{COOKIE}={outsider.cookie}"})
        end = barrier(server, "outsider2")
        seen = await events_until(ws, end)
        await ws.close()
        return seen

    seen = asyncio.run(replay())
    assert not [e for e in seen if e["type"].startswith("request.") or rid in json.dumps(e)]


@pytest.fixture(scope="module")
def hidden(server, parties):
    """Requests in several states between pasf and isf."""
    pasf, isf = parties["pasf.jenin"], parties["isf.jenin"]
    submitted = new_request(server, pasf, title="Hidden submitted")["id"]
    acked = new_request(server, pasf, type="medical", precedence="FLASH",
                        title="Hidden medical")["id"]
    ok(isf, acked, "acknowledge")
    approved = new_request(server, pasf, title="Hidden approved")["id"]
    ok(isf, approved, "acknowledge")
    ok(isf, approved, "decide", {"outcome": "approved"})
    from_isf = create(isf, draft(server, type="activity", to_party="pasf",
                                 title="Hidden isf ask"))["id"]
    return [submitted, acked, approved, from_isf]


def test_lists_and_searches_are_empty(server, outsider, parties, hidden):
    assert set(hidden) <= visible_ids(parties["ussc.duty"])
    assert set(hidden) <= visible_ids(parties["pasf.auditor"])
    for query in ("", "role=inbox", "role=outbox", "state=open", "q=Hidden", f"q={hidden[0]}",
                  "party=pasf", "party=isf", "district=PS0101", "type=medical",
                  "precedence=FLASH", "bbox=34,31,36,33"):
        items, _ = list_all(outsider, query)
        assert items == [], f"{query}: {items}"


def test_a_hidden_request_is_404_like_a_missing_one(server, outsider, parties, hidden):
    for rid in hidden:
        real = outsider.get(f"/api/v1/requests/{rid}")
        fake = outsider.get(f"/api/v1/requests/{UNKNOWN}")
        assert_problem(real, 404)
        assert real.json()["detail"] == fake.json()["detail"].replace(UNKNOWN, rid)


@pytest.mark.parametrize("action,body", [
    ("acknowledge", None), ("decide", {"outcome": "approved"}), ("start", None),
    ("complete", None), ("withdraw", None), ("comment", {"text": "let me in"}),
    ("log-call", {"channel": "phone", "caller": "x", "summary": "y", "action": "note"}),
    ("log-call", {"channel": "phone", "caller": "x", "summary": "y", "action": "acknowledge"}),
])
def test_transitions_on_a_hidden_request_are_404_and_change_nothing(
        server, outsider, parties, hidden, action, body):
    for rid in hidden:
        before = snapshot(parties["pasf.jenin"], rid)
        assert_problem(act(outsider, rid, action, body), 404)
        assert snapshot(parties["pasf.jenin"], rid) == before


def test_a_hidden_request_cannot_be_linked(server, outsider, parties, hidden):
    before = visible_ids(parties["ussc.duty"])
    r = outsider.post("/api/v1/requests", json=draft(
        server, type="activity", to_party="isf", links=[{"kind": "request", "id": hidden[0]}]))
    assert r.status_code in (400, 404), r.text
    assert_problem(r, r.status_code)
    assert hidden[0] not in r.text
    assert visible_ids(parties["ussc.duty"]) == before


def test_figures_count_nothing(server, outsider, parties, hidden):
    r = outsider.get("/api/v1/stats/requests")
    assert r.status_code == 200, r.text
    s = r.json()
    assert s["overall"]["count"] == 0
    assert s["overall"]["acknowledged"] == 0 and s["overall"]["decided"] == 0
    assert s["overall"]["acknowledge_p50_s"] is None and s["overall"]["decide_p90_s"] is None
    for k in ("by_party", "by_requesting_party", "by_district", "by_type", "by_precedence"):
        assert all(g["count"] == 0 for g in s[k]), (k, s[k])
    # While the parties involved count them.
    theirs = parties["ussc.duty"].get("/api/v1/stats/requests").json()
    assert theirs["overall"]["count"] >= len(hidden)


def test_duty_queue_and_roster_show_only_its_own(server, outsider, parties, hidden):
    r = outsider.get("/api/v1/duty/queue")
    assert r.status_code == 200, r.text
    assert r.json()["items"] == []
    r = outsider.get("/api/v1/duty/queue?unit=eubam/ops")
    assert r.status_code == 200 and r.json()["items"] == [], r.text
    roster = outsider.get("/api/v1/duty/roster").json()
    assert {d["party"] for d in roster["desks"]} == {"eubam"}
    assert [d["unit"] for d in roster["desks"]] == ["eubam/ops"]
    # Another party's desk queue is not its business.
    r = outsider.get("/api/v1/duty/queue?unit=isf/dco/jenin")
    assert r.status_code in (403, 404), r.text
    assert_problem(r, r.status_code)
    assert not any(rid in r.text for rid in hidden)


def test_no_proof_of_a_hidden_event(server, outsider, parties, hidden):
    pasf = parties["pasf.jenin"]
    seq = fetch(pasf, hidden[2])["updated_seq"]
    head = sign_head_over(server, pasf, seq)
    assert pasf.get(f"/api/v1/audit/proof/inclusion?seq={seq}").status_code == 200
    r = outsider.get(f"/api/v1/audit/proof/inclusion?seq={seq}&tree_size={head['tree_size']}")
    assert_problem(r, 404)


def test_the_outsider_can_work_with_a_party_of_its_own_choosing(server, outsider, parties, hidden):
    """Its own requests it sees, and so do the receiving party and the coordinator, but not
    the third party."""
    rid = create(outsider, draft(server, type="activity", to_party="isf",
                                 title="EUBAM asks isf"))["id"]
    assert visible_ids(outsider) == {rid}
    assert rid in visible_ids(parties["isf.jenin"]) and rid in visible_ids(parties["ussc.duty"])
    assert rid not in visible_ids(parties["pasf.jenin"])
    assert_problem(parties["pasf.jenin"].get(f"/api/v1/requests/{rid}"), 404)
    assert_problem(act(parties["pasf.jenin"], rid, "comment", {"text": "hello?"}), 404)
