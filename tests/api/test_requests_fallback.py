"""The fallback channel: a duty officer logs what was said by phone or radio, creating a
request on a party's behalf or taking a transition for the party that must take it
(docs/requests.md, "The fallback channel")."""

import pytest

from conftest import assert_problem, login
from request_helpers import (act, create, draft, fetch, ids, list_all, new_request, ok,
                             snapshot, visible_ids)

STRONG = "fallback-channel-passphrase-4"
CALLER = "Capt. Khalil, DCL Jenin"


@pytest.fixture(scope="module")
def cs(server):
    r = login(server, "isf.admin").post("/api/v1/users", json={
        "username": "isf.jenin.liaison", "unit": "isf/dco/jenin", "roles": ["liaison"],
        "password": STRONG})
    assert r.status_code == 201, r.text
    out = {u: login(server, u) for u in ("pasf.jenin", "isf.jenin", "ussc.duty", "ussc.commander",
                                         "isf.commander", "pasf.auditor")}
    out["isf.jenin.liaison"] = login(server, "isf.jenin.liaison", STRONG)
    return out


def call(channel="phone", caller=CALLER, summary="As agreed on the phone", **kw):
    return {"channel": channel, "caller": caller, "summary": summary, **kw}


def test_the_coordinator_logs_a_request_received_by_phone(server, cs):
    body = draft(server, title="Convoy reported by phone",
                 logged_call={"channel": "phone", "caller": CALLER, "party": "pasf",
                              "unit": "pasf/dcl/jenin"})
    req = create(cs["ussc.duty"], body)
    rid = req["id"]
    assert (req["from_party"], req["from_unit"], req["to_party"]) == (
        "pasf", "pasf/dcl/jenin", "isf")
    assert req["channel"] == "phone" and req["caller"] == CALLER
    assert req["created_by"] == "ussc.duty"
    assert req["state"] == "submitted"
    # It is pasf's request: in its outbox, in isf's inbox, and pasf progresses it.
    assert rid in ids(list_all(cs["pasf.jenin"], "role=outbox")[0])
    assert rid in ids(list_all(cs["isf.jenin"], "role=inbox")[0])
    assert rid not in ids(list_all(cs["ussc.duty"], "role=outbox")[0])
    submitted = fetch(cs["pasf.jenin"], rid)["timeline"][0]
    assert submitted["actor"] == "ussc.duty"
    assert submitted["body"]["channel"] == "phone" and submitted["body"]["caller"] == CALLER
    ok(cs["isf.jenin"], rid, "acknowledge", state="acknowledged")
    ok(cs["pasf.jenin"], rid, "withdraw", state="withdrawn")


def test_the_receiving_party_logs_a_request_received_by_radio(server, cs):
    req = create(cs["isf.jenin"], draft(
        server, title="Patrol reported by radio",
        logged_call={"channel": "radio", "caller": "DCL Jenin ops", "party": "pasf"}))
    assert (req["from_party"], req["to_party"]) == ("pasf", "isf")
    assert (req["channel"], req["caller"], req["created_by"]) == (
        "radio", "DCL Jenin ops", "isf.jenin")


@pytest.mark.parametrize("user,why", [
    ("pasf.jenin", "the requesting party itself: not the receiving party or the coordinator"),
    ("isf.jenin.liaison", "not a duty officer"),
    ("isf.commander", "not a duty officer"),
])
def test_who_may_not_log_a_request_received_by_phone(server, cs, user, why):
    before = visible_ids(cs["ussc.duty"])
    to = "isf"
    r = cs[user].post("/api/v1/requests", json=draft(
        server, to_party=to, logged_call={"channel": "phone", "caller": CALLER, "party": "pasf"}))
    assert r.status_code in (400, 403), f"{why}: {r.status_code} {r.text}"
    assert_problem(r, r.status_code)
    assert visible_ids(cs["ussc.duty"]) == before


