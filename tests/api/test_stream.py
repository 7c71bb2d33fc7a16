"""The WebSocket stream: authentication, need-to-know filtering, and ending sessions."""

import asyncio
import json

import pytest
import websockets

from conftest import (COOKIE, assert_problem, login, ws_collect_until, ws_connect,
                      ws_recv_json)

STRONG = "stream-test-passphrase-11"


def is_event(seq):
    return lambda f: f.get("type") == "event" and f["event"]["seq"] == seq


def metric(server, name):
    for line in server.get("/metrics").text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} not in /metrics")


def test_events_reach_exactly_those_who_may_see_them(server):
    async def main():
        watchers = ["pasf.auditor", "pasf.admin", "isf.auditor", "pasf.jenin", "isf.jenin",
                    "ussc.duty", "ussc.auditor"]
        conns = {}
        for u in watchers:
            conns[u] = await ws_connect(server, login(server, u).cookie)
            hello = await ws_recv_json(conns[u])
            assert hello["type"] == "hello", hello
            assert hello["user"] == u
            assert isinstance(hello["seq"], int) and hello["seq"] > 0
        assert metric(server, "liaison_stream_clients") >= len(watchers)

        # A security event of pasf: an account created by pasf's admin.
        r = login(server, "pasf.admin").post("/api/v1/users", json={
            "username": "pasf.streamed", "unit": "pasf/dcl/jenin", "roles": ["liaison"],
            "password": STRONG})
        assert r.status_code == 201, r.text
        user_seq = r.json()["seq"]
        # A directory event shared with everyone: a pasf unit created by the coordinator.
        r = login(server, "ussc.admin").post("/api/v1/units", json={
            "id": "pasf/dcl/streamtest", "parent": "pasf/dcl", "kind": "liaison",
            "name_en": "Stream test unit"})
        assert r.status_code == 201, r.text
        unit_seq = r.json()["seq"]
        assert unit_seq > user_seq

        for u, ws in conns.items():
            # Frames arrive in log order, so once the unit event is in, anything earlier
            # that this user may see has arrived too.
            frames = await ws_collect_until(ws, is_event(unit_seq))
            events = [f["event"] for f in frames if f["type"] == "event"]
            seqs = [e["seq"] for e in events]
            assert seqs == sorted(seqs), f"{u}: out of order {seqs}"
            unit = events[-1]
            assert unit["type"] == "unit.created" and unit["party"] == "pasf"
            assert unit["body"]["id"] == "pasf/dcl/streamtest"
            assert "*" in unit["shared_with"]
            expect_user_event = u in ("pasf.auditor", "pasf.admin")
            assert (user_seq in seqs) == expect_user_event, f"{u}: {events}"
            if expect_user_event:
                e = next(e for e in events if e["seq"] == user_seq)
                assert e["type"] == "user.created" and e["party"] == "pasf"
                assert e["subject"] == "user/pasf.streamed"
                assert STRONG not in json.dumps(e) and "argon2" not in json.dumps(e)
            party = u.split(".")[0]
            for e in events:
                # Nobody gets another party's unshared events; only admins and auditors
                # get security events at all.
                assert e["party"] == party or "*" in e["shared_with"] or party in e["shared_with"], (u, e)
                if e["type"].split(".")[0] in ("user", "session", "auth", "token", "access"):
                    assert u.endswith((".admin", ".auditor")), (u, e)
        for ws in conns.values():
            await ws.close()

    asyncio.run(main())


def test_unauthenticated_upgrade_is_refused_with_401(server):
    async def main():
        for cookie in (None, "forged-session-token"):
            with pytest.raises(websockets.exceptions.InvalidStatusCode) as e:
                await ws_connect(server, cookie)
            assert e.value.status_code == 401
        with pytest.raises(websockets.exceptions.InvalidStatusCode) as e:
            await ws_connect(server, headers={"Authorization": "Bearer not-a-token"})
        assert e.value.status_code == 401

    asyncio.run(main())


