"""Tamper evidence: `liaison audit verify` on edited logs, and proofs checked offline by
`liaison audit check-proof` against tree heads saved from the API."""

import hashlib
import json
import re
import sqlite3
import struct

import pytest

from conftest import assert_problem, cli, copy_data, login, sqlite


def verify(data):
    r = cli("audit", "verify", "--data", data)
    return r.returncode, r.stdout + r.stderr


def event_count(data):
    return int(sqlite(data / "liaison.db", "SELECT count(*) FROM events").strip())


@pytest.fixture(scope="module")
def stopped_log(server, tmp_path_factory):
    """The module server's data after some activity and a clean stop (read-only!)."""
    admin = login(server, "pasf.admin")
    for i in range(3):
        r = admin.post("/api/v1/units", json={"id": f"pasf/dcl/audit{i}", "parent": "pasf/dcl",
                                              "kind": "liaison", "name_en": f"Audit {i}"})
        assert r.status_code == 201, r.text
    login(server, "isf.jenin")
    assert server.stop() == 0, server.stderr()
    return server.data


@pytest.fixture
def tampered(stopped_log, tmp_path):
    """A fresh copy of the stopped log to damage."""
    return copy_data(stopped_log, tmp_path / "copy")


def test_verify_passes_on_an_intact_log(stopped_log):
    rc, out = verify(stopped_log)
    assert rc == 0, out
    n = event_count(stopped_log)
    assert n > 80
    assert re.search(rf"\bverified {n} events\b", out), out
    # A clean stop signs a head over every event.
    heads = sqlite(stopped_log / "liaison.db", "SELECT max(tree_size) FROM tree_heads").strip()
    assert int(heads) == n


@pytest.mark.parametrize("column,value", [
    ("body", "'{\"id\":\"isf\",\"name_en\":\"Someone else\"}'"),
    ("body", "body || ' '"),
    ("actor", "'operator:someone'"),
    ("party", "'pasf'"),
    ("type", "'party.deleted'"),
    ("subject", "'party/other'"),
    ("at", "at + 1"),
    ("shared_with", "'isf'"),
])
def test_editing_one_event_is_caught_and_named(tampered, column, value):
    sqlite(tampered / "liaison.db", f"UPDATE events SET {column} = {value} WHERE seq = 5")
    assert sqlite(tampered / "liaison.db", "SELECT count(*) FROM events WHERE seq = 5").strip() == "1"
    rc, out = verify(tampered)
    assert rc != 0, out
    assert re.search(r"\bseq 5\b", out), out
    assert "verified" not in out


def test_deleting_an_event_is_caught_and_names_the_gap(tampered):
    sqlite(tampered / "liaison.db", "DELETE FROM events WHERE seq = 10")
    rc, out = verify(tampered)
    assert rc != 0, out
    assert re.search(r"\bseq 11\b", out) and re.search(r"\bseq 10\b", out), out


def test_swapping_two_bodies_is_caught(tampered):
    db = tampered / "liaison.db"
    a, b = sqlite(db, "SELECT body FROM events WHERE seq IN (6, 7) ORDER BY seq").splitlines()
    assert a != b
    sqlite(db, "UPDATE events SET body = CASE seq WHEN 6 THEN (SELECT body FROM events WHERE seq = 7) "
               "ELSE (SELECT body FROM events WHERE seq = 6) END WHERE seq IN (6, 7)")
    assert sqlite(db, "SELECT body FROM events WHERE seq = 6").strip() == b
    rc, out = verify(tampered)
    assert rc != 0, out
    assert re.search(r"\bseq 6\b", out), out


def test_swapping_two_whole_events_is_caught(tampered):
    db = tampered / "liaison.db"
    sqlite(db, "UPDATE events SET seq = -1 WHERE seq = 20; UPDATE events SET seq = 20 WHERE seq = 21; "
               "UPDATE events SET seq = 21 WHERE seq = -1;")
    rc, out = verify(tampered)
    assert rc != 0, out
    assert re.search(r"\bseq 20\b", out), out


def test_truncating_below_a_signed_head_is_caught(tampered):
    db = tampered / "liaison.db"
    n = event_count(tampered)
    sqlite(db, f"DELETE FROM events WHERE seq > {n - 3}")
    rc, out = verify(tampered)
    assert rc != 0, out
    assert "truncated" in out and str(n) in out and str(n - 3) in out, out


