"""The safe return of persons (docs/returns.md): a case followed from the report to the
handover, stage by stage, each stage taken by the party it belongs to, each with a receipt
that an inclusion proof confirms; the name seen only by the holding and receiving parties
and the coordinator; stage deadlines escalated once; the figures; the handover points; and
the projections rebuilt from the log."""

import asyncio
import json
import time
from datetime import datetime, timezone

import pytest

from conftest import (add_party_with_officer, assert_problem, cli, copy_data, login, sqlite,
                      ws_connect, ws_recv_json)
from request_helpers import barrier, events_until, iso, sign_head_over, ts, wait_event
from returns_helpers import (DATA, HEBRON, JENIN, REIHAN, RET_ID, STAGES, advance,
                             advanced, expected_checkpoints, fetch, list_all, point, recorder,
                             report, report_body, stage_data, visible, walk)

UNKNOWN = "RET-2026-999999"


def save(path, obj):
    path.write_text(json.dumps(obj))
    return path


def check_proof(*args):
    r = cli("audit", "check-proof", *args)
    return r.returncode, r.stdout + r.stderr


def audit_events(client, type_prefix="return", after=0):
    r = client.get(f"/api/v1/audit/events?type={type_prefix}&after={after}&limit=1000")
    assert r.status_code == 200, r.text
    return r.json()["items"]


def snapshot(client, rid):
    """What a refused command must not change."""
    c = fetch(client, rid)
    return {k: c[k] for k in ("stage", "updated_seq", "holding_party", "shared_with", "stages")}


async def connect(server, *clients):
    out = []
    for c in clients:
        ws = await ws_connect(server, c.cookie)
        assert (await ws_recv_json(ws))["type"] == "hello"
        out.append(ws)
    return out


# --- The whole lifecycle, with receipts -------------------------------------------------------


def test_a_case_from_report_to_close_with_a_receipt_for_every_stage(make_server, tmp_path):
    srv = make_server()
    isf, pasf, ussc = login(srv, "isf.jenin"), login(srv, "pasf.jenin"), login(srv, "ussc.duty")
    pasf_auditor, isf_auditor = login(srv, "pasf.auditor"), login(srv, "isf.auditor")

    created = report(isf, reporting_unit="isf/dco/jenin", receiving_unit="isf/dco/jenin",
                     count=2, category="israeli_civilian")
    rid = created["id"]
    assert RET_ID.match(rid), rid
    assert rid.startswith(f"RET-{datetime.now(timezone.utc).year}-")
    assert created["stage"] == "reported" and isinstance(created["seq"], int)
    case = fetch(isf, rid)
    assert case["party"] == "isf" and case["holding_party"] is None
    assert case["shared_with"] == ["ussc"], case
    assert case["district"] == "PS0101" and case["location"] == point(JENIN)
    assert case["count"] == 2 and case["medical_status"] == "unknown"
    assert case["reporting_unit"] == "isf/dco/jenin" and case["receiving_unit"] == "isf/dco/jenin"
    assert case["seq"] == created["seq"]
    assert [s["stage"] for s in case["stages"]] == ["reported"]
    assert case["stages"][0]["seq"] == created["seq"]
    assert (case["stages"][0]["by"], case["stages"][0]["party"]) == ("isf.jenin", "isf")
    # Nobody holds the person yet: pasf does not know of the case.
    assert_problem(pasf.get(f"/api/v1/returns/{rid}"), 404)

    # isf, a party of the case, records where the person is and who holds them.
    receipts = {"reported": created["seq"]}
    out = advanced(isf, rid, "located", holding_party="pasf", location=point(HEBRON),
                   medical_status="lightly_injured", note="Seen at the Hebron DCL")
    receipts["located"] = out["seq"]
    assert out["holding_party"] == "pasf" and out["shared_with"] == ["pasf", "ussc"]
    assert out["district"] == "PS0150" and out["medical_status"] == "lightly_injured"
    # The scope widened: pasf now sees the case, and every later event.
    assert fetch(pasf, rid)["stage"] == "located"

    out = advanced(pasf, rid, "secured", holding_unit="pasf/dcl/jenin",
                   medical_status="uninjured")
    receipts["secured"] = out["seq"]
    assert out["holding_unit"] == "pasf/dcl/jenin" and out["medical_status"] == "uninjured"
    out = advanced(pasf, rid, "handover_arranged", handover_point=REIHAN,
                   handover_at="2030-05-01T09:30:00Z", receiving_unit="isf/dco/jenin",
                   note="At the DCO gate")
    receipts["handover_arranged"] = out["seq"]
    assert out["handover_point"] == REIHAN and ts(out["handover_at"]) == ts("2030-05-01T09:30:00Z")
    out = advanced(isf, rid, "handed_over", note="Received")
    receipts["handed_over"] = out["seq"]
    assert out["handed_over_at"] is not None and out["closed_at"] is None
    out = advanced(isf, rid, "closed", summary="Home with his family.")
    receipts["closed"] = out["seq"]
    assert out["summary"] == "Home with his family." and out["closed_at"] is not None
    assert out["stage_due_at"] is None and out["overdue"] is False

    # The chain of custody: every stage in order, when, by whom, and its receipt.
    case = fetch(ussc, rid)
    assert [s["stage"] for s in case["stages"]] == STAGES
    assert [s["seq"] for s in case["stages"]] == [receipts[s] for s in STAGES]
    assert [(s["by"], s["party"]) for s in case["stages"]] == [
        ("isf.jenin", "isf"), ("isf.jenin", "isf"), ("pasf.jenin", "pasf"),
        ("pasf.jenin", "pasf"), ("isf.jenin", "isf"), ("isf.jenin", "isf")]
    assert case["stages"][1]["note"] == "Seen at the Hebron DCL"
    assert case["stages"][1]["data"]["holding_party"] == "pasf"
    assert case["stages"][3]["data"]["handover_point"] == REIHAN
    assert case["stages"][5]["data"]["summary"] == "Home with his family."
    assert [ts(s["at"]) for s in case["stages"]] == sorted(ts(s["at"]) for s in case["stages"])
    assert case["updated_seq"] == receipts["closed"]

    # Earlier events keep their scope: pasf's auditors see the stages from located on,
    # never the report made before pasf held the person.
    pasf_seen = {e["seq"]: e for e in audit_events(pasf_auditor) if e["subject"] == rid}
    assert set(pasf_seen) == {receipts[s] for s in STAGES[1:]}, sorted(pasf_seen)
    isf_seen = {e["seq"]: e for e in audit_events(isf_auditor) if e["subject"] == rid}
    assert set(isf_seen) == set(receipts.values())
    assert isf_seen[receipts["reported"]]["type"] == "return.reported"
    for stage in STAGES[1:]:
        e = isf_seen[receipts[stage]]
        assert e["type"] == "return.advanced" and e["body"]["stage"] == stage, e
        assert e["body"]["from"] == STAGES[STAGES.index(stage) - 1]

    # Each receipt is provable: an inclusion proof against a signed head, checked offline,
    # for the event as the party saw it.
    head = sign_head_over(srv, isf, max(receipts.values()))
    h = save(tmp_path / "head.json", head)
    for stage, seq in receipts.items():
        r = isf.get(f"/api/v1/audit/proof/inclusion?seq={seq}&tree_size={head['tree_size']}")
        assert r.status_code == 200, r.text
        proof = r.json()
        assert proof["leaf_index"] == seq - 1
        p = save(tmp_path / f"{stage}.json", proof)
        e = save(tmp_path / f"{stage}.event.json", isf_seen[seq])
        rc, out = check_proof("--head", h, "--inclusion", p, "--event", e)
        assert rc == 0 and "included" in out, (stage, out)
        # The receipt proves this stage, not another.
        forged = dict(isf_seen[seq], body=dict(isf_seen[seq]["body"], stage="closed"))
        if isf_seen[seq]["body"]["stage"] != "closed":
            rc, out = check_proof("--head", h, "--inclusion", p, "--event",
                                  save(tmp_path / f"{stage}.forged.json", forged))
            assert rc != 0, (stage, out)
    # The report was not pasf's to see: no proof of it for pasf.
    r = pasf.get(f"/api/v1/audit/proof/inclusion?seq={receipts['reported']}")
    assert_problem(r, 404)

    # Closed is final.
    for stage in STAGES:
        assert_problem(advance(isf, rid, stage, **stage_data(stage)), 409)
    assert_problem(isf.post(f"/api/v1/returns/{rid}/name", json={"name": "Too late"}), 409)


