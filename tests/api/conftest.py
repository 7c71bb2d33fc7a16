"""Fixtures for the black-box API tests.

Every test talks to the real `liaison` binary (LIAISON_BIN, default build/liaison) over
HTTP on a port picked by the kernel (`--listen 127.0.0.1:0`), with a temporary data
directory and an injected clock (`--test-clock-file`). The demo data is seeded once per
test session into a template directory; each server gets its own copy of it.
"""

import asyncio
import base64
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import time
from pathlib import Path

import pytest
import requests
import websockets

BIN = os.environ.get("LIAISON_BIN", str(Path(__file__).resolve().parents[2] / "build" / "liaison"))
PASSWORD = "demo-password-2026"
CSRF = {"X-Liaison-Request": "1"}
COOKIE = "liaison_session"
PROBLEM_FIELDS = ("type", "title", "status", "detail", "code", "request_id")

# The demo accounts the tests rely on (src/app/demo.cpp).
PARTIES = ("isf", "pasf", "ussc")
DEMO_USERS = {
    "isf.jenin": ("isf", "isf/dco/jenin", {"liaison", "duty"}),
    "pasf.jenin": ("pasf", "pasf/dcl/jenin", {"liaison", "duty"}),
    "ussc.duty": ("ussc", "ussc/ops/duty", {"duty", "liaison"}),
    "isf.admin": ("isf", "isf/hq", {"admin"}),
    "pasf.admin": ("pasf", "pasf/hq", {"admin"}),
    "ussc.admin": ("ussc", "ussc/hq", {"admin"}),
    "isf.auditor": ("isf", "isf/hq", {"auditor"}),
    "pasf.auditor": ("pasf", "pasf/hq", {"auditor"}),
    "ussc.auditor": ("ussc", "ussc/hq", {"auditor"}),
}

# Settings for every test data directory: demo accounts without a second factor, and
# the cheap Argon2id parameters meant for automated tests.
BASE_CONFIG = {"security": {"require_totp": False, "password_hash": "minimal"}}


# --- Processes -------------------------------------------------------------------------


def cli(*args, input=None, timeout=60):
    """Runs `liaison ARGS...` and returns the CompletedProcess (text mode)."""
    return subprocess.run(
        [BIN, *map(str, args)], input=input, capture_output=True, text=True, timeout=timeout
    )


def sqlite(db, sql):
    """Runs SQL with the sqlite3 CLI; returns stdout. Fails the test on error."""
    r = subprocess.run(
        ["sqlite3", "-bail", str(db), sql], capture_output=True, text=True, timeout=30
    )
    assert r.returncode == 0, f"sqlite3 failed: {r.stderr}"
    return r.stdout


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return json.dumps(v)


def write_config(data_dir, overrides=None):
    """Writes DIR/liaison.toml: BASE_CONFIG with `overrides` ({section: {key: value}})."""
    sections = {s: dict(kv) for s, kv in BASE_CONFIG.items()}
    for s, kv in (overrides or {}).items():
        sections.setdefault(s, {}).update(kv)
    text = ""
    for s, kv in sections.items():
        text += f"[{s}]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in kv.items()) + "\n"
    Path(data_dir, "liaison.toml").write_text(text)