def test_a_forged_tree_head_is_caught(tampered):
    db = tampered / "liaison.db"
    sqlite(db, "UPDATE tree_heads SET root = randomblob(32) "
               "WHERE tree_size = (SELECT max(tree_size) FROM tree_heads)")
    rc, out = verify(tampered)
    assert rc != 0, out
    assert "tree head" in out and "signature" in out, out


@pytest.mark.parametrize("damage", [
    # Leak a private isf event to pasf through the visibility index alone.
    "INSERT INTO event_shares (party, seq) SELECT 'pasf', seq FROM events "
    "WHERE party = 'isf' AND shared_with = '' ORDER BY seq LIMIT 1",
    # Hide a shared event from everyone else.
    "DELETE FROM event_shares WHERE seq = 1",
])
def test_tampering_with_the_visibility_index_is_caught(tampered, damage):
    db = tampered / "liaison.db"
    before = sqlite(db, "SELECT count(*) FROM event_shares")
    sqlite(db, damage)
    assert sqlite(db, "SELECT count(*) FROM event_shares") != before
    rc, out = verify(tampered)
    assert rc != 0, out
    assert "event_shares" in out or "visibility" in out, out


def leaf_input(seq, at, actor, party, type_, subject, shared_with, body):
    def field(s):
        b = s.encode()
        return struct.pack(">I", len(b)) + b

    return (b"LEV1" + struct.pack(">QQ", seq, at) + field(actor) + field(party) + field(type_)
            + field(subject) + field(shared_with) + field(body))


def test_rewriting_history_with_recomputed_hashes_is_caught_by_the_signed_heads(tampered):
    """An attacker with write access to the database edits an event and recomputes every
    leaf and chain hash after it. Only the signature on the tree heads stops this."""
    db = sqlite3.connect(tampered / "liaison.db")
    rows = db.execute("SELECT seq, at, actor, party, type, subject, shared_with, body, leaf_hash, "
                      "chain_hash FROM events ORDER BY seq").fetchall()
    # First prove the re-implementation is faithful on the intact log.
    chain = bytes(32)
    for r in rows:
        leaf = hashlib.sha256(b"\x00" + leaf_input(*r[:8])).digest()
        assert leaf == r[8], f"leaf encoding differs at seq {r[0]}"
        chain = hashlib.sha256(chain + leaf).digest()
        assert chain == r[9], f"chain differs at seq {r[0]}"
    # Now rewrite seq 5 and everything after it.
    chain = rows[3][9]
    for r in rows[4:]:
        body = r[7].replace("Canada", "Atlantis") if r[0] == 5 else r[7]
        leaf = hashlib.sha256(b"\x00" + leaf_input(*r[:7], body)).digest()
        chain = hashlib.sha256(chain + leaf).digest()
        db.execute("UPDATE events SET body = ?, leaf_hash = ?, chain_hash = ? WHERE seq = ?",
                   (body, leaf, chain, r[0]))
    db.commit()
    assert "Atlantis" in db.execute("SELECT body FROM events WHERE seq = 5").fetchone()[0]
    db.close()
    rc, out = verify(tampered)
    assert rc != 0, out
    assert "tree head" in out and "root does not match" in out, out


# --- Proofs against the running server ---------------------------------------------------


def save(path, obj):
    path.write_text(json.dumps(obj))
    return path


def check_proof(*args):
    r = cli("audit", "check-proof", *args)
    return r.returncode, r.stdout + r.stderr


def flip_hex(h):
    return ("0" if h[0] != "0" else "1") + h[1:]


def wait_for_head(srv, client, min_size, tries=50):
    import time
    for _ in range(tries):
        head = client.get("/api/v1/audit/tree-head").json()
        if head["tree_size"] >= min_size:
            return head
        time.sleep(0.1)
    raise AssertionError(f"no signed head of size >= {min_size}: {head}")


