"""Human-rights vetting (docs/vetting.md): requests with deadlines, decisions by the
coordinator's vetting officers only, the reason and sources seen by them alone (a marker
scan over every route, the audit log and the stream of the other parties), the unit bar
(direct and through an ancestor), validity and automatic expiry on the test clock, the
expiring queue, and the projections rebuilt from the log."""

import calendar
from datetime import timedelta

import pytest

from conftest import PASSWORD, assert_problem, cli, copy_data, login, sqlite
from deconfliction_helpers import StreamRecorder, barrier, find_leaks
from vetting_helpers import (DAY, VET_ID, Force, audit_items, decide, decision, leaks,
                             list_all, queue, register, request, request_body, standing,
                             substantiate, ts, unique, vetted, wait_for)


def add_months(dt, months):
    """A calendar month step, the day clamped to the month's last (independent of the
    server's arithmetic)."""
    y, m = divmod(dt.month - 1 + months, 12)
    year, month = dt.year + y, m + 1
    return dt.replace(year=year, month=month,
                      day=min(dt.day, calendar.monthrange(year, month)[1]))


@pytest.fixture(scope="module")
def force(server):
    return Force(server)


@pytest.fixture(scope="module")
def staff(server):
    return {u: login(server, u) for u in (
        "pasf.hr", "ussc.trainer", "ussc.vetting", "ussc.hr", "ussc.auditor", "pasf.auditor")}


def isf_hr(server):
    """An HR officer of isf, a party that may not see the registry."""
    name = unique("isf.hr").lower()
    r = login(server, "isf.admin").post("/api/v1/users", json={
        "username": name, "unit": "isf/hq", "roles": ["hr"], "password": PASSWORD})
    assert r.status_code == 201, r.text
    return login(server, name)


def person_record(client, pid):
    r = client.get(f"/api/v1/personnel/{pid}")
    assert r.status_code == 200, r.text
    return r.json()


# --- The lifecycle ------------------------------------------------------------------------


def test_a_request_from_submission_to_decision_with_its_history(server, force, staff):
    trainer, officer, hr = staff["ussc.trainer"], staff["ussc.vetting"], staff["pasf.hr"]
    unit = force.unit()
    pid = force.person(unit)
    person = person_record(hr, pid)

    created = request(trainer, "person", pid, purpose="course", purpose_ref="POP-101",
                      justification="Nominated for public-order policing")
    vid = created["id"]
    assert VET_ID.match(vid), vid
    assert created["state"] == "pending" and created["decision"] is None
    assert created["purpose"] == "course" and created["purpose_ref"] == "POP-101"
    assert created["subject"]["kind"] == "person" and created["subject"]["id"] == pid
    assert created["subject_label"] == person["name_en"]
    assert created["submitted_by"] == "ussc.trainer" and created["submitted_party"] == "ussc"
    # The deadline: the default ten days for a decision.
    assert ts(created["due_at"]) - ts(created["submitted_at"]) == timedelta(days=10)
    assert created["overdue"] is False
    assert created["party"] == "pasf" and created["shared_with"] == ["ussc"]
    assert isinstance(created["seq"], int)

    # It waits in the queue of both the registry's HR and the coordinator.
    for client in (hr, officer, trainer):
        pending = {i["id"]: i for i in queue(client, "state=pending")}
        assert vid in pending, client.username
        assert pending[vid]["due_at"] == created["due_at"]
    assert standing(hr, "person", pid)["status"] == "none"

    out = decide(officer, vid, "cleared", reason="Checked against INVEST",
                 sources="Embassy files")
    d = out["decision"]
    assert d["decided_by"] == "ussc.vetting"
    assert d["valid_from"] == d["decided_at"]
    assert ts(d["valid_until"]) == add_months(ts(d["valid_from"]), 12)
    assert d["reason"] == "Checked against INVEST" and d["sources"] == "Embassy files"
    assert out["standing"]["status"] == "cleared"
    assert vid not in {i["id"] for i in queue(hr, "state=pending")}
    assert vid in {i["id"] for i in queue(hr, "state=decided")}

    # The subject's history: requested, then decided, with the decision's validity.
    view = hr.get(f"/api/v1/vetting/subjects/person/{pid}").json()
    assert view["subject"]["id"] == pid and view["subject"]["label"] == person["name_en"]
    assert view["standing"] == {"status": "cleared", "valid_from": d["valid_from"],
                                "valid_until": d["valid_until"]}
    assert [h["kind"] for h in view["history"]] == ["requested", "decided"]
    assert view["history"][1]["status"] == "cleared"
    assert view["history"][1]["valid_until"] == d["valid_until"]
    assert [r["id"] for r in view["requests"]] == [vid]
    assert "unit_standing" in view and view["unit_standing"]["status"] == "none"

    # A decision is final.
    assert_problem(decision(officer, vid, "denied"), 409)
    # Two events: the status for the subject's party, the reasons for the coordinator.
    events = [e for e in audit_items(staff["ussc.auditor"], "vetting")
              if e["subject"] == f"vetting/{vid}"]
    assert [e["type"] for e in events] == ["vetting.requested", "vetting.decided",
                                           "vetting.reasons_recorded"]
    decided, reasons = events[1], events[2]
    assert decided["party"] == "pasf" and decided["shared_with"] == ["ussc"]
    assert "reason" not in decided["body"] and "sources" not in decided["body"]
    assert decided["body"]["status"] == "cleared"
    assert reasons["party"] == "ussc" and reasons["shared_with"] == []
    assert reasons["body"]["reason"] == "Checked against INVEST"


