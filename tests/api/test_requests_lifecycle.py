"""Coordination requests from submission to completion (docs/requests.md).

pasf.jenin asks, isf.jenin answers, ussc.duty watches and mediates. Every transition's
reply is a receipt: its `seq` is the event in the signed log, on the request's timeline,
and provable to both parties.
"""

import pytest

from conftest import assert_problem, login
from request_helpers import (DEADLINES, HEBRON_H1, JENIN, REQ_ID, ROUTE_A_TO_C, act, create,
                             draft, fetch, footprint, governorate_at, ids, is_subset, list_all,
                             new_request, ok, oslo_areas_at, sign_head_over, snapshot, ts,
                             visible_ids)


@pytest.fixture(scope="module")
def pasf(server):
    return login(server, "pasf.jenin")


@pytest.fixture(scope="module")
def isf(server):
    return login(server, "isf.jenin")


@pytest.fixture(scope="module")
def ussc(server):
    return login(server, "ussc.duty")


def test_route_fixture_is_what_we_think():
    """The route the tests use starts in Area A and ends in Area C, inside Jenin."""
    assert oslo_areas_at(*ROUTE_A_TO_C[0]) == ["A"]
    assert oslo_areas_at(*ROUTE_A_TO_C[-1]) == ["C"]
    assert {governorate_at(*p) for p in ROUTE_A_TO_C} == {"PS0101"}


