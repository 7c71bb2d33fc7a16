"""What may not be done to a request, and that refusing it changes nothing.

A transition not allowed in the current state is 409, one not allowed for the user
(wrong party or role) is 403, a request the user may not see is 404, a malformed body
is 400 naming the field. After every refusal the request is exactly as before: same
state, same updated_seq, no new timeline entry.
"""

import pytest

from conftest import assert_problem, login
from request_helpers import (act, draft, fetch, list_all, new_request, ok,
                             snapshot, visible_ids)

STRONG = "requests-rules-passphrase-8"


@pytest.fixture(scope="module")
def users(server):
    """Logged-in clients, plus accounts of the roles the demo lacks."""
    isf_admin = login(server, "isf.admin")
    pasf_admin = login(server, "pasf.admin")
    for admin, name, unit, roles in (
            (isf_admin, "isf.rules.hr", "isf/hq", ["hr"]),
            (isf_admin, "isf.rules.vetting", "isf/hq", ["vetting"]),
            (pasf_admin, "pasf.rules.trainer", "pasf/hq", ["trainer"]),
            (pasf_admin, "pasf.rules.analyst", "pasf/hq", ["analyst"]),
            (isf_admin, "isf.liaisononly", "isf/dco/jenin", ["liaison"])):
        r = admin.post("/api/v1/users", json={"username": name, "unit": unit, "roles": roles,
                                              "password": STRONG})
        assert r.status_code == 201, r.text
    names = ["pasf.jenin", "isf.jenin", "ussc.duty", "ussc.commander", "isf.commander",
             "pasf.commander", "isf.admin", "pasf.admin", "ussc.admin", "isf.auditor",
             "pasf.auditor", "ussc.auditor", "isf.hebron", "pasf.hebron"]
    cs = {u: login(server, u) for u in names}
    for u in ("isf.rules.hr", "isf.rules.vetting", "pasf.rules.trainer", "pasf.rules.analyst",
              "isf.liaisononly"):
        cs[u] = login(server, u, STRONG)
    return cs


# --- Building a request in a given state -------------------------------------------------


def in_state(server, users, state, type="movement"):
    """A pasf.jenin -> isf request brought to `state` by the right parties."""
    pasf, isf = users["pasf.jenin"], users["isf.jenin"]
    rid = new_request(server, pasf, type=type)["id"]
    path = {
        "submitted": [],
        "acknowledged": [(isf, "acknowledge", None)],
        "approved": [(isf, "acknowledge", None), (isf, "decide", {"outcome": "approved"})],
        "approved_with_conditions": [(isf, "acknowledge", None),
                                     (isf, "decide", {"outcome": "approved_with_conditions",
                                                      "conditions": "at night only"})],
        "counter_proposed": [(isf, "acknowledge", None),
                             (isf, "decide", {"outcome": "counter_proposed",
                                              "conditions": "tomorrow"})],
        "denied": [(isf, "acknowledge", None),
                   (isf, "decide", {"outcome": "denied", "reason": "closed military zone"})],
        "in_progress": [(isf, "acknowledge", None), (isf, "decide", {"outcome": "approved"}),
                        (pasf, "start", None)],
        "completed": [(isf, "acknowledge", None), (isf, "decide", {"outcome": "approved"}),
                      (pasf, "start", None), (pasf, "complete", None)],
        "withdrawn": [(pasf, "withdraw", {"reason": "cancelled"})],
    }[state]
    for who, action, body in path:
        ok(who, rid, action, body)
    assert fetch(pasf, rid)["state"] == state
    return rid


DECIDE = {"outcome": "approved"}

