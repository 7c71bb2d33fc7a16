"""Access control: every route against the demo users of each party and role.

The table states, for each (method, path), the status every demo user gets. A cell that
differs fails the test, whether the server allowed something it should deny or denied
something it should allow. Another party's accounts and tokens are answered as if they
did not exist (404), never with a 403 that confirms them.
"""

import pytest
import requests

from conftest import DEMO_USERS, PASSWORD, assert_problem, login

USERS = list(DEMO_USERS)
ANON = "anonymous"
ADMINS = {"isf.admin", "pasf.admin", "ussc.admin"}
AUDITORS = {"isf.auditor", "pasf.auditor", "ussc.auditor"}


def everyone(status, anon=401, **cells):
    """Expected statuses: `status` for every demo user, `anon` without credentials, and
    the exceptions in `cells` (keys with '_' for '.', e.g. pasf_admin=200)."""
    out = {u: status for u in USERS}
    out[ANON] = anon
    for k, v in cells.items():
        out[k.replace("_", ".")] = v
    return out


def only(allowed, status, others=403, anon=401, **cells):
    out = {u: (status if u in allowed else others) for u in USERS}
    out[ANON] = anon
    for k, v in cells.items():
        out[k.replace("_", ".")] = v
    return out


def admin_of(party, status, other_admins=404):
    """An account or token of `party`: its admin gets `status`, other parties' admins are
    told it does not exist, everyone else is refused at the door."""
    out = only(ADMINS, other_admins)
    out[f"{party}.admin"] = status
    return out


def unit_body(user, party):
    tag = user.replace(".", "_")
    return {"id": f"{party}/dcl/t_{tag}" if party == "pasf" else f"{party}/dco/t_{tag}",
            "parent": "pasf/dcl" if party == "pasf" else "isf/dco",
            "kind": "liaison", "name_en": f"Test unit by {user}"}


STRONG = "table-driven-passphrase-42"

# (method, path, body(user) or None, expected statuses)
TABLE = [
    # Open endpoints.
    ("GET", "/healthz", None, everyone(200, anon=200)),
    ("GET", "/metrics", None, everyone(200, anon=200)),
    ("GET", "/api/openapi.json", None, everyone(200, anon=200)),
    # Self and the shared directory.
    ("GET", "/api/v1/me", None, everyone(200)),
    ("GET", "/api/v1/parties", None, everyone(200)),
    ("GET", "/api/v1/nations", None, everyone(200)),
    ("GET", "/api/v1/units", None, everyone(200)),
    ("GET", "/api/v1/units?party=isf", None, everyone(200)),
    ("GET", "/api/v1/map/layers", None, everyone(200)),
    ("GET", "/api/v1/map/layers/no-such-layer", None, everyone(404)),
    ("GET", "/api/v1/stream", None, everyone(426)),  # needs Upgrade; auth comes first
    # Accounts: admins of the account's party only.
    ("GET", "/api/v1/users", None, only(ADMINS, 200)),
    ("GET", "/api/v1/users/isf.jenin", None, admin_of("isf", 200)),
    ("GET", "/api/v1/users/pasf.jenin", None, admin_of("pasf", 200)),
    ("GET", "/api/v1/users/ussc.duty", None, admin_of("ussc", 200)),
    ("GET", "/api/v1/users/no.such.user", None, only(ADMINS, 404)),
    ("POST", "/api/v1/users",
     lambda u: {"username": f"new.{u.replace('.', '_')}", "unit": "pasf/dcl/jenin",
                "roles": ["liaison"], "password": STRONG},
     only(ADMINS, 403, pasf_admin=201)),
    ("POST", "/api/v1/users",
     lambda u: {"username": f"newi.{u.replace('.', '_')}", "unit": "isf/dco/jenin",
                "roles": ["liaison"], "password": STRONG},
     only(ADMINS, 403, isf_admin=201)),
    ("PATCH", "/api/v1/users/isf.hebron", lambda u: {"display_name": f"renamed by {u}"},
     admin_of("isf", 200)),
    ("PATCH", "/api/v1/users/pasf.hebron", lambda u: {"display_name": f"renamed by {u}"},
     admin_of("pasf", 200)),
    ("POST", "/api/v1/users/isf.tubas/disable", None, admin_of("isf", 200)),
    ("POST", "/api/v1/users/isf.tubas/enable", None, admin_of("isf", 200)),
    ("POST", "/api/v1/users/pasf.tubas/disable", None, admin_of("pasf", 200)),
    ("POST", "/api/v1/users/pasf.tubas/enable", None, admin_of("pasf", 200)),
    ("POST", "/api/v1/users/ussc.commander/disable", None, admin_of("ussc", 200)),
    ("POST", "/api/v1/users/ussc.commander/enable", None, admin_of("ussc", 200)),
    ("POST", "/api/v1/users/isf.salfit/password", lambda u: {"password": STRONG},
     admin_of("isf", 200)),
    ("POST", "/api/v1/me/password",
     lambda u: {"current_password": "not-my-password", "new_password": STRONG},
     everyone(400)),
    # Directory writes: parties by the coordinator's admins; units by their party's admins
    # or the coordinator's.
    ("POST", "/api/v1/parties",
     lambda u: {"id": "p" + u.replace(".", ""), "name_en": f"Party made by {u}"},
     only({"ussc.admin"}, 201)),
    ("POST", "/api/v1/units", lambda u: unit_body(u, "pasf"),
     only({"pasf.admin", "ussc.admin"}, 201)),
    ("POST", "/api/v1/units", lambda u: unit_body(u, "isf"),
     only({"isf.admin", "ussc.admin"}, 201)),
    # API tokens.
    ("GET", "/api/v1/tokens", None, only(ADMINS, 200)),
    ("POST", "/api/v1/tokens", lambda u: {"name": f"by {u}", "username": "isf.jenin"},
     only(ADMINS, 403, isf_admin=201, pasf_admin=400, ussc_admin=400)),
    ("DELETE", "/api/v1/tokens/tok_does_not_exist", None, only(ADMINS, 404)),
    # The audit log: everyone may check the tree; auditors and admins read events.
    ("GET", "/api/v1/audit/tree-head", None, everyone(200)),
    ("GET", "/api/v1/audit/proof/inclusion?seq=1", None, everyone(200)),
    ("GET", "/api/v1/audit/proof/consistency?first=1&second=2", None, everyone(200)),
    ("GET", "/api/v1/audit/events", None, only(ADMINS | AUDITORS, 200)),
    ("GET", "/api/v1/audit/events?type=user", None, only(ADMINS | AUDITORS, 200)),
]


