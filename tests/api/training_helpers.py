"""Helpers for the training tests (docs/training.md): a `Programme` that builds what a test
needs through the API alone (units and persons in the registry, clearances by the
coordinator's vetting officer, courses, sessions, enrolments, results), and calendar
arithmetic done here, independently of the server's."""

import calendar
import itertools
import re
from datetime import date, datetime, timedelta, timezone

from conftest import Client, assert_problem

SES_ID = re.compile(r"^SES-\d{4}-\d{6}$")
ENR_ID = re.compile(r"^ENR-\d{4}-\d{6}$")
TGT_ID = re.compile(r"^TGT-\d{4}-\d{6}$")
REASONS = ["not_cleared", "unit_not_cleared", "prerequisite_missing", "session_full",
           "not_active"]
DAY = 86_400

_serial = itertools.count(1)


def serial():
    """A number no other call in this test session returns."""
    return next(_serial)


# --- Calendar ------------------------------------------------------------------------------


def today(server):
    """The server's UTC date (its clock includes the test offset)."""
    return datetime.fromtimestamp(server.now(), tz=timezone.utc).date()


def day(server, offset):
    """The server's date `offset` days from today, as YYYY-MM-DD."""
    return (today(server) + timedelta(days=offset)).isoformat()


def add_months(iso_date, months):
    """The same day `months` later, or that month's last day when it is shorter."""
    d = date.fromisoformat(iso_date)
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1])).isoformat()


def days_until(server, iso_date):
    return (date.fromisoformat(iso_date) - today(server)).days


# --- The programme through the API -----------------------------------------------------------


class Staff(Client):
    """A logged-in user that logs in again when the session has ended: the tests move the
    clock by days, past the sessions' idle and absolute limits."""

    def request(self, method, path, **kw):
        r = super().request(method, path, **kw)
        if r.status_code == 401:
            self.s = self.server.login(self.username)
            r = super().request(method, path, **kw)
        return r


def staff(server, username):
    return Staff(server, server.login(username), username)


def ok(r, status=200, what=""):
    assert r.status_code == status, f"{what}: expected {status}, got {r.status_code} {r.text[:600]}"
    return r.json()


