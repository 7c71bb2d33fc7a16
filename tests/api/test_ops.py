"""Operations: start-up line, shutdown, init, backup, the writer lock, open endpoints,
security headers and the OpenAPI document."""

import asyncio
import hashlib
import os
import re
import signal
import stat
import subprocess
import time

import pytest
import requests
import websockets

from conftest import (BIN, COOKIE, CSRF, Server, assert_problem, cli, login, sqlite, totp_code,
                      totp_secret_from_uri, ws_connect, ws_recv_json)
from test_access import TABLE


def test_first_stdout_line_is_the_address(server):
    assert re.fullmatch(r"listening on http://127\.0\.0\.1:\d+", server.first_line)
    port = int(server.first_line.rsplit(":", 1)[1])
    assert 0 < port < 65536
    assert server.healthy()


def test_security_headers_on_every_kind_of_response(server):
    c = login(server, "isf.jenin")
    responses = [server.get("/healthz"), server.get("/api/v1/me"), c.get("/api/v1/me"),
                 server.get("/api/v1/nothing"), server.post_login("isf.jenin"), server.get("/metrics")]
    ids = set()
    for r in responses:
        h = r.headers
        csp = h.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in csp, (r.url, h)
        assert "default-src 'self'" in csp
        assert h.get("X-Content-Type-Options") == "nosniff"
        assert h.get("X-Frame-Options") == "DENY"
        assert h.get("Referrer-Policy") == "no-referrer"
        assert "Strict-Transport-Security" not in h  # plain HTTP here
        ids.add(h["X-Request-Id"])
    assert len(ids) == len(responses), "request ids must be unique"
    # Authenticated API answers are not cached.
    assert "no-store" in c.get("/api/v1/me").headers.get("Cache-Control", "")


def test_head_requests_get_headers_only(server):
    r = requests.head(server.url + "/healthz", timeout=10)
    assert r.status_code == 200 and r.content == b""
    assert int(r.headers["Content-Length"]) > 0
    assert r.headers.get("X-Content-Type-Options") == "nosniff"


def test_healthz_and_metrics_are_open(server):
    r = requests.get(server.url + "/healthz", timeout=10)
    assert r.status_code == 200 and r.json()["status"] == "ok"
    assert isinstance(r.json()["seq"], int)
    r = requests.get(server.url + "/metrics", timeout=10)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/plain")
    text = r.text
    for name in ("liaison_http_requests_total", "liaison_stream_clients", "liaison_events_total",
                 "liaison_sessions_active", "liaison_writer_queue",
                 "liaison_http_request_duration_seconds_bucket"):
        assert re.search(rf"^{name}[{{ ]", text, re.M), f"{name} missing"

    def twoxx():
        m = re.search(r'^liaison_http_requests_total\{class="2xx"\} (\d+)$',
                      server.get("/metrics").text, re.M)
        return int(m.group(1))

    before = twoxx()
    for _ in range(5):
        server.get("/healthz")
    assert twoxx() >= before + 5


def test_stream_clients_gauge_counts_connections(server):
    def gauge():
        m = re.search(r"^liaison_stream_clients (\d+)$", server.get("/metrics").text, re.M)
        return int(m.group(1))

    cookie = login(server, "ussc.duty").cookie

    async def main():
        base = gauge()
        conns = [await ws_connect(server, cookie) for _ in range(3)]
        for ws in conns:
            await ws_recv_json(ws)
        assert gauge() == base + 3
        for ws in conns:
            await ws.close()
        for _ in range(50):
            if gauge() == base:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"stream gauge stuck at {gauge()}, expected {base}")

    asyncio.run(main())