# (state, user, action, body): the state forbids the action for everyone.
WRONG_STATE = [
    ("submitted", "isf.jenin", "decide", DECIDE),
    ("submitted", "pasf.jenin", "start", None),
    ("submitted", "pasf.jenin", "complete", None),
    ("acknowledged", "isf.jenin", "acknowledge", None),
    ("acknowledged", "pasf.jenin", "start", None),
    ("acknowledged", "pasf.jenin", "complete", None),
    ("approved", "isf.jenin", "acknowledge", None),
    ("approved", "isf.jenin", "decide", {"outcome": "denied", "reason": "changed our mind"}),
    ("approved", "pasf.jenin", "withdraw", None),
    ("approved", "pasf.jenin", "complete", None),
    ("approved_with_conditions", "pasf.jenin", "withdraw", None),
    ("approved_with_conditions", "isf.jenin", "decide", DECIDE),
    ("counter_proposed", "isf.jenin", "decide", DECIDE),
    ("counter_proposed", "isf.jenin", "acknowledge", None),
    ("counter_proposed", "pasf.jenin", "complete", None),
    ("denied", "pasf.jenin", "start", None),
    ("denied", "pasf.jenin", "withdraw", None),
    ("denied", "isf.jenin", "decide", DECIDE),
    ("in_progress", "pasf.jenin", "start", None),
    ("in_progress", "pasf.jenin", "withdraw", None),
    ("in_progress", "isf.jenin", "decide", DECIDE),
    ("completed", "pasf.jenin", "complete", None),
    ("completed", "pasf.jenin", "start", None),
    ("completed", "pasf.jenin", "withdraw", None),
    ("completed", "isf.jenin", "acknowledge", None),
    ("withdrawn", "isf.jenin", "acknowledge", None),
    ("withdrawn", "pasf.jenin", "withdraw", None),
    ("withdrawn", "pasf.jenin", "start", None),
]


@pytest.mark.parametrize("state,user,action,body", WRONG_STATE,
                         ids=[f"{s}-{a}-by-{u}" for s, u, a, _ in WRONG_STATE])
def test_a_transition_the_state_does_not_allow_is_409_and_changes_nothing(
        server, users, state, user, action, body):
    rid = in_state(server, users, state)
    before = snapshot(users["pasf.jenin"], rid)
    assert_problem(act(users[user], rid, action, body), 409)
    assert snapshot(users["pasf.jenin"], rid) == before
    assert snapshot(users["isf.jenin"], rid) == before


# (state, user, action, body): the state allows the action, but not for this user.
WRONG_PARTY = [
    # The requester cannot answer their own request.
    ("submitted", "pasf.jenin", "acknowledge", None),
    ("submitted", "pasf.commander", "acknowledge", None),
    ("acknowledged", "pasf.jenin", "decide", DECIDE),
    ("acknowledged", "pasf.hebron", "decide", DECIDE),
    # The receiver cannot start, complete or withdraw.
    ("submitted", "isf.jenin", "withdraw", None),
    ("acknowledged", "isf.jenin", "withdraw", None),
    ("counter_proposed", "isf.jenin", "withdraw", None),
    ("approved", "isf.jenin", "start", None),
    ("approved_with_conditions", "isf.commander", "start", None),
    ("in_progress", "isf.jenin", "complete", None),
    # The coordinator mediates; it never answers or acts for a party.
    ("submitted", "ussc.duty", "acknowledge", None),
    ("submitted", "ussc.commander", "acknowledge", None),
    ("acknowledged", "ussc.duty", "decide", DECIDE),
    ("acknowledged", "ussc.commander", "decide", DECIDE),
    ("approved", "ussc.duty", "start", None),
    ("submitted", "ussc.duty", "withdraw", None),
    ("in_progress", "ussc.duty", "complete", None),
    # Readers without the role to act.
    ("submitted", "isf.auditor", "acknowledge", None),
    ("acknowledged", "isf.auditor", "decide", DECIDE),
    ("approved", "pasf.auditor", "start", None),
    ("submitted", "pasf.auditor", "withdraw", None),
    ("submitted", "pasf.rules.analyst", "withdraw", None),
    ("submitted", "isf.auditor", "comment", {"text": "auditors do not comment"}),
    # A call is logged by a duty officer only.
    ("submitted", "isf.liaisononly", "log-call",
     {"channel": "phone", "caller": "someone", "summary": "a call", "action": "note"}),
    ("submitted", "isf.commander", "log-call",
     {"channel": "phone", "caller": "someone", "summary": "a call", "action": "note"}),
]


@pytest.mark.parametrize("state,user,action,body", WRONG_PARTY,
                         ids=[f"{s}-{a}-by-{u}" for s, u, a, _ in WRONG_PARTY])
def test_a_transition_by_the_wrong_party_or_role_is_403_and_changes_nothing(
        server, users, state, user, action, body):
    rid = in_state(server, users, state)
    before = snapshot(users["pasf.jenin"], rid)
    assert_problem(act(users[user], rid, action, body), 403)
    assert snapshot(users["pasf.jenin"], rid) == before


# Roles without access to requests at all.
NO_ACCESS = ["isf.admin", "pasf.admin", "ussc.admin", "isf.rules.hr", "isf.rules.vetting",
             "pasf.rules.trainer"]


