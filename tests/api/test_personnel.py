"""The personnel registry (docs/personnel.md): reference data, units and their establishment,
registering persons, career events deriving the current state, search, and who may see what
(isf never; pasf HR its own; the coordinator's HR, vetting and training staff), with the
marker scan over responses, stream frames and audit events, and every read of a person's
record in the audit log. The CSV import and export are in test_personnel_import.py."""

import asyncio
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import (PASSWORD, assert_problem, cli, login, ws_connect, ws_recv_json)
from personnel_helpers import (FORCE_PERSONS, FORCE_UNITS, HEBRON, JENIN, NABLUS, career_event,
                               make_force, make_unit, next_service_number, person_fields, post,
                               register_person, search_all)
from request_helpers import barrier, events_until
from returns_helpers import Recorder

REFERENCE = json.loads((Path(__file__).resolve().parents[2] / "data" / "personnel" /
                        "reference.json").read_text())
RANKS = {r["code"]: r for r in REFERENCE["ranks"]}
READERS = ("pasf.hr", "ussc.hr", "ussc.vetting", "ussc.trainer")
# Everyone else of the demo (besides isf.hr, added by the tests that need one).
NON_READERS = ("isf.jenin", "isf.admin", "isf.auditor", "isf.commander", "isf.analyst",
               "pasf.jenin", "pasf.admin", "pasf.auditor", "pasf.commander", "pasf.analyst",
               "ussc.duty", "ussc.admin", "ussc.auditor", "ussc.commander", "ussc.analyst")


def today():
    return datetime.now(timezone.utc).date()


def audit_events(client, type_prefix, after=0):
    r = client.get(f"/api/v1/audit/events?type={type_prefix}&after={after}&limit=1000")
    assert r.status_code == 200, r.text
    return r.json()["items"]


def reads_of(auditor, subject, what=None):
    return [e for e in audit_events(auditor, "access")
            if e["type"] == "access.read" and e["subject"] == subject
            and (what is None or e["body"]["what"] == what)]


def add_isf_hr(server):
    """An isf HR officer: the role that reads a registry, in a party that owns none."""
    r = login(server, "isf.admin").post("/api/v1/users", json={
        "username": "isf.hr", "unit": "isf/hq", "roles": ["hr"], "password": PASSWORD})
    assert r.status_code in (201, 409), r.text
    return login(server, "isf.hr")


@pytest.fixture(scope="module")
def hr(server):
    return login(server, "pasf.hr")


@pytest.fixture(scope="module")
def force(server, hr):
    return make_force(server, hr)


# --- Reference data ---------------------------------------------------------------------------


def test_the_reference_data_lists_services_ranks_bands_and_statuses(server, force):
    for user in READERS:
        r = login(server, user).get("/api/v1/personnel/reference")
        assert r.status_code == 200, (user, r.text)
        ref = r.json()
        assert ref["currency"] == REFERENCE["currency"] == "ILS"
        assert [s["code"] for s in ref["services"]] == [s["code"] for s in REFERENCE["services"]]
        assert {s["code"] for s in ref["services"]} >= {"NSF", "CP", "PSS", "GIS", "PG", "CD",
                                                        "MI", "MLO", "MMS"}
        assert ref["ranks"] == sorted(REFERENCE["ranks"], key=lambda r: r["grade"])
        assert ref["bands"] == ["officer", "nco", "enlisted"]
        assert ref["statuses"] == ["active", "suspended", "retired", "separated", "deceased"]
        assert {"appointment", "promotion", "transfer", "training_completed"} <= set(
            ref["career_event_kinds"])
        jenin = next(d for d in ref["districts"] if d["pcode"] == JENIN)
        assert jenin["name_en"] == "Jenin" and jenin["name_ar"]
    for user in NON_READERS:
        assert_problem(login(server, user).get("/api/v1/personnel/reference"), 403)


# --- Units and the establishment --------------------------------------------------------------


