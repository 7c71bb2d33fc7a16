"""Training (docs/training.md): the course catalogue, sessions, the enrolment gate with each
of its five rules alone and all at once, the dry-run check that agrees with it, results
granting qualifications that expire, a substantiated allegation that closes the gate,
force-generation targets counting only the qualified and cleared, who sees what, and the
projections rebuilt from the log.

Every person, unit and clearance is made through the API (the registry and vetting
routes); dates are computed here from the server's clock, never taken from the answers
under test."""

import pytest

from conftest import PASSWORD, assert_problem, cli, copy_data, sqlite
from training_helpers import (DAY, ENR_ID, REASONS, TGT_ID, Programme, add_months, day,
                              days_until, ok, serial)
from training_helpers import staff as login


@pytest.fixture(scope="module")
def prog(server):
    return Programme(server)


def reasons_of(problem):
    assert set(REASONS) >= set(problem["reasons"]), problem
    return problem["reasons"]


# --- The catalogue ----------------------------------------------------------------------------


def test_a_course_is_defined_read_and_changed_by_the_coordinators_trainers(prog):
    base = prog.course(validity_months=None, nation="NL")
    c = prog.course(prerequisites=[base["qualification"]], capacity=25, duration_days=15,
                    title_he="קורס", description="Crowd management / إدارة الحشود")
    assert c["prerequisites"] == [base["qualification"]]
    assert (c["capacity"], c["duration_days"], c["validity_months"]) == (25, 15, 12)
    assert c["nation"] == "IT" and c["nation_name_en"] == "Italy", c
    assert c["title_he"] == "קורס" and c["description"] == "Crowd management / إدارة الحشود"
    assert c["active"] is True and c["party"] == "ussc" and c["shared_with"] == ["pasf"]
    assert base["validity_months"] is None

    got = ok(prog.hr.get(f"/api/v1/courses/{c['code']}"))  # the registry's HR reads it
    assert got["code"] == c["code"] and got["sessions"] == []
    listed = ok(prog.trainer.get(f"/api/v1/courses?qualification={c['qualification']}"))
    assert [i["code"] for i in listed["items"]] == [c["code"]] and listed["next"] is None

    body = {k: c[k] for k in ("title_en", "title_ar", "nation", "duration_days", "capacity",
                              "prerequisites", "qualification", "validity_months")}
    body.update(capacity=40, validity_months=24, active=False)
    changed = ok(prog.trainer.request("PUT", f"/api/v1/courses/{c['code']}", json=body))
    assert (changed["capacity"], changed["validity_months"], changed["active"]) == (40, 24, False)
    assert changed["updated_seq"] > c["updated_seq"]
    # An inactive course takes no new session.
    r = prog.trainer.post("/api/v1/sessions", json={
        "course": c["code"], "starts_on": day(prog.server, 5), "location": "Jericho",
        "instructors": ["A"]})
    assert_problem(r, 409, field="/course")


def test_course_definitions_are_checked(prog):
    q = prog.course()["qualification"]
    good = {"code": f"TC-X{serial()}", "title_en": "T", "title_ar": "ت", "nation": "CA",
            "duration_days": 5, "capacity": 20, "prerequisites": [q], "qualification": "QX-1",
            "validity_months": 12}
    cases = [
        ({"nation": "FR"}, "/nation"),  # not a coalition nation of the directory
        ({"nation": None}, "/nation"),
        ({"code": "pop 101"}, "/code"),
        ({"qualification": "-Q"}, "/qualification"),
        ({"duration_days": 0}, "/duration_days"),
        ({"capacity": 1001}, "/capacity"),
        ({"validity_months": 0}, "/validity_months"),
        ({"prerequisites": ["NO-SUCH-QUALIFICATION"]}, "/prerequisites/0"),
        ({"prerequisites": [q, q]}, "/prerequisites/1"),
        ({"prerequisites": ["QX-1"]}, "/prerequisites/0"),  # its own qualification
        ({"title_en": ""}, "/title_en"),
        ({"colour": "red"}, "/colour"),
    ]
    for change, field in cases:
        body = {**good, **change}
        body = {k: v for k, v in body.items() if v is not None}
        assert_problem(prog.trainer.post("/api/v1/courses", json=body), 400, field=field)
    del good["validity_months"]
    assert_problem(prog.trainer.post("/api/v1/courses", json=good), 400, field="/validity_months")
    good["validity_months"] = None
    ok(prog.trainer.post("/api/v1/courses", json=good), 201)
    assert_problem(prog.trainer.post("/api/v1/courses", json=good), 409, field="/code")
    # Only the coordinator's trainers define courses.
    for name in ("pasf.hr", "ussc.vetting", "ussc.hr"):
        assert_problem(login(prog.server, name).post("/api/v1/courses", json=good), 403)