def test_the_coordinator_decides_on_behalf_of_the_receiving_party(server, cs):
    pasf, ussc = cs["pasf.jenin"], cs["ussc.duty"]
    rid = new_request(server, pasf, title="Answered by phone")["id"]
    r = ok(ussc, rid, "log-call", call(caller="Maj. Cohen, DCO Jenin",
                                       summary="DCO acknowledges", action="acknowledge"),
           state="acknowledged")
    ack_seq = r["seq"]
    r = ok(ussc, rid, "log-call", call(channel="radio", caller="Maj. Cohen, DCO Jenin",
                                       summary="DCO approves with conditions", action="decide",
                                       outcome="approved_with_conditions",
                                       conditions="No weapons in Ya'bad"),
           state="approved_with_conditions")
    assert r["decision"]["outcome"] == "approved_with_conditions"
    assert r["decision"]["conditions"] == "No weapons in Ya'bad"
    decide_seq = r["seq"]
    full = fetch(cs["isf.jenin"], rid)
    by_seq = {e["seq"]: e for e in full["timeline"]}
    ack, dec = by_seq[ack_seq], by_seq[decide_seq]
    assert ack["type"] == "request.acknowledged" and dec["type"] == "request.decided"
    for e, channel in ((ack, "phone"), (dec, "radio")):
        assert e["actor"] == "ussc.duty"
        assert e["body"]["channel"] == channel
        assert e["body"]["caller"] == "Maj. Cohen, DCO Jenin"
        assert e["body"]["on_behalf_of"] == "isf"
    # And on behalf of the requesting party: start and complete.
    r = ok(ussc, rid, "log-call", call(caller=CALLER, summary="Departed", action="start"),
           state="in_progress")
    started = fetch(pasf, rid)["timeline"][-1]
    assert started["seq"] == r["seq"] and started["type"] == "request.started"
    assert started["body"]["on_behalf_of"] == "pasf" and started["body"]["caller"] == CALLER
    ok(ussc, rid, "log-call", call(caller=CALLER, summary="Back", action="complete"),
       state="completed")
    # The decision's event carries the outcome, like any decision.
    assert dec["body"].get("outcome") == "approved_with_conditions", dec


def test_a_note_records_a_call_without_a_transition(server, cs):
    rid = new_request(server, cs["pasf.jenin"])["id"]
    before = fetch(cs["pasf.jenin"], rid)
    r = ok(cs["ussc.duty"], rid, "log-call", call(summary="Both sides briefed", action="note"),
           state="submitted")
    after = fetch(cs["pasf.jenin"], rid)
    entry = after["timeline"][-1]
    assert entry["type"] == "request.call_logged" and entry["seq"] == r["seq"]
    assert entry["body"]["channel"] == "phone" and entry["body"]["caller"] == CALLER
    assert entry["body"]["summary"] == "Both sides briefed"
    assert after["state"] == before["state"] and after["decision"] is None
    # Without an action it is a note too.
    r = ok(cs["ussc.duty"], rid, "log-call", call(summary="Follow-up"), state="submitted")
    assert fetch(cs["pasf.jenin"], rid)["timeline"][-1]["type"] == "request.call_logged"


def test_the_requesting_partys_duty_officer_may_log_the_other_sides_answer(server, cs):
    """pasf is another involved party than isf, so by the contract its duty officer logs
    isf's answer given by phone on isf's behalf."""
    pasf = cs["pasf.jenin"]
    rid = new_request(server, pasf)["id"]
    ok(pasf, rid, "log-call", call(caller="DCO Jenin duty", action="acknowledge"),
       state="acknowledged")
    r = ok(pasf, rid, "log-call", call(caller="DCO Jenin duty", action="decide",
                                       outcome="approved"), state="approved")
    entry = fetch(cs["isf.jenin"], rid)["timeline"][-1]
    assert entry["seq"] == r["seq"] and entry["actor"] == "pasf.jenin"
    assert entry["body"]["on_behalf_of"] == "isf"


@pytest.mark.parametrize("user,action,extra,state", [
    # A party does not log a call to act for itself: it acts.
    ("isf.jenin", "acknowledge", {}, "submitted"),
    ("pasf.jenin", "withdraw", {}, "submitted"),
    # Not a duty officer.
    ("isf.jenin.liaison", "note", {}, "submitted"),
    ("isf.commander", "note", {}, "submitted"),
    ("pasf.auditor", "note", {}, "submitted"),
])
def test_who_may_not_log_a_call(server, cs, user, action, extra, state):
    rid = new_request(server, cs["pasf.jenin"])["id"]
    before = snapshot(cs["pasf.jenin"], rid)
    assert_problem(act(cs[user], rid, "log-call", call(action=action, **extra)), 403)
    assert snapshot(cs["pasf.jenin"], rid) == before


def test_a_logged_transition_follows_the_state_rules(server, cs):
    rid = new_request(server, cs["pasf.jenin"])["id"]
    before = snapshot(cs["pasf.jenin"], rid)
    # No decision before an acknowledgement, no start before a decision.
    assert_problem(act(cs["ussc.duty"], rid, "log-call",
                       call(action="decide", outcome="approved")), 409)
    assert_problem(act(cs["ussc.duty"], rid, "log-call", call(action="start")), 409)
    assert snapshot(cs["pasf.jenin"], rid) == before
    # A logged denial needs a reason like any other.
    ok(cs["ussc.duty"], rid, "log-call", call(action="acknowledge"), state="acknowledged")
    before = snapshot(cs["pasf.jenin"], rid)
    assert_problem(act(cs["ussc.duty"], rid, "log-call", call(action="decide", outcome="denied")),
                   400, field="/reason")
    assert snapshot(cs["pasf.jenin"], rid) == before