def test_units_form_a_tree_by_service_and_governorate(server, hr, force):
    unit = make_unit(server, hr, "NSF-PS0150", "NSF", parent="NSF", district=HEBRON,
                     name_en="NSF Hebron", name_ar="قوات الأمن الوطني - الخليل")
    assert unit["parent"] == "NSF" and unit["district"] == HEBRON
    assert unit["name_ar"] == "قوات الأمن الوطني - الخليل"
    assert unit["party"] == "pasf" and unit["shared_with"] == ["ussc"]
    assert isinstance(unit["seq"], int)
    # A child takes its parent's governorate.
    child = make_unit(server, hr, "NSF-PS0150-1", "NSF", parent="NSF-PS0150")
    assert child["district"] == HEBRON

    def refused(field, status=400, **body):
        full = {"id": "NSF-PS0150-9", "service": "NSF", "name_en": "X", "name_ar": "وحدة",
                "parent": "NSF-PS0150", **body}
        r = hr.post("/api/v1/establishment/units", json={k: v for k, v in full.items()
                                                           if v is not None})
        assert_problem(r, status, field=field)

    refused("/id", id="nsf-lower")
    refused("/id", id="CP-PS0150-9")           # not its service's prefix
    refused("/service", service="XX", id="XX-1")
    refused("/parent", parent="NSF-NOPE")
    refused("/parent", id="CP-PS0150-9", service="CP")   # a parent of another service
    refused("/district", district=NABLUS)                # not the parent's governorate
    refused("/district", parent=None, id="NSF-PS9999", district="PS9999")
    refused("/name_ar", name_ar="Latin only")
    refused("/name_en", name_en=None)
    refused("/colour", colour="red")
    refused("/id", status=409, id="NSF-PS0150")
    # Only the registry party's HR defines units.
    for user in ("ussc.hr", "ussc.vetting", "isf.admin", "pasf.jenin"):
        r = login(server, user).post("/api/v1/establishment/units", json={
            "id": "NSF-PS0150-8", "service": "NSF", "name_en": "X", "name_ar": "وحدة"})
        assert_problem(r, 403)


def test_the_establishment_counts_posts_and_strength_per_band(server, hr, force):
    uid = "NSF-PS0130"
    make_unit(server, hr, uid, "NSF", parent="NSF", district="PS0130",
              posts=[post("CO", "officer", 2), post("SGT", "nco", 3),
                     post("RIFLE", "enlisted", 10), post("RIFLE2", "enlisted", 5)])
    for rank in ("CPT", "SGT", "PVT", "PVT", "CPL"):
        register_person(server, hr, unit=uid, rank=rank)
    # Persons off strength do not count.
    gone = register_person(server, hr, unit=uid, rank="PVT", status="retired")
    assert gone["status"] == "retired"
    units = {u["id"]: u for u in search_units(hr, "district=PS0130")}
    u = units[uid]
    assert u["authorised"] == {"officer": 2, "nco": 3, "enlisted": 15, "total": 20}
    assert u["strength"] == {"officer": 1, "nco": 1, "enlisted": 3, "total": 5}
    assert [p["post"] for p in u["posts"]] == ["CO", "RIFLE", "RIFLE2", "SGT"]
    # The posts are replaced as a whole.
    r = hr.request("PUT", f"/api/v1/establishment/units/{uid}",
                   json={"posts": [post("CO", "officer", 1)]})
    assert r.status_code == 200, r.text
    assert r.json()["authorised"] == {"officer": 1, "nco": 0, "enlisted": 0, "total": 1}
    # Filters.
    assert {u["id"] for u in search_units(hr, "service=CP")} >= {"CP", "CP-PS0115"}
    assert all(u["service"] == "CP" for u in search_units(hr, "service=CP"))
    # The coordinator's programme staff read it too; nobody else.
    for user in ("ussc.hr", "ussc.vetting", "ussc.trainer"):
        assert uid in {u["id"] for u in search_units(login(server, user), "district=PS0130")}
    for user in ("isf.admin", "pasf.jenin", "pasf.analyst"):
        assert_problem(login(server, user).get("/api/v1/establishment"), 403)


