"""HTTPS: the certificate and key named in the config, Secure cookies, HSTS, wss."""
import asyncio
import ssl
import subprocess

import requests
import websockets

from conftest import CSRF, PASSWORD, assert_problem


def make_certificate(directory):
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True)
    return cert, key


def test_https_serves_with_secure_cookies_and_hsts(make_server, tmp_path):
    cert, key = make_certificate(tmp_path)
    srv = make_server({"server": {"tls_cert": str(cert), "tls_key": str(key)}})
    assert srv.first_line.startswith("listening on https://127.0.0.1:")

    r = requests.get(srv.url + "/healthz", verify=str(cert), timeout=5)
    assert r.status_code == 200
    assert r.headers["Strict-Transport-Security"].startswith("max-age=")

    # verify= on each call: requests lets the environment override Session.verify.
    s = requests.Session()
    r = s.post(srv.url + "/api/v1/session", json={"username": "pasf.jenin", "password": PASSWORD},
               headers=CSRF, timeout=10, verify=str(cert))
    assert r.status_code == 200, r.text
    cookie = r.headers["Set-Cookie"]
    assert "; Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert s.get(srv.url + "/api/v1/me", timeout=5, verify=str(cert)).json()["username"] == "pasf.jenin"

    # The Origin check uses the https scheme.
    r = s.post(srv.url + "/api/v1/me/password", json={},
               headers={"Origin": srv.url.replace("https://", "http://")}, timeout=5,
               verify=str(cert))
    assert_problem(r, 403)

    async def stream():
        ctx = ssl.create_default_context(cafile=str(cert))
        token = s.cookies.get("liaison_session")
        async with websockets.connect(srv.url.replace("https://", "wss://") + "/api/v1/stream",
                                      ssl=ctx, extra_headers={"Cookie": f"liaison_session={token}"}) as ws:
            return await asyncio.wait_for(ws.recv(), 5)
    assert '"type":"hello"' in asyncio.run(stream())


def test_plain_http_to_a_tls_port_gets_no_answer_and_the_server_lives(make_server, tmp_path):
    cert, key = make_certificate(tmp_path)
    srv = make_server({"server": {"tls_cert": str(cert), "tls_key": str(key)}})
    plain = srv.url.replace("https://", "http://")
    try:
        r = requests.get(plain + "/healthz", timeout=5)
        answered = r.status_code == 200
    except requests.RequestException:
        answered = False
    assert not answered
    assert requests.get(srv.url + "/healthz", verify=str(cert), timeout=5).status_code == 200


def test_a_missing_certificate_is_a_clear_start_up_error(make_server, tmp_path):
    srv = make_server({"server": {"tls_cert": str(tmp_path / "nope.pem"),
                                  "tls_key": str(tmp_path / "nope.key")}}, start=False)
    try:
        srv.start(timeout=10)
        started = True
    except AssertionError as e:
        started = False
        assert "tls_cert" in str(e) or "nope.pem" in str(e), str(e)
    assert not started
