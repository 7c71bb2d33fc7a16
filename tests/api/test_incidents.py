"""Incidents (docs/incidents.md): reporting, the timeline of updates, acknowledgements with
deadlines by severity and their escalation, closing, the lists and the heat view, and
above all who may see an incident: the parties it is shared with and the coordinator,
nobody else, on any route or stream.
"""

import re
import time

import pytest

from conftest import add_party_with_officer, assert_problem, cli, login
from deconfliction_helpers import StreamRecorder, find_leaks, marker
from request_helpers import draft, iso, ts

INC_ID = re.compile(r"^INC-\d{4}-\d{6}$")
NABLUS = [35.2544, 32.2211]
JENIN = [35.2956, 32.4607]
HEBRON = [35.0998, 31.5326]
SQUARE = {"type": "Polygon", "coordinates": [[
    [35.20, 32.20], [35.22, 32.20], [35.22, 32.22], [35.20, 32.22], [35.20, 32.20]]]}
# Acknowledgement deadlines by severity: the defaults of [incidents].
ACK_SECONDS = {1: 3600, 2: 1800, 3: 900, 4: 300, 5: 120}

USERS = ("isf.nablus", "pasf.nablus", "isf.jenin", "pasf.jenin", "isf.hebron", "pasf.hebron",
         "ussc.duty",
         "ussc.commander", "isf.analyst", "pasf.analyst", "isf.auditor", "pasf.auditor",
         "isf.admin", "ussc.analyst")


@pytest.fixture(scope="module")
def outsider(server):
    """eubam.duty of a fourth party that takes part in nothing; made before any test moves
    the clock (it restarts the server)."""
    return login(server, add_party_with_officer(server, "eubam"))


@pytest.fixture(scope="module")
def u(server, outsider):
    return {name: login(server, name) for name in USERS}


def point(lonlat):
    return {"type": "Point", "coordinates": list(lonlat)}


def body(server, title="Collision at Huwwara junction", shared_with=("pasf",), severity=3,
         **extra):
    b = {"type": "joint_accident", "severity": severity, "title": title,
         "description": "Two vehicles, three injured", "location": point(NABLUS),
         "occurred_at": iso(server.now() - 600), "shared_with": list(shared_with)}
    b.update(extra)
    return b


def report(client, b, status=201):
    r = client.post("/api/v1/incidents", json=b)
    assert r.status_code == status, f"{client.username}: {r.status_code} {r.text[:800]}"
    out = r.json()
    if status == 201:
        assert INC_ID.match(out["id"]), out
        assert out["state"] == "open", out
        assert isinstance(out["seq"], int) and out["seq"] > 0, out
    return out


def get(client, iid, status=200):
    r = client.get(f"/api/v1/incidents/{iid}")
    assert r.status_code == status, f"{client.username}: {r.status_code} {r.text[:500]}"
    return r.json()


def call(client, iid, action, payload=None, status=200):
    r = client.post(f"/api/v1/incidents/{iid}/{action}", json=payload)
    assert r.status_code == status, f"{client.username} {action}: {r.status_code} {r.text[:500]}"
    return r.json()