def test_the_validity_can_be_set_and_a_new_decision_replaces_the_old(server, force, staff):
    hr, officer = staff["pasf.hr"], staff["ussc.vetting"]
    pid = force.person(force.unit())
    first = vetted(hr, officer, "person", pid, valid_months=24)
    assert ts(first["decision"]["valid_until"]) == add_months(
        ts(first["decision"]["valid_from"]), 24)
    second = vetted(hr, officer, "person", pid, "denied", reason="New information")
    assert second["decision"]["valid_from"] is None
    assert second["decision"]["valid_until"] is None
    assert standing(hr, "person", pid) == {"status": "denied", "valid_from": None,
                                           "valid_until": None}
    view = hr.get(f"/api/v1/vetting/subjects/person/{pid}").json()
    assert [h["status"] for h in view["history"] if h["kind"] == "decided"] == [
        "cleared", "denied"]


def test_a_duplicate_pending_request_is_a_conflict(server, force, staff):
    hr, trainer, officer = staff["pasf.hr"], staff["ussc.trainer"], staff["ussc.vetting"]
    pid = force.person(force.unit())
    first = request(hr, "person", pid, purpose="course", purpose_ref="POP-101")
    p = assert_problem(trainer.post("/api/v1/vetting", json=request_body(
        "person", pid, purpose="course", purpose_ref="POP-101")), 409, field="/subject")
    assert p["pending"] == first["id"]
    # Another purpose reference, or none, is another request.
    request(hr, "person", pid, purpose="course", purpose_ref="SNIPER-201")
    request(hr, "person", pid, purpose="equipment")
    assert_problem(hr.post("/api/v1/vetting", json=request_body("person", pid,
                                                                purpose="equipment")), 409)
    # Once decided, the same purpose may be requested again.
    decide(officer, first["id"])
    request(trainer, "person", pid, purpose="course", purpose_ref="POP-101")


