"""The allegations register (docs/vetting.md): kept by the coordinator's vetting officers
alone; every status step an event; the status machine refused with 409 off its paths; a
substantiated allegation about a person or unit of the registry suspends the subject's
standing (a unit's bars everything under it) until a vetting officer decides on a new
request."""

from datetime import datetime, timedelta, timezone

import pytest

from conftest import assert_problem, login
from vetting_helpers import (ALG_ID, NEXT, STATUSES, Force, allegation_body, audit_items,
                             decide, decision, list_all, move, moved, register, request,
                             standing, substantiate, unique, vetted)


@pytest.fixture(scope="module")
def force(server):
    return Force(server)


@pytest.fixture(scope="module")
def officer(server):
    return login(server, "ussc.vetting")


def walk_to(officer, aid, target):
    """Moves a fresh allegation along the shortest path to `target`."""
    paths = {
        "received": [],
        "under_review": ["under_review"],
        "referred": ["under_review", "referred"],
        "substantiated": ["under_review", "substantiated"],
        "not_substantiated": ["under_review", "not_substantiated"],
        "remediated": ["under_review", "substantiated", "remediated"],
    }
    for status in paths[target]:
        moved(officer, aid, status)


# --- The lifecycle ------------------------------------------------------------------------


def test_an_allegation_from_receipt_to_remediation_with_every_step_an_event(server, force,
                                                                           officer):
    unit = force.unit()
    label = f"Company {unique('C')}"
    created = register(officer, kind="unit", sid=unit, label=label, category="torture",
                       source="UN special rapporteur", summary="Beatings in custody",
                       received_on="2026-01-05")
    aid = created["id"]
    assert ALG_ID.match(aid), aid
    assert created["status"] == "received" and created["next"] == ["under_review"]
    assert created["subject"] == {"kind": "unit", "id": unit, "party": "pasf", "label": label,
                                  "standing": {"status": "none", "valid_until": None}}
    assert created["source"] == "UN special rapporteur"
    assert created["received_on"] == "2026-01-05" and created["category"] == "torture"
    assert created["created_by"] == "ussc.vetting" and created["party"] == "ussc"
    assert [h["status"] for h in created["history"]] == ["received"]

    path = ["under_review", "referred", "substantiated", "remediated"]
    for i, status in enumerate(path):
        out = moved(officer, aid, status, note=f"step {i}")
        assert set(out["next"]) == NEXT[status]
        assert out["history"][-1]["note"] == f"step {i}"
        assert out["history"][-1]["actor"] == "ussc.vetting"
    assert [h["status"] for h in out["history"]] == ["received"] + path
    events = [e for e in audit_items(login(server, "ussc.auditor"), "allegation")
              if e["subject"] == f"allegation/{aid}"]
    assert [e["type"] for e in events] == ["allegation.registered"] + \
        ["allegation.status_changed"] * 4
    assert [e["body"]["status"] for e in events[1:]] == path
    assert all(e["party"] == "ussc" and e["shared_with"] == [] for e in events)
    assert events[3]["body"]["suspends"] == {"kind": "unit", "id": unit}
    # The allegation's own read is the coordinator's; the auditor reads too.
    assert login(server, "ussc.auditor").get(f"/api/v1/allegations/{aid}").json()["id"] == aid


def test_every_step_off_the_status_machine_is_refused(server, officer):
    label = f"Unit {unique('X')}"
    for current in STATUSES:
        aid = register(officer, kind="unit", party="isf", label=label)["id"]
        walk_to(officer, aid, current)
        before = officer.get(f"/api/v1/allegations/{aid}").json()
        assert before["status"] == current
        for target in STATUSES:
            if target in NEXT[current]:
                continue
            p = assert_problem(move(officer, aid, target), 409, field="/status")
            assert set(p["next"]) == NEXT[current], (current, target, p)
        after = officer.get(f"/api/v1/allegations/{aid}").json()
        assert after["updated_seq"] == before["updated_seq"], current
        assert after["history"] == before["history"]


