"""Figures over requests answered at controlled times (docs/requests.md, "Figures").

Eleven ROUTINE requests from pasf to isf are acknowledged at known offsets from their
submission and five of them decided at known offsets, by moving the server's injected
clock. The acknowledge deadline is 100 s and the decide deadline 700 s, so the in-time
shares are known too. The samples are chosen so that p50 and p90 are the same under
nearest rank (the contract's method) and linear interpolation, so a few tenths of a
second of real time cannot move them; test_nearest_rank_... tells the two apart.
"""

import pytest

from conftest import add_party_with_officer, assert_problem, login, start_module_server
from request_helpers import HEBRON_H1, create, draft, footprint, iso, ok, ts

CONFIG = {"deadlines": {"routine_acknowledge_seconds": 100, "routine_decide_seconds": 700}}
ACK_AT = [10, 20, 30, 50, 60, 60, 60, 70, 200, 200, 200]       # p50 60, p90 200; 8 of 11 in time
DECIDE = {0: (300, "approved"), 1: (400, "approved"), 2: (400, "approved_with_conditions"),
          3: (1000, "denied"), 9: (1000, "counter_proposed")}  # p50 400, p90 1000; 3 of 5 in time
WITHDRAW_AT = 250  # the rest are withdrawn before their decide-by, so nothing is left late
TYPES = ["movement"] * 6 + ["activity"] * 5
TOL = 5  # seconds of real time the test itself takes


@pytest.fixture(scope="module")
def srv(demo_template, tmp_path_factory):
    s = start_module_server(demo_template, tmp_path_factory, "stats", CONFIG)
    yield s
    s.kill()


@pytest.fixture(scope="module")
def world(srv):
    officer = add_party_with_officer(srv, "eubam")  # before the clock moves
    pasf, hebron = login(srv, "pasf.jenin"), login(srv, "pasf.hebron")
    isf = login(srv, "isf.jenin")
    t0 = srv.now()
    rids = []
    for i, type_ in enumerate(TYPES):
        if i >= 9:  # two from Hebron
            body = draft(srv, type=type_, title=f"Stats {i}",
                         footprint=footprint(srv, HEBRON_H1, kind="Point", buffer_m=0,
                                             start_in=7200))
            rids.append(create(hebron, body)["id"])
        else:
            rids.append(create(pasf, draft(srv, type=type_, title=f"Stats {i}",
                                           footprint=footprint(srv, start_in=7200)))["id"])
    # Unanswered, PRIORITY (deadlines far beyond the test): isf asks pasf, and isf notifies
    # the fourth party, which pasf must not see.
    info = create(isf, draft(srv, type="information", to_party="pasf", precedence="PRIORITY",
                             title="Stats info"))["id"]
    notice = create(isf, draft(srv, type="notification", to_party="eubam",
                               precedence="PRIORITY", title="Stats notice"))["id"]
    created = srv.now()

    plan = [(at, "acknowledge", i, None) for i, at in enumerate(ACK_AT)]
    plan += [(at, "decide", i, outcome) for i, (at, outcome) in DECIDE.items()]
    plan += [(WITHDRAW_AT, "withdraw", i, None) for i in range(len(TYPES)) if i not in DECIDE]
    clock = 0
    for at, action, i, outcome in sorted(plan, key=lambda p: (p[0], p[1] != "acknowledge")):
        if at > clock:
            srv.advance(at - clock)
            clock = at
        rid = rids[i]
        if action == "acknowledge":
            ok(isf, rid, "acknowledge", state="acknowledged")
        elif action == "decide":
            body = {"outcome": outcome}
            if outcome == "denied":
                body["reason"] = "no"
            if outcome in ("approved_with_conditions", "counter_proposed"):
                body["conditions"] = "some"
            ok(isf, rid, "decide", body, state=outcome)
        else:
            ok(hebron if i >= 9 else pasf, rid, "withdraw", state="withdrawn")
    assert srv.now() - created < clock + 30, "the setup took too long for the tolerances"
    return {"t0": t0, "rids": rids, "info": info, "notice": notice, "officer": officer}


def stats(client, query=""):
    r = client.get("/api/v1/stats/requests" + (f"?{query}" if query else ""))
    assert r.status_code == 200, f"{client.username}: {r.status_code} {r.text[:300]}"
    s = r.json()
    assert set(s) >= {"period", "overall", "by_party", "by_requesting_party", "by_district",
                      "by_type", "by_precedence"}
    return s