def copy_data(src, dst):
    """Copies a stopped server's data directory (without its lock file)."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("liaison.lock"))
    return Path(dst)


class Server:
    """One `liaison serve` process on 127.0.0.1:0 with a test clock."""

    def __init__(self, data_dir, work_dir):
        self.data = Path(data_dir)
        self.work = Path(work_dir)
        self.work.mkdir(parents=True, exist_ok=True)
        self.clock_file = self.work / "clock"
        self.offset = 0.0
        self._write_clock()
        self.proc = None
        self.url = None
        self.starts = 0

    # The clock ------------------------------------------------------------------------

    def _write_clock(self):
        tmp = self.clock_file.with_suffix(".tmp")
        tmp.write_text(f"{self.offset}\n")
        os.replace(tmp, self.clock_file)

    def advance(self, seconds):
        """Moves the server's clock forward; waits until the server has re-read it."""
        self.offset += seconds
        self._write_clock()
        time.sleep(0.12)  # the server re-reads the file every 50 ms

    def now(self):
        return time.time() + self.offset

    # The process ----------------------------------------------------------------------

    def start(self, timeout=15):
        assert self.proc is None or self.proc.poll() is not None, "already running"
        self.starts += 1
        out = self.work / f"stdout.{self.starts}"
        self.stderr_path = self.work / f"stderr.{self.starts}"
        with open(out, "wb") as o, open(self.stderr_path, "wb") as e:
            self.proc = subprocess.Popen(
                [BIN, "serve", "--data", str(self.data), "--listen", "127.0.0.1:0",
                 "--test-clock-file", str(self.clock_file)],
                stdout=o, stderr=e, stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = out.read_text(errors="replace")
            if "\n" in text:
                first = text.split("\n", 1)[0]
                assert re.fullmatch(r"listening on https?://127\.0\.0\.1:\d+", first), first
                self.url = first[len("listening on "):]
                self.first_line = first
                return self
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"server exited with {self.proc.returncode}: {self.stderr()}")
            time.sleep(0.02)
        raise AssertionError("server did not print its address in time: " + self.stderr())

    def stop(self, sig=signal.SIGTERM, timeout=15):
        """Stops the server; returns its exit code."""
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"server did not stop within {timeout} s after {sig!r}")

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def restart(self):
        rc = self.stop()
        assert rc == 0, f"server exited with {rc}: {self.stderr()}"
        return self.start()

    def stderr(self):
        try:
            return self.stderr_path.read_text(errors="replace")[-4000:]
        except (OSError, AttributeError):
            return ""

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    @property
    def ws_url(self):
        return "ws://" + self.url[len("http://"):] + "/api/v1/stream"

    # HTTP helpers ---------------------------------------------------------------------

    def get(self, path, **kw):
        kw.setdefault("timeout", 10)
        return requests.get(self.url + path, **kw)

    def request(self, method, path, **kw):
        kw.setdefault("timeout", 10)
        return requests.request(method, self.url + path, **kw)

    def post_login(self, username, password=PASSWORD, totp=None, session=None, headers=CSRF):
        body = {"username": username, "password": password}
        if totp is not None:
            body["totp"] = totp
        http = session or requests
        return http.post(self.url + "/api/v1/session", json=body, headers=headers, timeout=10)

    def login(self, username, password=PASSWORD, totp=None):
        """A requests.Session logged in as `username`, sending the CSRF header."""
        s = requests.Session()
        s.headers.update(CSRF)
        r = self.post_login(username, password, totp, session=s)
        assert r.status_code == 200, f"login {username}: {r.status_code} {r.text}"
        return s

    def healthy(self):
        r = self.get("/healthz")
        return r.status_code == 200 and r.json().get("status") == "ok"