def test_the_requesting_party_withdraws_a_pending_request(server, force, staff):
    hr, trainer, officer = staff["pasf.hr"], staff["ussc.trainer"], staff["ussc.vetting"]
    pid = force.person(force.unit())
    ref = unique("W")
    by_hr = request(hr, "person", pid, purpose="course", purpose_ref=ref)
    by_trainer = request(trainer, "person", pid, purpose="equipment")
    path = f"/api/v1/vetting/{by_trainer['id']}/withdraw"
    # Only the party that asked (or the coordinator) withdraws; never another party.
    assert_problem(hr.post(path, json={}), 403)
    assert_problem(login(server, "isf.commander").post(path, json={}), 403)
    assert_problem(isf_hr(server).post(path, json={}), 403)
    assert_problem(hr.post(f"/api/v1/vetting/{by_hr['id']}/withdraw",
                           json={"reason": "x", "extra": 1}), 400)
    assert_problem(hr.post("/api/v1/vetting/VET-2026-999999/withdraw", json={}), 404)

    out = hr.post(f"/api/v1/vetting/{by_hr['id']}/withdraw",
                  json={"reason": "The nominee left the course."})
    assert out.status_code == 200, out.text
    assert out.json()["state"] == "withdrawn" and out.json()["seq"] > 0
    # Final: neither withdrawn again nor decided; the queue no longer holds it.
    assert_problem(hr.post(f"/api/v1/vetting/{by_hr['id']}/withdraw", json={}), 409)
    assert_problem(decision(officer, by_hr["id"]), 409)
    pending = [r["id"] for r in queue(officer, f"state=pending&subject_id={pid}")]
    assert by_hr["id"] not in pending and by_trainer["id"] in pending
    withdrawn = [r["id"] for r in queue(hr, f"state=withdrawn&subject_id={pid}")]
    assert withdrawn == [by_hr["id"]]
    # The subject's history records it; its standing is unchanged.
    subject_view = hr.get(f"/api/v1/vetting/subjects/person/{pid}").json()
    assert "withdrawn" in [h["kind"] for h in subject_view["history"]], subject_view["history"]
    assert subject_view["standing"]["status"] == "none"
    # The same purpose may be requested again; the coordinator withdraws any request.
    again = request(hr, "person", pid, purpose="course", purpose_ref=ref)
    assert officer.post(f"/api/v1/vetting/{again['id']}/withdraw", json={}).status_code == 200
    assert trainer.post(path, json={}).status_code == 200


# --- Who may do what ---------------------------------------------------------------------


def test_only_the_coordinators_vetting_officers_decide(server, force, staff):
    hr, officer = staff["pasf.hr"], staff["ussc.vetting"]
    pid = force.person(force.unit())
    vid = request(hr, "person", pid)["id"]
    for username in ("pasf.hr", "ussc.trainer", "ussc.hr", "ussc.admin", "ussc.commander",
                     "ussc.auditor", "pasf.commander", "pasf.admin", "isf.commander",
                     "isf.jenin"):
        assert_problem(decision(login(server, username), vid), 403)
    assert_problem(decision(isf_hr(server), vid), 403)
    assert hr.get(f"/api/v1/vetting/{vid}").json()["state"] == "pending"
    decide(officer, vid)
    assert_problem(decision(officer, "VET-2026-999999"), 404)


def test_who_may_request_vetting(server, force, staff):
    unit = force.unit()
    pid = force.person(unit)
    # The registry's HR, for its own; the coordinator's trainers and vetting officers.
    for username in ("pasf.hr", "ussc.trainer", "ussc.vetting"):
        out = request(staff[username], "person", pid, purpose_ref=unique("R"))
        assert out["submitted_by"] == username
    request(staff["pasf.hr"], "unit", unit, purpose="equipment")
    # The coordinator's HR reads but does not request; other roles do neither.
    assert_problem(staff["ussc.hr"].post("/api/v1/vetting", json=request_body(
        "person", pid, purpose_ref=unique("R"))), 403)
    for username in ("pasf.commander", "pasf.jenin", "pasf.auditor", "pasf.admin",
                     "ussc.commander", "isf.commander", "isf.jenin", "isf.admin"):
        assert_problem(login(server, username).post("/api/v1/vetting", json=request_body(
            "person", pid, purpose_ref=unique("R"))), 403)
    # isf's HR: the registry is not its party's to see.
    assert_problem(isf_hr(server).post("/api/v1/vetting", json=request_body(
        "person", pid, purpose_ref=unique("R"))), 403)