def test_full_lifecycle_of_an_armed_movement(server, pasf, isf, ussc):
    body = draft(server, title="Convoy Jenin to Ya'bad")
    r = pasf.post("/api/v1/requests", json=body)
    assert r.status_code == 201, r.text
    req = r.json()
    rid = req["id"]
    receipts = [("request.submitted", req["seq"], "pasf.jenin")]

    # The created request, as the contract describes it.
    assert REQ_ID.match(rid), rid
    assert req["state"] == "submitted" and req["open"] is True
    assert isinstance(req["seq"], int) and req["seq"] == req["created_seq"] == req["updated_seq"]
    assert (req["type"], req["precedence"], req["title"]) == ("movement", "ROUTINE", body["title"])
    assert req["details"] == body["details"]
    assert (req["from_party"], req["from_unit"], req["to_party"]) == (
        "pasf", "pasf/dcl/jenin", "isf")
    assert req["created_by"] == "pasf.jenin"
    # No to_unit given: the receiving party's desk in the request's district.
    assert req["to_unit"] == "isf/dco/jenin"
    assert req["channel"] == "network" and req["caller"] is None
    assert req["footprint"]["geometry"] == body["footprint"]["geometry"]
    assert req["footprint"]["buffer_m"] == 200
    assert ts(req["footprint"]["start"]) == ts(body["footprint"]["start"])
    assert ts(req["footprint"]["end"]) == ts(body["footprint"]["end"])
    assert req["movement"]["personnel"] == 12
    assert [v["plate"] for v in req["movement"]["vehicles"]] == ["12-345-67", "98-765-43"]
    assert req["movement"]["weapons"] == [{"kind": "rifle", "count": 12}]
    assert req["armed"] is True
    assert {"A", "C"} <= set(req["areas"]) and req["outside"] is False
    assert req["district"] == "PS0101" and "PS0101" in req["districts"]
    assert any(is_subset({"party": "isf", "requirement": "approval"}, c)
               for c in req["coordination"]), req["coordination"]
    for c in req["coordination"]:
        assert isinstance(c["rules"], list) and isinstance(c["basis"], list)
    ack_s, decide_s = DEADLINES["ROUTINE"]
    created = ts(req["created_at"])
    assert abs(created - server.now()) < 30
    assert ts(req["acknowledge_by"]) - created == pytest.approx(ack_s, abs=1)
    assert ts(req["decide_by"]) - created == pytest.approx(decide_s, abs=1)
    assert req["next_deadline"]["stage"] == "acknowledge"
    assert ts(req["next_deadline"]["at"]) == ts(req["acknowledge_by"])
    assert req["overdue"] == [] and req["decision"] is None and req["comment_count"] == 0
    for k in ("acknowledged_at", "decided_at", "started_at", "completed_at", "closed_at"):
        assert req[k] is None, (k, req[k])

    # Who sees it where.
    assert rid in ids(list_all(isf, "role=inbox")[0])
    assert rid not in ids(list_all(isf, "role=outbox")[0])
    assert rid in ids(list_all(pasf, "role=outbox")[0])
    assert rid not in ids(list_all(pasf, "role=inbox")[0])
    assert rid in visible_ids(ussc)

    # The coordinator mediates: a comment and a logged call, neither changes the state.
    r = ok(ussc, rid, "comment", {"text": "USSC: please answer before 08:00", "kind": "comment"},
           state="submitted")
    assert r["comment_count"] == 1
    receipts.append(("request.commented", r["seq"], "ussc.duty"))
    r = ok(ussc, rid, "log-call", {"channel": "phone", "caller": "Lt. Col. A., DCO Jenin",
                                   "summary": "DCO will answer within the hour",
                                   "action": "note"}, state="submitted")
    receipts.append(("request.call_logged", r["seq"], "ussc.duty"))

    # ...but never answers for a party.
    before = snapshot(pasf, rid)
    assert_problem(act(ussc, rid, "acknowledge"), 403)
    assert_problem(act(ussc, rid, "decide", {"outcome": "approved"}), 403)
    assert snapshot(pasf, rid) == before

    # isf acknowledges: that is not approval.
    r = ok(isf, rid, "acknowledge", {"note": "received, checking the route"}, state="acknowledged")
    receipts.append(("request.acknowledged", r["seq"], "isf.jenin"))
    assert r["acknowledged_at"] is not None and r["decision"] is None and r["decided_at"] is None
    assert r["next_deadline"]["stage"] == "decide"
    assert ts(r["next_deadline"]["at"]) == ts(req["decide_by"])
    assert r["updated_seq"] == r["seq"]

    # isf approves with conditions.
    conditions = "Weapons stowed; pass the checkpoint at Dotan junction before 10:00"
    r = ok(isf, rid, "decide", {"outcome": "approved_with_conditions", "conditions": conditions},
           state="approved_with_conditions")
    receipts.append(("request.decided", r["seq"], "isf.jenin"))
    d = r["decision"]
    assert d["outcome"] == "approved_with_conditions" and d["conditions"] == conditions
    assert d["by"] == "isf.jenin" and d["seq"] == r["seq"] and d["at"] == r["decided_at"]
    assert r["next_deadline"] is None

    # pasf goes and comes back.
    r = ok(pasf, rid, "start", {"note": "departed"}, state="in_progress")
    receipts.append(("request.started", r["seq"], "pasf.jenin"))
    assert r["started_at"] is not None and r["closed_at"] is None
    r = ok(pasf, rid, "complete", {"note": "returned to base"}, state="completed")
    receipts.append(("request.completed", r["seq"], "pasf.jenin"))
    assert r["completed_at"] is not None and r["closed_at"] is not None
    assert r["open"] is False
    assert r["decision"]["outcome"] == "approved_with_conditions"

    # The timeline has every event, in order, with the receipts' seqs.
    for viewer in (pasf, isf, ussc):
        full = fetch(viewer, rid)
        assert full["state"] == "completed" and full["updated_seq"] == receipts[-1][1]
        got = [(e["type"], e["seq"], e["actor"]) for e in full["timeline"]]
        assert got == receipts, f"{viewer.username}: {got}"
        for e in full["timeline"]:
            assert set(e) >= {"seq", "at", "actor", "type", "body"}
        ats = [ts(e["at"]) for e in full["timeline"]]
        assert ats == sorted(ats)
        submitted = full["timeline"][0]["body"]
        assert submitted["id"] == rid
        assert ts(submitted["acknowledge_by"]) == ts(req["acknowledge_by"])
        assert ts(submitted["decide_by"]) == ts(req["decide_by"])
        assert submitted["coordination"] == req["coordination"]

    # Each receipt is provable to both parties (and the coordinator).
    head = sign_head_over(server, pasf, receipts[-1][1])
    for viewer in (pasf, isf, ussc):
        for _, seq, _ in receipts:
            r = viewer.get(f"/api/v1/audit/proof/inclusion?seq={seq}&tree_size={head['tree_size']}")
            assert r.status_code == 200, f"{viewer.username} proof of {seq}: {r.text}"
            proof = r.json()
            assert proof["leaf_index"] == seq - 1 and proof["tree_size"] == head["tree_size"]

    # The decision's event carries the decision (outcome, reason, conditions, footprint).
    decided = fetch(isf, rid)["timeline"][4]
    assert decided["type"] == "request.decided"
    assert decided["body"].get("outcome") == "approved_with_conditions", decided
    assert decided["body"].get("conditions") == conditions, decided