def search_units(client, query=""):
    items, cursor = [], None
    while True:
        q = query + "&limit=2" + (f"&cursor={cursor}" if cursor else "")
        r = client.get("/api/v1/establishment?" + q.lstrip("&"))
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        cursor = r.json()["next"]
        if cursor is None:
            assert len({u["id"] for u in items}) == len(items), "a unit on two pages"
            return items


def test_establishment_posts_are_checked(server, hr, force):
    def refused(field, posts):
        r = hr.request("PUT", "/api/v1/establishment/units/NSF-PS0101-1", json={"posts": posts})
        assert_problem(r, 400, field=field)

    refused("/posts/0/band", [post("A", "general", 1)])
    refused("/posts/1/post", [post("A", "nco", 1), post("A", "nco", 2)])
    refused("/posts/0/authorised", [post("A", "nco", -1)])
    refused("/posts/0/title_ar", [post("A", "nco", 1, title_ar="Sergeant")])
    refused("/posts/0/post", [post("A B", "nco", 1)])
    refused("/posts", "none")
    r = hr.request("PUT", "/api/v1/establishment/units/NSF-NOPE", json={"posts": []})
    assert_problem(r, 404)
    r = login(server, "ussc.hr").request("PUT", "/api/v1/establishment/units/NSF-PS0101-1",
                                         json={"posts": []})
    assert_problem(r, 403)


# --- Registering persons ----------------------------------------------------------------------


def test_a_registered_person_reads_back_exactly_with_derived_fields(server, hr, force):
    name_ar = "عبدُ الرَّحمن بن عوف، أبو محمد"   # with diacritics and the Arabic comma
    fields = person_fields(name_ar=name_ar, name_en="Abd al-Rahman ibn Awf", sex="m",
                           birth_date="1984-02-29", joined_on="2004-03-01", service="NSF",
                           unit="NSF-PS0101-1", post="RIFLE", rank="CPT",
                           education="BA Law, Birzeit", notes="Line one\nسطر ثان")
    r = hr.post("/api/v1/personnel", json=fields)
    assert r.status_code == 201, r.text
    p = r.json()
    assert p["id"].startswith("PER-") and len(p["id"]) == 11
    for k, v in fields.items():
        assert p[k] == v, k
    assert p["band"] == RANKS["CPT"]["band"] == "officer"
    assert p["district"] == JENIN            # the unit's governorate
    assert p["status"] == "active" and p["status_since"] == "2004-03-01"
    assert p["synthetic"] is False and p["import"] is None
    assert isinstance(p["seq"], int)

    got = hr.get(f"/api/v1/personnel/{p['id']}").json()
    for k in fields:
        assert got[k] == p[k], k
    assert got["rank_title_ar"] == RANKS["CPT"]["title_ar"]
    assert got["rank_title_en"] == "Captain"
    assert got["unit_name_en"] == "Unit NSF-PS0101-1"
    assert got["vetting"]["status"] == "none" and got["vetting"]["unit"]["status"] == "none"

    # A person without a district: the headquarters is national.
    national = register_person(server, hr, unit="NSF")
    assert national["district"] is None and national["post"] is None and national["sex"] == "m"


@pytest.mark.parametrize("fields,field,reason", [
    ({"service_number": None}, "/service_number", "required"),
    ({"name_ar": "Mohammad"}, "/name_ar", "not_arabic"),
    ({"name_en": "x" * 201}, "/name_en", "too_long"),
    ({"name_en": "two\nlines"}, "/name_en", "invalid_value"),
    ({"sex": "x"}, "/sex", "invalid_value"),
    ({"birth_date": "1990-02-30"}, "/birth_date", "invalid_date"),
    ({"joined_on": "2999-01-01"}, "/joined_on", "invalid_date"),
    ({"joined_on": "1995-01-01", "birth_date": "1990-01-01"}, "/joined_on", "invalid_date"),
    ({"service": "XX"}, "/service", "unknown_service"),
    ({"unit": "NSF-NOPE"}, "/unit", "unknown_unit"),
    ({"service": "CP"}, "/unit", "unit_service_mismatch"),
    ({"rank": "GEN"}, "/rank", "unknown_rank"),
    ({"status": "missing"}, "/status", "invalid_status"),
    ({"notes": "n" * 4001}, "/notes", "too_long"),
])
def test_registration_refuses_a_field_at_fault(server, hr, force, fields, field, reason):
    body = person_fields(**fields)
    r = hr.post("/api/v1/personnel", json=body)
    p = assert_problem(r, 400, field=field)
    assert p["reason"] == reason
    assert (p["errors"][0]["field"], p["errors"][0]["code"]) == (field, reason)
    # Nothing was written.
    if body.get("service_number"):
        assert search_all(hr, f"q={body['service_number']}") == []