def test_isf_reads_nothing_of_vetting(server, force, staff):
    pid = force.person(force.unit())
    vid = request(staff["pasf.hr"], "person", pid)["id"]
    decide(staff["ussc.vetting"], vid)
    paths = ["/api/v1/vetting", "/api/v1/vetting?state=all", "/api/v1/vetting/expiring",
             f"/api/v1/vetting/{vid}", f"/api/v1/vetting/subjects/person/{pid}"]
    for username in ("isf.commander", "isf.jenin", "isf.admin", "isf.analyst", "isf.auditor"):
        client = login(server, username)
        for path in paths:
            assert_problem(client.get(path), 403)
    hr = isf_hr(server)
    for path in paths:
        r = hr.get(path)
        assert r.status_code in (403, 404), f"{path}: {r.status_code} {r.text[:200]}"
        assert_problem(r, r.status_code)
    # Roles without vetting business in the registry party and the coordinator.
    for username in ("pasf.commander", "pasf.analyst", "ussc.commander", "ussc.analyst"):
        assert_problem(login(server, username).get("/api/v1/vetting"), 403)


def test_unknown_records_and_bad_input(server, force, staff):
    hr, officer = staff["pasf.hr"], staff["ussc.vetting"]
    unit = force.unit()
    pid = force.person(unit)
    assert_problem(hr.get("/api/v1/vetting/VET-2026-999999"), 404)
    assert_problem(hr.get("/api/v1/vetting/subjects/person/PER-9999999"), 404)
    assert_problem(hr.get("/api/v1/vetting/subjects/planet/X"), 400, field="/kind")
    before = len(queue(officer))

    cases = [
        ({"purpose": "course"}, "/subject"),
        ({"subject": "PER-1", "purpose": "course"}, "/subject"),
        ({"subject": {"kind": "vehicle", "id": pid}, "purpose": "course"}, "/subject/kind"),
        ({"subject": {"kind": "person"}, "purpose": "course"}, "/subject/id"),
        ({"subject": {"kind": "person", "id": "PER-9999999"}, "purpose": "course"},
         "/subject/id"),
        ({"subject": {"kind": "unit", "id": pid}, "purpose": "course"}, "/subject/id"),
        ({"subject": {"kind": "person", "id": pid}}, "/purpose"),
        ({"subject": {"kind": "person", "id": pid}, "purpose": "holiday"}, "/purpose"),
        ({"subject": {"kind": "person", "id": pid}, "purpose": "course", "purpose_ref": ""},
         "/purpose_ref"),
        ({"subject": {"kind": "person", "id": pid}, "purpose": "course", "colour": "red"},
         "/colour"),
        ({"subject": {"kind": "person", "id": pid}, "purpose": "course",
          "justification": "x" * 4001}, "/justification"),
    ]
    for body, field in cases:
        assert_problem(hr.post("/api/v1/vetting", json=body), 400, field=field)

    vid = request(hr, "person", pid)["id"]
    bad_decisions = [
        ({"status": "cleared"}, "/reason"),
        ({"status": "cleared", "reason": ""}, "/reason"),
        ({"status": "approved", "reason": "r"}, "/status"),
        ({"reason": "r"}, "/status"),
        ({"status": "cleared", "reason": "r", "valid_months": 0}, "/valid_months"),
        ({"status": "cleared", "reason": "r", "valid_months": 61}, "/valid_months"),
        ({"status": "denied", "reason": "r", "valid_months": 12}, "/valid_months"),
        ({"status": "cleared", "reason": "r", "valid_from": "2999-01-01T00:00:00Z"},
         "/valid_from"),
        ({"status": "cleared", "reason": "r", "valid_from": "2001-01-01T00:00:00Z"},
         "/valid_from"),
        ({"status": "cleared", "reason": "r", "why": "x"}, "/why"),
    ]
    for body, field in bad_decisions:
        assert_problem(officer.post(f"/api/v1/vetting/{vid}/decision", json=body), 400,
                       field=field)
    # Nothing was written by any of them.
    assert len(queue(officer)) == before + 1
    assert hr.get(f"/api/v1/vetting/{vid}").json()["state"] == "pending"
    for q, field in (("state=open", "/state"), ("overdue=maybe", "/overdue"),
                     ("purpose=x", "/purpose"), ("limit=0", "/limit"), ("cursor=abc", "/cursor"),
                     ("subject_kind=x", "/subject_kind")):
        assert_problem(hr.get(f"/api/v1/vetting?{q}"), 400, field=field)
    for q in ("days=0", "days=366", "days=x"):
        assert_problem(hr.get(f"/api/v1/vetting/expiring?{q}"), 400, field="/days")