def test_evaluate_answers_without_creating(server, pasf):
    before = visible_ids(pasf)
    body = draft(server)
    r = pasf.post("/api/v1/requests/evaluate", json=body)
    assert r.status_code == 200, r.text
    ev = r.json()
    assert set(ev) >= {"areas", "outside", "districts", "district", "coordination"}
    assert {"A", "C"} <= set(ev["areas"]) and ev["outside"] is False
    assert ev["district"] == "PS0101" and ev["districts"] == ["PS0101"]
    assert any(is_subset({"party": "isf", "requirement": "approval"}, c)
               for c in ev["coordination"])
    assert visible_ids(pasf) == before
    # The created request is evaluated the same way.
    req = create(pasf, body)
    for k in ("areas", "outside", "districts", "district", "coordination"):
        assert req[k] == ev[k], k


POINTS = {
    "A": [35.3082, 32.2786], "B": [35.1815, 31.9528], "C": [35.41, 31.6509],
    "H1": [35.0915, 31.5276], "H2": [35.1141, 31.5208], "EJ": [35.245, 31.7849],
    "NML": [35.0017, 31.8625], "nature reserve": [35.2945, 31.5208],
}


@pytest.mark.parametrize("name", sorted(POINTS))
def test_evaluate_names_the_oslo_area_of_a_point(server, pasf, name):
    lon, lat = POINTS[name]
    expected = oslo_areas_at(lon, lat)
    assert len(expected) == 1, (name, expected)  # the fixture is deep inside one area
    body = draft(server, type="activity", footprint=footprint(server, [lon, lat], kind="Point",
                                                              buffer_m=0))
    r = pasf.post("/api/v1/requests/evaluate", json=body)
    assert r.status_code == 200, r.text
    ev = r.json()
    assert ev["areas"] == expected and ev["outside"] is False, ev
    assert ev["district"] == governorate_at(lon, lat)
    assert ev["districts"] == [governorate_at(lon, lat)]


@pytest.mark.parametrize("where,point", [("Tel Aviv", [34.78, 32.08]), ("Gaza", [34.45, 31.5])])
def test_a_point_outside_every_oslo_area_is_outside(server, pasf, where, point):
    assert oslo_areas_at(*point) == []
    body = draft(server, type="activity", footprint=footprint(server, point, kind="Point",
                                                              buffer_m=0))
    r = pasf.post("/api/v1/requests/evaluate", json=body)
    assert r.status_code == 200, r.text
    assert r.json()["outside"] is True and r.json()["areas"] == [], r.json()


def test_a_footprint_across_governorates_lists_them_all(server, pasf):
    route = [[35.29, 32.46], [35.36, 32.32]]  # Jenin to Tubas, as in the contract
    req = new_request(server, pasf, footprint=footprint(server, route))
    assert req["district"] == "PS0101"
    assert set(req["districts"]) == {"PS0101", "PS0105"}


def test_without_footprint_the_district_is_the_requesting_units(server):
    hebron = login(server, "pasf.hebron")
    req = create(hebron, draft(server, type="other", footprint=None))
    assert req["district"] == "PS0150" and req["footprint"] is None
    assert req["from_unit"] == "pasf/dcl/hebron"
    assert req["to_unit"] == "isf/dco/hebron"


def acknowledged(server, pasf, isf, **kw):
    rid = new_request(server, pasf, **kw)["id"]
    ok(isf, rid, "acknowledge", state="acknowledged")
    return rid


def test_denial_needs_a_reason(server, pasf, isf):
    rid = acknowledged(server, pasf, isf)
    before = snapshot(pasf, rid)
    for body in ({"outcome": "denied"}, {"outcome": "denied", "reason": ""}):
        assert_problem(act(isf, rid, "decide", body), 400, field="/reason")
    assert snapshot(pasf, rid) == before
    r = ok(isf, rid, "decide", {"outcome": "denied", "reason": "Route closed by an exercise"},
           state="denied")
    assert r["decision"]["reason"] == "Route closed by an exercise"
    assert r["closed_at"] is not None and r["open"] is False
    # Denied is final.
    after = snapshot(pasf, rid)
    assert_problem(act(pasf, rid, "start"), 409)
    assert_problem(act(pasf, rid, "withdraw"), 409)
    assert snapshot(pasf, rid) == after