def test_the_coordinators_desk_takes_any_stage(make_server):
    srv = make_server()
    pasf, ussc = login(srv, "pasf.jenin"), login(srv, "ussc.duty")
    commander = login(srv, "ussc.commander")
    rid = report(pasf, category="palestinian", receiving_party="pasf", holding_party="isf",
                 location=point(HEBRON))["id"]
    takers = {"read": ussc, "located": ussc, "secured": commander, "handover_arranged": ussc,
              "handed_over": commander, "closed": ussc}
    replies = walk(rid, "closed", takers)
    assert [r["stage"] for r in replies] == STAGES[1:]
    case = fetch(pasf, rid)
    assert [s["party"] for s in case["stages"]] == ["pasf"] + ["ussc"] * 5
    assert case["holding_party"] == "isf"


# --- Who takes each stage ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def outsider(server):
    """eubam.duty (liaison, duty) of a fourth party."""
    return login(server, add_party_with_officer(server, "eubam"))


def test_wrong_party_for_a_stage_is_403_and_changes_nothing(server, outsider):
    isf, pasf, ussc = (login(server, u) for u in ("isf.jenin", "pasf.jenin", "ussc.duty"))
    isf_other, pasf_other = login(server, "isf.hebron"), login(server, "pasf.hebron")
    analyst, auditor = login(server, "pasf.analyst"), login(server, "isf.auditor")
    rid = report(isf, holding_party="pasf")["id"]

    def refused(client, stage, status, **data):
        before = snapshot(ussc, rid)
        r = advance(client, rid, stage, **{**stage_data(stage), **data})
        assert_problem(r, status)
        assert snapshot(ussc, rid) == before
        return r.json()

    # pasf holds the person: only pasf (or the desk) records where they are.
    p = refused(isf, "located", 403)
    assert "holding party" in p["detail"], p
    refused(outsider, "located", 404)  # not a party of the case: it does not exist for it
    # Analysts and auditors read; they do not advance.
    refused(analyst, "located", 403)
    refused(auditor, "located", 403)
    advanced(pasf_other, rid, "located")  # any liaison or duty officer of the holding party

    # Only the holding party secures.
    p = refused(isf, "secured", 403)
    assert "holding party" in p["detail"], p
    refused(outsider, "secured", 404)
    advanced(pasf, rid, "secured")

    # Holding or receiving arrange the handover; the outsider cannot.
    refused(outsider, "handover_arranged", 404)
    advanced(isf_other, rid, "handover_arranged", **stage_data("handover_arranged"))

    # The receiving party confirms receipt, not the holder.
    p = refused(pasf, "handed_over", 403)
    assert "receiving party" in p["detail"], p
    advanced(isf, rid, "handed_over")

    p = refused(pasf, "closed", 403)
    assert "receiving party" in p["detail"], p
    refused(outsider, "closed", 404)
    advanced(isf, rid, "closed", summary="Done")