def test_a_prerequisite_cycle_is_refused(prog):
    a = prog.course()
    b = prog.course(prerequisites=[a["qualification"]])
    body = {k: a[k] for k in ("title_en", "title_ar", "nation", "duration_days", "capacity",
                              "qualification", "validity_months")}
    body["prerequisites"] = [b["qualification"]]
    r = prog.trainer.request("PUT", f"/api/v1/courses/{a['code']}", json=body)
    assert_problem(r, 400, field="/prerequisites")
    assert ok(prog.trainer.get(f"/api/v1/courses/{a['code']}"))["prerequisites"] == []


def test_sessions_default_to_the_course_and_must_be_upcoming(prog):
    c = prog.course(capacity=12, duration_days=3)
    s = prog.session(c, starts_in=20)
    assert (s["starts_on"], s["ends_on"]) == (day(prog.server, 20), day(prog.server, 22))
    assert (s["capacity"], s["seats_taken"], s["seats_left"]) == (12, 0, 12)
    assert s["state"] == "scheduled" and s["started"] is False and s["enrolments"] == []
    s2 = prog.session(c, starts_in=30, ends_on=day(prog.server, 31), capacity=4,
                      instructors=["Insp. Pieter van Dijk", "د. هدى ناصر"])
    assert (s2["ends_on"], s2["capacity"], s2["days"]) == (day(prog.server, 31), 4, 2)
    assert s2["instructors"] == ["Insp. Pieter van Dijk", "د. هدى ناصر"]
    listed = ok(prog.hr.get(f"/api/v1/sessions?course={c['code']}"))
    assert {i["id"] for i in listed["items"]} == {s["id"], s2["id"]}
    assert {i["id"] for i in ok(prog.trainer.get(
        f"/api/v1/courses/{c['code']}"))["sessions"]} == {s["id"], s2["id"]}

    for change, field in (({"starts_on": day(prog.server, 0)}, "/starts_on"),
                          ({"starts_on": day(prog.server, -3)}, "/starts_on"),
                          ({"starts_on": "2026-02-30"}, "/starts_on"),
                          ({"ends_on": day(prog.server, 5)}, "/ends_on"),
                          ({"instructors": []}, "/instructors"),
                          ({"capacity": 0}, "/capacity"),
                          ({"course": "NO-SUCH"}, "/course")):
        body = {"course": c["code"], "starts_on": day(prog.server, 10), "location": "Jericho",
                "instructors": ["A"], **change}
        assert_problem(prog.trainer.post("/api/v1/sessions", json=body), 400, field=field)


# --- The gate: each rule alone, then all at once --------------------------------------------


@pytest.fixture
def gate(prog):
    """A course requiring a qualification, its upcoming session with two seats, and a
    trainee who passes every rule (cleared, unit cleared, qualified, active)."""
    base = prog.course()
    course = prog.course(prerequisites=[base["qualification"]])
    t = prog.trainee()
    prog.qualify(base, t)
    session = prog.session(course, starts_in=10, capacity=2)
    assert prog.check(session, t)["eligible"] is True
    return {"base": base, "course": course, "session": session, "trainee": t}