def listing(client, **params):
    r = client.get("/api/v1/incidents", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def ids(page):
    return [i["id"] for i in page["items"]]


# --- Reporting and reading -----------------------------------------------------------------


def test_report_shares_with_the_named_parties_and_the_coordinator(server, u):
    before = server.now()
    inc = report(u["isf.nablus"], body(server, severity=3))
    assert inc["party"] == "isf" and inc["unit"] == "isf/dco/nablus"
    assert inc["shared_with"] == ["pasf", "ussc"]
    assert inc["channel_id"] == "incident:" + inc["id"]
    assert inc["reported_by"] == "isf.nablus"
    assert inc["district"] == "PS0115", inc["district"]
    assert inc["location"] == point(NABLUS)
    # pasf must acknowledge within the severity-3 deadline; the coordinator need not.
    [ack] = inc["acknowledgements"]
    assert ack["party"] == "pasf" and ack["acknowledged_at"] is None and not ack["overdue"]
    assert abs(ts(ack["due_at"]) - (before + ACK_SECONDS[3])) < 30, (ack, before)
    assert inc["alert"] is False
    for name in ("pasf.nablus", "ussc.duty", "pasf.analyst", "isf.auditor"):
        seen = get(u[name], inc["id"])
        assert seen["title"] == inc["title"], name
        assert [t["kind"] for t in seen["timeline"]] == ["reported"]
        assert seen["timeline"][0]["seq"] == inc["seq"]


def test_update_appends_and_the_view_is_derived(server, u):
    inc = report(u["isf.nablus"], body(server, severity=2))
    first = call(u["pasf.nablus"], inc["id"], "updates",
                 {"text": "PASF ambulance on scene", "state": "monitoring"})
    assert first["state"] == "monitoring"
    second = call(u["isf.nablus"], inc["id"], "updates",
                  {"severity": 3, "casualties": {"killed": 0, "injured": 4, "by_side": [
                      {"side": "isf", "killed": 0, "injured": 1},
                      {"side": "civilian", "killed": 0, "injured": 3}]}})
    assert second["severity"] == 3 and second["casualties"]["injured"] == 4
    seen = get(u["ussc.duty"], inc["id"])
    kinds = [(t["kind"], t["party"], t["by"]) for t in seen["timeline"]]
    assert kinds == [("reported", "isf", "isf.nablus"), ("update", "pasf", "pasf.nablus"),
                     ("update", "isf", "isf.nablus")], kinds
    # Nothing overwritten: the report's text and each update's changes stay in the timeline.
    assert seen["timeline"][0]["text"] == "Two vehicles, three injured"
    assert seen["timeline"][1]["changes"] == {"state": "monitoring"}
    assert seen["timeline"][2]["changes"]["severity"] == 3
    assert seen["timeline"][1]["seq"] < seen["timeline"][2]["seq"]
    # An update that changes nothing is refused; so is closing by an update.
    assert_problem(u["isf.nablus"].post(f"/api/v1/incidents/{inc['id']}/updates",
                                        json={"state": "monitoring"}), 400)
    assert_problem(u["isf.nablus"].post(f"/api/v1/incidents/{inc['id']}/updates",
                                        json={"state": "closed"}), 400, field="/state")


def test_acknowledge_once_by_the_parties_asked(server, u):
    inc = report(u["pasf.jenin"], body(server, shared_with=["isf"], location=point(JENIN)))
    assert [a["party"] for a in inc["acknowledgements"]] == ["isf"]
    # The reporter and the coordinator are not asked.
    assert_problem(u["pasf.jenin"].post(f"/api/v1/incidents/{inc['id']}/acknowledge"), 409)
    assert_problem(u["ussc.duty"].post(f"/api/v1/incidents/{inc['id']}/acknowledge"), 409)
    # Analysts read but do not acknowledge.
    assert_problem(u["isf.analyst"].post(f"/api/v1/incidents/{inc['id']}/acknowledge"), 403)
    acked = call(u["isf.jenin"], inc["id"], "acknowledge", {"note": "DCO Jenin informed"})
    [ack] = acked["acknowledgements"]
    assert ack["acknowledged_by"] == "isf.jenin" and ack["note"] == "DCO Jenin informed"
    assert ack["acknowledged_at"] is not None and ack["overdue"] is False
    assert_problem(u["isf.jenin"].post(f"/api/v1/incidents/{inc['id']}/acknowledge"), 409)
    assert [t["kind"] for t in get(u["pasf.jenin"], inc["id"])["timeline"]] == [
        "reported", "acknowledged"]


def test_close_by_the_reporter_or_the_coordinator_desk_and_it_is_final(server, u):
    a = report(u["isf.nablus"], body(server))
    assert_problem(u["pasf.nablus"].post(f"/api/v1/incidents/{a['id']}/close",
                                         json={"summary": "x"}), 403)
    assert_problem(u["isf.nablus"].post(f"/api/v1/incidents/{a['id']}/close", json={}),
                   400, field="/summary")
    closed = call(u["isf.nablus"], a["id"], "close", {"summary": "Road reopened at 10:40"})
    assert closed["state"] == "closed" and closed["summary"] == "Road reopened at 10:40"
    assert closed["closed_by"] == "isf.nablus" and closed["closed_at"]
    assert_problem(u["isf.nablus"].post(f"/api/v1/incidents/{a['id']}/close",
                                        json={"summary": "again"}), 409)
    assert_problem(u["pasf.nablus"].post(f"/api/v1/incidents/{a['id']}/updates",
                                         json={"text": "late"}), 409)
    assert_problem(u["pasf.nablus"].post(f"/api/v1/incidents/{a['id']}/acknowledge"), 409)
    b = report(u["pasf.nablus"], body(server, shared_with=["isf"]))
    assert call(u["ussc.commander"], b["id"], "close", {"summary": "De-escalated"})[
        "state"] == "closed"


# --- Validation ----------------------------------------------------------------------------


BAD = [
    ("type", {"type": "picnic"}, "/type"),
    ("no type", {"type": None}, "/type"),
    ("severity 0", {"severity": 0}, "/severity"),
    ("severity 6", {"severity": 6}, "/severity"),
    ("severity text", {"severity": "high"}, "/severity"),
    ("no severity", {"severity": None}, "/severity"),
    ("empty title", {"title": ""}, "/title"),
    ("long description", {"description": "x" * 50000}, "/description"),
    ("line", {"location": {"type": "LineString", "coordinates": [[35.2, 32.2], [35.3, 32.3]]}},
     "/location"),
    ("bowtie", {"location": {"type": "Polygon", "coordinates": [[
        [35.20, 32.20], [35.22, 32.22], [35.22, 32.20], [35.20, 32.22], [35.20, 32.20]]]}},
     "/location"),
    ("no location", {"location": None}, "/location"),
    ("bad time", {"occurred_at": "yesterday"}, "/occurred_at"),
    ("future", {"occurred_at": "2099-01-01T00:00:00Z"}, "/occurred_at"),
    ("shared not list", {"shared_with": "pasf"}, "/shared_with"),
    ("unknown party", {"shared_with": ["pasf", "nato"]}, "/shared_with/1"),
    ("own party", {"shared_with": ["isf"]}, "/shared_with/0"),
    ("everyone", {"shared_with": ["*"]}, "/shared_with/0"),
    ("casualties negative", {"casualties": {"killed": -1}}, "/casualties/killed"),
    ("casualties side", {"casualties": {"by_side": [{"side": "martians"}]}},
     "/casualties/by_side/0/side"),
    ("casualties field", {"casualties": {"wounded": 1}}, "/casualties/wounded"),
    ("link unknown", {"links": ["REQ-2026-999999"]}, "/links/0"),
    ("link kind", {"links": ["ACT-2026-000001"]}, "/links/0"),
    ("unit of another party", {"unit": "pasf/dcl/nablus"}, "/unit"),
    ("unknown field", {"secret": 1}, "/secret"),
]


@pytest.mark.parametrize("name,change,field", BAD, ids=[b[0] for b in BAD])
def test_bad_reports_name_the_field(server, u, name, change, field):
    b = body(server)
    for k, v in change.items():
        if v is None:
            b.pop(k, None)
        else:
            b[k] = v
    before = listing(u["ussc.duty"], limit=1)
    assert_problem(u["isf.nablus"].post("/api/v1/incidents", json=b), 400, field=field)
    assert listing(u["ussc.duty"], limit=1)["items"] == before["items"]


def test_links_to_visible_records(server, u):
    req = u["isf.nablus"].post("/api/v1/requests", json=draft(server, to_party="pasf"))
    assert req.status_code == 201, req.text
    other = report(u["pasf.hebron"], body(server, shared_with=["isf"], location=point(HEBRON)))
    inc = report(u["isf.nablus"], body(server, links=[req.json()["id"], other["id"]]))
    assert inc["links"] == [req.json()["id"], other["id"]]
    # An incident between others is not linkable, as if it did not exist.
    hidden = report(u["isf.jenin"], body(server, shared_with=["eubam"], location=point(JENIN)))
    assert_problem(u["pasf.nablus"].post("/api/v1/incidents", json=body(
        server, shared_with=["isf"], links=[hidden["id"]])), 400, field="/links/0")


# --- Deadlines and alerts ------------------------------------------------------------------


def test_a_missed_acknowledgement_escalates_once_to_the_coordinator(make_server):
    srv = make_server(name="acks")
    isf, pasf, duty = (login(srv, n) for n in ("isf.jenin", "pasf.jenin", "ussc.duty"))
    desk = StreamRecorder(srv, duty).start()
    reporter = StreamRecorder(srv, pasf).start()
    try:
        inc = report(pasf, body(srv, severity=5, shared_with=["isf"], location=point(JENIN)))
        assert inc["alert"] is True
        calm = report(pasf, body(srv, severity=1, shared_with=["isf"], location=point(JENIN)))
        srv.advance(ACK_SECONDS[5] + 5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            overdue = [e for e in desk.events() if e["type"] == "incident.ack_overdue"]
            if overdue:
                break
            time.sleep(0.1)
        assert [e["subject"] for e in overdue] == [inc["id"]], overdue
        assert overdue[0]["body"]["party"] == "isf"
        assert {"party": "ussc", "role": "duty", "unit": "ussc/ops/duty"} in \
            overdue[0]["body"]["escalate_to"]
        ack = get(duty, inc["id"])["acknowledgements"][0]
        assert ack["overdue"] is True and ack["escalated"] is True
        assert get(duty, calm["id"])["acknowledgements"][0]["escalated"] is False
        # Once only, however long it stays unanswered; an answer still counts.
        srv.advance(30)
        time.sleep(1.5)
        assert len([e for e in desk.events() if e["type"] == "incident.ack_overdue"]) == 1
        acked = call(isf, inc["id"], "acknowledge")
        assert acked["acknowledgements"][0]["acknowledged_by"] == "isf.jenin"
        kinds = [t["kind"] for t in get(pasf, inc["id"])["timeline"]]
        assert kinds == ["reported", "ack_overdue", "acknowledged"], kinds
        # The reporting party's desk sees the escalation too: it is the incident's record.
        assert any(e["type"] == "incident.ack_overdue" for e in reporter.events())
    finally:
        desk.stop()
        reporter.stop()


def test_raising_the_severity_alerts_and_brings_the_deadline_forward(server, u):
    inc = report(u["isf.nablus"], body(server, severity=1))
    due_before = inc["acknowledgements"][0]["due_at"]
    rec = StreamRecorder(server, u["pasf.nablus"]).start()
    try:
        up = call(u["isf.nablus"], inc["id"], "updates", {"severity": 4, "text": "Shots fired"})
        assert up["alert"] is True and up["severity"] == 4
        assert up["acknowledgements"][0]["due_at"] < due_before
        events = rec.wait_for_seq(up["seq"])
        [ev] = [e for e in events if e["seq"] == up["seq"]]
        assert ev["type"] == "incident.updated" and ev["body"]["alert"] is True
    finally:
        rec.stop()


# --- Who sees what -------------------------------------------------------------------------


def test_a_party_it_is_not_shared_with_learns_nothing(server, u, outsider):
    """pasf reports an incident shared with isf only. Markers go into every free-text field.
    eubam (a fourth party) holds a stream open throughout and tries every route: it must
    receive no marker, no id, no coordinates, while isf and the coordinator receive them."""
    m = {k: marker(k) for k in ("title", "desc", "update", "note", "summary")}
    where = [35.3177, 32.4391]
    watchers = {n: StreamRecorder(server, c).start()
                for n, c in (("eubam", outsider), ("isf", u["isf.jenin"]),
                             ("ussc", u["ussc.duty"]))}
    seen_by_outsider = []
    try:
        inc = report(u["pasf.jenin"], body(
            server, title=m["title"], description=m["desc"], shared_with=["isf"],
            location=point(where), severity=4))
        iid = inc["id"]
        call(u["isf.jenin"], iid, "updates", {"text": m["update"], "state": "monitoring"})
        call(u["isf.jenin"], iid, "acknowledge", {"note": m["note"]})
        last = call(u["pasf.jenin"], iid, "close", {"summary": m["summary"]})
        for path in (f"/api/v1/incidents/{iid}", "/api/v1/incidents",
                     "/api/v1/incidents?state=closed", f"/api/v1/incidents?party=pasf",
                     "/api/v1/incidents/heat?from=2000-01-01T00:00:00Z&to=2000-12-31T00:00:00Z",
                     f"/api/v1/incidents/heat?from={iso(server.now() - 86400)}"
                     f"&to={iso(server.now() + 60)}",
                     f"/api/v1/channels/incident:{iid}",
                     f"/api/v1/channels/incident:{iid}/messages", "/api/v1/audit/events"):
            r = outsider.get(path)
            seen_by_outsider.append((path, r.status_code, r.text))
        assert outsider.get(f"/api/v1/incidents/{iid}").status_code == 404
        for action, payload in (("updates", {"text": "x"}), ("acknowledge", None),
                                ("close", {"summary": "x"})):
            r = outsider.post(f"/api/v1/incidents/{iid}/{action}", json=payload)
            assert r.status_code == 404, (action, r.status_code)
            seen_by_outsider.append((action, r.status_code, r.text))
        for w in watchers.values():
            if w is not watchers["eubam"]:
                w.wait_for_seq(last["seq"])
        time.sleep(0.5)
    finally:
        for w in watchers.values():
            w.stop()
    strings = list(m.values()) + [iid]
    leaks = find_leaks([t for _, _, t in seen_by_outsider], strings, where)
    leaks += find_leaks(watchers["eubam"].frames, strings, where)
    assert leaks == [], leaks
    # The scan can fail: the parties it is shared with did receive every marker.
    for name in ("isf", "ussc"):
        got = find_leaks(watchers[name].frames, strings, where)
        found = {s for _, s, _ in got}
        assert set(m.values()) <= found, (name, found)


def test_roles_without_incident_access_are_refused(server, u):
    assert_problem(u["isf.admin"].get("/api/v1/incidents"), 403)
    assert_problem(u["isf.analyst"].post("/api/v1/incidents", json=body(server)), 403)


# --- Lists and the heat view ---------------------------------------------------------------


def test_list_filters_and_pages(server, u):
    tag = marker("list")
    made = []
    for i, (sev, typ) in enumerate([(1, "road_closure"), (2, "riot"), (3, "riot"),
                                    (5, "rocket_fire"), (4, "riot")]):
        made.append(report(u["isf.hebron"], body(
            server, title=f"{tag} {i}", type=typ, severity=sev, location=point(HEBRON),
            shared_with=["pasf"], occurred_at=iso(server.now() - 3600 * (5 - i)))))
    call(u["isf.hebron"], made[0]["id"], "close", {"summary": "done"})
    mine = {m["id"] for m in made}

    def listed(**params):
        out, cursor = [], None
        while True:
            page = listing(u["ussc.duty"], limit=2, **params, **({"cursor": cursor} if cursor
                                                                 else {}))
            out += [i for i in ids(page) if i in mine]
            cursor = page["next"]
            if cursor is None:
                return out

    everything = listed(party="isf", district="PS0150")
    assert everything == [m["id"] for m in reversed(made)], everything  # newest first
    assert set(listed(type="riot")) == {made[1]["id"], made[2]["id"], made[4]["id"]}
    assert set(listed(severity_min="4")) >= {made[3]["id"], made[4]["id"]}
    assert made[1]["id"] not in listed(severity_min="4")
    assert made[0]["id"] not in listed(state="active")
    assert listed(state="closed", district="PS0150") == [made[0]["id"]]
    since = iso(server.now() - 3600 * 2.5)
    assert set(listed(**{"from": since}, district="PS0150")) == {made[3]["id"], made[4]["id"]}
    bbox = f"{HEBRON[0] - 0.01},{HEBRON[1] - 0.01},{HEBRON[0] + 0.01},{HEBRON[1] + 0.01}"
    assert set(listed(bbox=bbox)) >= mine
    assert_problem(u["ussc.duty"].get("/api/v1/incidents?state=bogus"), 400, field="/state")
    assert_problem(u["ussc.duty"].get("/api/v1/incidents?severity_min=9"), 400,
                   field="/severity_min")


def test_heat_counts_visible_incidents_per_cell(server, u):
    t0 = server.now()
    spot = [35.1500, 32.3700]
    near = [35.1502, 32.3701]
    for lonlat in (spot, near, spot):
        report(u["pasf.nablus"], body(server, location=point(lonlat), shared_with=["isf"],
                                      occurred_at=iso(t0 - 30)))
    params = {"from": iso(t0 - 60), "to": iso(t0 + 60), "cell_m": "1000"}
    r = u["isf.nablus"].get("/api/v1/incidents/heat", params=params)
    assert r.status_code == 200, r.text
    heat = r.json()
    assert heat["cell_m"] == 1000
    cells = [c for c in heat["cells"] if abs(c["lon"] - spot[0]) < 0.02 and
             abs(c["lat"] - spot[1]) < 0.02]
    assert sum(c["count"] for c in cells) == 3, heat
    assert max(c["count"] for c in cells) >= 2
    assert_problem(u["isf.nablus"].get("/api/v1/incidents/heat",
                                       params={"from": iso(t0)}), 400, field="/to")
    assert_problem(u["isf.nablus"].get("/api/v1/incidents/heat", params={**params,
                                                                         "cell_m": "5"}),
                   400, field="/cell_m")


def test_incidents_survive_a_restart_and_a_rebuild(server, u):
    inc = report(u["isf.nablus"], body(server, title=marker("restart"), severity=5))
    call(u["pasf.nablus"], inc["id"], "updates", {"text": "still there", "severity": 4})
    call(u["pasf.nablus"], inc["id"], "acknowledge", {"note": "seen"})
    before = get(u["ussc.duty"], inc["id"])
    assert server.stop() == 0, server.stderr()
    r = cli("rebuild", "--data", server.data, "--check")
    assert r.returncode == 0 and "identical" in r.stdout, r.stdout + r.stderr
    r = cli("rebuild", "--data", server.data)
    assert r.returncode == 0, r.stdout + r.stderr
    server.start()
    after = get(login(server, "ussc.duty"), inc["id"])
    for k in ("severity", "alert", "timeline", "acknowledgements", "location", "shared_with"):
        assert after[k] == before[k], k