def test_while_nobody_holds_the_person_any_party_of_the_case_locates(server, outsider):
    isf, pasf, ussc = (login(server, u) for u in ("isf.jenin", "pasf.jenin", "ussc.duty"))
    # Reported by the outsider, to be received by isf: nobody holds the person yet.
    rid = report(outsider, category="foreign_national", receiving_party="isf")["id"]
    assert fetch(outsider, rid)["shared_with"] == ["isf", "ussc"]
    assert_problem(pasf.get(f"/api/v1/returns/{rid}"), 404)
    # The outsider, a party of the case, locates: it holds the person unless it names another.
    out = advanced(outsider, rid, "located", holding_party="pasf")
    assert out["holding_party"] == "pasf" and out["shared_with"] == ["isf", "pasf", "ussc"]
    # From now on the holding party takes the stages it owns.
    assert_problem(advance(outsider, rid, "secured"), 403)
    advanced(pasf, rid, "secured")
    assert fetch(ussc, rid)["stage"] == "secured"

    # Without holding_party, whoever locates holds: here the outsider itself.
    rid2 = report(outsider, receiving_party="isf")["id"]
    out = advanced(outsider, rid2, "located")
    assert out["holding_party"] == "eubam" and out["shared_with"] == ["isf", "ussc"]
    # The receiving party cannot be the holder by default.
    rid3 = report(isf)["id"]
    r = advance(isf, rid3, "located")
    assert_problem(r, 400, field="/holding_party")


def test_changing_the_holding_party_moves_the_scope(server, outsider):
    isf, pasf, ussc = (login(server, u) for u in ("isf.jenin", "pasf.jenin", "ussc.duty"))
    rid = report(isf, holding_party="pasf")["id"]
    assert fetch(pasf, rid)["shared_with"] == ["pasf", "ussc"]
    # pasf, the holder, says the outsider has the person now.
    out = advanced(pasf, rid, "located", holding_party="eubam", holding_unit="eubam/ops")
    # pasf no longer sees the case: it gets the short reply.
    assert out == {"id": rid, "stage": "located", "seq": out["seq"]}, out
    case = fetch(ussc, rid)
    assert case["holding_party"] == "eubam" and case["holding_unit"] == "eubam/ops"
    assert case["shared_with"] == ["eubam", "ussc"]
    assert_problem(pasf.get(f"/api/v1/returns/{rid}"), 404)
    assert rid not in visible(pasf)
    assert fetch(outsider, rid)["stage"] == "located"
    advanced(outsider, rid, "secured")


# --- One stage at a time ----------------------------------------------------------------------


def test_skipping_or_going_back_is_409(server, outsider):
    isf, pasf = login(server, "isf.jenin"), login(server, "pasf.jenin")
    rid = report(isf, holding_party="pasf")["id"]
    for stage in ("secured", "handover_arranged", "handed_over", "closed"):
        before = snapshot(isf, rid)
        r = advance(pasf if stage == "secured" else isf, rid, stage, **stage_data(stage))
        p = assert_problem(r, 409)
        assert "next stage is located" in p["detail"], p
        assert snapshot(isf, rid) == before
    for stage in ("reported",):
        assert_problem(advance(isf, rid, stage), 409)
    advanced(pasf, rid, "located")
    for stage in ("reported", "located"):
        p = assert_problem(advance(pasf, rid, stage), 409)
        assert "next stage is secured" in p["detail"], p
    advanced(pasf, rid, "secured")
    assert_problem(advance(pasf, rid, "located"), 409)
    assert_problem(advance(isf, rid, "closed", summary="x"), 409)
    assert fetch(isf, rid)["stage"] == "secured"
    # An unknown case is 404 whatever the stage.
    assert_problem(advance(isf, UNKNOWN, "located"), 404)


# --- Validation -------------------------------------------------------------------------------


BAD_REPORTS = [
    ({"category": None}, "/category"),
    ({"category": "tourist"}, "/category"),
    ({"count": None}, "/count"),
    ({"count": 0}, "/count"),
    ({"count": 201}, "/count"),
    ({"count": 1.5}, "/count"),
    ({"count": "3"}, "/count"),
    ({"location": None}, "/location"),
    ({"location": {"type": "LineString", "coordinates": [JENIN, HEBRON]}}, "/location"),
    ({"location": {"type": "Polygon", "coordinates": [[[35, 32], [35.1, 32], [35.1, 32.1],
                                                       [35, 32]]]}}, "/location"),
    ({"location": {"type": "Point", "coordinates": [35.2, 95]}}, "/location/coordinates/1"),
    ({"location": "Jenin"}, "/location"),
    ({"receiving_party": None}, "/receiving_party"),
    ({"receiving_party": "nobody"}, "/receiving_party"),
    ({"circumstances": None}, "/circumstances"),
    ({"circumstances": ""}, "/circumstances"),
    ({"circumstances": "x" * 4001}, "/circumstances"),
    ({"holding_party": "nobody"}, "/holding_party"),
    ({"holding_party": "isf"}, "/holding_party"),  # the receiving party
    ({"holding_unit": "pasf/dcl/jenin"}, "/holding_unit"),  # without its party
    ({"holding_party": "pasf", "holding_unit": "isf/dco/jenin"}, "/holding_unit"),
    ({"receiving_unit": "pasf/dcl/jenin"}, "/receiving_unit"),
    ({"reporting_unit": "pasf/dcl/jenin"}, "/reporting_unit"),
    ({"medical_status": "fine"}, "/medical_status"),
    ({"incident": "INC-2026-999999"}, "/incident"),
    ({"name": ""}, "/name"),
    ({"name": "n" * 201}, "/name"),
    ({"name": "Moshe 123456789"}, "/name"),
    ({"name": "موسى ١٢٣٤٥٦٧٨٩"}, "/name"),
    ({"comment": "x"}, "/comment"),
]

IDENTITY_FIELDS = ["id_number", "passport", "passport_number", "national_id", "ID-Number",
                   "teudat_zehut", "hawiya", "identity_card", "id_no", "tz", "ssn"]


@pytest.mark.parametrize("change,field", BAD_REPORTS, ids=[f for _, f in BAD_REPORTS])
def test_a_bad_report_is_400_naming_the_field(server, change, field):
    isf = login(server, "isf.jenin")
    before = visible(login(server, "ussc.duty"))
    r = isf.post("/api/v1/returns", json=report_body(**change))
    assert_problem(r, 400, field=field)
    assert visible(login(server, "ussc.duty")) == before