def assert_refused_only(prog, session, person, reason):
    checked = prog.check(session, person)
    assert checked["eligible"] is False and checked["reasons"] == [reason], checked
    p = prog.refused(session, person)
    assert reasons_of(p) == [reason], p
    assert p["missing_prerequisites"] == checked["missing_prerequisites"]
    return p


def test_gate_refuses_a_person_without_a_clearance(prog, gate):
    t = prog.trainee()
    prog.qualify(gate["base"], t)  # trained while cleared
    prog.decide("person", t["id"], "suspended")
    checked = assert_refused_only(prog, gate["session"], t, "not_cleared")
    assert checked["missing_prerequisites"] == []
    # Their unit and course mates are untouched.
    assert prog.check(gate["session"], gate["trainee"])["eligible"] is True


def test_gate_refuses_a_person_whose_unit_is_not_cleared(prog, gate):
    t = prog.trainee()
    prog.qualify(gate["base"], t)
    # Transferred to a unit never vetted: their own clearance stands, the unit has none.
    prog.career(t["id"], "transfer", unit=prog.unit())
    assert_refused_only(prog, gate["session"], t, "unit_not_cleared")


def test_gate_refuses_a_person_missing_a_prerequisite(prog, gate):
    t = prog.trainee()  # cleared, unit cleared, active, never trained
    p = assert_refused_only(prog, gate["session"], t, "prerequisite_missing")
    assert p["missing_prerequisites"] == [gate["base"]["qualification"]]


def test_gate_refuses_a_full_session(prog, gate):
    others = [prog.trainee() for _ in range(2)]
    prog.qualify(gate["base"], *others)
    for o in others:
        prog.enrolled(gate["session"], o)
    assert_refused_only(prog, gate["session"], gate["trainee"], "session_full")


def test_gate_refuses_a_person_who_is_not_active(prog, gate):
    t = prog.trainee()
    prog.qualify(gate["base"], t)
    prog.career(t["id"], "suspension", note="Pending disciplinary board")
    p = assert_refused_only(prog, gate["session"], t, "not_active")
    assert p["missing_prerequisites"] == []


def test_gate_reports_every_reason_at_once(prog, gate):
    # Fill the session with two qualified trainees.
    others = [prog.trainee() for _ in range(2)]
    prog.qualify(gate["base"], *others)
    for o in others:
        prog.enrolled(gate["session"], o)
    # A suspended person in a barred unit, never cleared, never trained.
    unit = prog.unit()
    prog.decide("unit", unit, "denied")
    p = prog.person(unit, status="suspended")
    checked = prog.check(gate["session"], p)
    assert checked["reasons"] == REASONS, checked
    problem = prog.refused(gate["session"], p)
    assert reasons_of(problem) == REASONS
    assert problem["missing_prerequisites"] == [gate["base"]["qualification"]]
    for word in ("clearance", "unit", "prerequisite", "full", "not active"):
        assert word in problem["detail"], problem["detail"]


def test_the_session_full_boundary(prog):
    course = prog.course(capacity=3)
    session = prog.session(course)
    people = [prog.trainee() for _ in range(4)]
    for i, p in enumerate(people[:3]):
        assert prog.check(session, p)["seats_taken"] == i
        prog.enrolled(session, p)  # the last seat, with capacity - 1 taken, is still free
    assert ok(prog.trainer.get(f"/api/v1/sessions/{session['id']}"))["seats_taken"] == 3
    assert_refused_only(prog, session, people[3], "session_full")
    # A withdrawal frees a seat.
    first = ok(prog.trainer.get(f"/api/v1/enrolments?session={session['id']}&state=enrolled"))
    victim = [e for e in first["items"] if e["person"] == people[0]["id"]][0]
    w = ok(prog.trainer.post(f"/api/v1/enrolments/{victim['id']}/withdraw",
                             json={"reason": "Posted to another district"}))
    assert w["state"] == "withdrawn"
    prog.enrolled(session, people[3])
    assert_refused_only(prog, session, people[0], "session_full")