def test_registration_reports_every_field_and_refuses_types_and_duplicates(server, hr, force):
    r = hr.post("/api/v1/personnel", json=person_fields(name_ar="abc", rank="X", sex="q"))
    p = assert_problem(r, 400, field="/name_ar")
    assert [(e["field"], e["code"]) for e in p["errors"]] == [
        ("/name_ar", "not_arabic"), ("/sex", "invalid_value"), ("/rank", "unknown_rank")]
    assert_problem(hr.post("/api/v1/personnel", json=person_fields(rank=3)), 400, field="/rank")
    assert_problem(hr.post("/api/v1/personnel", json=person_fields(id="PER-0000001")), 400,
                   field="/id")
    taken = force["persons"][0]["service_number"]
    r = hr.post("/api/v1/personnel", json=person_fields(service_number=taken))
    assert assert_problem(r, 409, field="/service_number")["reason"] == "duplicate_in_registry"
    # Only the registry party's HR registers.
    for user in ("ussc.hr", "ussc.trainer", "pasf.admin", "isf.admin"):
        assert_problem(login(server, user).post("/api/v1/personnel", json=person_fields()), 403)


# --- Career events ----------------------------------------------------------------------------


def test_career_events_derive_the_current_state(server, hr, force):
    p = register_person(server, hr, unit="NSF-PS0101", rank="SGT", joined_on="2010-01-01")
    pid = p["id"]
    out = career_event(server, hr, pid, "promotion", "2014-05-01", rank="2LT", post="CO",
                       note="Officer course passed")
    assert out["event"]["kind"] == "promotion" and out["event"]["author"] == "pasf.hr"
    assert out["event"]["changes"] == {"rank": "2LT", "band": "officer", "post": "CO"}
    assert out["person"]["rank"] == "2LT" and out["person"]["band"] == "officer"
    assert isinstance(out["seq"], int) and out["event"]["seq"] == out["seq"]

    out = career_event(server, hr, pid, "transfer", "2016-01-01", unit="CP-PS0115")
    person = out["person"]
    assert (person["unit"], person["service"], person["district"], person["post"]) == (
        "CP-PS0115", "CP", NABLUS, None)
    career_event(server, hr, pid, "suspension", "2018-01-01", note="Inquiry")
    got = hr.get(f"/api/v1/personnel/{pid}").json()
    assert got["status"] == "suspended" and got["status_since"] == "2018-01-01"
    career_event(server, hr, pid, "reinstatement", "2018-06-01")
    # A backdated event: a promotion before the transfer, recorded last, folds in its place.
    out = career_event(server, hr, pid, "promotion", "2015-03-01", rank="1LT")
    assert out["person"]["rank"] == "1LT" and out["person"]["unit"] == "CP-PS0115"
    assert out["person"]["status"] == "active" and out["person"]["status_since"] == "2018-06-01"
    events = hr.get(f"/api/v1/personnel/{pid}/events").json()
    assert events["next"] is None
    assert [(e["kind"], e["effective"]) for e in events["items"]] == [
        ("appointment", "2010-01-01"), ("promotion", "2014-05-01"), ("promotion", "2015-03-01"),
        ("transfer", "2016-01-01"), ("suspension", "2018-01-01"),
        ("reinstatement", "2018-06-01")]
    assert events["items"][0]["changes"]["rank"] == "SGT"
    assert events["items"][1]["note"] == "Officer course passed"
    # A later promotion must be to a higher rank than the latest.
    career_event(server, hr, pid, "promotion", "2020-01-01", rank="1LT", expect=409)
    career_event(server, hr, pid, "promotion", "2020-01-01", rank="CPT")
    career_event(server, hr, pid, "retirement", "2024-01-01")
    got = hr.get(f"/api/v1/personnel/{pid}").json()
    assert (got["rank"], got["status"], got["status_since"]) == ("CPT", "retired", "2024-01-01")


