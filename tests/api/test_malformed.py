"""Malformed and oversized input gets a problem+json answer, never a crash."""

import http.client
import json
import socket

import pytest
import requests

from conftest import COOKIE, CSRF, PASSWORD, assert_problem, login

JSON = {"Content-Type": "application/json", **CSRF}
UNIT = {"id": "pasf/dcl/ok", "parent": "pasf/dcl", "kind": "liaison", "name_en": "OK"}


@pytest.fixture(scope="module")
def admin(server):
    return login(server, "pasf.admin")


@pytest.fixture(autouse=True)
def still_up(server):
    """After every test in this module the server is alive and healthy."""
    yield
    assert server.alive(), "the server died: " + server.stderr()
    assert server.healthy()


def post_raw(server, client, path, data, headers=JSON):
    return requests.post(server.url + path, data=data, headers=headers,
                         cookies={COOKIE: client.cookie}, timeout=10)


@pytest.mark.parametrize("data", [
    b'{"id": ',
    b"{'id': 'single quotes'}",
    b'{"id": "x",}',
    b"",
    b"null",
    b"nonsense",
    b'{"id": "\xff\xfe"}',
    b"[" * 10000 + b"]" * 10000,
    b'{"a":' * 5000 + b"1" + b"}" * 5000,
    b'{"id": 1e99999}',
    b"\x00\x01\x02",
])
def test_invalid_json_is_400(server, admin, data):
    p = assert_problem(post_raw(server, admin, "/api/v1/units", data), 400)
    assert p["code"] == "invalid_argument"


@pytest.mark.parametrize("data", [b"[]", b'[{"id": "pasf/dcl/x"}]', b'"a string"', b"42", b"true"])
def test_a_body_that_is_not_an_object_is_400(server, admin, data):
    assert_problem(post_raw(server, admin, "/api/v1/units", data), 400)


def test_a_non_json_content_type_is_400(server, admin):
    r = post_raw(server, admin, "/api/v1/units", b"id=pasf/dcl/x",
                 {"Content-Type": "application/x-www-form-urlencoded", **CSRF})
    assert_problem(r, 400)


@pytest.mark.parametrize("path,body,field", [
    ("/api/v1/units", dict(UNIT, id=5), "/id"),
    ("/api/v1/units", dict(UNIT, name_en=["list"]), "/name_en"),
    ("/api/v1/units", dict(UNIT, district={"a": 1}), "/district"),
    ("/api/v1/units", dict(UNIT, kind="castle"), "/kind"),
    ("/api/v1/units", dict(UNIT, id="pasf/dcl/Caps"), "/id"),
    ("/api/v1/units", dict(UNIT, name_en="x" * 5000), "/name_en"),
    ("/api/v1/units", {k: v for k, v in UNIT.items() if k != "name_en"}, "/name_en"),
    ("/api/v1/users", {"username": "pasf.t1", "unit": "pasf/dcl/jenin", "roles": "liaison",
                       "password": "typed-wrong-but-long"}, "/roles"),
    ("/api/v1/users", {"username": "pasf.t1", "unit": "pasf/dcl/jenin", "roles": ["wizard"],
                       "password": "typed-wrong-but-long"}, "/roles/0"),
    ("/api/v1/users", {"username": 7, "unit": "pasf/dcl/jenin", "roles": ["liaison"],
                       "password": "typed-wrong-but-long"}, "/username"),
    ("/api/v1/tokens", {"name": True, "username": "pasf.jenin"}, "/name"),
    ("/api/v1/tokens", {"name": "x", "username": "pasf.jenin", "expires_at": "tomorrow"},
     "/expires_at"),
    ("/api/v1/tokens", {"name": "x", "username": "pasf.jenin", "expires_at": "2001-01-01T00:00:00Z"},
     "/expires_at"),
])
def test_wrong_types_and_values_name_the_field(server, admin, path, body, field):
    assert_problem(admin.post(path, json=body), 400, field=field)


@pytest.mark.parametrize("path,body", [
    ("/api/v1/units", dict(UNIT, bogus=1)),
    ("/api/v1/users", {"username": "pasf.t2", "unit": "pasf/dcl/jenin", "roles": ["liaison"],
                       "password": "unknown-field-test-9", "bogus": 1}),
    ("/api/v1/tokens", {"name": "x", "username": "pasf.jenin", "bogus": 1}),
    ("/api/v1/users/pasf.jenin/password", {"password": "unknown-field-test-9", "bogus": 1}),
    ("/api/v1/me/password", {"current_password": PASSWORD, "new_password": "unknown-field-test-9",
                             "bogus": 1}),
])
def test_unknown_fields_are_rejected_by_name(server, admin, path, body):
    assert_problem(admin.post(path, json=body), 400, field="/bogus")


def test_unknown_fields_in_patch_and_login(server, admin):
    assert_problem(admin.patch("/api/v1/users/pasf.jenin", json={"bogus": 1}), 400, field="/bogus")
    r = server.post_login("pasf.jenin")
    assert r.status_code == 200
    r = requests.post(server.url + "/api/v1/session", headers=CSRF, timeout=10,
                      json={"username": "pasf.jenin", "password": PASSWORD, "remember": True})
    assert_problem(r, 400, field="/remember")
    r = requests.post(server.url + "/api/v1/session", headers=CSRF, timeout=10,
                      json={"username": "pasf.jenin", "password": 12345678901234})
    assert_problem(r, 400, field="/password")
    # Nothing was created by any of the refused requests.
    assert admin.get("/api/v1/users/pasf.t1").status_code == 404
    assert admin.get("/api/v1/users/pasf.t2").status_code == 404