class Programme:
    """The staff a training test works with, and the records they make."""

    def __init__(self, server):
        self.server = server
        self.trainer = staff(server, "ussc.trainer")
        self.hr = staff(server, "pasf.hr")
        self.vetting = staff(server, "ussc.vetting")

    # The registry -----------------------------------------------------------------------

    def _define_unit(self, body):
        r = self.hr.post("/api/v1/establishment/units", json=body)
        if r.status_code == 409:  # a headquarters or district command another test made
            return body["id"]
        ok(r, 201, f"unit {body['id']}")
        return body["id"]

    def unit(self, service="NSF", district="PS0135"):
        """A new unit of its own (so its clearance is the test's alone) under the service's
        district command."""
        self._define_unit({"id": service, "service": service, "name_en": f"{service} HQ",
                           "name_ar": "القيادة العامة"})
        command = f"{service}-{district}"
        self._define_unit({"id": command, "parent": service, "service": service,
                           "district": district, "name_en": f"{service} {district}",
                           "name_ar": "قيادة المحافظة"})
        n = serial()
        return self._define_unit({"id": f"{command}-{n}", "parent": command, "service": service,
                                  "district": district, "name_en": f"Company {n}",
                                  "name_ar": f"السرية {n}"})

    def person(self, unit=None, service="NSF", status="active", name=None):
        """A new person of the registry; returns their record."""
        unit = unit or self.unit(service)
        n = serial()
        body = {"service_number": f"TRN-{n:06d}", "name_en": name or f"Trainee Number {n}",
                "name_ar": f"متدرب رقم {n}", "sex": "m", "birth_date": "1994-03-12",
                "joined_on": "2016-09-01", "service": service, "unit": unit, "rank": "CPL",
                "status": status}
        return ok(self.hr.post("/api/v1/personnel", json=body), 201, "register a person")

    def career(self, person_id, kind, **fields):
        body = {"kind": kind, "effective": day(self.server, 0), **fields}
        return ok(self.hr.post(f"/api/v1/personnel/{person_id}/events", json=body), 201,
                  f"career event {kind}")

    # Vetting -----------------------------------------------------------------------------

    def decide(self, kind, subject, status="cleared", valid_months=None):
        """A vetting request for the subject, decided by the coordinator's vetting officer."""
        request = ok(self.trainer.post("/api/v1/vetting", json={
            "subject": {"kind": kind, "id": subject}, "purpose": "course"}), 201, "request")
        body = {"status": status, "reason": f"Sample decision: {status}.",
                "sources": "Test sources."}
        if valid_months is not None:
            body["valid_months"] = valid_months
        r = self.vetting.post(f"/api/v1/vetting/{request['id']}/decision", json=body)
        assert r.status_code in (200, 201), f"decide {kind} {subject}: {r.status_code} {r.text}"
        return r.json()

    def clear(self, kind, subject, valid_months=None):
        return self.decide(kind, subject, "cleared", valid_months)

    def trainee(self, service="NSF", status="active", clear_person=True, clear_unit=True,
                unit=None):
        """A person in a unit of their own, cleared (and their unit) unless told otherwise."""
        unit = unit or self.unit(service)
        if clear_unit:
            self.clear("unit", unit)
        p = self.person(unit, service=service, status=status)
        if clear_person:
            self.clear("person", p["id"])
        return p

    def suspend_by_allegation(self, person):
        """A substantiated allegation about the person, registered and reviewed by the
        coordinator's vetting officer."""
        a = ok(self.vetting.post("/api/v1/allegations", json={
            "subject": {"kind": "person", "id": person["id"], "party": "pasf",
                        "label": person["name_en"]},
            "source": "Human-rights organisation report", "received_on": day(self.server, 0),
            "category": "torture", "summary": "Ill-treatment of a detainee during questioning."}),
            201, "register an allegation")
        for status in ("under_review", "substantiated"):
            r = self.vetting.post(f"/api/v1/allegations/{a['id']}/status",
                                  json={"status": status})
            assert r.status_code == 200, f"allegation {status}: {r.status_code} {r.text}"
        return a

    # Training ---------------------------------------------------------------------------

    def course(self, prerequisites=(), validity_months=12, capacity=30, duration_days=1,
               nation="IT", **extra):
        """A new course with a qualification of its own; returns the course."""
        n = serial()
        body = {"code": f"TC-{n}", "title_en": f"Test course {n}",
                "title_ar": f"دورة اختبار {n}", "nation": nation,
                "duration_days": duration_days, "capacity": capacity,
                "prerequisites": list(prerequisites), "qualification": f"Q-{n}",
                "validity_months": validity_months}
        body.update(extra)
        return ok(self.trainer.post("/api/v1/courses", json=body), 201, "define a course")

    def session(self, course, starts_in=10, **extra):
        body = {"course": course["code"], "starts_on": day(self.server, starts_in),
                "location": "Jericho training centre", "instructors": ["Lt. Marco Bellini"]}
        body.update(extra)
        s = ok(self.trainer.post("/api/v1/sessions", json=body), 201, "schedule a session")
        assert SES_ID.match(s["id"]), s
        return s

    def enrol(self, session, person, client=None):
        return (client or self.trainer).post("/api/v1/enrolments", json={
            "session": session["id"], "person": person["id"]})

    def enrolled(self, session, person, client=None):
        e = ok(self.enrol(session, person, client), 201, f"enrol {person['id']}")
        assert ENR_ID.match(e["id"]), e
        return e

    def check(self, session, person, client=None):
        return ok((client or self.trainer).post("/api/v1/enrolments/check", json={
            "session": session["id"], "person": person["id"]}), 200, "check")

    def refused(self, session, person, client=None):
        """An enrolment refused by the gate: returns its problem document."""
        p = assert_problem(self.enrol(session, person, client), 409)
        assert p["code"] == "failed_precondition", p
        return p

    def result(self, enrolment, result="passed", attendance=None, **extra):
        body = {"result": result, **extra}
        if attendance is not None:
            body["attendance"] = attendance
        elif result != "absent":
            body["attendance"] = 1
        return self.trainer.post(f"/api/v1/enrolments/{enrolment['id']}/result", json=body)

    def qualify(self, course, *persons):
        """Runs a one-day session of the course for the persons (who must pass the gate),
        moves the clock past it and records their passes. Returns the session."""
        s = self.session(course, starts_in=1)
        enrolments = [self.enrolled(s, p) for p in persons]
        self.server.advance(2 * DAY)
        for e in enrolments:
            ok(self.result(e, "passed", attendance=1, score=80), 200, "pass")
        return s

    def enrolments_of(self, person, client=None):
        return ok((client or self.trainer).get(f"/api/v1/enrolments?person={person['id']}"),
                  200, "enrolments of a person")

    def qualification(self, person, code, client=None):
        held = {q["qualification"]: q for q in self.enrolments_of(person, client)["qualifications"]}
        return held.get(code)