def test_inclusion_proof_of_a_receipt_checks_offline(make_server, tmp_path):
    srv = make_server()
    admin = login(srv, "pasf.admin")
    r = admin.post("/api/v1/units", json={"id": "pasf/dcl/receipt", "parent": "pasf/dcl",
                                          "kind": "liaison", "name_en": "Receipt"})
    assert r.status_code == 201
    seq = r.json()["seq"]
    # A head is signed at most 60 s after new events: move the clock on.
    srv.advance(61)
    viewer = login(srv, "pasf.jenin")
    head = wait_for_head(srv, viewer, seq)
    assert set(head) >= {"tree_size", "root_hash", "timestamp", "signature", "key_id", "public_key"}
    r = viewer.get(f"/api/v1/audit/proof/inclusion?seq={seq}&tree_size={head['tree_size']}")
    assert r.status_code == 200, r.text
    proof = r.json()
    assert proof["leaf_index"] == seq - 1 and proof["tree_size"] == head["tree_size"]
    h, p = save(tmp_path / "head.json", head), save(tmp_path / "proof.json", proof)
    rc, out = check_proof("--head", h, "--inclusion", p)
    assert rc == 0, out
    assert "included" in out
    # Pinning the right key works; a wrong one fails.
    assert check_proof("--head", h, "--inclusion", p, "--public-key", head["public_key"])[0] == 0
    assert check_proof("--head", h, "--inclusion", p, "--public-key", "00" * 32)[0] != 0

    # Any change to the proof or the head fails.
    bad_path = dict(proof, audit_path=[flip_hex(proof["audit_path"][0])] + proof["audit_path"][1:])
    bad_leaf = dict(proof, leaf_hash=flip_hex(proof["leaf_hash"]))
    bad_index = dict(proof, leaf_index=proof["leaf_index"] - 1)
    short_path = dict(proof, audit_path=proof["audit_path"][:-1])
    for i, bad in enumerate((bad_path, bad_leaf, bad_index, short_path)):
        rc, out = check_proof("--head", h, "--inclusion", save(tmp_path / f"bad{i}.json", bad))
        assert rc != 0, f"tampered proof {i} accepted: {out}"
    bad_head = save(tmp_path / "bad_head.json", dict(head, root_hash=flip_hex(head["root_hash"])))
    rc, out = check_proof("--head", bad_head, "--inclusion", p)
    assert rc != 0 and "signature" in out, out
    bad_size = save(tmp_path / "bad_size.json", dict(head, tree_size=head["tree_size"] + 1))
    assert check_proof("--head", bad_size, "--inclusion", p)[0] != 0


def test_check_proof_hashes_the_event_as_the_party_saw_it(make_server, tmp_path):
    srv = make_server()
    admin = login(srv, "pasf.admin")
    r = admin.post("/api/v1/units", json={
        "id": "pasf/dcl/yatta", "parent": "pasf/dcl", "kind": "liaison", "name_en": "DCL Yatta",
        "name_ar": "الارتباط يطا", "name_he": "קישור יטא", "district": "PS0150"})
    assert r.status_code == 201, r.text
    seq = r.json()["seq"]
    srv.advance(61)
    head = wait_for_head(srv, admin, seq)
    proof = admin.get(f"/api/v1/audit/proof/inclusion?seq={seq}&tree_size={head['tree_size']}").json()
    event = admin.get(f"/api/v1/audit/events?after={seq - 1}&limit=1").json()["items"][0]
    assert event["seq"] == seq and event["type"] == "unit.created"
    h, p = save(tmp_path / "head.json", head), save(tmp_path / "proof.json", proof)
    e = save(tmp_path / "event.json", event)
    rc, out = check_proof("--head", h, "--inclusion", p, "--event", e)
    assert rc == 0, out
    # The event as another party might claim it was: any field changed fails.
    changes = [dict(event, body=dict(event["body"], name_en="DCL Somewhere")),
               dict(event, actor="pasf.jenin"), dict(event, shared_with=["pasf"]),
               dict(event, at=event["at"][:-2] + str((int(event["at"][-2]) + 1) % 10) + "Z"),
               dict(event, seq=seq + 1)]
    assert event["at"].endswith("Z") and event["at"][-2].isdigit()
    for i, bad in enumerate(changes):
        rc, out = check_proof("--head", h, "--inclusion", p, "--event",
                              save(tmp_path / f"bad_event{i}.json", bad))
        assert rc != 0, f"altered event {i} accepted: {out}"