@pytest.fixture(scope="module")
def clients(server):
    cs = {u: login(server, u) for u in USERS}
    anon = requests.Session()
    anon.headers.update({"X-Liaison-Request": "1"})
    cs[ANON] = anon
    return cs


def call(server, client, method, path, body):
    s = client.s if hasattr(client, "s") else client
    return s.request(method, server.url + path, json=body, timeout=10)


@pytest.mark.parametrize("method,path,body,expected", TABLE,
                         ids=[f"{m} {p}" for m, p, _, _ in TABLE])
def test_route_matrix(server, clients, method, path, body, expected):
    assert set(expected) == set(USERS) | {ANON}
    wrong = []
    for user in USERS + [ANON]:
        r = call(server, clients[user], method, path, body(user) if body else None)
        if r.status_code != expected[user]:
            wrong.append(f"{user}: expected {expected[user]}, got {r.status_code} {r.text[:200]}")
        elif r.status_code >= 400:
            assert_problem(r, r.status_code)
    assert not wrong, f"{method} {path}:\n  " + "\n  ".join(wrong)


def test_another_partys_account_is_indistinguishable_from_a_missing_one(server):
    pasf_admin = login(server, "pasf.admin")
    probes = [
        ("GET", "/api/v1/users/{u}", None),
        ("PATCH", "/api/v1/users/{u}", {"display_name": "x"}),
        ("POST", "/api/v1/users/{u}/disable", None),
        ("POST", "/api/v1/users/{u}/enable", None),
        ("POST", "/api/v1/users/{u}/password", {"password": STRONG}),
    ]
    for method, path, body in probes:
        real = pasf_admin.request(method, path.format(u="isf.jenin"), json=body)
        fake = pasf_admin.request(method, path.format(u="isf.nobody"), json=body)
        assert (real.status_code, real.json()["detail"]) == (
            fake.status_code, fake.json()["detail"]), f"{method} {path}: {real.text} vs {fake.text}"
        assert_problem(real, 404)
    real = pasf_admin.post("/api/v1/tokens", json={"name": "x", "username": "isf.jenin"})
    fake = pasf_admin.post("/api/v1/tokens", json={"name": "x", "username": "isf.nobody"})
    assert (real.status_code, real.json()["detail"]) == (fake.status_code, fake.json()["detail"])
    # The probes changed nothing: isf.jenin still logs in with the demo password.
    assert server.post_login("isf.jenin", PASSWORD).status_code == 200


