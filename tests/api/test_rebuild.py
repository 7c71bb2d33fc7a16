"""`liaison rebuild` replays the event log into projections identical to the live ones."""

import pytest

from conftest import cli, copy_data, login, sqlite

PROJECTIONS = {
    "parties": "id, name_en, name_ar, name_he, is_coordinator, created_seq",
    "nations": "code, name_en, name_ar, name_he, created_seq",
    "units": "id, party, parent, kind, name_en, name_ar, name_he, district, created_seq",
    "users": "username, party, unit, roles, display_name, disabled, totp_enabled, created_seq, "
             "updated_seq",
    "api_tokens": "id, party, username, name, created_by, created_at, expires_at, revoked_at",
}
STRONG = "rebuild-test-passphrase-5"


def dump(data):
    """Every projection row, in a stable order, with NULLs and types made visible."""
    out = {}
    for table, cols in PROJECTIONS.items():
        names = [c.strip() for c in cols.split(",")]
        select = ", ".join(f"quote({c})" for c in names)
        out[table] = sqlite(data / "liaison.db",
                            f"SELECT {select} FROM {table} ORDER BY {cols}").splitlines()
    return out


@pytest.fixture(scope="module")
def active_log(server):
    """The module server's data after activity touching every projection, stopped."""
    ussc = login(server, "ussc.admin")
    r = ussc.post("/api/v1/parties", json={"id": "eubam", "name_en": "EU Border Assistance Mission",
                                           "name_ar": "بعثة", "name_he": "משלחת"})
    assert r.status_code == 201, r.text
    r = ussc.post("/api/v1/units", json={"id": "eubam", "kind": "party", "name_en": "EUBAM"})
    assert r.status_code == 201, r.text
    r = ussc.post("/api/v1/units", json={"id": "eubam/rafah", "parent": "eubam", "kind": "office",
                                         "name_en": "Rafah", "district": "PS0201"})
    assert r.status_code == 201, r.text
    pasf = login(server, "pasf.admin")
    r = pasf.post("/api/v1/users", json={"username": "pasf.rebuilt", "unit": "pasf/dcl/jenin",
                                         "roles": ["liaison", "duty"], "display_name": "Rebuilt",
                                         "password": STRONG})
    assert r.status_code == 201, r.text
    r = pasf.patch("/api/v1/users/pasf.rebuilt", json={"unit": "pasf/dcl/nablus",
                                                       "roles": ["commander"]})
    assert r.status_code == 200, r.text
    assert pasf.post("/api/v1/users/pasf.tubas/disable").status_code == 200
    assert pasf.post("/api/v1/users/pasf.qalqilya/disable").status_code == 200
    assert pasf.post("/api/v1/users/pasf.qalqilya/enable").status_code == 200
    tokens = []
    for name in ("feed", "board"):
        r = pasf.post("/api/v1/tokens", json={"name": name, "username": "pasf.jenin",
                                              "expires_at": "2099-01-01T00:00:00Z"})
        assert r.status_code == 201, r.text
        tokens.append(r.json()["id"])
    assert pasf.delete(f"/api/v1/tokens/{tokens[0]}").status_code == 200
    assert server.stop() == 0, server.stderr()
    r = cli("user", "totp", "--data", server.data, "--username", "pasf.rebuilt")
    assert r.returncode == 0, r.stderr
    return server.data


def test_rebuild_reproduces_the_live_projections(active_log, tmp_path):
    data = copy_data(active_log, tmp_path / "d")
    before = dump(data)
    assert any("eubam/rafah" in row for row in before["units"])
    assert any("'pasf.rebuilt'" in row and "'commander'" in row for row in before["users"])
    revoked = [row for row in before["api_tokens"] if row.split("|")[-1] != "NULL"]
    assert len(revoked) == 1 and len(before["api_tokens"]) == 2

    r = cli("rebuild", "--data", data, "--check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "identical" in r.stdout and "DIFFERED" not in r.stdout
    assert dump(data) == before

    r = cli("rebuild", "--data", data)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "identical" in r.stdout
    after = dump(data)
    for table in PROJECTIONS:
        assert after[table] == before[table], table
    # The log itself is untouched and still verifies.
    r = cli("audit", "verify", "--data", data)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("damage", [
    "UPDATE users SET roles = 'admin' WHERE username = 'pasf.jenin'",
    "UPDATE users SET disabled = 0 WHERE username = 'pasf.tubas'",
    "DELETE FROM units WHERE id = 'pasf/dcl/jenin'",
    "INSERT INTO parties VALUES ('rogue', 'Rogue', '', '', 0, 1)",
    "UPDATE api_tokens SET revoked_at = NULL",
    "UPDATE nations SET name_en = 'Atlantis' WHERE code = 'CA'",
])
def test_rebuild_check_finds_and_rebuild_repairs_a_corrupted_projection(active_log, tmp_path, damage):
    data = copy_data(active_log, tmp_path / "d")
    good = dump(data)
    sqlite(data / "liaison.db", damage)
    assert dump(data) != good
    r = cli("rebuild", "--data", data, "--check")
    assert r.returncode != 0, r.stdout + r.stderr
    assert "DIFFERED" in r.stdout
    # --check writes nothing.
    assert dump(data) != good
    r = cli("rebuild", "--data", data)
    assert r.returncode == 0, r.stdout + r.stderr
    assert dump(data) == good
    r = cli("rebuild", "--data", data, "--check")
    assert r.returncode == 0 and "identical" in r.stdout, r.stdout + r.stderr


def test_rebuild_refuses_while_the_server_runs(make_server):
    srv = make_server()
    r = cli("rebuild", "--data", srv.data)
    assert r.returncode != 0
    assert "another liaison process" in r.stderr
    assert srv.healthy()