@pytest.mark.parametrize("user", NO_ACCESS)
def test_roles_without_access_cannot_read_or_create(server, users, user):
    rid = in_state(server, users, "submitted")
    c = users[user]
    assert_problem(c.get("/api/v1/requests"), 403)
    assert_problem(c.get(f"/api/v1/requests/{rid}"), 403)
    assert_problem(c.get("/api/v1/stats/requests"), 403)
    assert_problem(c.get("/api/v1/duty/queue"), 403)
    to = "pasf" if c.username.startswith("isf") else "isf"
    before = visible_ids(users["ussc.duty"])
    assert_problem(c.post("/api/v1/requests", json=draft(server, to_party=to)), 403)
    assert_problem(c.post("/api/v1/requests/evaluate", json=draft(server, to_party=to)), 403)
    assert visible_ids(users["ussc.duty"]) == before


@pytest.mark.parametrize("user", ["isf.auditor", "pasf.auditor", "ussc.auditor",
                                  "pasf.rules.analyst"])
def test_auditors_and_analysts_read_but_do_not_create(server, users, user):
    rid = in_state(server, users, "acknowledged")
    c = users[user]
    assert rid in visible_ids(c)
    full = fetch(c, rid)
    assert full["state"] == "acknowledged" and full["timeline"]
    r = c.get("/api/v1/stats/requests")
    if user.endswith(".analyst"):  # analysts read figures, auditors do not
        assert r.status_code == 200, r.text
        assert r.json()["overall"]["count"] >= 1
    else:
        assert_problem(r, 403)
    to = "pasf" if c.username.startswith("isf") else "isf"
    before = visible_ids(users["ussc.duty"])
    assert_problem(c.post("/api/v1/requests", json=draft(server, to_party=to)), 403)
    assert visible_ids(users["ussc.duty"]) == before


def test_another_district_of_the_same_party_sees_and_answers(server, users):
    """Visibility is by party: isf.hebron sees a request addressed to isf (no unit)."""
    rid = in_state(server, users, "submitted")
    assert rid in visible_ids(users["isf.hebron"])
    assert rid in visible_ids(users["pasf.hebron"])
    ok(users["isf.hebron"], rid, "acknowledge", state="acknowledged")


@pytest.mark.parametrize("rid", ["REQ-2026-999999", "REQ-1999-000001", "nonsense", "REQ-2026-1"])
def test_an_unknown_request_is_404(server, users, rid):
    c = users["isf.jenin"]
    assert_problem(c.get(f"/api/v1/requests/{rid}"), 404)
    for action, body in (("acknowledge", None), ("decide", DECIDE), ("start", None),
                         ("complete", None), ("withdraw", None), ("comment", {"text": "x"}),
                         ("log-call", {"channel": "phone", "caller": "x", "summary": "y",
                                       "action": "note"})):
        assert_problem(act(c, rid, action, body), 404)


# --- Malformed bodies --------------------------------------------------------------------


def bad_create(server, **changes):
    body = draft(server)
    for k, v in changes.items():
        if k.startswith("fp_"):
            body["footprint"][k[3:]] = v
        elif k.startswith("geo_"):
            body["footprint"]["geometry"][k[4:]] = v
        elif k.startswith("mv_"):
            body["movement"][k[3:]] = v
        elif v is REMOVE:
            del body[k]
        else:
            body[k] = v
    return body


REMOVE = object()