def test_a_retired_person_is_not_vetted(server, force, staff):
    pid = force.person(force.unit(), status="retired")
    assert_problem(staff["pasf.hr"].post("/api/v1/vetting", json=request_body("person", pid)),
                   409, field="/subject/id")


# --- The unit bar ----------------------------------------------------------------------------


@pytest.mark.parametrize("bar", ["denied", "suspended"])
def test_a_person_is_not_cleared_while_their_unit_is_barred(server, force, staff, bar):
    hr, officer = staff["pasf.hr"], staff["ussc.vetting"]
    unit = force.unit()
    pid = force.person(unit)
    vetted(hr, officer, "unit", unit, bar, reason="Credible information")
    vid = request(hr, "person", pid)["id"]
    p = assert_problem(decision(officer, vid, "cleared"), 409, field="/status")
    assert p["barred_by"] == {"unit": unit, "status": bar}
    # Nothing changed; denying (or suspending) the person is still possible ...
    assert standing(hr, "person", pid)["status"] == "none"
    assert hr.get(f"/api/v1/vetting/{vid}").json()["state"] == "pending"
    # ... and once the unit is cleared, so can the person be, on the same request.
    vetted(hr, officer, "unit", unit, "cleared")
    decide(officer, vid, "cleared")
    assert standing(hr, "person", pid)["status"] == "cleared"


def test_a_bar_on_an_ancestor_unit_reaches_every_unit_and_person_under_it(server, force, staff):
    hr, officer = staff["pasf.hr"], staff["ussc.vetting"]
    command = force.unit()
    battalion = force.unit(command)
    company = force.unit(battalion)
    pid = force.person(company)
    # A command's clearance covers the units under it that were not vetted themselves.
    vetted(hr, officer, "unit", command, "cleared")
    view = hr.get(f"/api/v1/vetting/subjects/person/{pid}").json()
    assert view["unit_standing"]["status"] == "cleared"
    assert view["unit_standing"]["unit"] == command
    assert standing(hr, "unit", company)["status"] == "cleared"

    vetted(hr, officer, "unit", battalion, "denied", reason="Credible information")
    for u in (battalion, company):
        s = standing(hr, "unit", u)
        assert s["status"] == "denied" and s["unit"] == battalion, (u, s)
    assert standing(hr, "unit", command)["status"] == "cleared"
    # The person two levels below, and the company itself, cannot be cleared.
    vid = request(hr, "person", pid)["id"]
    p = assert_problem(decision(officer, vid, "cleared"), 409, field="/status")
    assert p["barred_by"] == {"unit": battalion, "status": "denied"}
    cid = request(hr, "unit", company)["id"]
    p = assert_problem(decision(officer, cid, "cleared"), 409, field="/status")
    assert p["barred_by"]["unit"] == battalion
    # The battalion's own status is what a decision on it replaces.
    vetted(hr, officer, "unit", battalion, "cleared")
    decide(officer, cid, "cleared")
    decide(officer, vid, "cleared")
    assert standing(hr, "person", pid)["status"] == "cleared"


# --- What the subject's party never reads -------------------------------------------------