def group(s, dim, key):
    found = [g for g in s[dim] if g["key"] == key]
    assert len(found) == 1, f"{dim}[{key}] in {s[dim]}"
    return found[0]


def counts(s, dim):
    return {g["key"]: g["count"] for g in s[dim] if g["count"]}


def outcomes(m):
    """Every request counted once: by its decision, else withdrawn, expired, acknowledged
    (a closed notification) or pending."""
    out = {k: v for k, v in m["outcomes"].items() if v}
    assert sum(out.values()) == m["count"], m
    return out


ANSWERED = {"acknowledged": 11, "decided": 5,
            "acknowledge_p50_s": 60, "acknowledge_p90_s": 200,
            "decide_p50_s": 400, "decide_p90_s": 1000,
            "acknowledged_in_time": 8 / 11, "decided_in_time": 3 / 5}
OUTCOMES = {"approved": 2, "approved_with_conditions": 1, "denied": 1, "counter_proposed": 1,
            "withdrawn": 6}


def assert_answered(m, count):
    """The eleven answered requests, plus count - 11 unanswered ones with nothing due yet."""
    assert m["count"] == count, m
    for k, v in ANSWERED.items():
        if k.endswith("_s"):
            assert m[k] == pytest.approx(v, abs=TOL), (k, m)
        elif k.endswith("_in_time"):
            assert m[k] == pytest.approx(v, abs=1e-3), (k, m)  # may be rounded to 3 places
        else:
            assert m[k] == v, (k, m)
    expected = dict(OUTCOMES)
    if count > 11:
        expected["pending"] = count - 11
    assert outcomes(m) == expected, m


def test_the_coordinator_sees_every_request(srv, world):
    s = stats(login(srv, "ussc.duty"))
    assert_answered(s["overall"], 13)
    assert counts(s, "by_party") == {"isf": 11, "pasf": 1, "eubam": 1}
    assert counts(s, "by_requesting_party") == {"pasf": 11, "isf": 2}
    assert counts(s, "by_district") == {"PS0101": 11, "PS0150": 2}
    assert counts(s, "by_type") == {"movement": 6, "activity": 5, "information": 1,
                                    "notification": 1}
    assert counts(s, "by_precedence") == {"ROUTINE": 11, "PRIORITY": 2}
    assert_answered(group(s, "by_party", "isf"), 11)
    assert_answered(group(s, "by_precedence", "ROUTINE"), 11)


def test_pasf_sees_its_own_and_those_addressed_to_it(srv, world):
    s = stats(login(srv, "pasf.jenin"))
    assert_answered(s["overall"], 12)
    assert counts(s, "by_party") == {"isf": 11, "pasf": 1}
    assert counts(s, "by_requesting_party") == {"pasf": 11, "isf": 1}
    assert counts(s, "by_district") == {"PS0101": 10, "PS0150": 2}
    assert counts(s, "by_type") == {"movement": 6, "activity": 5, "information": 1}
    assert counts(s, "by_precedence") == {"ROUTINE": 11, "PRIORITY": 1}
    assert "eubam" not in str(s) and "notification" not in str(s)
    # The one addressed to pasf has no answer yet: no sample, so no time and no share.
    m = group(s, "by_party", "pasf")
    assert (m["count"], m["acknowledged"], m["decided"]) == (1, 0, 0)
    assert outcomes(m) == {"pending": 1}
    for k in ("acknowledge_p50_s", "acknowledge_p90_s", "decide_p50_s", "decide_p90_s",
              "acknowledged_in_time", "decided_in_time"):
        assert m[k] is None, (k, m)


def test_the_fourth_party_sees_only_what_was_addressed_to_it(srv, world):
    s = stats(login(srv, world["officer"]))
    assert s["overall"]["count"] == 1 and s["overall"]["acknowledged"] == 0
    assert counts(s, "by_requesting_party") == {"isf": 1}
    assert counts(s, "by_type") == {"notification": 1}
    assert outcomes(s["overall"]) == {"pending": 1}