def test_openapi_document_parses_and_lists_the_routes(server):
    r = server.get("/api/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert doc["openapi"].startswith("3.1")
    paths = doc["paths"]

    def templated(path):
        path = path.split("?", 1)[0]
        for pattern in paths:
            regex = "^" + re.sub(r"\{[^}]+\}", "[^/]+", re.escape(pattern).replace(r"\{", "{")
                                 .replace(r"\}", "}")) + "$"
            if re.match(regex, path):
                return pattern
        return None

    missing = []
    for method, path, _, _ in TABLE:
        pattern = templated(path)
        if pattern is None or method.lower() not in paths[pattern]:
            missing.append(f"{method} {path}")
    for method, path in (("POST", "/api/v1/session"), ("DELETE", "/api/v1/session")):
        if method.lower() not in paths.get(path, {}):
            missing.append(f"{method} {path}")
    assert not missing, f"not in the OpenAPI document: {missing}"


def test_sigterm_when_idle_exits_cleanly_and_the_log_verifies(make_server):
    srv = make_server()
    login(srv, "pasf.jenin")  # some writes
    login(srv, "isf.jenin")
    time.sleep(0.2)
    started = time.monotonic()
    assert srv.stop(signal.SIGTERM) == 0, srv.stderr()
    assert time.monotonic() - started < 5
    r = cli("audit", "verify", "--data", srv.data)
    assert r.returncode == 0, r.stdout + r.stderr
    n = int(sqlite(srv.data / "liaison.db", "SELECT count(*) FROM events"))
    assert f"verified {n} events" in r.stdout
    # The clean stop signed a head over every event.
    assert "not yet signed" not in r.stdout
    # The lock is released: the directory can be served again.
    srv.start()
    assert srv.healthy()
    assert srv.stop(signal.SIGINT) == 0


def test_sigterm_right_after_the_address_is_printed_is_graceful(make_server):
    """A supervisor may stop the server the moment it has announced itself: that must be
    the graceful shutdown (exit 0), not death by the signal's default action."""
    srv = make_server(start=False)
    for i in range(10):
        proc = subprocess.Popen([BIN, "serve", "--data", str(srv.data), "--listen", "127.0.0.1:0"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL)
        try:
            line = proc.stdout.readline()
            proc.send_signal(signal.SIGINT if i % 2 else signal.SIGTERM)
            assert line.startswith(b"listening on http://"), line
            assert proc.wait(timeout=15) == 0, f"attempt {i}: exit {proc.returncode}"
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
    r = cli("audit", "verify", "--data", srv.data)
    assert r.returncode == 0, r.stdout + r.stderr


def test_sigterm_with_open_connections_closes_them_and_exits(make_server):
    srv = make_server()
    cookie = login(srv, "isf.jenin").cookie
    keep_alive = requests.Session()
    assert keep_alive.get(srv.url + "/healthz", timeout=10).status_code == 200

    async def main():
        ws = await ws_connect(srv, cookie)
        assert (await ws_recv_json(ws))["type"] == "hello"
        started = time.monotonic()
        srv.proc.send_signal(signal.SIGTERM)
        with pytest.raises(websockets.exceptions.ConnectionClosed) as e:
            for _ in range(100):
                await ws_recv_json(ws, timeout=10)
        assert e.value.code == 1001, str(e.value)
        return started

    started = asyncio.run(main())
    rc = srv.proc.wait(timeout=10)
    assert rc == 0, srv.stderr()
    assert time.monotonic() - started < 5
    r = cli("audit", "verify", "--data", srv.data)
    assert r.returncode == 0, r.stdout + r.stderr


def test_a_second_server_on_the_same_data_is_refused(make_server, tmp_path):
    srv = make_server()
    other = Server(srv.data, tmp_path / "other")
    with pytest.raises(AssertionError, match="exited with"):
        other.start(timeout=10)
    assert "another liaison process" in other.stderr()
    # CLI writers are refused too: changes go through the API while the server runs.
    r = cli("user", "disable", "--data", srv.data, "--username", "pasf.jenin")
    assert r.returncode != 0 and "another liaison process" in r.stderr
    assert srv.post_login("pasf.jenin").status_code == 200


def file_digests(d):
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns,
                     stat.S_IMODE(p.stat().st_mode))
            for p in sorted(d.iterdir()) if p.is_file()}


def test_init_creates_a_private_key_a_wal_database_and_config(tmp_path):
    d = tmp_path / "fresh"
    r = cli("init", "--data", d)
    assert r.returncode == 0, r.stderr
    key = d / "signing.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.stat().st_size > 0
    assert sqlite(d / "liaison.db", "PRAGMA journal_mode").strip() == "wal"
    config = (d / "liaison.toml").read_text()
    assert re.search(r"^require_totp = true$", config, re.M), "TOTP must be on outside demo data"
    assert config.lstrip().startswith("#"), "the config is commented"
    assert int(sqlite(d / "liaison.db", "SELECT count(*) FROM events")) == 0
    # The data directory itself is private.
    assert stat.S_IMODE(d.stat().st_mode) & 0o077 == 0

    before = file_digests(d)
    time.sleep(0.02)
    r = cli("init", "--data", d)
    assert r.returncode == 0, r.stderr
    assert "nothing changed" in r.stdout
    assert file_digests(d) == before