def test_conflicts_are_refused_without_reasons(prog):
    course = prog.course()
    session = prog.session(course, starts_in=1)
    t = prog.trainee()
    e = prog.enrolled(session, t)
    p = assert_problem(prog.enrol(session, t), 409, field="/person")
    assert p["code"] == "conflict" and "reasons" not in p and e["id"] in p["detail"]
    assert_problem(prog.trainer.post("/api/v1/enrolments/check", json={
        "session": session["id"], "person": t["id"]}), 409)
    prog.server.advance(DAY)  # the session has started
    late = prog.trainee()
    p = assert_problem(prog.enrol(session, late), 409, field="/session")
    assert p["code"] == "conflict" and "reasons" not in p
    for body, field in (({"session": session["id"]}, "/person"),
                        ({"person": t["id"]}, "/session"),
                        ({"session": "SES-2000-000001", "person": t["id"]}, "/session"),
                        ({"session": session["id"], "person": "PER-9999999"}, "/person")):
        assert_problem(prog.trainer.post("/api/v1/enrolments", json=body), 400, field=field)


def test_a_session_is_cancelled_before_it_starts_and_then_takes_no_one(make_server):
    srv = make_server()
    prog = Programme(srv)
    course = prog.course(duration_days=1)
    session = prog.session(course, starts_in=3)
    started = prog.session(course, starts_in=1)
    t, other = prog.trainee(), prog.trainee()
    e = prog.enrolled(session, t)
    path = f"/api/v1/sessions/{session['id']}/cancel"

    assert_problem(login(srv, "pasf.hr").post(path, json={"reason": "x"}), 403)
    assert_problem(login(srv, "isf.commander").post(path, json={"reason": "x"}), 403)
    assert_problem(prog.trainer.post(path, json={}), 400, field="/reason")
    assert_problem(prog.trainer.post(path, json={"reason": "x", "when": "now"}), 400)
    assert_problem(prog.trainer.post("/api/v1/sessions/SES-2000-000001/cancel",
                                     json={"reason": "x"}), 404)
    before = ok(prog.trainer.get(f"/api/v1/sessions/{session['id']}"))
    assert before["state"] == "scheduled"

    cancelled = ok(prog.trainer.post(path, json={"reason": "instructors unavailable"}))
    assert cancelled["state"] == "cancelled" and cancelled["id"] == session["id"]
    assert isinstance(cancelled["seq"], int) and cancelled["seq"] > 0
    # Its enrolment stays, for the record; the session is final.
    assert [x["id"] for x in cancelled["enrolments"]] == [e["id"]]
    assert_problem(prog.trainer.post(path, json={"reason": "again"}), 409)
    p = assert_problem(prog.enrol(session, other), 409, field="/session")
    assert p["code"] == "conflict" and "reasons" not in p
    listed = ok(prog.trainer.get("/api/v1/sessions", params={"state": "cancelled"}))["items"]
    assert session["id"] in [x["id"] for x in listed]
    # The days pass: no result for a session that never took place.
    srv.advance(5 * DAY)
    assert_problem(prog.result(e, "passed", attendance=1), 409)
    # A session that has started is not cancelled.
    assert_problem(prog.trainer.post(f"/api/v1/sessions/{started['id']}/cancel",
                                     json={"reason": "late"}), 409)


def test_the_check_agrees_with_the_enrolment_and_writes_nothing(prog):
    base = prog.course()
    course = prog.course(prerequisites=[base["qualification"]], capacity=1)
    session = prog.session(course)
    ready = prog.trainee()
    prog.qualify(base, ready)
    untrained = prog.trainee()
    uncleared = prog.trainee(clear_person=False)
    suspended = prog.trainee(status="suspended")
    before = ok(prog.trainer.get(f"/api/v1/sessions/{session['id']}"))
    answers = {}
    for p in (untrained, uncleared, suspended, ready):
        answers[p["id"]] = prog.check(session, p)
    after = ok(prog.trainer.get(f"/api/v1/sessions/{session['id']}"))
    assert after["seats_taken"] == before["seats_taken"] == 0
    assert after["updated_seq"] == before["updated_seq"] and after["enrolments"] == []
    assert answers[ready["id"]]["eligible"] is True and answers[ready["id"]]["reasons"] == []
    assert answers[ready["id"]]["standing"]["person"]["status"] == "cleared"
    for p in (untrained, uncleared, suspended):
        a = answers[p["id"]]
        problem = prog.refused(session, p)
        assert (a["eligible"], a["reasons"], a["missing_prerequisites"]) == \
            (False, problem["reasons"], problem["missing_prerequisites"]), (a, problem)
    prog.enrolled(session, ready)
    # Now the session is full: both answer so.
    again = prog.check(session, untrained)
    assert again["reasons"] == ["prerequisite_missing", "session_full"]
    assert prog.refused(session, untrained)["reasons"] == again["reasons"]


