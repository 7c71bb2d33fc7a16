"""Helpers shared by the vetting and allegations tests (docs/vetting.md): a small force of
the registry's own created through the personnel API, requests and decisions, the
allegations register, and the marker scan over everything a party's users can read."""

import itertools
import re
import time
from datetime import datetime, timezone
from urllib.parse import quote

from conftest import login
from deconfliction_helpers import find_leaks

VET_ID = re.compile(r"^VET-\d{4}-\d{6}$")
ALG_ID = re.compile(r"^ALG-\d{4}-\d{6}$")
DAY = 86400
STATUSES = ("received", "under_review", "referred", "substantiated", "not_substantiated",
            "remediated")
# The status machine, written from docs/vetting.md, not from the server.
NEXT = {
    "received": {"under_review"},
    "under_review": {"referred", "substantiated", "not_substantiated"},
    "referred": {"substantiated", "not_substantiated"},
    "substantiated": {"remediated"},
    "not_substantiated": set(),
    "remediated": set(),
}

_ids = itertools.count(1)


def unique(prefix="V"):
    """A token unique within the test session: upper-case letters and digits."""
    return f"{prefix}{next(_ids)}T{int(time.time() * 1000) % 100000}"


def ts(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


# --- The registry: units and persons of our own ------------------------------------------


class Force:
    """Units and persons created through the personnel API by the registry's HR officer
    (`pasf.hr`), each with an id unique to this test session, so tests sharing a server
    never touch each other's subjects."""

    SERVICE = "NSF"

    def __init__(self, server):
        self.server = server
        self.hr = login(server, "pasf.hr")
        r = self.hr.post("/api/v1/establishment/units", json={
            "id": self.SERVICE, "service": self.SERVICE, "name_en": "National Security Forces",
            "name_ar": "قوات الأمن الوطني"})
        assert r.status_code in (201, 409), r.text

    def relogin(self):
        """After the test clock moved past the session's lifetime."""
        self.hr = login(self.server, "pasf.hr")
        return self.hr

    def unit(self, parent=None, district="PS0101"):
        """A new unit under `parent` (default: the service's headquarters); its id."""
        uid = f"{parent or self.SERVICE}-{unique('U')}"
        body = {"id": uid, "parent": parent or self.SERVICE, "service": self.SERVICE,
                "name_en": f"Test unit {uid}", "name_ar": "وحدة اختبار"}
        if parent is None:
            body["district"] = district
        r = self.hr.post("/api/v1/establishment/units", json=body)
        assert r.status_code == 201, f"unit {uid}: {r.status_code} {r.text[:500]}"
        return uid

    def person(self, unit, rank="CPT", **extra):
        """A new active person in `unit`; their id."""
        body = {"service_number": unique("SN-"), "name_en": f"Test Officer {unique('N')}",
                "name_ar": "ضابط اختبار", "sex": "m", "birth_date": "1985-04-02",
                "joined_on": "2008-09-01", "service": self.SERVICE, "unit": unit, "rank": rank}
        body.update(extra)
        r = self.hr.post("/api/v1/personnel", json=body)
        assert r.status_code == 201, f"person in {unit}: {r.status_code} {r.text[:500]}"
        pid = r.json()["id"]
        assert re.fullmatch(r"PER-\d{7}", pid), pid
        return pid


# --- Vetting ----------------------------------------------------------------------------


def subject(kind, sid):
    return {"kind": kind, "id": sid}


def request_body(kind, sid, purpose="course", purpose_ref=None, justification=None):
    body = {"subject": subject(kind, sid), "purpose": purpose}
    if purpose_ref is not None:
        body["purpose_ref"] = purpose_ref
    if justification is not None:
        body["justification"] = justification
    return body


def request(client, kind, sid, status=201, **kw):
    r = client.post("/api/v1/vetting", json=request_body(kind, sid, **kw))
    assert r.status_code == status, \
        f"request {kind}/{sid} as {client.username}: {r.status_code} {r.text[:500]}"
    return r.json()


def decision(client, vid, status="cleared", reason="No credible information found.", **extra):
    return client.post(f"/api/v1/vetting/{vid}/decision",
                       json={"status": status, "reason": reason, **extra})


def decide(client, vid, status="cleared", reason="No credible information found.", **extra):
    r = decision(client, vid, status, reason, **extra)
    assert r.status_code == 200, f"decide {vid} {status}: {r.status_code} {r.text[:500]}"
    out = r.json()
    assert out["id"] == vid and out["state"] == "decided", out
    assert out["decision"]["status"] == status, out
    return out


def vetted(requester, officer, kind, sid, status="cleared", **extra):
    """Requests vetting of a subject and decides it; returns the decided request."""
    vid = request(requester, kind, sid, purpose="assistance",
                  purpose_ref=unique("REF"))["id"]
    return decide(officer, vid, status, **extra)


def standing(client, kind, sid):
    r = client.get(f"/api/v1/vetting/subjects/{kind}/{sid}")
    assert r.status_code == 200, f"subject {kind}/{sid}: {r.status_code} {r.text[:500]}"
    return r.json()["standing"]


def list_all(client, path, query="", limit=None):
    """Every item of GET path?query, following `next`; returns (items, pages)."""
    items, pages, cursor = [], 0, None
    while True:
        q = query
        if limit is not None:
            q += f"&limit={limit}"
        if cursor is not None:
            q += "&cursor=" + quote(str(cursor), safe="")
        r = client.get(f"{path}?{q.lstrip('&')}")
        assert r.status_code == 200, f"{path}?{query}: {r.status_code} {r.text[:300]}"
        page = r.json()
        assert set(page) >= {"items", "next"}, page
        items += page["items"]
        pages += 1
        assert pages < 1000, "the cursor never ends"
        cursor = page["next"]
        if cursor is None:
            return items, pages


def queue(client, query="state=all", limit=None):
    return list_all(client, "/api/v1/vetting", query, limit)[0]


# --- Allegations ---------------------------------------------------------------------------


def allegation_body(kind="unit", sid=None, party="pasf", label=None, summary="Detainee abuse",
                    category="torture", source="NGO report", received_on=None):
    subj = {"kind": kind, "party": party}
    if sid is not None:
        subj["id"] = sid
    if label is not None:
        subj["label"] = label
    return {"subject": subj, "source": source, "category": category, "summary": summary,
            "received_on": received_on or datetime.now(timezone.utc).date().isoformat()}


def register(client, status=201, **kw):
    r = client.post("/api/v1/allegations", json=allegation_body(**kw))
    assert r.status_code == status, \
        f"register as {client.username}: {r.status_code} {r.text[:500]}"
    return r.json()


def move(client, aid, status, note=None):
    body = {"status": status}
    if note is not None:
        body["note"] = note
    return client.post(f"/api/v1/allegations/{aid}/status", json=body)


def moved(client, aid, status, note=None):
    r = move(client, aid, status, note)
    assert r.status_code == 200, f"{aid} -> {status}: {r.status_code} {r.text[:500]}"
    out = r.json()
    assert out["id"] == aid and out["status"] == status, out
    return out


def substantiate(client, aid):
    for status in ("under_review", "substantiated"):
        out = moved(client, aid, status)
    return out


# --- What a party can read ------------------------------------------------------------------


def readable(client, paths):
    """(path, decoded body) for each of `paths` this client gets a 2xx JSON answer to."""
    out = []
    for path in paths:
        r = client.get(path)
        if 200 <= r.status_code < 300 and r.headers.get("Content-Type", "").startswith(
                "application/json"):
            out.append((path, r.json()))
        else:
            out.append((path, {"status": r.status_code, "text": r.text}))
    return out


def leaks(client, paths, markers):
    """Every place a marker appears in what `client` reads from `paths`."""
    hits = []
    for path, body in readable(client, paths):
        for h in find_leaks(body, strings=markers):
            hits.append((client.username, path, h))
    return hits


def audit_items(client, type_prefix=None):
    """Every event `client` (an auditor or administrator) may read in the log."""
    items, after = [], 0
    while True:
        q = f"/api/v1/audit/events?after={after}&limit=1000"
        if type_prefix:
            q += f"&type={type_prefix}"
        r = client.get(q)
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        if page["next_cursor"] is None:
            return items
        after = int(page["next_cursor"])


def wait_for(predicate, what, tries=200):
    """Polls `predicate` (every 50 ms, 10 s at most) until it returns something true."""
    for _ in range(tries):
        out = predicate()
        if out:
            return out
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen")