def test_consistency_between_two_saved_heads(make_server, tmp_path):
    srv = make_server({"audit": {"tree_head_every_events": 1}})
    c = login(srv, "ussc.admin")
    h1 = c.get("/api/v1/audit/tree-head").json()
    for i in range(5):
        r = c.post("/api/v1/units", json={"id": f"isf/dco/c{i}", "parent": "isf/dco",
                                          "kind": "liaison", "name_en": f"C{i}"})
        assert r.status_code == 201, r.text
    h2 = wait_for_head(srv, c, r.json()["seq"])
    assert h2["tree_size"] > h1["tree_size"]
    r = c.get(f"/api/v1/audit/proof/consistency?first={h1['tree_size']}&second={h2['tree_size']}")
    assert r.status_code == 200, r.text
    proof = r.json()
    assert proof["consistency_path"]
    f1, f2 = save(tmp_path / "h1.json", h1), save(tmp_path / "h2.json", h2)
    fc = save(tmp_path / "c.json", proof)
    rc, out = check_proof("--old-head", f1, "--head", f2, "--consistency", fc)
    assert rc == 0, out
    assert "append-only" in out
    # A tampered proof, or heads the other way round, fail.
    bad = save(tmp_path / "bad.json",
               dict(proof, consistency_path=[flip_hex(x) for x in proof["consistency_path"]]))
    assert check_proof("--old-head", f1, "--head", f2, "--consistency", bad)[0] != 0
    assert check_proof("--old-head", f2, "--head", f1, "--consistency", fc)[0] != 0
    # A head from another log (root changed, re-signing impossible) fails.
    forged = save(tmp_path / "forged.json", dict(h1, root_hash=flip_hex(h1["root_hash"])))
    assert check_proof("--old-head", forged, "--head", f2, "--consistency", fc)[0] != 0

    # `liaison audit head` prints the same latest head the API serves.
    assert srv.stop() == 0
    r = cli("audit", "head", "--data", srv.data)
    assert r.returncode == 0, r.stderr
    offline = json.loads(r.stdout)
    assert offline["public_key"] == h2["public_key"]
    assert offline["tree_size"] >= h2["tree_size"]


def test_inclusion_proof_of_another_partys_event_is_404(make_server):
    srv = make_server()
    login(srv, "isf.jenin")  # an isf security event (session.opened)
    isf_auditor = login(srv, "isf.auditor")
    events = isf_auditor.get("/api/v1/audit/events?type=session&limit=1000").json()["items"]
    seq = next(e["seq"] for e in events if e["party"] == "isf" and e["type"] == "session.opened")
    srv.advance(61)
    wait_for_head(srv, isf_auditor, seq)
    assert isf_auditor.get(f"/api/v1/audit/proof/inclusion?seq={seq}").status_code == 200
    for other in ("pasf.admin", "pasf.auditor", "pasf.jenin", "ussc.auditor", "ussc.duty"):
        r = login(srv, other).get(f"/api/v1/audit/proof/inclusion?seq={seq}")
        assert_problem(r, 404)
    # The same answer as for an event that does not exist at all.
    r = login(srv, "pasf.admin").get("/api/v1/audit/proof/inclusion?seq=999999")
    assert r.status_code in (400, 404)
    assert_problem(r, r.status_code)


def test_security_events_of_the_own_party_need_auditor_or_admin_for_proofs(make_server):
    """Need-to-know inside a party: a liaison officer does not see security events in the
    audit log or the stream, so no proof about them either."""
    srv = make_server()
    login(srv, "pasf.admin")
    auditor = login(srv, "pasf.auditor")
    events = auditor.get("/api/v1/audit/events?type=session&limit=1000").json()["items"]
    seq = next(e["seq"] for e in events if e["body"]["username"] == "pasf.admin")
    srv.advance(61)
    wait_for_head(srv, auditor, seq)
    assert auditor.get(f"/api/v1/audit/proof/inclusion?seq={seq}").status_code == 200
    assert_problem(login(srv, "pasf.jenin").get(f"/api/v1/audit/proof/inclusion?seq={seq}"), 404)


def test_proof_parameters_are_checked(make_server):
    srv = make_server()
    c = login(srv, "isf.jenin")
    size = c.get("/api/v1/audit/tree-head").json()["tree_size"]
    for query, field in (("", "/seq"), ("seq=abc", "/seq"), ("seq=0", "/seq"), ("seq=-3", "/seq"),
                         (f"seq=1&tree_size={size + 1000}", "/tree_size"),
                         ("seq=1&tree_size=1x", "/tree_size")):
        assert_problem(c.get(f"/api/v1/audit/proof/inclusion?{query}"), 400, field=field)
    for query, field in (("first=1", "/second"), ("second=2", "/first"),
                         ("first=3&second=2", "/first"), (f"first=1&second={size + 1000}", "/second")):
        assert_problem(c.get(f"/api/v1/audit/proof/consistency?{query}"), 400, field=field)