# --- Results, qualifications and their expiry --------------------------------------------------


def test_results_grant_a_qualification_that_expires(make_server):
    srv = make_server()
    prog = Programme(srv)
    base = prog.course(validity_months=1, duration_days=2)
    advanced = prog.course(prerequisites=[base["qualification"]])
    t, failing, absent = prog.trainee(), prog.trainee(), prog.trainee()
    s = prog.session(base, starts_in=3)
    assert (s["starts_on"], s["ends_on"]) == (day(srv, 3), day(srv, 4))
    e_t, e_f, e_a = (prog.enrolled(s, p) for p in (t, failing, absent))

    # Before the session: no result; on its first day, absence only.
    assert_problem(prog.result(e_t, "passed", attendance=2), 409)
    srv.advance(3 * DAY)
    assert_problem(prog.result(e_t, "passed", attendance=2), 409)
    assert_problem(prog.result(e_a, "absent", attendance=1), 400, field="/attendance")
    assert ok(prog.result(e_a, "absent"))["state"] == "absent"
    srv.advance(DAY)  # the last day
    assert_problem(prog.result(e_t, "passed", attendance=3), 400, field="/attendance")
    assert_problem(prog.result(e_t, "graduated", attendance=2), 400, field="/result")
    assert_problem(prog.result(e_t, "passed", attendance=2, score=101), 400, field="/score")
    assert_problem(login(srv, "pasf.hr").post(f"/api/v1/enrolments/{e_t['id']}/result",
                                              json={"result": "passed", "attendance": 2}), 403)
    done = ok(prog.result(e_t, "passed", attendance=2, score=88))
    assert (done["state"], done["attendance"], done["score"]) == ("passed", 2, 88)
    assert done["qualification"] == base["qualification"]
    assert_problem(prog.result(e_t, "failed", attendance=2), 409)
    assert ok(prog.result(e_f, "failed", attendance=1, score=40))["qualification"] is None
    assert prog.qualification(failing, base["qualification"]) is None

    obtained = s["ends_on"]
    expires = add_months(obtained, 1)
    q = prog.qualification(t, base["qualification"], client=login(srv, "pasf.hr"))
    assert q == {"qualification": base["qualification"], "obtained_on": obtained,
                 "expires_on": expires, "expired": False, "enrolment": e_t["id"],
                 "course": base["code"]}, q
    # The person's career records the training.
    events = ok(login(srv, "pasf.hr").get(f"/api/v1/personnel/{t['id']}/events"))
    events = events["items"] if isinstance(events, dict) else events
    completed = [ev for ev in events if ev["kind"] == "training_completed"]
    assert len(completed) == 1 and completed[0]["effective"] == obtained, events
    # And the person's record lists the qualification with its expiry.
    record = ok(login(srv, "pasf.hr").get(f"/api/v1/personnel/{t['id']}"))
    assert [x for x in record["qualifications"]
            if x["qualification"] == base["qualification"]] == [q], record["qualifications"]

    # Valid on the first day of a session before the expiry, not on or after it.
    left = days_until(srv, expires)
    before = prog.session(advanced, starts_in=left - 1)
    on = prog.session(advanced, starts_in=left)
    assert prog.check(before, t)["eligible"] is True
    assert prog.check(on, t)["reasons"] == ["prerequisite_missing"]
    prog.enrolled(before, t)

    # Past the expiry it shows as expired and no longer opens the course.
    srv.advance((left + 1) * DAY)
    q = prog.qualification(t, base["qualification"])
    assert q["expires_on"] == expires and q["expired"] is True
    later = prog.session(advanced, starts_in=5)
    checked = prog.check(later, t)
    assert checked["reasons"] == ["prerequisite_missing"]
    assert checked["missing_prerequisites"] == [base["qualification"]]
    assert reasons_of(prog.refused(later, t)) == ["prerequisite_missing"]
    # Passing the course again renews it.
    prog.qualify(base, t)
    renewed = prog.qualification(t, base["qualification"])
    assert renewed["expired"] is False and renewed["expires_on"] > expires


