"""Login, lockout, throttling, logout, disabled accounts, session expiry and TOTP."""

import requests

from conftest import (COOKIE, CSRF, DEMO_USERS, PASSWORD, assert_problem, cli, login,
                      totp_code, totp_secret_from_uri)


def test_login_sets_a_strict_httponly_cookie_and_me_describes_the_user(server):
    r = server.post_login("pasf.jenin")
    assert r.status_code == 200, r.text
    set_cookie = r.headers["Set-Cookie"]
    attrs = [a.strip().lower() for a in set_cookie.split(";")]
    assert attrs[0].startswith(COOKIE + "=") and len(attrs[0]) > len(COOKIE) + 40
    assert "httponly" in attrs
    assert "samesite=strict" in attrs
    assert "path=/" in attrs
    assert "secure" not in attrs  # plain HTTP in the tests; Secure is for TLS
    assert "no-store" in r.headers.get("Cache-Control", "")

    c = login(server, "pasf.jenin")
    me = c.get("/api/v1/me")
    assert me.status_code == 200
    body = me.json()
    assert body["username"] == "pasf.jenin"
    assert body["party"] == "pasf"
    assert body["unit"] == "pasf/dcl/jenin"
    assert set(body["roles"]) == {"liaison", "duty"}


def test_me_for_every_demo_account(server):
    for username, (party, unit, roles) in DEMO_USERS.items():
        me = login(server, username).get("/api/v1/me").json()
        assert (me["username"], me["party"], me["unit"], set(me["roles"])) == (
            username, party, unit, roles)


def test_me_without_a_session_is_401(server):
    assert_problem(server.get("/api/v1/me"), 401)
    assert_problem(server.get("/api/v1/me", cookies={COOKIE: "not-a-real-token"}), 401)


def test_wrong_password_and_unknown_user_get_the_same_401(server):
    wrong = assert_problem(server.post_login("isf.jenin", "not-the-password"), 401)
    unknown = assert_problem(server.post_login("nobody.here", PASSWORD), 401)
    assert wrong["detail"] == unknown["detail"]
    assert wrong["code"] == unknown["code"] == "unauthenticated"
    assert "Set-Cookie" not in server.post_login("nobody.here", PASSWORD).headers
    # One failure does not lock the account.
    assert server.post_login("isf.jenin").status_code == 200


def test_login_renews_the_token(server):
    s = requests.Session()
    s.headers.update(CSRF)
    assert server.post_login("isf.jenin", session=s).status_code == 200
    first = s.cookies.get(COOKIE)
    assert server.get("/api/v1/me", cookies={COOKIE: first}).status_code == 200  # in use
    # Logging in again, presenting the old cookie, gives a new token and ends the old one.
    assert server.post_login("isf.jenin", session=s).status_code == 200
    second = s.cookies.get(COOKIE)
    assert first and second and first != second
    assert server.get("/api/v1/me", cookies={COOKIE: second}).status_code == 200
    assert_problem(server.get("/api/v1/me", cookies={COOKIE: first}), 401)
    # Two independent logins get different tokens, and both stay valid.
    a, b = login(server, "isf.jenin"), login(server, "isf.jenin")
    assert a.cookie != b.cookie
    assert a.get("/api/v1/me").status_code == 200
    assert b.get("/api/v1/me").status_code == 200


def test_logout_ends_the_session(server):
    c = login(server, "pasf.jenin")
    old = c.cookie
    assert c.get("/api/v1/me").status_code == 200
    r = c.delete("/api/v1/session")
    assert r.status_code == 204, r.text
    assert "Max-Age=0" in r.headers.get("Set-Cookie", "")
    assert_problem(server.get("/api/v1/me", cookies={COOKIE: old}), 401)
    # Logging out twice is harmless and still refused for the dead cookie.
    assert_problem(
        server.request("DELETE", "/api/v1/session", cookies={COOKIE: old}, headers=CSRF), 401)


def test_disabled_user_cannot_log_in_and_their_session_dies_at_once(make_server):
    srv = make_server()
    victim = login(srv, "pasf.tubas")
    assert victim.get("/api/v1/me").status_code == 200
    admin = login(srv, "pasf.admin")
    r = admin.post("/api/v1/users/pasf.tubas/disable")
    assert r.status_code == 200, r.text
    assert r.json()["disabled"] is True
    assert_problem(victim.get("/api/v1/me"), 401)
    p = assert_problem(srv.post_login("pasf.tubas"), 401)
    assert p["detail"] == assert_problem(srv.post_login("pasf.tubas", "wrong-password"), 401)["detail"]
    # Enabling the account again lets the user in with a new login, not the old session.
    assert admin.post("/api/v1/users/pasf.tubas/enable").status_code == 200
    assert_problem(victim.get("/api/v1/me"), 401)
    assert srv.post_login("pasf.tubas").status_code == 200