@pytest.mark.parametrize("field", IDENTITY_FIELDS)
def test_identity_numbers_are_refused(server, field):
    isf, pasf = login(server, "isf.jenin"), login(server, "pasf.jenin")
    body = report_body(holding_party="pasf", name="Avi")
    body[field] = "123456789"
    p = assert_problem(isf.post("/api/v1/returns", json=body), 400, field="/" + field)
    assert "identity number" in p["detail"], p
    rid = report(isf, holding_party="pasf")["id"]
    p = assert_problem(advance(pasf, rid, "located", **{field: "123456789"}), 400,
                       field="/" + field)
    assert "identity number" in p["detail"], p
    r = pasf.post(f"/api/v1/returns/{rid}/name", json={"name": "Avi", field: "123456789"})
    assert_problem(r, 400, field="/" + field)
    assert fetch(pasf, rid)["stage"] == "reported" and fetch(pasf, rid)["name"] is None
    # Nothing of it reached the log.
    events = audit_events(login(server, "isf.auditor"))
    assert not [e for e in events if "123456789" in json.dumps(e)]


def test_the_name_in_a_report_is_for_entitled_reporters_only(server):
    pasf = login(server, "pasf.jenin")
    ussc = login(server, "ussc.duty")
    before = visible(ussc)
    # pasf neither holds nor receives: it may report, but not name the person.
    r = pasf.post("/api/v1/returns", json=report_body(name="Somebody Unseen"))
    assert_problem(r, 403)
    assert visible(ussc) == before
    rid = report(pasf)["id"]
    assert "name" not in fetch(pasf, rid)


def test_a_case_links_an_incident_its_reporter_can_see(server, outsider):
    isf, pasf, ussc = (login(server, u) for u in ("isf.jenin", "pasf.jenin", "ussc.duty"))
    r = isf.post("/api/v1/incidents", json={
        "type": "joint_accident", "severity": 2, "title": "Wrong turn into Jenin",
        "description": "A civilian car followed a navigation app", "location": point(JENIN),
        "occurred_at": iso(server.now() - 600), "shared_with": []})
    assert r.status_code == 201, r.text
    incident = r.json()["id"]
    rid = report(isf, incident=incident)["id"]
    assert fetch(ussc, rid)["incident"] == incident
    # An incident of isf and the coordinator only: pasf and the outsider cannot link it.
    for c in (pasf, outsider):
        r = c.post("/api/v1/returns", json=report_body(receiving_party="isf", incident=incident))
        assert_problem(r, 400, field="/incident")
    assert rid in visible(ussc)


BAD_ADVANCES = [
    ({"stage": None}, "/stage"),
    ({"stage": "flying"}, "/stage"),
    ({"stage": "located", "holding_party": "nobody"}, "/holding_party"),
    ({"stage": "located", "holding_party": "isf"}, "/holding_party"),
    ({"stage": "located", "holding_unit": "isf/dco/jenin"}, "/holding_unit"),
    ({"stage": "located", "location": {"type": "LineString", "coordinates": [JENIN, HEBRON]}},
     "/location"),
    ({"stage": "located", "location": {"type": "Point", "coordinates": [200, 32]}},
     "/location/coordinates/0"),
    ({"stage": "located", "medical_status": "bad"}, "/medical_status"),
    ({"stage": "located", "handover_point": REIHAN}, "/handover_point"),  # not this stage's
    ({"stage": "located", "note": 5}, "/note"),
]


@pytest.mark.parametrize("body,field", BAD_ADVANCES, ids=[f for _, f in BAD_ADVANCES])
def test_a_bad_advance_is_400_naming_the_field(server, body, field):
    isf, pasf = login(server, "isf.jenin"), login(server, "pasf.jenin")
    rid = report(isf, holding_party="pasf")["id"]
    before = snapshot(isf, rid)
    r = pasf.post(f"/api/v1/returns/{rid}/advance",
                  json={k: v for k, v in body.items() if v is not None})
    assert_problem(r, 400, field=field)
    assert snapshot(isf, rid) == before


def test_each_stage_validates_its_own_data(server):
    isf, pasf = login(server, "isf.jenin"), login(server, "pasf.jenin")
    rid = report(isf, holding_party="pasf")["id"]
    advanced(pasf, rid, "located")
    assert_problem(advance(pasf, rid, "secured", holding_unit="isf/dco/jenin"), 400,
                   field="/holding_unit")
    assert_problem(advance(pasf, rid, "secured", summary="early"), 400, field="/summary")
    advanced(pasf, rid, "secured")
    for data, field in (
            ({"handover_at": "2030-01-01T10:00:00Z"}, "/handover_point"),
            ({"handover_point": "cp-nowhere", "handover_at": "2030-01-01T10:00:00Z"},
             "/handover_point"),
            ({"handover_point": "lp-not-entered", "handover_at": "2030-01-01T10:00:00Z"},
             "/handover_point"),
            ({"handover_point": REIHAN}, "/handover_at"),
            ({"handover_point": REIHAN, "handover_at": "tomorrow"}, "/handover_at"),
            ({"handover_point": REIHAN, "handover_at": "2030-01-01T10:00:00Z",
              "receiving_unit": "pasf/dcl/jenin"}, "/receiving_unit")):
        before = snapshot(isf, rid)
        assert_problem(advance(pasf, rid, "handover_arranged", **data), 400, field=field)
        assert snapshot(isf, rid) == before
    advanced(pasf, rid, "handover_arranged", **stage_data("handover_arranged"))
    assert_problem(advance(isf, rid, "handed_over", summary="x"), 400, field="/summary")
    advanced(isf, rid, "handed_over", medical_status="uninjured")
    for data, field in (({}, "/summary"), ({"summary": ""}, "/summary"),
                        ({"summary": "y" * 4001}, "/summary")):
        assert_problem(advance(isf, rid, "closed", **data), 400, field=field)
    assert fetch(isf, rid)["stage"] == "handed_over"
    assert fetch(isf, rid)["medical_status"] == "uninjured"
    # Malformed bodies.
    r = isf.post(f"/api/v1/returns/{rid}/advance", data="{", headers={
        "Content-Type": "application/json"})
    assert_problem(r, 400)
    r = isf.post(f"/api/v1/returns/{rid}/name", json={"name": None})
    assert_problem(r, 400, field="/name")


