"""CSRF protection of cookie-authenticated writes, and API tokens (Bearer)."""

import requests

from conftest import COOKIE, CSRF, PASSWORD, assert_problem, login


def new_user_body(name):
    return {"username": name, "unit": "pasf/dcl/jenin", "roles": ["liaison"],
            "password": "a-long-enough-passphrase-7"}


def test_cookie_write_without_header_or_origin_is_403(server):
    admin = login(server, "pasf.admin")
    cookie = admin.cookie
    # A plain session without the custom header (as a cross-site form would send).
    r = requests.post(server.url + "/api/v1/users", json=new_user_body("csrf.a"),
                      cookies={COOKIE: cookie}, timeout=10)
    assert_problem(r, 403)
    # Nothing was created.
    assert admin.get("/api/v1/users/csrf.a").status_code == 404
    # DELETE (logout) is a write as well.
    r = requests.delete(server.url + "/api/v1/session", cookies={COOKIE: cookie}, timeout=10)
    assert_problem(r, 403)
    assert admin.get("/api/v1/me").status_code == 200


def test_cookie_write_with_foreign_origin_is_403_even_with_the_header(server):
    admin = login(server, "pasf.admin")
    for origin in ("https://evil.example", "http://localhost:1", "null",
                   server.url.replace("http://", "https://")):
        r = requests.post(server.url + "/api/v1/users", json=new_user_body("csrf.b"),
                          cookies={COOKIE: admin.cookie},
                          headers={"Origin": origin, **CSRF}, timeout=10)
        assert_problem(r, 403)
    assert admin.get("/api/v1/users/csrf.b").status_code == 404


def test_cookie_write_with_header_or_matching_origin_passes(server):
    admin = login(server, "pasf.admin")
    r = requests.post(server.url + "/api/v1/users", json=new_user_body("csrf.c"),
                      cookies={COOKIE: admin.cookie}, headers=CSRF, timeout=10)
    assert r.status_code == 201, r.text
    r = requests.post(server.url + "/api/v1/users", json=new_user_body("csrf.d"),
                      cookies={COOKIE: admin.cookie}, headers={"Origin": server.url}, timeout=10)
    assert r.status_code == 201, r.text
    assert admin.get("/api/v1/users/csrf.d").json()["username"] == "csrf.d"


def test_cookie_reads_need_no_header(server):
    c = login(server, "pasf.jenin")
    r = requests.get(server.url + "/api/v1/me", cookies={COOKIE: c.cookie}, timeout=10)
    assert r.status_code == 200


def test_login_itself_needs_the_csrf_proof(server):
    body = {"username": "pasf.jenin", "password": PASSWORD}
    assert_problem(requests.post(server.url + "/api/v1/session", json=body, timeout=10), 403)
    r = requests.post(server.url + "/api/v1/session", json=body,
                      headers={"Origin": "https://evil.example"}, timeout=10)
    assert_problem(r, 403)
    r = requests.post(server.url + "/api/v1/session", json=body,
                      headers={"Origin": server.url}, timeout=10)
    assert r.status_code == 200


def create_token(admin, username, name="ci"):
    r = admin.post("/api/v1/tokens", json={"name": name, "username": username})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["token"] and body["id"].startswith("tok_")
    assert body["username"] == username
    assert "no-store" in r.headers.get("Cache-Control", "")
    return body


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_api_token_lifecycle(server):
    admin = login(server, "pasf.admin")
    tok = create_token(admin, "pasf.jenin", "duty-board")
    me = server.get("/api/v1/me", headers=bearer(tok["token"]))
    assert me.status_code == 200, me.text
    assert me.json()["username"] == "pasf.jenin"
    assert me.json()["auth"] == "token"
    # The secret is shown once: the list does not contain it.
    listed = admin.get("/api/v1/tokens").json()["items"]
    entry = next(t for t in listed if t["id"] == tok["id"])
    assert entry["revoked_at"] is None
    assert tok["token"] not in admin.get("/api/v1/tokens").text
    # Revocation takes effect at once.
    r = admin.delete(f"/api/v1/tokens/{tok['id']}")
    assert r.status_code == 200, r.text
    assert_problem(server.get("/api/v1/me", headers=bearer(tok["token"])), 401)
    entry = next(t for t in admin.get("/api/v1/tokens").json()["items"] if t["id"] == tok["id"])
    assert entry["revoked_at"] is not None


def test_bad_bearer_tokens_are_401(server):
    assert_problem(server.get("/api/v1/me", headers=bearer("nonsense")), 401)
    assert_problem(server.get("/api/v1/me", headers={"Authorization": "Basic dXNlcjpwYXNz"}), 401)
    assert_problem(server.get("/api/v1/me", headers=bearer("x" * 500)), 401)