def test_reasons_sources_and_allegations_never_reach_the_other_parties(server, force, staff):
    hr, officer, trainer = staff["pasf.hr"], staff["ussc.vetting"], staff["ussc.trainer"]
    admin = login(server, "ussc.admin")
    marker = unique("MARKER")
    markers = [f"{marker}-reason", f"{marker}-sources", f"{marker}-summary", f"{marker}-note",
               f"{marker}-source", f"{marker}-label", f"{marker}-denied"]
    readers = {u: login(server, u) for u in ("pasf.hr", "pasf.auditor", "pasf.commander",
                                             "isf.commander", "isf.auditor", "isf.admin")}
    readers["isf.hr"] = isf_hr(server)
    streams = [StreamRecorder(server, readers[u]).start()
               for u in ("pasf.hr", "pasf.auditor", "isf.auditor", "isf.hr")]
    vetting_stream = StreamRecorder(server, officer).start()
    try:
        unit = force.unit()
        other = force.unit()
        pid = force.person(unit)
        vetted(trainer, officer, "unit", other, "denied", reason=markers[6],
               sources=markers[1])
        vid = request(hr, "person", pid, justification="For the course")["id"]
        decide(officer, vid, "cleared", reason=markers[0], sources=markers[1])
        aid = register(officer, kind="person", sid=pid, summary=markers[2], source=markers[4],
                       label=markers[5])["id"]
        r = officer.post(f"/api/v1/allegations/{aid}/status",
                         json={"status": "under_review", "note": markers[3]})
        assert r.status_code == 200, r.text
        substantiate_out = officer.post(f"/api/v1/allegations/{aid}/status",
                                        json={"status": "substantiated"})
        assert substantiate_out.status_code == 200, substantiate_out.text
        last = barrier(admin, unique("b").lower())
        for s in streams + [vetting_stream]:
            s.wait_for_seq(last)
    finally:
        for s in streams + [vetting_stream]:
            s.stop()

    # The markers were written and the coordinator's vetting officer reads them: the scan
    # below can fail.
    assert find_leaks(officer.get(f"/api/v1/vetting/{vid}").json(), strings=[markers[0]])
    assert find_leaks(officer.get(f"/api/v1/allegations/{aid}").json(), strings=[markers[2]])
    assert find_leaks(vetting_stream.events(), strings=markers)
    assert find_leaks(audit_items(staff["ussc.auditor"]), strings=markers)
    assert find_leaks(officer.get(f"/api/v1/vetting/subjects/person/{pid}").json(),
                      strings=[markers[0], aid])

    paths = ["/api/v1/vetting?state=all", "/api/v1/vetting?state=pending",
             "/api/v1/vetting?state=decided", "/api/v1/vetting/expiring?days=365",
             f"/api/v1/vetting/{vid}", f"/api/v1/vetting/subjects/person/{pid}",
             f"/api/v1/vetting/subjects/unit/{unit}", f"/api/v1/vetting/subjects/unit/{other}",
             f"/api/v1/personnel/{pid}", f"/api/v1/personnel?q={pid}", "/api/v1/personnel",
             f"/api/v1/personnel/{pid}/events", "/api/v1/establishment",
             "/api/v1/allegations", f"/api/v1/allegations/{aid}"]
    # The registry's HR reads every one of them but the register: the scan is not empty.
    for path in paths:
        expected = 403 if path.startswith("/api/v1/allegations") else 200
        assert hr.get(path).status_code == expected, path
    hits = []
    for client in readers.values():
        hits += leaks(client, paths, markers + [aid])
    # pasf's HR reads the status: suspended, with no reason why.
    view = hr.get(f"/api/v1/vetting/subjects/person/{pid}").json()
    assert view["standing"]["status"] == "suspended"
    assert "allegations" not in view
    assert all("allegation" not in h and "reason" not in h for h in view["history"])
    d = hr.get(f"/api/v1/vetting/{vid}").json()["decision"]
    assert "reason" not in d and "sources" not in d
    # The coordinator's trainers and HR do not read reasons either.
    for client in (trainer, staff["ussc.hr"]):
        hits += leaks(client, paths[:8], markers + [aid])
    for auditor in ("pasf.auditor", "isf.auditor"):
        items = audit_items(readers[auditor])
        hits += [(auditor, "audit", h) for h in find_leaks(items, strings=markers + [aid])]
        assert not any(e["type"].startswith("allegation.") or
                       e["type"] == "vetting.reasons_recorded" for e in items), auditor
    assert any(e["type"] == "vetting.suspended" for e in audit_items(readers["pasf.auditor"]))
    for s in streams:
        hits += [(s.client.username, "stream", h)
                 for h in find_leaks(s.events(), strings=markers + [aid])]
    assert not hits, hits
    pasf_types = {e["type"] for e in streams[0].events()}
    assert {"vetting.requested", "vetting.decided", "vetting.suspended"} <= pasf_types
    assert not [e for s in streams[2:] for e in s.events() if e["type"].startswith("vetting.")]


# --- Deadlines and expiry on the test clock ---------------------------------------------------