def test_a_substantiated_allegation_suspends_the_clearance_and_closes_the_gate(prog):
    course = prog.course()
    session = prog.session(course)
    t = prog.trainee()
    assert prog.check(session, t)["eligible"] is True
    prog.suspend_by_allegation(t)
    checked = prog.check(session, t)
    assert checked["reasons"] == ["not_cleared"], checked
    assert checked["standing"]["person"]["status"] == "suspended"
    assert reasons_of(prog.refused(session, t)) == ["not_cleared"]
    # A vetting officer's new decision reopens it.
    prog.clear("person", t["id"])
    prog.enrolled(session, t)


# --- Targets -----------------------------------------------------------------------------------


def test_target_progress_counts_only_the_qualified_and_cleared(prog):
    course = prog.course(validity_months=None)
    q = course["qualification"]
    counted = prog.trainee()                     # qualified, cleared, active: counts
    lapsed = prog.trainee()                      # qualified; clearance suspended later
    inactive = prog.trainee()                    # qualified; retired later
    police = prog.trainee(service="CP")          # qualified, cleared, another service
    prog.trainee()                               # cleared, never trained
    prog.qualify(course, counted, lapsed, inactive, police)
    prog.decide("person", lapsed["id"], "suspended")
    prog.career(inactive["id"], "retirement")

    due = day(prog.server, 200)
    t = ok(prog.trainer.post("/api/v1/targets", json={
        "title": "Public-order police for deployment X", "qualification": q, "required": 4,
        "deployment": "Deployment X", "due_on": due}), 201)
    assert TGT_ID.match(t["id"]), t
    assert (t["qualification"], t["required"], t["due_on"], t["service"]) == (q, 4, due, None)
    assert t["courses"] == [course["code"]]
    # counted and police: qualified and cleared; lapsed too is qualified.
    assert t["progress"]["qualified_and_cleared"] == 2, t
    assert t["progress"]["qualified"] == 3
    assert (t["progress"]["required"], t["progress"]["percent"], t["progress"]["gap"]) == \
        (4, 50.0, 2)

    nsf = ok(prog.trainer.post("/api/v1/targets", json={
        "title": "NSF only", "qualification": q, "required": 3, "due_on": due,
        "service": "NSF"}), 201)
    assert nsf["progress"]["qualified_and_cleared"] == 1 and nsf["progress"]["qualified"] == 2
    assert nsf["progress"]["percent"] == round(100 / 3, 1)

    # Read back by the registry's HR; listed.
    got = ok(prog.hr.get(f"/api/v1/targets/{t['id']}"))
    assert got["progress"] == t["progress"]
    listed = ok(prog.trainer.get("/api/v1/targets"))
    assert {t["id"], nsf["id"]} <= {i["id"] for i in listed["items"]}

    # Clearing the lapsed one again counts them.
    prog.clear("person", lapsed["id"])
    assert ok(prog.trainer.get(f"/api/v1/targets/{t['id']}"))["progress"][
        "qualified_and_cleared"] == 3

    for change, field in (({"qualification": "NO-SUCH"}, "/qualification"),
                          ({"required": 0}, "/required"),
                          ({"due_on": day(prog.server, -1)}, "/due_on"),
                          ({"service": "XYZ"}, "/service")):
        body = {"title": "T", "qualification": q, "required": 5, "due_on": due, **change}
        assert_problem(prog.trainer.post("/api/v1/targets", json=body), 400, field=field)
    assert_problem(prog.hr.post("/api/v1/targets", json={
        "title": "T", "qualification": q, "required": 5, "due_on": due}), 403)