# (case id, changes to a valid draft, the field, or a prefix of it with a trailing '*')
MALFORMED_CREATE = [
    ("bad precedence", {"precedence": "URGENT"}, "/precedence"),
    ("lowercase precedence", {"precedence": "flash"}, "/precedence"),
    ("precedence not a string", {"precedence": 3}, "/precedence"),
    ("bad type", {"type": "parade"}, "/type"),
    ("type missing", {"type": REMOVE}, "/type"),
    ("to own party", {"to_party": "pasf"}, "/to_party"),
    ("to unknown party", {"to_party": "nobody"}, "/to_party"),
    ("to_party missing", {"to_party": REMOVE}, "/to_party"),
    ("title missing", {"title": REMOVE}, "/title"),
    ("title empty", {"title": ""}, "/title"),
    ("title too long", {"title": "x" * 5000}, "/title"),
    ("title not a string", {"title": ["a"]}, "/title"),
    ("unknown member", {"bogus": 1}, "/bogus"),
    ("geometry MultiPoint", {"geo_type": "MultiPoint",
                             "geo_coordinates": [[35.29, 32.46], [35.30, 32.45]]},
     "/footprint/geometry*"),
    ("latitude 95", {"geo_coordinates": [[35.29, 32.46], [35.30, 95.0]]}, "/footprint/geometry*"),
    ("longitude 200", {"geo_coordinates": [[200.0, 32.46], [35.30, 32.4]]},
     "/footprint/geometry*"),
    ("coordinates not numbers", {"geo_coordinates": [["a", "b"], [35.30, 32.4]]},
     "/footprint/geometry*"),
    ("linestring of one point", {"geo_coordinates": [[35.29, 32.46]]}, "/footprint/geometry*"),
    ("unclosed polygon ring", {"geo_type": "Polygon", "geo_coordinates": [
        [[35.29, 32.46], [35.30, 32.46], [35.30, 32.45], [35.29, 32.45]]]},
     "/footprint/geometry*"),
    ("start after end", {"fp_start": "2030-01-02T00:00:00Z", "fp_end": "2030-01-01T00:00:00Z"},
     "/footprint/*"),
    ("start not a time", {"fp_start": "tomorrow morning"}, "/footprint/start"),
    ("negative buffer", {"fp_buffer_m": -1}, "/footprint/buffer_m"),
    ("buffer over 50 km", {"fp_buffer_m": 50001}, "/footprint/buffer_m"),
    ("movement missing for a movement", {"movement": REMOVE}, "/movement"),
    ("negative personnel", {"mv_personnel": -1}, "/movement/personnel"),
    ("personnel not an integer", {"mv_personnel": "twelve"}, "/movement/personnel"),
    ("vehicle without plate", {"mv_vehicles": [{"description": "jeep"}]},
     "/movement/vehicles/0/plate"),
    ("weapon count not a number", {"mv_weapons": [{"kind": "rifle", "count": "three"}]},
     "/movement/weapons/0/count"),
    ("unknown member of movement", {"mv_bogus": True}, "/movement/bogus"),
    ("bad link kind", {"links": [{"kind": "banana", "id": "X"}]}, "/links/0/kind"),
    ("to_unit of another party", {"to_unit": "pasf/dcl/jenin"}, "/to_unit"),
    ("from_unit unknown", {"from_unit": "pasf/dcl/atlantis"}, "/from_unit"),
    # pasf.jenin (a duty officer) logs a call from isf addressed to pasf, on a channel that
    # is not a call.
    ("logged_call bad channel", {"to_party": "pasf", "logged_call": {
        "channel": "network", "caller": "x", "party": "isf"}}, "/logged_call/channel"),
]


def field_matches(p, field):
    if field.endswith("*"):
        return str(p.get("field", "")).startswith(field[:-1])
    return p.get("field") == field


@pytest.mark.parametrize("name,changes,field", MALFORMED_CREATE,
                         ids=[c[0] for c in MALFORMED_CREATE])
def test_a_malformed_create_is_400_naming_the_field(server, users, name, changes, field):
    pasf = users["pasf.jenin"]
    before = visible_ids(users["ussc.duty"])
    body = bad_create(server, **changes)
    p = assert_problem(pasf.post("/api/v1/requests", json=body), 400)
    assert field_matches(p, field), f"{name}: expected field {field}, got {p}"
    assert p["code"] == "invalid_argument"
    if field.startswith("/footprint"):
        # The draft evaluation checks the footprint the same way.
        p = assert_problem(pasf.post("/api/v1/requests/evaluate", json=body), 400)
        assert field_matches(p, field), f"evaluate {name}: expected field {field}, got {p}"
    assert visible_ids(users["ussc.duty"]) == before


def test_a_body_that_is_not_an_object_is_400(server, users):
    pasf = users["pasf.jenin"]
    for data in (b"[]", b"null", b'"movement"', b"{"):
        r = pasf.post("/api/v1/requests", data=data, headers={"Content-Type": "application/json"})
        assert_problem(r, 400)