# --- The name ---------------------------------------------------------------------------------


MARKER = "Zebulon Quartermane-7f3a"


def test_the_name_reaches_only_holding_receiving_and_coordinator(server, outsider):
    """The outsider reports a case that pasf holds and isf receives; a second case is between
    isf and pasf alone. The marker name must appear in nothing the outsider receives: no
    response, no stream frame; while the entitled parties read it."""
    out = recorder(server, "eubam.duty")
    out_admin = recorder(server, "eubam.admin")
    isf, pasf, ussc = (login(server, u) for u in ("isf.jenin", "pasf.jenin", "ussc.duty"))
    pasf_analyst = login(server, "pasf.analyst")

    async def main():
        out_ws, admin_ws, isf_ws, pasf_ws, ussc_ws = await connect(
            server, out, out_admin, isf, pasf, ussc)

        # The outsider cannot name the person: it neither holds nor receives.
        r = out.post("/api/v1/returns", json=report_body(holding_party="pasf", name=MARKER))
        assert_problem(r, 403)
        mine = report(out, category="israeli_civilian", holding_party="pasf")["id"]
        # The holder records the name.
        r = pasf.post(f"/api/v1/returns/{mine}/name", json={"name": MARKER})
        assert r.status_code == 200, r.text
        assert r.json()["name"] == MARKER and isinstance(r.json()["seq"], int)
        name_seq = r.json()["seq"]
        # Between isf and pasf only, named at the report by isf (the receiving party).
        theirs = report(isf, holding_party="pasf", name=MARKER + " II")["id"]

        # The entitled parties read it, on the case only.
        for c in (isf, pasf, ussc, pasf_analyst):
            assert fetch(c, mine)["name"] == MARKER, c.username
            assert fetch(c, theirs)["name"] == MARKER + " II", c.username
        assert all("name" not in i for i in list_all(ussc)[0])

        # The outsider works its case through everything it may call.
        case = fetch(out, mine)
        assert "name" not in case and case["holding_party"] == "pasf"
        assert_problem(out.get(f"/api/v1/returns/{theirs}"), 404)
        r = out.post(f"/api/v1/returns/{mine}/name", json={"name": "Guess"})
        assert_problem(r, 403)
        seen_by_outsider = visible(out)
        assert mine in seen_by_outsider and theirs not in seen_by_outsider
        for q in ("stage=reported", "stage=active", "party=pasf", "district=PS0101",
                  "category=israeli_civilian", "limit=1"):
            list_all(out, q)
        assert out.get("/api/v1/stats/returns").status_code == 200
        assert out.get("/api/v1/handover-points").status_code == 200
        assert out_admin.get("/api/v1/audit/events?limit=1000").status_code == 200
        assert out_admin.get("/api/v1/audit/events?type=return&limit=1000").status_code == 200
        r = out.get(f"/api/v1/audit/proof/inclusion?seq={name_seq}")
        assert_problem(r, 404)

        # The case moves on; the outsider keeps reading it.
        walk(mine, "closed", {"read": ussc, "located": pasf, "secured": pasf,
                              "handover_arranged": isf, "handed_over": isf, "closed": isf})
        assert "name" not in fetch(out, mine)
        end = barrier(server, "names")

        # Streams: the entitled parties got the name's event; the outsider nothing of it.
        for ws in (isf_ws, pasf_ws, ussc_ws):
            seen = await events_until(ws, end)
            named = [e for e in seen if e["type"] == "return.name_recorded"]
            assert {e["body"]["name"] for e in named} == {MARKER, MARKER + " II"}, named
            assert all(e["subject"] in (mine, theirs) for e in named)
        for ws in (out_ws, admin_ws):
            seen = await events_until(ws, end)
            assert [e for e in seen if e["subject"] == mine], "the outsider saw its own case"
            assert not [e for e in seen if e["type"] == "return.name_recorded"]
            assert "Zebulon" not in json.dumps(seen)
            assert theirs not in json.dumps(seen)
        for ws in (out_ws, admin_ws, isf_ws, pasf_ws, ussc_ws):
            await ws.close()

    asyncio.run(main())
    assert len(out.texts) > 10 and len(out_admin.texts) == 2
    for c in (out, out_admin):
        leaked = [t for t in c.texts if "Zebulon" in t]
        assert not leaked, leaked[:2]


def test_reading_a_name_is_an_access_event(server):
    isf, pasf = login(server, "isf.jenin"), login(server, "pasf.jenin")
    auditor = login(server, "isf.auditor")
    named = report(isf, holding_party="pasf", name="Access Logged")["id"]
    unnamed = report(isf, holding_party="pasf")["id"]

    def reads(subject):
        return [e for e in audit_events(auditor, "access")
                if e["type"] == "access.read" and e["subject"] == subject]

    assert reads(named) == []
    for _ in range(2):
        assert fetch(isf, named)["name"] == "Access Logged"
    got = reads(named)
    assert len(got) == 2, got
    assert all(e["actor"] == "isf.jenin" and e["body"]["what"] == "returns.name" for e in got)
    # A case without a name, and lists, record no read.
    assert fetch(isf, unnamed)["name"] is None
    list_all(isf)
    assert reads(unnamed) == []
    assert len(reads(named)) == 2
    # pasf's reads are in pasf's log, not isf's.
    fetch(pasf, named)
    assert len(reads(named)) == 2
    pasf_reads = [e for e in audit_events(login(server, "pasf.auditor"), "access")
                  if e["subject"] == named]
    assert [e["actor"] for e in pasf_reads] == ["pasf.jenin"]


# --- Stage deadlines ----------------------------------------------------------------------------


FAST = {"returns": {"reported_seconds": 5, "located_seconds": 10, "secured_seconds": 3600,
                    "handover_arranged_seconds": 3600, "handed_over_seconds": 3600}}


def overdue_of(rid, stage):
    return lambda e: (e["type"] == "return.overdue" and e["subject"] == rid
                      and e["body"]["stage"] == stage)