def test_career_events_that_make_no_sense_are_refused(server, hr, force):
    pid = register_person(server, hr, joined_on="2010-01-01")["id"]
    future = (today() + timedelta(days=2)).isoformat()

    def refused(status, field, kind, effective="2020-01-01", **extra):
        r = career_event(server, hr, pid, kind, effective, expect=status, **extra)
        assert_problem(r, status, field=field)

    refused(400, "/effective", "suspension", future)
    refused(400, "/effective", "suspension", "2009-12-31")      # before joining
    refused(400, "/effective", "suspension", "2020-02-30")
    refused(400, "/kind", "demotion")
    refused(400, "/kind", "appointment")
    refused(400, "/kind", "training_completed")
    refused(400, "/rank", "promotion")                         # no rank
    refused(400, "/rank", "promotion", rank="GEN")
    refused(400, "/rank", "suspension", rank="CPT")
    refused(400, "/unit", "transfer")
    refused(400, "/unit", "transfer", unit="NSF-NOPE")
    refused(400, "/post", "retirement", post="X")
    refused(409, "/rank", "promotion", rank="SGT")              # the same rank
    refused(409, "/rank", "promotion", rank="PVT")              # a lower one
    refused(409, "/unit", "transfer", unit="NSF")               # where they are
    refused(409, "/kind", "reinstatement")                      # not suspended
    career_event(server, hr, pid, "death", "2021-01-01")
    refused(409, "/kind", "reinstatement", "2022-01-01")        # the deceased stay so
    refused(409, "/kind", "death", "2022-01-01")
    refused(409, "/kind", "retirement", "2022-01-01")
    # Backdated before the death, but the death then follows a retirement: allowed; a
    # suspension backdated under it too. A promotion after a backdated retirement is not.
    career_event(server, hr, pid, "retirement", "2020-06-01")
    refused(409, "/kind", "suspension", "2020-07-01")
    refused(409, "/rank", "promotion", "2020-07-01", rank="CPT")
    got = hr.get(f"/api/v1/personnel/{pid}").json()
    assert (got["status"], got["status_since"]) == ("deceased", "2021-01-01")
    assert_problem(hr.post("/api/v1/personnel/PER-9999999/events",
                           json={"kind": "suspension", "effective": "2020-01-01"}), 404)
    r = login(server, "ussc.hr").post(f"/api/v1/personnel/{pid}/events",
                                      json={"kind": "suspension", "effective": "2020-01-01"})
    assert_problem(r, 403)


# --- Search -----------------------------------------------------------------------------------