def test_admin_cannot_disable_own_account(server):
    admin = login(server, "isf.admin")
    assert_problem(admin.post("/api/v1/users/isf.admin/disable"), 409)
    assert admin.get("/api/v1/me").status_code == 200


# The account rule is tested alone: the per-address throttle (20 failures) is raised
# here so that it does not answer first. test_one_address_is_throttled covers it.
NO_ADDRESS_THROTTLE = {"security": {"throttle_failures_per_address": 1000}}


def test_lockout_after_ten_failures_expires_and_grows(make_server):
    srv = make_server(NO_ADDRESS_THROTTLE)
    for i in range(9):
        assert_problem(srv.post_login("isf.tubas", f"wrong-password-{i}"), 401)
    # Nine failures are free: the right password still works, and resets the count.
    assert srv.post_login("isf.tubas").status_code == 200
    for i in range(10):
        assert_problem(srv.post_login("isf.tubas", f"wrong-password-{i}"), 401)
    # The tenth failure locked the account: even the right password is refused.
    r = srv.post_login("isf.tubas")
    assert_problem(r, 429)
    retry = int(r.headers["Retry-After"])
    assert 1 <= retry <= 60, retry
    assert "Set-Cookie" not in r.headers
    # Another account from the same address is not locked.
    assert srv.post_login("isf.nablus").status_code == 200

    # The lock expires.
    srv.advance(61)
    # One more failure locks it again, for longer (doubled).
    assert_problem(srv.post_login("isf.tubas", "wrong-again"), 401)
    r = srv.post_login("isf.tubas")
    assert_problem(r, 429)
    retry2 = int(r.headers["Retry-After"])
    assert 60 < retry2 <= 120, retry2
    srv.advance(61)
    assert_problem(srv.post_login("isf.tubas"), 429)  # still locked: 120 s, not 60
    srv.advance(60)
    r = srv.post_login("isf.tubas")
    assert r.status_code == 200, r.text
    # Success resets the count: one failure does not lock.
    assert_problem(srv.post_login("isf.tubas", "wrong"), 401)
    assert srv.post_login("isf.tubas").status_code == 200


def test_lock_holds_against_the_right_password_until_it_expires(make_server):
    srv = make_server(NO_ADDRESS_THROTTLE)
    for i in range(10):
        assert_problem(srv.post_login("pasf.nablus", f"bad-{i}"), 401)
    assert_problem(srv.post_login("pasf.nablus"), 429)
    srv.advance(30)
    r = srv.post_login("pasf.nablus")
    assert_problem(r, 429)
    assert int(r.headers["Retry-After"]) <= 31
    srv.advance(31)
    assert srv.post_login("pasf.nablus").status_code == 200


def test_one_address_is_throttled_after_many_failures(make_server):
    srv = make_server()
    # Unknown names, so no account lockout is involved: this is the per-address rule.
    statuses = [srv.post_login(f"spray.{i}", "guess-guess-guess").status_code for i in range(20)]
    assert statuses == [401] * 20
    r = srv.post_login("spray.x", "guess-guess-guess")
    assert_problem(r, 429)
    assert int(r.headers["Retry-After"]) >= 1
    # The throttle applies to the right password of a real account too.
    r = srv.post_login("pasf.jenin")
    assert_problem(r, 429)
    assert "Retry-After" in r.headers
    # It refills with time (20 failures per 300 s: one every 15 s).
    srv.advance(16)
    assert srv.post_login("pasf.jenin").status_code == 200


def test_session_idle_expiry(make_server):
    srv = make_server()
    c = login(srv, "isf.jenin")
    srv.advance(29 * 60)
    assert c.get("/api/v1/me").status_code == 200  # activity keeps it alive
    srv.advance(29 * 60)
    assert c.get("/api/v1/me").status_code == 200
    srv.advance(31 * 60)
    assert_problem(c.get("/api/v1/me"), 401)
    # It stays dead.
    assert_problem(c.get("/api/v1/me"), 401)


def test_session_absolute_expiry(make_server):
    srv = make_server()
    c = login(srv, "isf.jenin")
    elapsed = 0
    step = 29 * 60
    while elapsed + step < 12 * 3600:
        srv.advance(step)
        elapsed += step
        r = c.get("/api/v1/me")
        assert r.status_code == 200, f"after {elapsed} s: {r.text}"
    srv.advance(step)  # now past 12 hours, although never idle for 30 minutes
    assert_problem(c.get("/api/v1/me"), 401)
    # A fresh login works.
    assert login(srv, "isf.jenin").get("/api/v1/me").status_code == 200


