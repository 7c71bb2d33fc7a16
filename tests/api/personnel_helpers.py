"""Helpers for tests that need the personnel registry (docs/personnel.md): units, persons, a
small force, CSV files and the import. Other capabilities' tests (vetting, training,
analytics) import these too.

`session` arguments take a conftest.Client (from `login(server, "pasf.hr")`) or a
requests.Session logged in with `server.login(...)`; None logs in as pasf.hr, the
registry party's HR officer, who is the one allowed to change the registry.
"""

import csv
import io
import itertools
import uuid

from conftest import Client, login

REGISTRY_HR = "pasf.hr"
BOM = "\ufeff"
COLUMNS = ["service_number", "name_ar", "name_en", "sex", "birth_date", "joined_on", "service",
           "unit", "post", "rank", "status", "education", "notes"]
EXPORT_COLUMNS = ["id"] + COLUMNS

# Governorate P-codes (data/governorates.geojson).
JENIN, NABLUS, RAMALLAH, HEBRON = "PS0101", "PS0115", "PS0130", "PS0150"

_serial = itertools.count(1)
_run = uuid.uuid4().hex[:6].upper()


def next_service_number(prefix="T"):
    """A service number no other call in this test session returns."""
    return f"{prefix}-{_run}-{next(_serial):06d}"


def _client(server, session):
    if session is None:
        return login(server, REGISTRY_HR)
    if isinstance(session, Client):
        return session
    return Client(server, session)


# --- Units ---------------------------------------------------------------------------------


def unit_body(id, service, district=None, parent=None, name_en=None, name_ar=None):
    body = {"id": id, "service": service,
            "name_en": name_en or f"Unit {id}",
            "name_ar": name_ar or f"وحدة {id}"}
    if parent is not None:
        body["parent"] = parent
    if district is not None:
        body["district"] = district
    return body


def post(code, band, authorised, title_en=None, title_ar=None):
    return {"post": code, "band": band, "authorised": authorised,
            "title_en": title_en or f"Post {code}", "title_ar": title_ar or f"وظيفة {code}"}


def make_unit(server, session, id, service, district=None, parent=None, posts=None,
              exist_ok=False, **names):
    """Defines the unit (POST /establishment/units) and, when `posts` is given, its
    establishment (PUT). Returns the unit as the server replies. With exist_ok, a unit that
    exists already is read back instead (its posts are still set when given)."""
    c = _client(server, session)
    r = c.post("/api/v1/establishment/units",
               json=unit_body(id, service, district, parent, **names))
    if r.status_code == 409 and exist_ok:
        unit = {"id": id}
    else:
        assert r.status_code == 201, f"unit {id}: {r.status_code} {r.text[:500]}"
        unit = r.json()
    if posts is not None:
        r = c.request("PUT", f"/api/v1/establishment/units/{id}", json={"posts": posts})
        assert r.status_code == 200, f"posts of {id}: {r.status_code} {r.text[:500]}"
        unit = r.json()
    return unit


# --- Persons -------------------------------------------------------------------------------


def person_fields(**fields):
    """A complete, valid person (an NSF sergeant at the NSF headquarters) with a fresh service
    number; `fields` override. A value None leaves the field out."""
    body = {"service_number": next_service_number(), "name_ar": "محمد أحمد",
            "name_en": "Mohammad Ahmad", "sex": "m", "birth_date": "1990-03-14",
            "joined_on": "2012-07-01", "service": "NSF", "unit": "NSF", "rank": "SGT"}
    body.update(fields)
    return {k: v for k, v in body.items() if v is not None}


def register_person(server, session=None, expect=201, **fields):
    """POST /api/v1/personnel with person_fields(**fields); returns the person (or, when
    `expect`, the HTTP status expected, is not 201, the response)."""
    c = _client(server, session)
    r = c.post("/api/v1/personnel", json=person_fields(**fields))
    if expect != 201:
        assert r.status_code == expect, f"register: {r.status_code} {r.text[:500]}"
        return r
    assert r.status_code == 201, f"register: {r.status_code} {r.text[:500]}"
    return r.json()


def career_event(server, session, person_id, kind, effective, expect=201, **fields):
    """POST /api/v1/personnel/{id}/events; returns the reply ({event, person}) or, when
    `expect`, the HTTP status expected, is not 201, the response."""
    c = _client(server, session)
    r = c.post(f"/api/v1/personnel/{person_id}/events",
               json={"kind": kind, "effective": effective, **fields})
    assert r.status_code == expect, f"{kind} of {person_id}: {r.status_code} {r.text[:500]}"
    return r.json() if expect == 201 else r