def test_search_filters_and_pages(server, hr, force):
    tag = next_service_number("SRCH")
    made = [register_person(server, hr, service_number=f"{tag}-{i}", unit=unit,
                            service=unit.split("-")[0], rank=rank,
                            name_en=f"Searchable Zaid{i}", name_ar=f"زيد البحث {i}",
                            status=status)
            for i, (unit, rank, status) in enumerate([
                ("NSF-PS0101", "CPT", "active"), ("NSF-PS0101-1", "PVT", "suspended"),
                ("CP-PS0115", "SGT", "retired"), ("NSF", "MAJ", "active"),
                ("CP-PS0115", "PVT", "active")])]
    ids = [p["id"] for p in made]

    def found(query):
        return [p["id"] for p in search_all(hr, f"q={tag}&{query}", limit=2)]

    assert found("") == ids[::-1]                     # newest first, over three pages
    assert found("service=CP") == [ids[4], ids[2]]
    assert found("unit=NSF-PS0101") == [ids[1], ids[0]]   # with its sub-units
    assert found("unit=NSF") == [ids[3], ids[1], ids[0]]
    assert found("rank=PVT,CPT") == [ids[4], ids[1], ids[0]]
    assert found("band=officer") == [ids[3], ids[0]]
    assert found("status=on_strength") == [ids[4], ids[3], ids[1], ids[0]]
    assert found("status=retired") == [ids[2]]
    assert found(f"district={JENIN}") == [ids[1], ids[0]]
    # q: a service number prefix, or part of either name (English in any case).
    assert [p["id"] for p in search_all(hr, "q=searchable zaid3")] == [ids[3]]
    assert [p["id"] for p in search_all(hr, "q=زيد البحث 2")] == [ids[2]]
    assert search_all(hr, f"q={tag[2:]}") == []       # not a prefix
    assert search_all(hr, "q=%25%25%25") == []         # wildcards are literal
    for bad in ("band=general", "status=alive", "limit=0", "cursor=x", "q=" + "x" * 101):
        assert_problem(hr.get("/api/v1/personnel?" + bad), 400)


def test_a_search_is_an_access_event(server, hr, force):
    auditor = login(server, "pasf.auditor")
    before = len(reads_of(auditor, "personnel", "personnel.search"))
    search_all(hr, "service=NSF", limit=200)
    after = reads_of(auditor, "personnel", "personnel.search")
    assert len(after) == before + 1 and after[-1]["actor"] == "pasf.hr"


# --- Visibility -------------------------------------------------------------------------------


def test_every_read_of_a_person_is_an_access_event_for_the_readers_auditors(server, hr, force):
    pid = force["persons"][1]["id"]
    subject = f"person/{pid}"
    pasf_auditor, ussc_auditor = login(server, "pasf.auditor"), login(server, "ussc.auditor")
    n_pasf, n_ussc = len(reads_of(pasf_auditor, subject)), len(reads_of(ussc_auditor, subject))
    for _ in range(2):
        assert hr.get(f"/api/v1/personnel/{pid}").status_code == 200
    assert hr.get(f"/api/v1/personnel/{pid}/events").status_code == 200
    got = reads_of(pasf_auditor, subject)
    assert len(got) == n_pasf + 3
    assert [e["body"]["what"] for e in got[-3:]] == ["personnel.person"] * 2 + ["personnel.career"]
    assert all(e["actor"] == "pasf.hr" for e in got[-3:])
    for user in ("ussc.vetting", "ussc.trainer"):
        assert login(server, user).get(f"/api/v1/personnel/{pid}").status_code == 200
    got = reads_of(ussc_auditor, subject)
    assert [e["actor"] for e in got[n_ussc:]] == ["ussc.vetting", "ussc.trainer"]
    assert len(reads_of(pasf_auditor, subject)) == n_pasf + 3   # in the reader's party's log
    # A refused read is not a read.
    assert_problem(login(server, "isf.admin").get(f"/api/v1/personnel/{pid}"), 403)
    assert_problem(hr.get("/api/v1/personnel/PER-9999999"), 404)
    assert len(reads_of(pasf_auditor, "person/PER-9999999")) == 0