def test_by_district_and_type_split_the_samples(srv, world):
    s = stats(login(srv, "isf.jenin"))
    assert s["overall"]["count"] == 13
    hebron = group(s, "by_district", "PS0150")
    # Hebron: requests 9 (ack 200, counter-proposed at 1000) and 10 (ack 200, withdrawn).
    assert (hebron["count"], hebron["acknowledged"], hebron["decided"]) == (2, 2, 1)
    assert hebron["acknowledge_p50_s"] == pytest.approx(200, abs=TOL)
    assert hebron["acknowledged_in_time"] == 0
    assert hebron["decided_in_time"] == 0
    assert outcomes(hebron) == {"counter_proposed": 1, "withdrawn": 1}
    movement = group(s, "by_type", "movement")
    # Movements 0-5: acks 10, 20, 30, 50, 60, 60, all in time; decided 0-3.
    assert (movement["count"], movement["acknowledged"], movement["decided"]) == (6, 6, 4)
    assert movement["acknowledged_in_time"] == 1
    assert movement["decided_in_time"] == pytest.approx(3 / 4, abs=1e-3)
    assert outcomes(movement) == {"approved": 2, "approved_with_conditions": 1, "denied": 1,
                                  "withdrawn": 2}


def test_the_period_bounds_the_figures(srv, world):
    c = login(srv, "ussc.duty")
    s = stats(c)
    assert abs(ts(s["period"]["to"]) - srv.now()) < 120
    assert ts(s["period"]["to"]) - ts(s["period"]["from"]) == pytest.approx(30 * 86400, abs=120)
    t0 = world["t0"]
    assert stats(c, f"from={iso(t0 - 60)}&to={iso(srv.now() + 60)}")["overall"]["count"] == 13
    s = stats(c, f"from={iso(srv.now() + 3600)}&to={iso(srv.now() + 7200)}")
    assert s["overall"]["count"] == 0 and s["overall"]["acknowledge_p50_s"] is None
    assert stats(c, f"from={iso(t0 - 86400)}&to={iso(t0 - 3600)}")["overall"]["count"] == 0


@pytest.mark.parametrize("query,field", [("from=soon", "/from"), ("to=later", "/to")])
def test_bad_periods_are_400(srv, world, query, field):
    assert_problem(login(srv, "ussc.duty").get("/api/v1/stats/requests?" + query), 400,
                   field=field)


def test_analysts_read_the_figures_of_their_party(srv, world):
    r = login(srv, "pasf.admin").post("/api/v1/users", json={
        "username": "pasf.stats.analyst", "unit": "pasf/hq", "roles": ["analyst"],
        "password": "stats-analyst-passphrase-6"})
    assert r.status_code == 201, r.text
    s = stats(login(srv, "pasf.stats.analyst", "stats-analyst-passphrase-6"))
    assert_answered(s["overall"], 12)


@pytest.mark.parametrize("user", ["pasf.auditor", "ussc.auditor", "pasf.admin", "ussc.admin"])
def test_auditors_and_admins_do_not(srv, world, user):
    assert_problem(login(srv, user).get("/api/v1/stats/requests"), 403)


def test_nearest_rank_and_what_counts_as_in_time(make_server):
    """Two acknowledgements (30 s, 50 s): nearest rank gives p50 30 and p90 50 (linear
    interpolation would give 40 and 48). In time: of the requests answered, or whose
    deadline passed unanswered while open; a withdrawal before the deadline does not count,
    one after it counts as missed."""
    srv = make_server({"deadlines": {"routine_acknowledge_seconds": 100,
                                     "routine_decide_seconds": 1000}})
    pasf, isf, ussc = login(srv, "pasf.jenin"), login(srv, "isf.jenin"), login(srv, "ussc.duty")
    answered = create(pasf, draft(srv, title="answered at 50"))["id"]
    missed = create(pasf, draft(srv, title="never answered"))["id"]
    early = create(pasf, draft(srv, title="withdrawn at 20"))["id"]
    notice = create(pasf, draft(srv, type="notification", title="acknowledged at 30"))["id"]
    late = create(pasf, draft(srv, title="withdrawn at 150, unanswered"))["id"]
    srv.advance(20)
    ok(pasf, early, "withdraw")
    srv.advance(10)
    ok(isf, notice, "acknowledge", state="acknowledged")
    srv.advance(20)
    ok(isf, answered, "acknowledge")
    srv.advance(100)
    ok(pasf, late, "withdraw")
    assert missed
    m = stats(ussc)["overall"]
    assert (m["count"], m["acknowledged"], m["decided"]) == (5, 2, 0), m
    assert m["acknowledge_p50_s"] == pytest.approx(30, abs=2), m
    assert m["acknowledge_p90_s"] == pytest.approx(50, abs=2), m
    assert m["acknowledged_in_time"] == pytest.approx(2 / 4, abs=1e-3), m
    assert m["decided_in_time"] is None and m["decide_p50_s"] is None, m
    assert outcomes(m) == {"pending": 2, "withdrawn": 2, "acknowledged": 1}, m