MALFORMED_ACTIONS = [
    ("acknowledged", "isf.jenin", "decide", {"outcome": "maybe"}, "/outcome"),
    ("acknowledged", "isf.jenin", "decide", {}, "/outcome"),
    ("acknowledged", "isf.jenin", "decide", {"outcome": "denied"}, "/reason"),
    ("acknowledged", "isf.jenin", "decide", {"outcome": "approved_with_conditions"}, "/conditions"),
    ("acknowledged", "isf.jenin", "decide", {"outcome": "counter_proposed"}, "/conditions"),
    ("acknowledged", "isf.jenin", "decide",
     {"outcome": "counter_proposed", "conditions": "later",
      "footprint": {"geometry": {"type": "MultiPoint", "coordinates": [[35.2, 32.4]]},
                    "buffer_m": 0, "start": "2030-01-01T00:00:00Z", "end": "2030-01-01T02:00:00Z"}},
     "/footprint/geometry*"),
    ("acknowledged", "isf.jenin", "decide", {"outcome": "approved", "bogus": 1}, "/bogus"),
    ("submitted", "isf.jenin", "acknowledge", {"note": 5}, "/note"),
    ("submitted", "isf.jenin", "acknowledge", {"bogus": "x"}, "/bogus"),
    ("approved", "pasf.jenin", "start", {"note": ["x"]}, "/note"),
    ("submitted", "pasf.jenin", "withdraw", {"reason": 1}, "/reason"),
    ("submitted", "ussc.duty", "comment", {}, "/text"),
    ("submitted", "ussc.duty", "comment", {"text": ""}, "/text"),
    ("submitted", "ussc.duty", "comment", {"text": "hi", "kind": "shout"}, "/kind"),
    ("submitted", "ussc.duty", "log-call",
     {"channel": "network", "caller": "x", "summary": "y", "action": "note"}, "/channel"),
    ("submitted", "ussc.duty", "log-call", {"channel": "phone", "summary": "y", "action": "note"},
     "/caller"),
    ("submitted", "ussc.duty", "log-call",
     {"channel": "phone", "caller": "x", "summary": "y", "action": "dance"}, "/action"),
    ("acknowledged", "ussc.duty", "log-call",
     {"channel": "phone", "caller": "x", "summary": "y", "action": "decide"}, "/outcome"),
]


@pytest.mark.parametrize("state,user,action,body,field", MALFORMED_ACTIONS,
                         ids=[f"{a}-{f}-{i}"
                              for i, (_, _, a, _, f) in enumerate(MALFORMED_ACTIONS)])
def test_a_malformed_transition_is_400_and_changes_nothing(server, users, state, user, action,
                                                           body, field):
    rid = in_state(server, users, state)
    before = snapshot(users["pasf.jenin"], rid)
    p = assert_problem(act(users[user], rid, action, body), 400)
    assert field_matches(p, field), p
    assert snapshot(users["pasf.jenin"], rid) == before


def test_the_requesting_unit_must_be_the_users_own_party(server, users):
    before = visible_ids(users["ussc.duty"])
    r = users["pasf.jenin"].post("/api/v1/requests",
                                 json=draft(server, from_unit="isf/dco/jenin"))
    assert r.status_code in (400, 403), r.text
    assert_problem(r, r.status_code)
    assert visible_ids(users["ussc.duty"]) == before


def test_a_linked_request_must_be_visible(server, users):
    before = visible_ids(users["ussc.duty"])
    r = users["pasf.jenin"].post("/api/v1/requests", json=draft(
        server, links=[{"kind": "request", "id": "REQ-2026-999999"}]))
    p = assert_problem(r, r.status_code)
    assert r.status_code in (400, 404), r.text
    if r.status_code == 400:
        assert p["field"].startswith("/links/0"), p
    assert visible_ids(users["ussc.duty"]) == before


# --- Lists -------------------------------------------------------------------------------


@pytest.mark.parametrize("query,field", [
    ("limit=0", "/limit"), ("limit=201", "/limit"), ("limit=ten", "/limit"),
    ("state=sleeping", "/state"), ("type=parade", "/type"), ("precedence=URGENT", "/precedence"),
    ("role=sideways", "/role"), ("bbox=1,2,3", "/bbox"), ("bbox=a,b,c,d", "/bbox"),
    ("from=yesterday", "/from"), ("cursor=%00garbage", "/cursor"),
])
def test_bad_list_parameters_are_400(server, users, query, field):
    assert_problem(users["isf.jenin"].get("/api/v1/requests?" + query), 400, field=field)


def test_list_items_are_newest_first(server, users):
    pasf = users["pasf.jenin"]
    a = new_request(server, pasf)["id"]
    b = new_request(server, pasf)["id"]
    items, _ = list_all(pasf)
    order = [i["id"] for i in items]
    assert order.index(b) < order.index(a)
    seqs = [i["created_seq"] for i in items]
    assert seqs == sorted(seqs, reverse=True)