def test_a_body_over_one_mebibyte_is_413(server, admin):
    big = b'{"id": "' + b"a" * (1024 * 1024 + 10) + b'"}'
    r = post_raw(server, admin, "/api/v1/units", big)
    assert_problem(r, 413)
    assert server.healthy()
    # Just under the limit is read, and refused for its content, not its size.
    fits = b'{"name_en": "' + b"a" * (1024 * 1024 - 100) + b'"}'
    assert_problem(post_raw(server, admin, "/api/v1/units", fits), 400)


def raw_exchange(server, data, read_limit=1 << 20):
    """Sends raw bytes on a new connection; returns everything received until close."""
    host, port = server.url[len("http://"):].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        chunks = []
        try:
            while sum(map(len, chunks)) < read_limit:
                c = s.recv(65536)
                if not c:
                    break
                chunks.append(c)
        except (ConnectionResetError, socket.timeout):
            pass
    return b"".join(chunks)


def status_of(raw):
    line = raw.split(b"\r\n", 1)[0].decode(errors="replace")
    assert line.startswith("HTTP/1.1 "), repr(raw[:200])
    return int(line.split()[1])


def test_a_declared_huge_body_is_refused_before_it_is_sent(server):
    raw = raw_exchange(server, b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
                               b"Content-Type: application/json\r\nX-Liaison-Request: 1\r\n"
                               b"Content-Length: 1073741824\r\n\r\n{")
    assert status_of(raw) == 413
    assert b"application/problem+json" in raw


def test_huge_headers_are_431(server):
    r = server.get("/healthz", headers={"X-Padding": "a" * 20000})
    assert_problem(r, 431)
    many = {f"X-H{i}": "b" * 100 for i in range(300)}
    assert_problem(server.get("/api/v1/me", headers=many), 431)
    assert server.healthy()


def test_a_huge_url_is_refused(server):
    r = server.get("/api/v1/units?party=" + "a" * 40000)
    assert r.status_code in (414, 431), r.status_code
    assert_problem(r, r.status_code)


def test_garbage_instead_of_http_is_400(server):
    raw = raw_exchange(server, b"HELLO THERE\r\n\r\n")
    assert status_of(raw) == 400
    assert b"application/problem+json" in raw
    raw = raw_exchange(server, b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")
    assert status_of(raw) == 400
    raw = raw_exchange(server, b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Name: 1\r\n\r\n")
    assert status_of(raw) == 400


class RawResponse:
    """Enough of requests.Response for assert_problem."""

    def __init__(self, resp):
        self.status_code = resp.status
        self.headers = {k: v for k, v in resp.getheaders()}
        self.text = resp.read().decode(errors="replace")

    def json(self):
        return json.loads(self.text)


def raw_get(server, target, cookie=None):
    """GET with the target sent exactly as given (requests would re-quote a stray '%')."""
    host, port = server.url[len("http://"):].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request("GET", target, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {})
        return RawResponse(conn.getresponse())
    finally:
        conn.close()


@pytest.mark.parametrize("query", ["limit=%zz", "after=%", "limit=%4", "type=%G0", "%=1",
                                   "type=user&limit=%"])
def test_bad_percent_encoding_in_the_query_is_400(server, query):
    auditor = login(server, "pasf.auditor")
    assert_problem(raw_get(server, "/api/v1/audit/events?" + query, auditor.cookie), 400)


def test_percent_encoding_in_the_query_is_decoded(server):
    auditor = login(server, "pasf.auditor")
    r = auditor.get("/api/v1/audit/events?limit=%32&type=party%2Ecreated")
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert len(items) == 2 and all(e["type"] == "party.created" for e in items)
    assert_problem(auditor.get("/api/v1/audit/events?limit=0"), 400, field="/limit")
    assert_problem(auditor.get("/api/v1/audit/events?limit=1001"), 400, field="/limit")
    assert_problem(auditor.get("/api/v1/audit/events?after=-1"), 400, field="/after")


@pytest.mark.parametrize("path", ["/api/v1/users/%zz", "/api/v1/%", "/api/v1/users/isf.jenin%00",
                                  "/api/v1/users/..%2f..%2fhealthz", "/api/v1/users/%2e%2e"])
def test_odd_paths_are_problems(server, admin, path):
    r = raw_get(server, path, admin.cookie)
    assert r.status_code in (400, 404), r.text
    assert_problem(r, r.status_code)


def test_unknown_route_is_404_problem(server):
    assert_problem(server.get("/api/v1/nothing-here"), 404, code="not_found")
    assert_problem(server.get("/api/v2/me"), 404)
    assert_problem(server.request("POST", "/api/v1/nothing-here", headers=CSRF), 404)


@pytest.mark.parametrize("method,path", [
    ("PUT", "/api/v1/me"), ("DELETE", "/api/v1/parties"), ("PATCH", "/api/v1/session"),
    ("POST", "/healthz"), ("PUT", "/api/v1/units"), ("GET", "/api/v1/session"),
])
def test_wrong_method_is_405_problem(server, admin, method, path):
    r = admin.request(method, path)
    assert_problem(r, 405)
    allow = r.headers.get("Allow", "")
    assert allow and method not in [m.strip() for m in allow.split(",")], allow


def test_many_requests_on_one_keep_alive_connection(server, admin):
    s = requests.Session()
    for _ in range(50):
        assert s.get(server.url + "/healthz", timeout=10).status_code == 200
    for _ in range(10):
        assert_problem(s.post(server.url + "/api/v1/session", data=b"{", headers=JSON, timeout=10), 400)