class Client:
    """Thin wrapper so tests write `c.get('/api/v1/me')` for a logged-in session."""

    def __init__(self, server, session, username=None):
        self.server = server
        self.s = session
        self.username = username

    def request(self, method, path, **kw):
        kw.setdefault("timeout", 10)
        return self.s.request(method, self.server.url + path, **kw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def patch(self, path, **kw):
        return self.request("PATCH", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    @property
    def cookie(self):
        return self.s.cookies.get(COOKIE)


def login(server, username, password=PASSWORD, totp=None):
    return Client(server, server.login(username, password, totp), username)


# --- Assertions ------------------------------------------------------------------------


def assert_problem(r, status, code=None, field=None):
    """The response is an RFC 9457 problem with the project's fields."""
    assert r.status_code == status, f"expected {status}, got {r.status_code}: {r.text[:500]}"
    assert r.headers.get("Content-Type", "").startswith("application/problem+json"), r.headers
    p = r.json()
    for f in PROBLEM_FIELDS:
        assert f in p, f"problem lacks {f}: {p}"
    assert p["status"] == status
    assert p["request_id"] and p["request_id"] == r.headers.get("X-Request-Id")
    if code is not None:
        assert p["code"] == code, p
    if field is not None:
        assert p.get("field") == field, p
    return p


# --- TOTP (RFC 6238, SHA-1, 30 s, 6 digits) ---------------------------------------------


def totp_secret_from_uri(uri):
    from urllib.parse import parse_qs, urlparse

    u = urlparse(uri)
    assert u.scheme == "otpauth" and u.netloc == "totp", uri
    secret = parse_qs(u.query)["secret"][0]
    return base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)


def totp_code(key, unix_time, step=30, digits=6):
    counter = int(unix_time // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    off = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


# --- The stream ------------------------------------------------------------------------


async def ws_connect(server, cookie=None, headers=None):
    extra = dict(headers or {})
    if cookie is not None:
        extra["Cookie"] = f"{COOKIE}={cookie}"
    return await websockets.connect(server.ws_url, extra_headers=extra, open_timeout=10,
                                    close_timeout=5)


async def ws_recv_json(ws, timeout=5):
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def ws_collect_until(ws, predicate, timeout=10):
    """Receives frames until one satisfies `predicate`; returns all received (in order)."""
    frames = []
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        left = deadline - asyncio.get_running_loop().time()
        if left <= 0:
            raise AssertionError(f"no matching frame within {timeout} s; got {frames}")
        frame = await ws_recv_json(ws, left)
        frames.append(frame)
        if predicate(frame):
            return frames


# --- Fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A data directory seeded by `liaison demo` once per test session. Never served."""
    assert os.access(BIN, os.X_OK), f"LIAISON_BIN {BIN} is not an executable"
    d = tmp_path_factory.mktemp("template") / "data"
    d.mkdir(mode=0o700)
    write_config(d)
    r = cli("demo", "--data", d, "--password", PASSWORD, "--personnel", "0")
    assert r.returncode == 0, r.stderr
    for u in DEMO_USERS:
        assert u in r.stdout, f"demo did not create {u}: {r.stdout}"
    return d


@pytest.fixture
def make_server(demo_template, tmp_path):
    """Factory: make_server(config=None, start=True) -> a Server on a fresh copy of the demo."""
    servers = []

    def make(config=None, start=True, name=None):
        base = tmp_path / (name or f"srv{len(servers)}")
        data = copy_data(demo_template, base / "data")
        if config:
            write_config(data, config)
        s = Server(data, base / "run")
        servers.append(s)
        return s.start() if start else s

    yield make
    for s in servers:
        s.kill()


def start_module_server(demo_template, tmp_path_factory, name="module", config=None):
    """A started server on its own copy of the demo data, with `config` overrides; the
    caller (a module-scoped fixture) kills it."""
    base = tmp_path_factory.mktemp(name)
    data = copy_data(demo_template, base / "data")
    if config:
        write_config(data, config)
    return Server(data, base / "run").start()


@pytest.fixture(scope="module")
def server(demo_template, tmp_path_factory):
    """One server per test module, on its own copy of the demo data."""
    s = start_module_server(demo_template, tmp_path_factory)
    yield s
    s.kill()


# --- A party that takes part in nothing ----------------------------------------------------


def add_party_with_officer(server, party="eubam", name_en="EU Border Assistance Mission",
                           roles=("liaison", "duty"), password=PASSWORD):
    """Adds a party with a duty desk and one officer, `<party>.duty`, and returns its name.

    The coordinator's administrator creates the party and its units over the API. The
    new party's first administrator, `<party>.admin`, is added with `liaison user add`
    (no other party's administrator may create its accounts); the CLI takes the data
    directory's writer lock, so the server is stopped for it and started again. That
    administrator then creates the officer over the API.

    Call this before the test moves the server's clock: `liaison user add` stamps its
    event with the real time.
    """
    ussc = login(server, "ussc.admin")
    r = ussc.post("/api/v1/parties", json={"id": party, "name_en": name_en,
                                           "is_coordinator": False})
    assert r.status_code == 201, r.text
    for body in ({"id": party, "kind": "party", "name_en": name_en},
                 {"id": f"{party}/ops", "parent": party, "kind": "duty_desk",
                  "name_en": f"{name_en} duty desk"}):
        r = ussc.post("/api/v1/units", json=body)
        assert r.status_code == 201, r.text
    rc = server.stop()
    assert rc == 0, f"server exited with {rc}: {server.stderr()}"
    r = cli("user", "add", "--data", server.data, "--party", party, "--unit", party,
            "--role", "admin", "--username", f"{party}.admin", "--password-stdin",
            input=password + "\n")
    assert r.returncode == 0, r.stderr
    server.start()
    officer = f"{party}.duty"
    r = login(server, f"{party}.admin", password).post("/api/v1/users", json={
        "username": officer, "unit": f"{party}/ops", "roles": list(roles), "password": password})
    assert r.status_code == 201, r.text
    return officer