def test_a_stage_past_its_limit_escalates_once_to_the_coordinators_desk(make_server):
    srv = make_server(FAST)
    outsider = login(srv, add_party_with_officer(srv, "eubam"))
    isf, pasf, ussc = login(srv, "isf.jenin"), login(srv, "pasf.jenin"), login(srv, "ussc.duty")

    async def main():
        ussc_ws, isf_ws, out_ws = await connect(srv, ussc, isf, outsider)
        created = report(isf, holding_party="pasf")
        rid = created["id"]
        case = fetch(isf, rid)
        assert ts(case["stage_due_at"]) - ts(case["stage_since"]) == pytest.approx(5, abs=0.01)
        assert case["overdue"] is False

        srv.advance(7)
        e, _ = await wait_event(ussc_ws, overdue_of(rid, "reported"))
        body = e["body"]
        assert body["id"] == rid and ts(body["due_at"]) == ts(case["stage_due_at"])
        assert ts(body["since"]) == ts(case["stage_since"])
        assert {"party": "ussc", "unit": "ussc/ops/duty", "role": "duty"} in body["escalate_to"]
        assert e["party"] == "isf" and e["shared_with"] == ["pasf", "ussc"]
        first = e["seq"]
        await wait_event(isf_ws, lambda x: x["seq"] == first)  # the case's own scope
        case = fetch(ussc, rid)
        assert case["overdue"] is True and case["stages"][0]["overdue_seq"] == first

        # Once only, however long it stays.
        srv.advance(20)
        time.sleep(1.0)
        end = barrier(srv, "ret1")
        seen = await events_until(ussc_ws, end)
        assert not [x for x in seen if x["type"] == "return.overdue"], seen

        # The next stage has its own limit, and its own single escalation.
        located = advanced(pasf, rid, "located")
        assert located["overdue"] is False
        due = ts(located["stage_due_at"]) - ts(located["stage_since"])
        assert due == pytest.approx(10, abs=0.01)
        srv.advance(6)
        time.sleep(1.0)
        end = barrier(srv, "ret2")
        seen = await events_until(ussc_ws, end)
        assert not [x for x in seen if x["type"] == "return.overdue"], seen  # not yet
        srv.advance(6)
        e, _ = await wait_event(ussc_ws, overdue_of(rid, "located"))
        second = e["seq"]
        srv.advance(30)
        time.sleep(1.0)
        end = barrier(srv, "ret3")
        seen = await events_until(ussc_ws, end)
        assert not [x for x in seen if x["type"] == "return.overdue"], seen

        # The outsider saw none of it.
        seen = await events_until(out_ws, end)
        assert not [x for x in seen if x["type"].startswith("return.") or rid in json.dumps(x)]
        for ws in (ussc_ws, isf_ws, out_ws):
            await ws.close()
        return rid, first, second

    rid, first, second = asyncio.run(main())
    case = fetch(ussc, rid)
    assert [s["overdue_seq"] for s in case["stages"]] == [first, second]
    overdue = [e for e in audit_events(login(srv, "ussc.auditor"))
               if e["type"] == "return.overdue" and e["subject"] == rid]
    assert [(e["body"]["stage"], e["seq"]) for e in overdue] == [("reported", first),
                                                                  ("located", second)]
    # A case taken on in time raises nothing; a closed case never.
    isf, pasf = login(srv, "isf.jenin"), login(srv, "pasf.jenin")
    quick = report(isf, holding_party="pasf")["id"]
    walk(quick, "closed", {"read": ussc, "located": pasf, "secured": pasf,
                           "handover_arranged": pasf, "handed_over": isf, "closed": isf})
    srv.advance(2 * 3600)
    time.sleep(1.5)
    case = fetch(login(srv, "ussc.duty"), quick)  # past the idle limit: a fresh session
    assert [s["overdue_seq"] for s in case["stages"]] == [None] * 6
    assert case["overdue"] is False


# --- The figures --------------------------------------------------------------------------------