def test_an_overdue_request_is_flagged_and_the_queue_runs_by_deadline(make_server):
    srv = make_server()
    force = Force(srv)
    hr, officer = force.hr, login(srv, "ussc.vetting")
    first = request(hr, "person", force.person(force.unit()))
    srv.advance(DAY)
    hr, officer = force.relogin(), login(srv, "ussc.vetting")  # the sessions lapsed
    second = request(hr, "unit", force.unit())
    items, pages = list_all(hr, "/api/v1/vetting", "state=pending", limit=1)
    assert [i["id"] for i in items] == [first["id"], second["id"]] and pages == 2
    assert not any(i["overdue"] for i in items)
    assert queue(hr, "state=pending&overdue=true") == []

    srv.advance(9 * DAY + 60)  # past the first's deadline, not the second's
    hr, officer = force.relogin(), login(srv, "ussc.vetting")
    by_id = {i["id"]: i for i in queue(hr, "state=pending")}
    assert by_id[first["id"]]["overdue"] is True
    assert by_id[second["id"]]["overdue"] is False
    assert [i["id"] for i in queue(hr, "state=pending&overdue=true")] == [first["id"]]
    assert [i["id"] for i in queue(hr, "state=pending&overdue=false")] == [second["id"]]
    decide(officer, first["id"])
    assert queue(hr, "state=pending&overdue=true") == []
    assert queue(hr, "state=decided")[0]["overdue"] is False


def test_a_clearance_expires_once_by_itself(make_server):
    srv = make_server()
    force = Force(srv)
    hr, officer, auditor = force.hr, login(srv, "ussc.vetting"), login(srv, "pasf.auditor")
    pid = force.person(force.unit())
    other = force.person(force.unit())
    out = vetted(hr, officer, "person", pid, valid_months=1)
    until = ts(out["decision"]["valid_until"])
    assert standing(hr, "person", pid)["status"] == "cleared"

    def expired(subject):
        return [e for e in audit_items(auditor, "vetting.expired")
                if e["subject"] == subject]

    srv.advance((until - ts(out["decision"]["valid_from"])).total_seconds() + 60)
    hr, officer = force.relogin(), login(srv, "ussc.vetting")
    auditor = login(srv, "pasf.auditor")
    events = wait_for(lambda: expired(f"person/{pid}"), "vetting.expired")
    assert len(events) == 1
    e = events[0]
    assert e["party"] == "pasf" and e["shared_with"] == ["ussc"]
    assert e["body"]["valid_until"] == out["decision"]["valid_until"]
    assert e["body"]["request"] == out["id"]
    s = standing(hr, "person", pid)
    assert s["status"] == "expired" and s["valid_until"] == out["decision"]["valid_until"]
    view = hr.get(f"/api/v1/vetting/subjects/person/{pid}").json()
    assert [h["kind"] for h in view["history"]] == ["requested", "decided", "expired"]

    # Later ticks raise nothing more for it: a second clearance expiring afterwards is
    # the witness that the scheduler ran again.
    later = vetted(hr, officer, "person", other, valid_months=1)
    srv.advance(32 * DAY)
    hr, officer = force.relogin(), login(srv, "ussc.vetting")
    auditor = login(srv, "pasf.auditor")
    wait_for(lambda: expired(f"person/{other}"), "the second vetting.expired")
    assert len(expired(f"person/{pid}")) == 1
    assert later["id"] != out["id"]
    # A new clearance replaces the expired status.
    vetted(hr, officer, "person", pid)
    assert standing(hr, "person", pid)["status"] == "cleared"