def test_cross_site_upgrade_is_refused(server):
    cookie = login(server, "isf.jenin").cookie

    async def main():
        with pytest.raises(websockets.exceptions.InvalidStatusCode) as e:
            await ws_connect(server, cookie, headers={"Origin": "https://evil.example"})
        assert e.value.status_code == 403
        # The console's own origin is fine.
        ws = await ws_connect(server, cookie, headers={"Origin": server.url})
        assert (await ws_recv_json(ws))["type"] == "hello"
        await ws.close()

    asyncio.run(main())


def test_stream_with_a_bearer_token(server):
    admin = login(server, "isf.admin")
    r = admin.post("/api/v1/tokens", json={"name": "feed", "username": "isf.jenin"})
    assert r.status_code == 201, r.text
    token = r.json()["token"]

    async def main():
        ws = await ws_connect(server, headers={"Authorization": f"Bearer {token}"})
        hello = await ws_recv_json(ws)
        assert hello["type"] == "hello" and hello["user"] == "isf.jenin"
        await ws.close()

    asyncio.run(main())


def test_plain_get_on_the_stream_is_a_problem(server):
    c = login(server, "isf.jenin")
    r = c.get("/api/v1/stream")
    p = assert_problem(r, 426)
    assert p["title"] == "Upgrade Required"
    assert_problem(server.get("/api/v1/stream"), 401)


def test_disabling_a_user_closes_their_stream_with_4001(make_server):
    srv = make_server()
    victim_cookie = login(srv, "pasf.tubas").cookie

    async def main():
        victim = await ws_connect(srv, victim_cookie)
        watcher = await ws_connect(srv, login(srv, "pasf.auditor").cookie)
        assert (await ws_recv_json(victim))["type"] == "hello"
        assert (await ws_recv_json(watcher))["type"] == "hello"
        r = login(srv, "pasf.admin").post("/api/v1/users/pasf.tubas/disable")
        assert r.status_code == 200, r.text
        seq = r.json()["seq"]
        with pytest.raises(websockets.exceptions.ConnectionClosed) as e:
            for _ in range(100):
                await ws_recv_json(victim)
        assert e.value.code == 4001, str(e.value)
        # The auditor stays connected and is told.
        frames = await ws_collect_until(watcher, is_event(seq))
        assert frames[-1]["event"]["type"] == "user.disabled"
        assert frames[-1]["event"]["body"]["username"] == "pasf.tubas"
        # A new connection with the old cookie is refused.
        with pytest.raises(websockets.exceptions.InvalidStatusCode) as e2:
            await ws_connect(srv, victim_cookie)
        assert e2.value.status_code == 401
        await watcher.close()

    asyncio.run(main())


def test_logout_ends_the_stream_too(server):
    c = login(server, "isf.hebron")

    async def main():
        ws = await ws_connect(server, c.cookie)
        assert (await ws_recv_json(ws))["type"] == "hello"
        assert c.delete("/api/v1/session").status_code == 204
        # The next event of any kind makes the hub re-check its subscribers.
        login(server, "ussc.admin").post("/api/v1/units", json={
            "id": "isf/dco/afterlogout", "parent": "isf/dco", "kind": "liaison",
            "name_en": "After logout"})
        with pytest.raises(websockets.exceptions.ConnectionClosed) as e:
            for _ in range(100):
                frame = await ws_recv_json(ws)
                leaked = frame["type"] == "event" and \
                    frame["event"]["body"].get("id") == "isf/dco/afterlogout"
                assert not leaked, "a logged-out session still received events"
        assert e.value.code == 4001, str(e.value)

    asyncio.run(main())