def test_only_the_coordinators_vetting_officers_keep_the_register(server, force, officer):
    aid = register(officer, kind="unit", party="isf", label="A brigade")["id"]
    body = allegation_body(kind="unit", party="isf", label="A brigade")
    for username in ("pasf.hr", "pasf.commander", "pasf.auditor", "pasf.admin", "isf.commander",
                     "isf.jenin", "isf.auditor", "isf.admin", "ussc.hr", "ussc.trainer",
                     "ussc.commander", "ussc.admin", "ussc.duty"):
        client = login(server, username)
        for r in (client.get("/api/v1/allegations"), client.get(f"/api/v1/allegations/{aid}"),
                  client.post("/api/v1/allegations", json=body),
                  move(client, aid, "under_review")):
            assert_problem(r, 403)
    # The coordinator's auditors read and never write.
    auditor = login(server, "ussc.auditor")
    assert aid in {a["id"] for a in list_all(auditor, "/api/v1/allegations")[0]}
    assert_problem(auditor.post("/api/v1/allegations", json=body), 403)
    assert_problem(move(auditor, aid, "under_review"), 403)
    assert officer.get(f"/api/v1/allegations/{aid}").json()["status"] == "received"
    assert_problem(officer.get("/api/v1/allegations/ALG-2026-999999"), 404)
    assert_problem(move(officer, "ALG-2026-999999", "under_review"), 404)


def test_bad_allegations_are_refused_and_nothing_is_written(server, force, officer):
    unit = force.unit()
    pid = force.person(unit)
    before = len(list_all(officer, "/api/v1/allegations")[0])
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=2)).date().isoformat()
    cases = [
        (allegation_body(kind="unit", sid=unit, party="isf"), "/subject/id"),
        (allegation_body(kind="unit", party="nowhere", label="x"), "/subject/party"),
        (allegation_body(kind="person", sid="PER-9999999"), "/subject/id"),
        (allegation_body(kind="unit", sid=pid), "/subject/id"),
        (allegation_body(kind="unit", party="isf"), "/subject/label"),
        (allegation_body(kind="ship", party="isf", label="x"), "/subject/kind"),
        (allegation_body(kind="unit", party="isf", label="x", received_on=tomorrow),
         "/received_on"),
        (allegation_body(kind="unit", party="isf", label="x", received_on="2026-02-30"),
         "/received_on"),
        (allegation_body(kind="unit", party="isf", label="x", category="rumour"), "/category"),
        (allegation_body(kind="unit", party="isf", label="x", summary=""), "/summary"),
        ({**allegation_body(kind="unit", party="isf", label="x"), "severity": 3}, "/severity"),
        ({k: v for k, v in allegation_body(kind="unit", party="isf", label="x").items()
          if k != "source"}, "/source"),
    ]
    for body, field in cases:
        assert_problem(officer.post("/api/v1/allegations", json=body), 400, field=field)
    aid = register(officer, kind="unit", party="isf", label="x")["id"]
    assert_problem(move(officer, aid, "closed"), 400, field="/status")
    assert_problem(officer.post(f"/api/v1/allegations/{aid}/status",
                                json={"status": "under_review", "note": "n" * 4001}), 400,
                   field="/note")
    assert len(list_all(officer, "/api/v1/allegations")[0]) == before + 1
    for q, field in (("status=open", "/status"), ("category=x", "/category"),
                     ("subject_kind=ship", "/subject_kind"), ("limit=500", "/limit")):
        assert_problem(officer.get(f"/api/v1/allegations?{q}"), 400, field=field)


def test_the_register_lists_by_filter_and_page(server, force, officer):
    unit = force.unit()
    ids = [register(officer, kind="unit", sid=unit, category="excessive_force")["id"]
           for _ in range(3)]
    moved(officer, ids[0], "under_review")
    items, pages = list_all(officer, "/api/v1/allegations", f"subject_id={unit}", limit=2)
    assert [a["id"] for a in items] == list(reversed(ids)) and pages == 2
    under = list_all(officer, "/api/v1/allegations",
                     f"subject_id={unit}&status=under_review")[0]
    assert [a["id"] for a in under] == [ids[0]]
    both = list_all(officer, "/api/v1/allegations",
                    f"subject_id={unit}&status=received,under_review")[0]
    assert len(both) == 3
    assert all(a["subject"]["party"] == "pasf" for a in
               list_all(officer, "/api/v1/allegations", "subject_party=pasf")[0])
    assert ids[1] in {a["id"] for a in list_all(
        officer, "/api/v1/allegations", "category=excessive_force&subject_kind=unit")[0]}