# --- Who sees and does what --------------------------------------------------------------------


def test_visibility_across_parties_and_roles(prog):
    server = prog.server
    course = prog.course()
    session = prog.session(course)
    name = f"Visible Only To The Programme {serial()}"
    unit = prog.unit()
    prog.clear("unit", unit)
    t = prog.person(unit, name=name)
    prog.clear("person", t["id"])

    # The registry party's HR enrols its own person and sees their enrolments.
    e = prog.enrolled(session, t, client=prog.hr)
    mine = prog.enrolments_of(t, client=prog.hr)
    assert [i["id"] for i in mine["items"]] == [e["id"]]
    assert mine["items"][0]["name_en"] == name
    assert ok(prog.hr.get(f"/api/v1/sessions/{session['id']}"))["enrolments"][0]["person"] == \
        t["id"]
    # The coordinator's HR reads training but does not enrol (not the person's party).
    ussc_hr = login(server, "ussc.hr")
    ok(ussc_hr.get(f"/api/v1/enrolments?person={t['id']}"))
    other = prog.trainee()
    assert_problem(ussc_hr.post("/api/v1/enrolments", json={
        "session": session["id"], "person": other["id"]}), 403)

    # isf: an HR officer of isf passes the route's role check and is refused by the
    # registry's scope; isf's other staff are refused at the route.
    isf_admin = login(server, "isf.admin")
    isf_hr_name = f"isf.hr{serial()}"
    r = isf_admin.post("/api/v1/users", json={"username": isf_hr_name, "unit": "isf/hq",
                                              "roles": ["hr"], "password": PASSWORD})
    assert r.status_code == 201, r.text
    isf_hr = login(server, isf_hr_name)
    texts = []
    for client in (isf_hr, login(server, "isf.jenin"), login(server, "isf.commander"),
                   isf_admin):
        for path in ("/api/v1/courses", f"/api/v1/courses/{course['code']}", "/api/v1/sessions",
                     f"/api/v1/sessions/{session['id']}", "/api/v1/enrolments",
                     f"/api/v1/enrolments?person={t['id']}", "/api/v1/targets"):
            r = client.get(path)
            assert_problem(r, 403)
            texts.append(r.text)
        for path, body in (("/api/v1/enrolments", {"session": session["id"], "person": t["id"]}),
                           ("/api/v1/enrolments/check",
                            {"session": session["id"], "person": t["id"]})):
            r = client.post(path, json=body)
            assert_problem(r, 403)
            texts.append(r.text)
        r = client.post(f"/api/v1/enrolments/{e['id']}/withdraw")
        assert_problem(r, 403)
        texts.append(r.text)
    assert not any(name in text or t["service_number"] in text for text in texts)

    # pasf staff other than HR: refused at the route.
    for user in ("pasf.jenin", "pasf.commander", "pasf.analyst"):
        assert_problem(login(server, user).get("/api/v1/courses"), 403)
    # Trainers and vetting officers of the coordinator read everything.
    assert ok(prog.vetting.get(f"/api/v1/enrolments?person={t['id']}"))["items"][0]["id"] == \
        e["id"]
    # Reading persons' enrolments is an access event.
    auditor = login(server, "ussc.auditor")
    reads = ok(auditor.get("/api/v1/audit/events?type=access.read&limit=1000"))["items"]
    assert any(ev["subject"] == f"person/{t['id']}" for ev in reads), reads[-3:]


# --- Restart and rebuild --------------------------------------------------------------------------