def audit_events(client, query=""):
    """Every audit event visible to `client`, following the cursor."""
    items, after = [], 0
    while True:
        r = client.get(f"/api/v1/audit/events?after={after}&limit=1000{query}")
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        if page["next_cursor"] is None:
            return items
        after = int(page["next_cursor"])


def visible_to(party, e):
    return e["party"] == party or party in e["shared_with"] or "*" in e["shared_with"]


def test_audit_events_follow_need_to_know(server):
    # Security events of isf: a login, an account created, an account list read.
    isf_admin = login(server, "isf.admin")
    r = isf_admin.post("/api/v1/users", json={"username": "isf.audit.probe",
                                              "unit": "isf/dco/jenin", "roles": ["liaison"],
                                              "password": STRONG})
    assert r.status_code == 201, r.text
    created_seq = r.json()["seq"]
    assert isf_admin.get("/api/v1/users").status_code == 200
    # And one of pasf.
    login(server, "pasf.jenin")

    isf_view = audit_events(login(server, "isf.auditor"))
    by_seq = {e["seq"]: e for e in isf_view}
    assert by_seq[created_seq]["type"] == "user.created"
    assert by_seq[created_seq]["party"] == "isf"
    assert any(e["type"] == "access.read" and e["party"] == "isf" for e in isf_view)
    assert all(visible_to("isf", e) for e in isf_view)

    for viewer, party in (("pasf.auditor", "pasf"), ("pasf.admin", "pasf"),
                          ("ussc.auditor", "ussc")):
        events = audit_events(login(server, viewer))
        seqs = [e["seq"] for e in events]
        assert seqs == sorted(set(seqs)), "events out of order or repeated"
        assert created_seq not in seqs
        leaked = [e for e in events if not visible_to(party, e)]
        assert not leaked, f"{viewer} sees {leaked[:3]}"
        for e in events:
            if e["type"].split(".")[0] in ("user", "session", "auth", "token", "access"):
                assert e["party"] == party, f"{viewer} sees another party's security event {e}"
        # The shared directory events are visible to everyone.
        assert any(e["type"] == "party.created" and e["party"] == "ussc" for e in events)
    pasf_view = audit_events(login(server, "pasf.auditor"))
    assert any(e["type"] == "session.opened" and e["body"]["username"] == "pasf.jenin"
               for e in pasf_view)

    # Filtering by type stays inside the same visibility.
    users_only = audit_events(login(server, "pasf.auditor"), "&type=user")
    assert users_only and all(e["type"].startswith("user.") for e in users_only)
    assert all(e["party"] == "pasf" for e in users_only)

    # Everyone else is refused.
    for u in ("pasf.jenin", "isf.jenin", "ussc.duty"):
        assert_problem(login(server, u).get("/api/v1/audit/events"), 403)


def test_user_lists_show_only_the_own_party(server):
    for admin, party in (("isf.admin", "isf"), ("pasf.admin", "pasf"), ("ussc.admin", "ussc")):
        items = login(server, admin).get("/api/v1/users").json()["items"]
        assert items and {u["party"] for u in items} == {party}


def test_audit_event_pages_join_up(server):
    auditor = login(server, "pasf.auditor")
    whole = audit_events(auditor)
    paged, after, pages = [], 0, 0
    while True:
        page = auditor.get(f"/api/v1/audit/events?after={after}&limit=7").json()
        paged += page["items"]
        pages += 1
        if page["next_cursor"] is None:
            break
        after = int(page["next_cursor"])
    assert pages > 2
    # Reading the log is itself logged, so the paged read may see a few more events.
    assert [e["seq"] for e in paged][:len(whole)] == [e["seq"] for e in whole]
    assert all(isinstance(e["leaf_hash"], str) and len(e["leaf_hash"]) == 64 for e in paged)


def test_no_secret_ever_leaves_in_account_and_token_lists(server):
    admin = login(server, "pasf.admin")
    r = admin.post("/api/v1/tokens", json={"name": "secret-check", "username": "pasf.jenin"})
    assert r.status_code == 201
    token = r.json()["token"]
    for path in ("/api/v1/users", "/api/v1/users/pasf.jenin", "/api/v1/tokens", "/api/v1/me",
                 "/api/v1/audit/events?limit=1000"):
        text = admin.get(path).text
        for needle in ("argon2", "password_hash", "totp_secret", "token_hash", token, PASSWORD):
            assert needle not in text, f"{needle!r} in {path}"