def test_init_refuses_an_incomplete_directory(tmp_path):
    d = tmp_path / "partial"
    assert cli("init", "--data", d).returncode == 0
    (d / "signing.key").unlink()
    r = cli("init", "--data", d)
    assert r.returncode != 0
    assert not (d / "signing.key").exists(), "init must not mint a new key for an existing log"


def test_user_add_checks_passwords_and_the_account_logs_in(make_server):
    srv = make_server(start=False)
    args = ("user", "add", "--data", srv.data, "--party", "pasf", "--unit", "pasf/dcl/jenin",
            "--role", "liaison,duty", "--username", "pasf.added", "--password-stdin")
    for weak in ("password\n", "short-pw\n", "123456789012\n", "passwordpassword\n",
                 "my-pasf.added-pw\n"):
        r = cli(*args, input=weak)
        assert r.returncode != 0, f"accepted weak password {weak!r}"
    assert cli("user", "list", "--data", srv.data, "--party", "pasf").stdout.count("pasf.added") == 0
    r = cli(*args, input="a-proper-long-passphrase-3\n")
    assert r.returncode == 0, r.stderr
    listed = cli("user", "list", "--data", srv.data, "--party", "pasf").stdout
    assert re.search(r"^pasf\.added\tpasf\tpasf/dcl/jenin\t", listed, re.M), listed
    srv.start()
    me = login(srv, "pasf.added", "a-proper-long-passphrase-3").get("/api/v1/me").json()
    assert (me["party"], me["unit"], set(me["roles"])) == ("pasf", "pasf/dcl/jenin", {"liaison", "duty"})


def test_totp_can_be_required_for_every_account(make_server):
    srv = make_server({"security": {"require_totp": True}}, start=False)
    r = cli("user", "totp", "--data", srv.data, "--username", "isf.jenin")
    assert r.returncode == 0, r.stderr
    key = totp_secret_from_uri(r.stdout.strip().splitlines()[-1])
    srv.start()
    # An account without a second factor cannot log in at all.
    r = srv.post_login("pasf.jenin")
    assert_problem(r, 403)
    assert "Set-Cookie" not in r.headers
    assert_problem(srv.post_login("isf.jenin"), 401, code="totp_required")
    assert srv.post_login("isf.jenin", totp=totp_code(key, srv.now())).status_code == 200


def test_online_backup_is_a_consistent_copy(make_server, tmp_path):
    srv = make_server()
    admin = login(srv, "pasf.admin")
    for i in range(3):
        assert admin.post("/api/v1/units", json={"id": f"pasf/dcl/b{i}", "parent": "pasf/dcl",
                                                  "kind": "liaison", "name_en": f"B{i}"}).status_code == 201
    time.sleep(0.2)  # let the access/session events settle
    out = tmp_path / "backup.db"
    r = cli("backup", "--data", srv.data, "--out", out)
    assert r.returncode == 0, r.stderr
    live = int(sqlite(srv.data / "liaison.db", "SELECT count(*) FROM events"))
    copy = int(sqlite(out, "SELECT count(*) FROM events"))
    assert copy == live > 76  # the demo seed plus this test's writes
    assert sqlite(out, "PRAGMA integrity_check").strip() == "ok"
    # A second backup to the same file is refused rather than overwriting it.
    r = cli("backup", "--data", srv.data, "--out", out)
    assert r.returncode != 0
    assert int(sqlite(out, "SELECT count(*) FROM events")) == copy
    # The backup with the key and config is a working data directory whose log verifies.
    restored = tmp_path / "restored"
    restored.mkdir(mode=0o700)
    for name in ("signing.key", "liaison.toml"):
        (restored / name).write_bytes((srv.data / name).read_bytes())
    os.chmod(restored / "signing.key", 0o600)
    (restored / "liaison.db").write_bytes(out.read_bytes())
    r = cli("audit", "verify", "--data", restored)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"verified {copy} events" in r.stdout
    assert srv.healthy()


def test_logout_without_csrf_header_is_refused_but_with_it_works(server):
    c = login(server, "ussc.duty")
    r = requests.delete(server.url + "/api/v1/session", cookies={COOKIE: c.cookie}, timeout=10)
    assert_problem(r, 403)
    r = requests.delete(server.url + "/api/v1/session", cookies={COOKIE: c.cookie}, headers=CSRF,
                        timeout=10)
    assert r.status_code == 204
    assert_problem(server.get("/api/v1/me", cookies={COOKIE: c.cookie}), 401)