# --- Substantiated: the subject's standing is suspended ------------------------------------


def test_a_substantiated_allegation_suspends_a_cleared_person(server, force, officer):
    hr = force.hr
    pid = force.person(force.unit())
    vetted(hr, officer, "person", pid)
    old = request(hr, "person", pid, purpose="equipment")["id"]  # pending before
    aid = register(officer, kind="person", sid=pid, category="torture")["id"]
    moved(officer, aid, "under_review")
    assert standing(hr, "person", pid)["status"] == "cleared"  # an allegation alone: nothing
    out = moved(officer, aid, "substantiated")
    assert out["subject"]["standing"]["status"] == "suspended"
    s = standing(hr, "person", pid)
    assert s == {"status": "suspended", "valid_from": None, "valid_until": None}
    record = hr.get(f"/api/v1/personnel/{pid}").json()
    assert record["vetting"]["status"] == "suspended"

    # The subject's party learns the suspension, never its cause.
    suspended = [e for e in audit_items(login(server, "pasf.auditor"), "vetting.suspended")
                 if e["subject"] == f"person/{pid}"]
    assert len(suspended) == 1
    assert suspended[0]["body"] == {"subject": {"kind": "person", "id": pid},
                                    "status": "suspended"}
    history = hr.get(f"/api/v1/vetting/subjects/person/{pid}").json()["history"]
    assert history[-1]["kind"] == "suspended" and "allegation" not in history[-1]
    view = officer.get(f"/api/v1/vetting/subjects/person/{pid}").json()
    assert view["history"][-1]["allegation"] == aid
    assert [a["id"] for a in view["allegations"]] == [aid]

    # Remediation does not lift it; only a decision on a request made since does.
    moved(officer, aid, "remediated")
    assert standing(hr, "person", pid)["status"] == "suspended"
    assert_problem(decision(officer, old, "cleared"), 409, field="/status")
    review = request(hr, "person", pid, purpose="review")["id"]
    decide(officer, review, "cleared", reason="Remediated; retrained")
    assert standing(hr, "person", pid)["status"] == "cleared"
    # The older request may now be decided as well.
    decide(officer, old, "cleared")


def test_a_substantiated_allegation_bars_a_unit_and_everything_under_it(server, force, officer):
    hr = force.hr
    command = force.unit()
    company = force.unit(command)
    pid = force.person(company)
    vetted(hr, officer, "unit", command)
    vetted(hr, officer, "person", pid)
    vid = request(hr, "person", pid, purpose="course")["id"]
    aid = register(officer, kind="unit", sid=command, category="extrajudicial_killing")["id"]
    substantiate(officer, aid)
    for u in (command, company):
        s = standing(hr, "unit", u)
        assert s["status"] == "suspended" and s["unit"] == command, (u, s)
    # No one under the barred command is cleared while it stays barred.
    p = assert_problem(decision(officer, vid, "cleared"), 409, field="/status")
    assert p["barred_by"] == {"unit": command, "status": "suspended"}
    review = request(hr, "unit", command, purpose="review")["id"]
    decide(officer, review, "cleared")
    decide(officer, vid, "cleared")
    assert standing(hr, "person", pid)["status"] == "cleared"


def test_an_allegation_about_another_party_suspends_nothing_in_the_registry(server, officer):
    auditor = login(server, "ussc.auditor")
    before = len(audit_items(auditor, "vetting.suspended"))
    aid = register(officer, kind="unit", party="isf", label="A checkpoint company")["id"]
    out = substantiate(officer, aid)
    assert out["subject"]["id"] is None and "standing" not in out["subject"]
    assert len(audit_items(auditor, "vetting.suspended")) == before
    changed = [e for e in audit_items(auditor, "allegation.status_changed")
               if e["subject"] == f"allegation/{aid}"]
    assert "suspends" not in changed[-1]["body"]