def test_isf_never_sees_personnel_and_the_coordinator_reads_with_the_marker_scan(server, hr,
                                                                                   force):
    isf_hr = add_isf_hr(server)
    marker = "Zq" + next_service_number("MRK").replace("-", "")
    outsiders = [Recorder(login(server, u)) for u in (
        "isf.jenin", "isf.admin", "isf.auditor", "isf.commander", "isf.analyst")]
    outsiders.append(Recorder(isf_hr))
    outsiders.append(Recorder(login(server, "pasf.jenin")))
    insiders = {u: login(server, u) for u in ("ussc.hr", "ussc.vetting", "ussc.trainer")}

    async def main():
        streams = {}
        for c in outsiders + [insiders["ussc.hr"]]:
            ws = await ws_connect(server, c.cookie)
            assert (await ws_recv_json(ws))["type"] == "hello"
            streams[c.username] = ws
        p = register_person(server, hr, name_en=f"Marker {marker}", notes=f"note {marker}",
                            unit="NSF-PS0101")
        career_event(server, hr, p["id"], "suspension", today().isoformat(),
                     note=f"suspended {marker}")
        seq = barrier(server, marker.lower()[-10:])
        frames = {u: await events_until(ws, seq) for u, ws in streams.items()}
        for ws in streams.values():
            await ws.close()
        return p, frames

    person, frames = asyncio.run(main())
    pid = person["id"]
    # The coordinator's HR gets the registration and the career event pushed.
    pushed = [e for e in frames["ussc.hr"] if marker in json.dumps(e, ensure_ascii=False)]
    assert {e["type"] for e in pushed} == {"personnel.registered", "personnel.career_recorded"}
    for user, events in frames.items():
        if user != "ussc.hr":
            text = json.dumps(events, ensure_ascii=False)
            assert marker not in text, user
            assert not [e for e in events if e["type"].startswith("personnel.")], user

    # The coordinator's programme staff read the record, notes and all.
    for user, c in insiders.items():
        got = c.get(f"/api/v1/personnel/{pid}")
        assert got.status_code == 200, (user, got.text)
        assert marker in got.json()["notes"]
        assert any(p["id"] == pid for p in search_all(c, f"q=Marker {marker}"))
        assert marker in c.get(f"/api/v1/personnel/{pid}/events").text
    # Everything an outsider might try.
    for c in outsiders:
        for path in (f"/api/v1/personnel/{pid}", f"/api/v1/personnel/{pid}/events",
                     f"/api/v1/personnel?q={marker}", "/api/v1/personnel/export",
                     "/api/v1/personnel/reference", "/api/v1/establishment"):
            assert_problem(c.get(path), 403)
        for prefix in ("personnel", "access", ""):
            c.get(f"/api/v1/audit/events?type={prefix}&limit=1000")
        c.get("/api/v1/analytics/personnel/headcount")
        c.post(f"/api/v1/personnel/{pid}/events", json={"kind": "death", "effective": "2020-01-01"})
    for c in outsiders:
        # Only what came back counts (a query may name the marker).
        leaked = [t for t in c.texts if marker in t.split(" -> ", 1)[1]]
        assert not leaked, (c.username, leaked[:1])
    # The isf auditor's log holds none of the registry.
    isf_log = login(server, "isf.auditor").get("/api/v1/audit/events?limit=1000").json()["items"]
    assert isf_log and not [e for e in isf_log if e["type"].startswith("personnel.")]
    assert not [e for e in isf_log if e["subject"] == f"person/{pid}"]
    # The pasf auditor's log holds the registration, the isf one's never will.
    pasf_log = audit_events(login(server, "pasf.auditor"), "personnel")
    assert any(marker in json.dumps(e, ensure_ascii=False) for e in pasf_log)


# --- Restart and rebuild ----------------------------------------------------------------------


def test_the_registry_survives_a_restart_and_rebuilds_identically(make_server):
    srv = make_server()
    hr = login(srv, "pasf.hr")
    force = make_force(srv, hr)
    pid = force["persons"][2]["id"]
    career_event(srv, hr, pid, "transfer", "2020-01-01", unit="NSF-PS0101-1")
    career_event(srv, hr, pid, "promotion", "2019-01-01", rank="MAJ")   # backdated
    before = {p["id"]: p for p in search_all(hr)}
    events_before = hr.get(f"/api/v1/personnel/{pid}/events").json()
    units_before = search_units(hr)
    srv.restart()
    hr = login(srv, "pasf.hr")
    assert {p["id"]: p for p in search_all(hr)} == before
    assert hr.get(f"/api/v1/personnel/{pid}/events").json() == events_before
    assert search_units(hr) == units_before
    assert before[pid]["rank"] == "MAJ" and before[pid]["unit"] == "NSF-PS0101-1"
    assert srv.stop() == 0
    r = cli("rebuild", "--data", srv.data, "--check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "identical" in r.stdout and "DIFFERED" not in r.stdout