def test_replay_after_reconnect_follows_the_same_visibility(server):
    """?after=SEQ replays missed events, through the same need-to-know filter."""
    isf_admin = login(server, "isf.admin")
    r = isf_admin.post("/api/v1/users", json={"username": "isf.replayed", "unit": "isf/dco/jenin",
                                              "roles": ["liaison"], "password": STRONG})
    assert r.status_code == 201, r.text
    secret_seq = r.json()["seq"]
    r = login(server, "ussc.admin").post("/api/v1/units", json={
        "id": "isf/dco/replayed", "parent": "isf/dco", "kind": "liaison", "name_en": "Replayed"})
    assert r.status_code == 201, r.text
    shared_seq = r.json()["seq"]
    after = secret_seq - 1

    async def replay(user):
        cookie = login(server, user).cookie
        ws = await websockets.connect(server.ws_url + f"?after={after}",
                                      extra_headers={"Cookie": f"{COOKIE}={cookie}"})
        frames = await ws_collect_until(ws, is_event(shared_seq))
        await ws.close()
        assert frames[0]["type"] == "hello"
        return [f["event"] for f in frames if f["type"] == "event"]

    async def main():
        for user, sees_secret in (("isf.auditor", True), ("isf.jenin", False),
                                  ("pasf.auditor", False), ("ussc.auditor", False)):
            events = await replay(user)
            seqs = [e["seq"] for e in events]
            assert all(s > after for s in seqs), seqs
            assert (secret_seq in seqs) == sees_secret, (user, events)
            party = user.split(".")[0]
            for e in events:
                assert e["party"] == party or "*" in e["shared_with"] or party in e["shared_with"]
                if e["type"].split(".")[0] in ("user", "session", "auth", "token", "access"):
                    assert user.endswith((".admin", ".auditor")), (user, e)

    asyncio.run(main())


def test_revoking_a_token_or_disabling_its_user_closes_its_stream(make_server):
    srv = make_server()
    admin = login(srv, "pasf.admin")
    tokens = {}
    for user in ("pasf.jenin", "pasf.tubas"):
        r = admin.post("/api/v1/tokens", json={"name": "feed", "username": user})
        assert r.status_code == 201, r.text
        tokens[user] = r.json()

    async def main():
        revoked = await ws_connect(
            srv, headers={"Authorization": f"Bearer {tokens['pasf.jenin']['token']}"})
        disabled = await ws_connect(
            srv, headers={"Authorization": f"Bearer {tokens['pasf.tubas']['token']}"})
        for ws in (revoked, disabled):
            assert (await ws_recv_json(ws))["type"] == "hello"
        assert admin.delete(f"/api/v1/tokens/{tokens['pasf.jenin']['id']}").status_code == 200
        assert admin.post("/api/v1/users/pasf.tubas/disable").status_code == 200
        # An event everyone may see, which must not reach either of them.
        r = login(srv, "ussc.admin").post("/api/v1/units", json={
            "id": "pasf/dcl/aftertokens", "parent": "pasf/dcl", "kind": "liaison",
            "name_en": "After tokens"})
        assert r.status_code == 201, r.text
        for who, ws in (("revoked token", revoked), ("disabled user", disabled)):
            with pytest.raises(websockets.exceptions.ConnectionClosed) as e:
                for _ in range(100):
                    frame = await ws_recv_json(ws)
                    assert not (frame["type"] == "event" and
                                frame["event"]["body"].get("id") == "pasf/dcl/aftertokens"), \
                        f"the stream of a {who} still receives events"
            assert e.value.code == 4001, f"{who}: {e.value}"

    asyncio.run(main())


def test_a_change_to_the_account_asks_the_client_to_reconnect(make_server):
    """New roles or unit: the stream closes with 4002 so the client reconnects as the new
    principal; its session stays valid."""
    srv = make_server()
    c = login(srv, "pasf.salfit")

    async def main():
        ws = await ws_connect(srv, c.cookie)
        assert (await ws_recv_json(ws))["type"] == "hello"
        r = login(srv, "pasf.admin").patch("/api/v1/users/pasf.salfit",
                                           json={"roles": ["liaison", "commander"]})
        assert r.status_code == 200, r.text
        with pytest.raises(websockets.exceptions.ConnectionClosed) as e:
            for _ in range(100):
                await ws_recv_json(ws)
        assert e.value.code == 4002, str(e.value)
        assert set(c.get("/api/v1/me").json()["roles"]) == {"liaison", "commander"}
        ws = await ws_connect(srv, c.cookie)
        assert (await ws_recv_json(ws))["type"] == "hello"
        await ws.close()

    asyncio.run(main())