@pytest.mark.parametrize("outcome", ["approved_with_conditions", "counter_proposed"])
def test_conditions_are_required(server, pasf, isf, outcome):
    rid = acknowledged(server, pasf, isf)
    before = snapshot(pasf, rid)
    assert_problem(act(isf, rid, "decide", {"outcome": outcome}), 400, field="/conditions")
    assert_problem(act(isf, rid, "decide", {"outcome": outcome, "conditions": ""}), 400,
                   field="/conditions")
    assert snapshot(pasf, rid) == before


def test_counter_proposal_with_a_new_footprint_is_accepted_by_starting(server, pasf, isf):
    rid = acknowledged(server, pasf, isf)
    other = footprint(server, [[35.295, 32.461], [35.30, 32.40]], buffer_m=100, start_in=7200,
                      length=2 * 3600)
    r = ok(isf, rid, "decide", {"outcome": "counter_proposed", "conditions": "Later, shorter route",
                                "footprint": other}, state="counter_proposed")
    d = r["decision"]
    assert d["outcome"] == "counter_proposed" and d["conditions"] == "Later, shorter route"
    assert d["footprint"]["geometry"] == other["geometry"]
    assert d["footprint"]["buffer_m"] == 100
    assert ts(d["footprint"]["start"]) == ts(other["start"])
    assert ts(d["footprint"]["end"]) == ts(other["end"])
    decided = fetch(pasf, rid)["timeline"][-1]
    assert decided["type"] == "request.decided" and decided["seq"] == r["seq"]
    assert decided["body"]["footprint"]["geometry"] == other["geometry"]
    # The receiving party cannot start it; the requester starts on the counter-proposal.
    assert_problem(act(isf, rid, "start"), 403)
    r = ok(pasf, rid, "start", state="in_progress")
    assert r["decision"]["outcome"] == "counter_proposed"
    # Starting on it made the counter-proposed footprint the request's.
    started = fetch(isf, rid)
    assert started["footprint"]["geometry"] == other["geometry"]
    assert started["footprint"]["buffer_m"] == 100
    assert ts(started["footprint"]["start"]) == ts(other["start"])
    assert ts(started["footprint"]["end"]) == ts(other["end"])
    # A proposed footprint comes evaluated.
    assert {"A", "C"} <= set(d.get("areas", [])), d
    assert d.get("districts") == ["PS0101"], d


def test_declining_a_counter_proposal_withdraws(server, pasf, isf):
    rid = acknowledged(server, pasf, isf)
    ok(isf, rid, "decide", {"outcome": "counter_proposed", "conditions": "Tomorrow instead"},
       state="counter_proposed")
    r = ok(pasf, rid, "withdraw", {"reason": "Tomorrow does not work"}, state="withdrawn")
    assert r["closed_at"] is not None and r["open"] is False


@pytest.mark.parametrize("acknowledge_first", [False, True])
def test_withdraw_before_the_decision(server, pasf, isf, acknowledge_first):
    rid = new_request(server, pasf)["id"]
    if acknowledge_first:
        ok(isf, rid, "acknowledge", state="acknowledged")
    r = ok(pasf, rid, "withdraw", {"reason": "Mission cancelled"}, state="withdrawn")
    assert r["closed_at"] is not None and r["decision"] is None
    full = fetch(isf, rid)
    assert full["timeline"][-1]["type"] == "request.withdrawn"
    assert full["timeline"][-1]["seq"] == r["seq"]
    before = snapshot(pasf, rid)
    assert_problem(act(isf, rid, "acknowledge"), 409)
    assert_problem(act(isf, rid, "decide", {"outcome": "approved"}), 409)
    assert snapshot(pasf, rid) == before