TABLES = {
    "courses": "code, party, shared_with, title_en, title_ar, title_he, nation, duration_days, "
               "capacity, prerequisites, qualification, validity_months, description, active, "
               "created_seq, updated_seq",
    "training_sessions": "id, year, number, course, party, shared_with, starts_on, ends_on, "
                         "location, instructors, capacity, state, created_seq, updated_seq",
    "enrolments": "id, year, number, session, person, party, shared_with, state, attendance, "
                  "score, enrolled_by, enrolled_at, result_at, created_seq, updated_seq",
    "qualifications": "person, qualification, obtained_on, expires_on, enrolment, seq",
    "training_targets": "id, year, number, party, shared_with, title, qualification, required, "
                        "deployment, due_on, service, created_by, created_seq, updated_seq",
}


def dump(data):
    out = {}
    for table, cols in TABLES.items():
        select = ", ".join(f"quote({c.strip()})" for c in cols.split(","))
        out[table] = sqlite(data / "liaison.db",
                            f"SELECT {select} FROM {table} ORDER BY 1, 2").splitlines()
    return out


def test_training_survives_a_restart_and_a_rebuild(make_server, tmp_path):
    srv = make_server()
    prog = Programme(srv)
    base = prog.course(validity_months=6, description="Base / أساس")
    course = prog.course(prerequisites=[base["qualification"]], title_he="מתקדם")
    a, b, c = prog.trainee(), prog.trainee(), prog.trainee()
    first = prog.qualify(base, a, b)  # two passes
    s = prog.session(course, starts_in=3, capacity=2)
    e_a = prog.enrolled(s, a)
    e_b = prog.enrolled(s, b, client=prog.hr)
    ok(prog.trainer.post(f"/api/v1/enrolments/{e_b['id']}/withdraw", json={}))
    later = prog.session(base, starts_in=1)
    e_c = prog.enrolled(later, c)
    srv.advance(2 * DAY)
    ok(prog.result(e_c, "failed", attendance=1))
    target = ok(prog.trainer.post("/api/v1/targets", json={
        "title": "Target", "qualification": base["qualification"], "required": 10,
        "due_on": day(srv, 60), "service": "NSF"}), 201)
    before_api = {
        "target": ok(prog.trainer.get(f"/api/v1/targets/{target['id']}")),
        "session": ok(prog.trainer.get(f"/api/v1/sessions/{s['id']}")),
        "a": prog.enrolments_of(a),
    }
    assert before_api["target"]["progress"]["qualified_and_cleared"] == 2
    srv.restart()
    prog = Programme(srv)
    assert ok(prog.trainer.get(f"/api/v1/targets/{target['id']}")) == before_api["target"]
    assert ok(prog.trainer.get(f"/api/v1/sessions/{s['id']}")) == before_api["session"]
    assert prog.enrolments_of(a) == before_api["a"]
    assert ENR_ID.match(e_a["id"]) and first["id"]
    assert srv.stop() == 0, srv.stderr()

    data = copy_data(srv.data, tmp_path / "d")
    before = dump(data)
    assert len(before["courses"]) == 2 and len(before["training_sessions"]) == 3
    assert len(before["enrolments"]) == 5 and len(before["qualifications"]) == 2
    assert len(before["training_targets"]) == 1
    r = cli("rebuild", "--data", data, "--check")
    assert r.returncode == 0 and "identical" in r.stdout, r.stdout + r.stderr
    r = cli("rebuild", "--data", data)
    assert r.returncode == 0, r.stdout + r.stderr
    assert dump(data) == before

    for n, damage in enumerate(("UPDATE enrolments SET state = 'enrolled'",
                                "DELETE FROM qualifications",
                                "UPDATE courses SET prerequisites = '[]'",
                                "UPDATE training_targets SET required = 1")):
        broken = copy_data(srv.data, tmp_path / f"broken{n}")
        sqlite(broken / "liaison.db", damage)
        assert dump(broken) != before
        r = cli("rebuild", "--data", broken, "--check")
        assert r.returncode != 0 and "DIFFERED" in r.stdout, damage
        r = cli("rebuild", "--data", broken)
        assert r.returncode == 0, r.stdout + r.stderr
        assert dump(broken) == before, damage