# The small force of make_force: (id, service, district, parent, posts).
FORCE_UNITS = [
    ("NSF", "NSF", None, None, [post("CMD", "officer", 2), post("STAFF", "nco", 4)]),
    ("NSF-PS0101", "NSF", JENIN, "NSF",
     [post("CO", "officer", 3), post("NCO", "nco", 6), post("RIFLE", "enlisted", 12)]),
    ("NSF-PS0101-1", "NSF", JENIN, "NSF-PS0101", [post("RIFLE", "enlisted", 4)]),
    ("CP", "CP", None, None, [post("CMD", "officer", 1)]),
    ("CP-PS0115", "CP", NABLUS, "CP", [post("STN", "officer", 2), post("PTL", "enlisted", 8)]),
]

# Its persons: (rank, unit).
FORCE_PERSONS = [
    ("COL", "NSF"), ("MAJ", "NSF-PS0101"), ("CPT", "NSF-PS0101"), ("SGT", "NSF-PS0101"),
    ("SSG", "NSF-PS0101"), ("PVT", "NSF-PS0101"), ("CPL", "NSF-PS0101-1"),
    ("PVT", "NSF-PS0101-1"), ("LTC", "CP"), ("CPT", "CP-PS0115"), ("PVT", "CP-PS0115"),
    ("CPL", "CP-PS0115"),
]


def make_force(server, session=None, persons=True):
    """A small force: NSF (headquarters, Jenin district command and a company) and CP
    (headquarters and the Nablus district command), each with an establishment, and (with
    `persons`) twelve persons across them. Units that exist are kept, so a module-scoped
    server may call it more than once; the persons are new on every call. Returns
    {"units": [ids], "persons": [person json]}."""
    c = _client(server, session)
    for uid, service, district, parent, posts in FORCE_UNITS:
        make_unit(server, c, uid, service, district, parent, posts, exist_ok=True)
    out = {"units": [u[0] for u in FORCE_UNITS], "persons": []}
    if persons:
        for i, (rank, unit) in enumerate(FORCE_PERSONS):
            service = unit.split("-")[0]
            out["persons"].append(register_person(
                server, c, rank=rank, unit=unit, service=service,
                name_en=f"Force Member {i}", name_ar=f"عضو القوة {ARABIC_DIGITS[i % 10]}",
                birth_date=f"{1970 + i}-0{1 + i % 9}-1{i % 9}", joined_on=f"{1995 + i}-06-01"))
    return out


ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"


# --- CSV -----------------------------------------------------------------------------------


def csv_text(rows, columns=None, bom=False, line_end="\r\n"):
    """CSV text (RFC 4180 quoting) of `rows` (dicts; missing keys are empty) under a header
    of `columns` (default: COLUMNS, or the keys of the first row when it has others)."""
    if columns is None:
        columns = COLUMNS if not rows or set(rows[0]) <= set(COLUMNS) else list(rows[0])
    out = io.StringIO()
    w = csv.writer(out, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL)
    w.writerow(columns)
    for row in rows:
        w.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return (BOM if bom else "") + out.getvalue()


def csv_rows(text):
    """The rows of a CSV text (a BOM is dropped) as dicts keyed by its header."""
    if text.startswith(BOM):
        text = text[1:]
    return list(csv.DictReader(io.StringIO(text, newline="")))


CSV = {"Content-Type": "text/csv; charset=utf-8"}


def dry_run(client, text):
    """POST /personnel/import/dry-run; returns the response."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post("/api/v1/personnel/import/dry-run", data=data, headers=CSV, timeout=120)


def commit(client, text, digest):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(f"/api/v1/personnel/import/commit?digest={digest}", data=data,
                       headers=CSV, timeout=300)


def import_csv(client, text):
    """Dry run, then commit, of a clean file; returns the commit's reply
    ({import, registered, seq})."""
    r = dry_run(client, text)
    assert r.status_code == 200, r.text[:500]
    report = r.json()
    assert report["error_count"] == 0, report["errors"][:5]
    r = commit(client, text, report["digest"])
    assert r.status_code == 201, r.text[:500]
    return r.json()


def export(client, query=""):
    """GET /personnel/export; returns the response (its .content are the file's bytes)."""
    return client.get("/api/v1/personnel/export" + (f"?{query}" if query else ""), timeout=120)


def search_all(client, query="", limit=200):
    """Every person of GET /personnel?query, following `next`."""
    from urllib.parse import quote
    items, cursor = [], None
    while True:
        q = query + f"&limit={limit}"
        if cursor is not None:
            q += "&cursor=" + quote(str(cursor), safe="")
        r = client.get("/api/v1/personnel?" + q.lstrip("&"))
        assert r.status_code == 200, f"{query}: {r.status_code} {r.text[:300]}"
        page = r.json()
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            return items