def test_a_notification_is_closed_by_its_acknowledgement(server, pasf, isf):
    req = new_request(server, pasf, type="notification", precedence="PRIORITY",
                      title="Notice: training at the Jenin range")
    rid = req["id"]
    assert req["acknowledge_by"] is not None and req["decide_by"] is None
    assert ts(req["acknowledge_by"]) - ts(req["created_at"]) == pytest.approx(
        DEADLINES["PRIORITY"][0], abs=1)
    r = ok(isf, rid, "acknowledge", {"note": "noted"}, state="acknowledged")
    assert r["closed_at"] is not None and r["next_deadline"] is None and r["open"] is False
    assert rid not in ids(list_all(isf, "state=open")[0])
    before = snapshot(pasf, rid)
    assert_problem(act(isf, rid, "decide", {"outcome": "approved"}), 409)
    assert_problem(act(pasf, rid, "start"), 409)
    assert_problem(act(pasf, rid, "complete"), 409)
    assert_problem(act(pasf, rid, "withdraw"), 409)
    assert snapshot(pasf, rid) == before


def test_a_notification_cannot_be_decided_even_before_acknowledgement(server, pasf, isf):
    rid = new_request(server, pasf, type="notification")["id"]
    before = snapshot(pasf, rid)
    assert_problem(act(isf, rid, "decide", {"outcome": "approved"}), 409)
    assert snapshot(pasf, rid) == before


def test_an_information_request_is_answered_by_the_decision(server, pasf, isf):
    # isf asks pasf for information; pasf answers with its decision.
    req = create(isf, draft(server, type="information", to_party="pasf", precedence="PRIORITY",
                            title="Whereabouts of the stolen ambulance",
                            footprint=footprint(server, JENIN, kind="Point", buffer_m=500)))
    rid = req["id"]
    assert (req["from_party"], req["to_party"], req["from_unit"]) == (
        "isf", "pasf", "isf/dco/jenin")
    assert req["decide_by"] is not None
    assert rid in ids(list_all(pasf, "role=inbox")[0])
    ok(pasf, rid, "acknowledge", state="acknowledged")
    answer = "Recovered in Qabatiya, returned to the Red Crescent"
    r = ok(pasf, rid, "decide", {"outcome": "approved", "reason": answer}, state="approved")
    assert r["decision"]["reason"] == answer and r["decision"]["by"] == "pasf.jenin"
    full = fetch(isf, rid)
    assert full["timeline"][-1]["body"]["reason"] == answer


def test_a_commander_of_the_receiving_party_may_answer(server, pasf):
    rid = new_request(server, pasf)["id"]
    cmd = login(server, "isf.commander")
    ok(cmd, rid, "acknowledge", state="acknowledged")
    r = ok(cmd, rid, "decide", {"outcome": "approved"}, state="approved")
    assert r["decision"]["by"] == "isf.commander"


def test_links_to_a_visible_request(server, pasf, isf):
    first = new_request(server, pasf)["id"]
    req = new_request(server, pasf, links=[{"kind": "request", "id": first}])
    assert req["links"] == [{"kind": "request", "id": first}]


def test_reminders_and_comments_from_both_sides(server, pasf, isf, ussc):
    rid = new_request(server, pasf)["id"]
    seqs = []
    for who, body in ((pasf, {"text": "Any news?", "kind": "reminder"}),
                      (isf, {"text": "Checking with the brigade"}),
                      (ussc, {"text": "Noted by USSC", "kind": "comment"})):
        r = ok(who, rid, "comment", body, state="submitted")
        seqs.append(r["seq"])
    full = fetch(isf, rid)
    assert full["comment_count"] == 3
    comments = [e for e in full["timeline"] if e["type"] == "request.commented"]
    assert [e["seq"] for e in comments] == seqs
    assert [e["actor"] for e in comments] == ["pasf.jenin", "isf.jenin", "ussc.duty"]
    assert [e["body"]["text"] for e in comments] == ["Any news?", "Checking with the brigade",
                                                     "Noted by USSC"]
    assert comments[0]["body"]["kind"] == "reminder"


def test_an_unarmed_movement_in_area_a_is_not_armed(server, pasf):
    body = draft(server, movement={"personnel": 3, "vehicles": [], "weapons": []},
                 footprint=footprint(server, JENIN, kind="Point", buffer_m=0))
    req = create(pasf, body)
    assert req["armed"] is False and req["areas"] == ["A"]


def test_a_request_in_hebron_h1_is_in_hebron(server):
    hebron = login(server, "pasf.hebron")
    req = create(hebron, draft(server, type="activity",
                               footprint=footprint(server, HEBRON_H1, kind="Point", buffer_m=0)))
    assert req["areas"] == ["H1"] and req["district"] == "PS0150"