def test_totp_required_invalid_accepted_once(make_server):
    srv = make_server()
    assert srv.stop() == 0
    r = cli("user", "totp", "--data", srv.data, "--username", "pasf.hebron")
    assert r.returncode == 0, r.stderr
    uri = r.stdout.strip().splitlines()[-1]
    assert uri.startswith("otpauth://totp/") and "secret=" in uri
    key = totp_secret_from_uri(uri)
    srv.start()

    p = assert_problem(srv.post_login("pasf.hebron"), 401, code="totp_required")
    assert "Set-Cookie" not in srv.post_login("pasf.hebron").headers
    assert p["code"] == "totp_required"
    # A wrong password with no code is still the generic failure, not a TOTP prompt.
    assert_problem(srv.post_login("pasf.hebron", "wrong-password"), 401, code="unauthenticated")

    now = srv.now()
    valid = {totp_code(key, now + d) for d in (-60, -30, 0, 30, 60)}
    wrong = next(f"{n:06d}" for n in range(1000000) if f"{n:06d}" not in valid)
    assert_problem(srv.post_login("pasf.hebron", totp=wrong), 401, code="totp_invalid")
    # The right code with a wrong password is refused without saying which was wrong.
    assert_problem(srv.post_login("pasf.hebron", "wrong-password", totp=totp_code(key, srv.now())),
                   401, code="unauthenticated")

    code = totp_code(key, srv.now())
    r = srv.post_login("pasf.hebron", totp=code)
    assert r.status_code == 200, r.text
    assert r.json()["username"] == "pasf.hebron"
    # The same code a second time is refused, even within its 30 seconds.
    assert_problem(srv.post_login("pasf.hebron", totp=code), 401, code="totp_invalid")
    # The next time step's code works.
    srv.advance(30)
    r = srv.post_login("pasf.hebron", totp=totp_code(key, srv.now()))
    assert r.status_code == 200, r.text


def test_a_totp_code_is_accepted_once_even_by_concurrent_logins(make_server):
    from concurrent.futures import ThreadPoolExecutor

    srv = make_server(start=False)
    r = cli("user", "totp", "--data", srv.data, "--username", "isf.hebron")
    assert r.returncode == 0, r.stderr
    key = totp_secret_from_uri(r.stdout.strip().splitlines()[-1])
    srv.start()
    code = totp_code(key, srv.now())
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: srv.post_login("isf.hebron", totp=code), range(6)))
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200] + [401] * 5, [(r.status_code, r.text) for r in results]
    for r in results:
        if r.status_code == 401:
            assert_problem(r, 401)
            assert "Set-Cookie" not in r.headers


def test_a_new_password_ends_the_other_sessions(make_server):
    srv = make_server()
    here, elsewhere = login(srv, "isf.jenin"), login(srv, "isf.jenin")
    new = "a-brand-new-passphrase-1"
    r = here.post("/api/v1/me/password", json={"current_password": PASSWORD, "new_password": new})
    assert r.status_code == 200, r.text
    assert here.get("/api/v1/me").status_code == 200  # the session that made the change stays
    assert_problem(elsewhere.get("/api/v1/me"), 401)
    assert_problem(srv.post_login("isf.jenin"), 401)
    assert srv.post_login("isf.jenin", new).status_code == 200
    # A reset by the party's admin ends every session of the account.
    admin = login(srv, "isf.admin")
    r = admin.post("/api/v1/users/isf.jenin/password", json={"password": "reset-by-the-admin-77"})
    assert r.status_code == 200, r.text
    assert_problem(here.get("/api/v1/me"), 401)
    assert login(srv, "isf.jenin", "reset-by-the-admin-77").get("/api/v1/me").status_code == 200


def test_own_password_change_checks_the_current_one_and_the_new_one(server):
    c = login(server, "isf.qalqilya")
    r = c.post("/api/v1/me/password", json={"current_password": "not-it-at-all",
                                            "new_password": "perfectly-fine-passphrase-2"})
    assert_problem(r, 400, field="/current_password")
    for weak in ("short", "passwordpassword", "isf.qalqilya-2026"):
        r = c.post("/api/v1/me/password", json={"current_password": PASSWORD, "new_password": weak})
        assert_problem(r, 400, field="/new_password")
    assert server.post_login("isf.qalqilya").status_code == 200


def test_wrong_current_passwords_count_toward_the_lockout(make_server):
    # A stolen session must not be a way to guess the password without limit.
    srv = make_server(NO_ADDRESS_THROTTLE)
    c = login(srv, "pasf.salfit")
    for i in range(10):
        r = c.post("/api/v1/me/password", json={"current_password": f"guess-number-{i}",
                                                "new_password": "perfectly-fine-passphrase-3"})
        assert_problem(r, 400, field="/current_password")
    r = c.post("/api/v1/me/password", json={"current_password": PASSWORD,
                                            "new_password": "perfectly-fine-passphrase-3"})
    assert_problem(r, 429)
    assert int(r.headers["Retry-After"]) >= 1
    assert_problem(srv.post_login("pasf.salfit"), 429)
    srv.advance(61)
    assert srv.post_login("pasf.salfit").status_code == 200