def test_figures_over_the_visible_cases(make_server):
    srv = make_server()

    def as_(u):  # the clock jumps past idle limits: a fresh session each time
        return login(srv, u)

    isf = as_("isf.jenin")
    minutes = [10, 20, 30, 40, 100]
    located = [JENIN, JENIN, HEBRON, JENIN, HEBRON]
    cases = [report(isf, holding_party="pasf", location=point(at))["id"] for at in located]
    reported_at = {rid: ts(fetch(isf, rid)["reported_at"]) for rid in cases}
    elapsed = 0
    for rid, m in zip(cases, minutes):
        srv.advance((m - elapsed) * 60)
        elapsed = m
        isf, pasf = as_("isf.jenin"), as_("pasf.jenin")
        walk(rid, "handed_over", {"read": isf, "located": pasf, "secured": pasf,
                                  "handover_arranged": pasf, "handed_over": isf})
    # One handed over and closed; one more reported a month later, never held by pasf.
    walk(cases[0], "closed", {"read": as_("isf.jenin"), "closed": as_("isf.jenin")})
    srv.advance(32 * 24 * 3600)
    later = report(as_("isf.jenin"), location=point(HEBRON))["id"]
    reported_at[later] = ts(fetch(as_("isf.jenin"), later)["reported_at"])
    # pasf's own case, which isf does not see.
    own = report(as_("pasf.jenin"), category="palestinian", receiving_party="pasf")["id"]
    reported_at[own] = ts(fetch(as_("pasf.jenin"), own)["reported_at"])

    def month(t):
        return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m")

    def figures(u, query=""):
        r = as_(u).get("/api/v1/stats/returns" + query)
        assert r.status_code == 200, r.text
        return r.json()

    def per(items, key):
        return {i[key]: i["count"] for i in items}

    for u, seen in (("isf.jenin", cases + [later]), ("pasf.jenin", cases + [own]),
                    ("ussc.duty", cases + [later, own])):
        f = figures(u)
        assert f["cases"] == len(seen), (u, f)
        assert f["handed_over"] == 5
        t = f["time_to_handover"]
        assert t["n"] == 5
        # Nearest rank over 10, 20, 30, 40, 100 minutes: the 3rd and the 5th.
        assert t["p50_minutes"] == pytest.approx(30, abs=0.5), t
        assert t["p90_minutes"] == pytest.approx(100, abs=0.5), t
        months = {}
        for rid in seen:
            months[month(reported_at[rid])] = months.get(month(reported_at[rid]), 0) + 1
        assert per(f["per_month"], "month") == months
        assert [i["month"] for i in f["per_month"]] == sorted(months)
        assert len(months) == 2
        districts = {}
        for rid in seen:
            d = fetch(as_("ussc.duty"), rid)["district"]
            districts[d] = districts.get(d, 0) + 1
        assert per(f["per_district"], "district") == districts
        stages = per(f["per_stage"], "stage")
        assert list(stages) == STAGES
        assert stages["closed"] == 1 and stages["handed_over"] == 4
        assert stages["reported"] == len(seen) - 5
        assert sum(stages.values()) == len(seen)

    # Filters: district, party, period.
    f = figures("ussc.duty", "?district=PS0150")
    assert f["cases"] == 3 and f["handed_over"] == 2  # cases 3 and 5, and the later one
    assert f["time_to_handover"]["p50_minutes"] == pytest.approx(30, abs=0.5)
    assert f["time_to_handover"]["p90_minutes"] == pytest.approx(100, abs=0.5)
    assert figures("ussc.duty", "?party=pasf")["cases"] == 6
    start = min(reported_at[c] for c in cases)
    f = figures("ussc.duty", f"?from={iso(start - 60)}&to={iso(start + 3600 * 6)}")
    assert f["cases"] == 5
    f = figures("isf.jenin", f"?from={iso(reported_at[later] - 60)}")
    assert f["cases"] == 1 and f["handed_over"] == 0
    assert f["time_to_handover"] == {"p50_minutes": None, "p90_minutes": None, "n": 0}
    # Analysts read figures; auditors do not.
    assert as_("isf.analyst").get("/api/v1/stats/returns").json()["cases"] == 6
    assert_problem(as_("isf.auditor").get("/api/v1/stats/returns"), 403)
    assert_problem(as_("isf.jenin").get("/api/v1/stats/returns?from=yesterday"), 400,
                   field="/from")
    assert_problem(as_("isf.jenin").get(
        f"/api/v1/stats/returns?from={iso(start)}&to={iso(start - 1)}"), 400, field="/to")


# --- Lists --------------------------------------------------------------------------------------


def test_lists_filter_and_page(make_server):
    srv = make_server()
    isf, pasf, ussc = login(srv, "isf.jenin"), login(srv, "pasf.jenin"), login(srv, "ussc.duty")
    made = []
    for i in range(7):
        made.append(report(isf, holding_party="pasf",
                           category="israeli_civilian" if i % 2 else "israeli_security",
                           location=point(HEBRON if i % 3 == 0 else JENIN))["id"])
    hidden = report(pasf, category="palestinian", receiving_party="pasf")["id"]
    takers = {"read": ussc, "located": pasf, "secured": pasf, "handover_arranged": pasf,
              "handed_over": isf, "closed": isf}
    walk(made[1], "located", takers)
    walk(made[2], "secured", takers)
    walk(made[3], "closed", takers)

    items, pages = list_all(isf, limit=2)
    assert [i["id"] for i in items] == list(reversed(made))  # newest first
    assert pages == 4
    assert len({i["id"] for i in items}) == 7
    assert all("stages" not in i and "name" not in i for i in items)
    assert items[0]["stage"] == "reported" and items[0]["stage_due_at"] is not None
    everything = [i["id"] for i in list_all(ussc)[0]]
    assert everything == [hidden] + list(reversed(made))
    assert visible(pasf) == set(made) | {hidden}

    assert visible(isf, "stage=reported") == set(made) - {made[1], made[2], made[3]}
    assert visible(isf, "stage=located,secured") == {made[1], made[2]}
    assert visible(isf, "stage=closed") == {made[3]}
    assert visible(isf, "stage=active") == set(made) - {made[3]}
    assert visible(isf, "stage=active,closed") == set(made)
    assert visible(isf, "category=israeli_security") == {made[i] for i in (0, 2, 4, 6)}
    assert visible(ussc, "category=palestinian") == {hidden}
    assert visible(isf, "district=PS0150") == {made[i] for i in (0, 3, 6)}
    assert visible(ussc, "party=pasf") == set(made) | {hidden}
    assert visible(isf, "party=pasf") == set(made)
    assert visible(ussc, "party=eubam") == set()
    first = ts(fetch(isf, made[0])["reported_at"])
    assert visible(isf, f"from={iso(first + 3600)}") == set()
    assert visible(isf, f"to={iso(first - 1)}") == set()
    assert visible(isf, f"from={iso(first - 1)}&to={iso(first + 3600)}") == set(made)
    for query, field in (("stage=flying", "/stage"), ("category=x", "/category"),
                         ("limit=0", "/limit"), ("limit=201", "/limit"), ("cursor=abc", "/cursor"),
                         ("from=yesterday", "/from")):
        assert_problem(isf.get("/api/v1/returns?" + query), 400, field=field)
    # Readers by role: analysts and auditors read; nobody else outside the parties.
    assert visible(login(srv, "isf.analyst")) == set(made)
    assert visible(login(srv, "pasf.auditor")) == set(made) | {hidden}
    assert_problem(login(srv, "isf.admin").get("/api/v1/returns"), 403)
    assert_problem(isf.get(f"/api/v1/returns/{hidden}"), 404)
    assert_problem(isf.get(f"/api/v1/returns/{UNKNOWN}"), 404)


# --- Handover points ----------------------------------------------------------------------------