def test_the_expiring_queue_shows_clearances_ending_within_the_window(make_server):
    srv = make_server()
    force = Force(srv)
    hr, officer, trainer = force.hr, login(srv, "ussc.vetting"), login(srv, "ussc.trainer")
    soon = force.person(force.unit())
    later = force.person(force.unit())
    unit = force.unit()
    denied = force.person(force.unit())
    a = vetted(hr, officer, "person", soon, valid_months=1)
    vetted(hr, officer, "person", later)  # twelve months
    c = vetted(hr, officer, "unit", unit, valid_months=2)
    vetted(hr, officer, "person", denied, "denied")

    def expiring(client, q=""):
        r = client.get(f"/api/v1/vetting/expiring?{q}")
        assert r.status_code == 200, r.text
        return r.json()

    a_until = ts(a["decision"]["valid_until"])
    left = (a_until.timestamp() - srv.now()) / DAY  # 28 to 31 days
    assert 27 < left <= 31
    page = expiring(hr, "days=31")
    assert page["days"] == 31
    assert [i["subject"]["id"] for i in page["items"]] == [soon]
    item = page["items"][0]
    assert item["valid_until"] == a["decision"]["valid_until"]
    assert item["status"] == "cleared" and item["request"] == a["id"]
    assert item["days_left"] == int(left)
    assert expiring(hr, "days=27")["items"] == []
    # The default window is 30 days.
    default = expiring(trainer)
    assert default["days"] == 30
    assert [i["subject"]["id"] for i in default["items"]] == ([soon] if left <= 30 else [])
    both = expiring(hr, "days=62")["items"]
    assert [i["subject"]["id"] for i in both] == [soon, unit]
    assert both[1]["valid_until"] == c["decision"]["valid_until"]
    assert [i["subject"]["id"] for i in expiring(hr, "days=62&subject_kind=unit")["items"]] \
        == [unit]
    items, pages = list_all(hr, "/api/v1/vetting/expiring", "days=365", limit=1)
    assert [i["subject"]["id"] for i in items] == [soon, unit, later] and pages == 3

    srv.advance(5 * DAY)
    hr = force.relogin()
    assert [i["subject"]["id"] for i in expiring(hr, "days=27")["items"]] == [soon]
    # Past its end it leaves the queue (it is no longer valid now).
    srv.advance(27 * DAY)
    hr = force.relogin()
    assert soon not in [i["subject"]["id"] for i in expiring(hr, "days=365")["items"]]


# --- Restart and rebuild ----------------------------------------------------------------------

TABLES = {
    "vetting_requests": "id",
    "vetting_status": "subject_kind, subject_id",
    "vetting_history": "seq",
    "vetting_reasons": "seq",
    "allegations": "id",
    "allegation_history": "seq",
}


def dump(data):
    out = {}
    for table, order in TABLES.items():
        out[table] = sqlite(data / "liaison.db", f"SELECT * FROM {table} ORDER BY {order}")
    return out


def test_vetting_survives_a_restart_and_rebuilds_identically(make_server, tmp_path):
    srv = make_server()
    force = Force(srv)
    hr, officer = force.hr, login(srv, "ussc.vetting")
    unit = force.unit()
    pid = force.person(unit)
    other = force.person(force.unit())
    vetted(hr, officer, "unit", unit)
    vetted(hr, officer, "person", pid, valid_months=1, sources="Files")
    vetted(hr, officer, "person", other)
    request(hr, "person", other, purpose="equipment")
    aid = register(officer, kind="person", sid=other)["id"]
    substantiate(officer, aid)
    srv.advance(33 * DAY)
    hr, officer = force.relogin(), login(srv, "ussc.vetting")
    wait_for(lambda: standing(hr, "person", pid)["status"] == "expired" and
             any(e["subject"] == f"person/{pid}"
                 for e in audit_items(login(srv, "pasf.auditor"), "vetting.expired")),
             "the expiry")
    views = {s: officer.get(f"/api/v1/vetting/subjects/{s}").json()
             for s in (f"person/{pid}", f"person/{other}", f"unit/{unit}")}
    assert views[f"person/{other}"]["standing"]["status"] == "suspended"

    srv.restart()
    officer = login(srv, "ussc.vetting")
    for s, before in views.items():
        assert officer.get(f"/api/v1/vetting/subjects/{s}").json() == before, s
    assert srv.stop() == 0

    data = copy_data(srv.data, tmp_path / "copy")
    before = dump(data)
    assert before["vetting_status"].strip() and before["allegation_history"].strip()
    r = cli("rebuild", "--data", data, "--check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "identical" in r.stdout and "DIFFERED" not in r.stdout
    r = cli("rebuild", "--data", data)
    assert r.returncode == 0, r.stdout + r.stderr
    assert dump(data) == before