def test_bearer_writes_need_no_csrf_header(server):
    admin = login(server, "pasf.admin")
    tok = create_token(admin, "pasf.admin", "automation")
    r = requests.post(server.url + "/api/v1/users", json=new_user_body("bearer.made"),
                      headers=bearer(tok["token"]), timeout=10)
    assert r.status_code == 201, r.text
    # Even a foreign Origin does not matter for a bearer token: it is not ambient.
    r = requests.post(server.url + "/api/v1/users", json=new_user_body("bearer.made2"),
                      headers={**bearer(tok["token"]), "Origin": "https://elsewhere.example"},
                      timeout=10)
    assert r.status_code == 201, r.text


def test_token_of_a_disabled_user_stops_working(make_server):
    srv = make_server()
    admin = login(srv, "isf.admin")
    tok = create_token(admin, "isf.tubas")
    assert srv.get("/api/v1/me", headers=bearer(tok["token"])).status_code == 200
    assert admin.post("/api/v1/users/isf.tubas/disable").status_code == 200
    assert_problem(srv.get("/api/v1/me", headers=bearer(tok["token"])), 401)
    # And no token can be made for a disabled account.
    r = admin.post("/api/v1/tokens", json={"name": "x", "username": "isf.tubas"})
    assert_problem(r, 400, field="/username")


def test_tokens_are_private_to_their_party(server):
    isf_admin = login(server, "isf.admin")
    pasf_admin = login(server, "pasf.admin")
    tok = create_token(isf_admin, "isf.jenin", "isf-only")
    # pasf.admin does not see it ...
    assert tok["id"] not in pasf_admin.get("/api/v1/tokens").text
    # ... cannot revoke it (and is not told it exists) ...
    assert_problem(pasf_admin.delete(f"/api/v1/tokens/{tok['id']}"), 404)
    assert server.get("/api/v1/me", headers=bearer(tok["token"])).status_code == 200
    # ... and cannot make tokens for isf accounts, which are as unknown to it as missing ones.
    r = pasf_admin.post("/api/v1/tokens", json={"name": "x", "username": "isf.jenin"})
    missing = pasf_admin.post("/api/v1/tokens", json={"name": "x", "username": "isf.nobody"})
    assert assert_problem(r, 400, field="/username") == dict(
        assert_problem(missing, 400, field="/username"), request_id=r.json()["request_id"])
    # The coordinator's admin cannot either.
    ussc_admin = login(server, "ussc.admin")
    assert_problem(ussc_admin.delete(f"/api/v1/tokens/{tok['id']}"), 404)
    assert tok["id"] not in ussc_admin.get("/api/v1/tokens").text
    # Non-admins of the party cannot manage tokens at all.
    assert_problem(login(server, "isf.jenin").get("/api/v1/tokens"), 403)
    assert_problem(login(server, "isf.auditor").delete(f"/api/v1/tokens/{tok['id']}"), 403)
    assert server.get("/api/v1/me", headers=bearer(tok["token"])).status_code == 200
    # The owner can revoke it.
    assert isf_admin.delete(f"/api/v1/tokens/{tok['id']}").status_code == 200
    assert_problem(server.get("/api/v1/me", headers=bearer(tok["token"])), 401)


def test_token_for_a_user_of_another_party_is_refused(server):
    for admin, victim in (("pasf.admin", "ussc.duty"), ("ussc.admin", "pasf.jenin"),
                          ("isf.admin", "pasf.admin")):
        c = login(server, admin)
        r = c.post("/api/v1/tokens", json={"name": "x", "username": victim})
        assert_problem(r, 400, field="/username")
        assert r.json()["detail"] == "no such user"
        assert "token" not in r.json()
    # Nothing was created in the victims' parties.
    for admin in ("ussc.admin", "pasf.admin"):
        items = login(server, admin).get("/api/v1/tokens").json()["items"]
        assert not [t for t in items if t["name"] == "x"]


def test_an_expired_token_stops_working(make_server):
    import datetime

    srv = make_server()
    admin = login(srv, "isf.admin")
    expires = datetime.datetime.fromtimestamp(srv.now() + 3600, datetime.timezone.utc)
    r = admin.post("/api/v1/tokens", json={"name": "short", "username": "isf.jenin",
                                           "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%SZ")})
    assert r.status_code == 201, r.text
    token = r.json()["token"]
    assert srv.get("/api/v1/me", headers=bearer(token)).status_code == 200
    srv.advance(3000)
    assert srv.get("/api/v1/me", headers=bearer(token)).status_code == 200
    srv.advance(700)
    assert_problem(srv.get("/api/v1/me", headers=bearer(token)), 401)