def test_handover_points_are_the_checkpoints_and_the_liaison_points(server):
    expected = expected_checkpoints()
    assert REIHAN in expected and len(expected) == 77
    r = login(server, "isf.admin").get("/api/v1/handover-points")  # anyone
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [i["id"] for i in items] == list(expected)
    for i in items:
        f = expected[i["id"]]
        assert i["kind"] == "checkpoint" and i["name"] == f["properties"]["name"]
        assert i["governorate"] == f["properties"].get("governorate_en")
        assert i["location"] == {"type": "Point", "coordinates": f["geometry"]["coordinates"]}
        assert set(i) == {"id", "name", "name_ar", "name_he", "kind", "governorate", "location"}
    reihan = next(i for i in items if i["id"] == REIHAN)
    assert reihan["governorate"] == "Jenin"
    r = login(server, "pasf.jenin").get("/api/v1/handover-points?kind=liaison_point")
    assert r.status_code == 200 and r.json()["items"] == []
    assert_problem(login(server, "pasf.jenin").get("/api/v1/handover-points?kind=gate"), 400,
                   field="/kind")
    assert_problem(server.get("/api/v1/handover-points"), 401)


def test_a_deployments_liaison_points_are_handover_points(make_server, tmp_path):
    import shutil
    maps = tmp_path / "maps"
    shutil.copytree(DATA, maps)
    (maps / "liaison_points.geojson").write_text(json.dumps({
        "type": "FeatureCollection", "features": [{
            "type": "Feature", "geometry": {"type": "Point", "coordinates": [35.2, 31.9]},
            "properties": {"id": "lp-ramallah-dcl", "name": "Ramallah DCL",
                           "name_ar": "ارتباط رام الله", "name_he": "מת\"ק רמאללה",
                           "governorate": "Ramallah"}}]}))
    srv = make_server({"server": {"map_dir": str(maps)}})
    isf, pasf = login(srv, "isf.jenin"), login(srv, "pasf.jenin")
    items = isf.get("/api/v1/handover-points?kind=liaison_point").json()["items"]
    assert items == [{"id": "lp-ramallah-dcl", "name": "Ramallah DCL",
                      "name_ar": "ارتباط رام الله", "name_he": "מת\"ק רמאללה",
                      "kind": "liaison_point", "governorate": "Ramallah",
                      "location": {"type": "Point", "coordinates": [35.2, 31.9]}}]
    assert len(isf.get("/api/v1/handover-points").json()["items"]) == 78
    rid = report(isf, holding_party="pasf")["id"]
    advanced(pasf, rid, "located")
    advanced(pasf, rid, "secured")
    out = advanced(isf, rid, "handover_arranged", handover_point="lp-ramallah-dcl",
                   handover_at="2030-01-01T10:00:00Z")
    assert out["handover_point"] == "lp-ramallah-dcl"


# --- Rebuild ------------------------------------------------------------------------------------


TABLES = {
    "return_cases": "id, year, number, party, reporting_unit, shared_with, stage, category, "
                    "person_count, circumstances, location, district, holding_party, "
                    "holding_unit, receiving_party, receiving_unit, handover_point, handover_at, "
                    "medical_status, incident, summary, stage_since, stage_seq, overdue_seq, "
                    "reported_by, reported_at, handed_over_at, closed_at, created_seq, "
                    "updated_at, updated_seq",
    "return_stages": "seq, case_id, stage, at, actor, party, note, data, overdue_seq",
    "return_names": "case_id, name, party, actor, at, seq",
}


def dump(data):
    out = {}
    for table, cols in TABLES.items():
        select = ", ".join(f"quote({c.strip()})" for c in cols.split(","))
        out[table] = sqlite(data / "liaison.db",
                            f"SELECT {select} FROM {table} ORDER BY 1, 2").splitlines()
    return out


def test_return_cases_survive_a_rebuild(make_server, tmp_path):
    srv = make_server(FAST)
    isf, pasf, ussc = login(srv, "isf.jenin"), login(srv, "pasf.jenin"), login(srv, "ussc.duty")
    takers = {"read": ussc, "located": pasf, "secured": pasf, "handover_arranged": isf,
              "handed_over": isf, "closed": ussc}
    done = report(isf, holding_party="pasf", name="Rebuilt Name")["id"]
    walk(done, "closed", takers)
    moved = report(isf)["id"]
    advanced(isf, moved, "located", holding_party="pasf", location=point(HEBRON), note="moved")
    pasf.post(f"/api/v1/returns/{moved}/name", json={"name": "First"})
    pasf.post(f"/api/v1/returns/{moved}/name", json={"name": "Corrected"})
    late = report(pasf, category="palestinian", receiving_party="pasf", holding_party="isf")["id"]
    srv.advance(8)
    for _ in range(100):
        if fetch(ussc, late)["stages"][0]["overdue_seq"] is not None:
            break
        time.sleep(0.1)
    assert fetch(ussc, moved)["name"] == "Corrected"
    assert srv.stop() == 0, srv.stderr()

    data = copy_data(srv.data, tmp_path / "d")
    before = dump(data)
    assert len(before["return_cases"]) == 3 and len(before["return_stages"]) == 9
    assert len(before["return_names"]) == 2
    assert any("'Corrected'" in row for row in before["return_names"])
    r = cli("rebuild", "--data", data, "--check")
    assert r.returncode == 0 and "identical" in r.stdout, r.stdout + r.stderr
    r = cli("rebuild", "--data", data)
    assert r.returncode == 0, r.stdout + r.stderr
    assert dump(data) == before

    for n, damage in enumerate(("UPDATE return_cases SET stage = 'closed'",
                   "UPDATE return_cases SET shared_with = 'eubam,isf,pasf,ussc'",
                   "DELETE FROM return_names",
                   "UPDATE return_stages SET overdue_seq = NULL")):
        broken = copy_data(srv.data, tmp_path / f"broken{n}")
        sqlite(broken / "liaison.db", damage)
        assert dump(broken) != before
        r = cli("rebuild", "--data", broken, "--check")
        assert r.returncode != 0 and "DIFFERED" in r.stdout, damage
        r = cli("rebuild", "--data", broken)
        assert r.returncode == 0, r.stdout + r.stderr
        assert dump(broken) == before, damage
