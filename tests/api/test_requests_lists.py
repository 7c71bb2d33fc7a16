"""GET /api/v1/requests: cursor pagination and every filter, on a server whose only
requests are the eight made here (docs/requests.md, "List query parameters")."""

import pytest

from conftest import login
from request_helpers import (HEBRON_H1, JENIN, create, draft, footprint, ids, list_all, ok)


@pytest.fixture(scope="module")
def cs(server):
    return {u: login(server, u) for u in ("pasf.jenin", "pasf.hebron", "isf.jenin", "ussc.duty")}


@pytest.fixture(scope="module")
def reqs(server, cs):
    pasf, hebron, isf = cs["pasf.jenin"], cs["pasf.hebron"], cs["isf.jenin"]
    out = {}
    out["alpha"] = create(pasf, draft(server, title="Alpha convoy"))
    out["bravo"] = create(pasf, draft(server, type="activity", precedence="PRIORITY",
                                      title="Bravo checkpoint drill",
                                      details="Bring the zucchini crates"))
    out["charlie"] = create(pasf, draft(server, type="medical", precedence="FLASH",
                                        title="Charlie evacuation"))
    ok(isf, out["charlie"]["id"], "acknowledge")
    out["delta"] = create(hebron, draft(server, type="activity", title="Delta Hebron patrol",
                                        footprint=footprint(server, HEBRON_H1, kind="Point",
                                                            buffer_m=100)))
    server.advance(100)
    mid = server.now() - 50
    out["echo"] = create(pasf, draft(server, precedence="IMMEDIATE", title="Echo convoy"))
    ok(isf, out["echo"]["id"], "acknowledge")
    ok(isf, out["echo"]["id"], "decide", {"outcome": "approved"})
    ok(pasf, out["echo"]["id"], "start")
    ok(pasf, out["echo"]["id"], "complete", state="completed")
    out["foxtrot"] = create(pasf, draft(server, type="other", title="Foxtrot"))
    ok(pasf, out["foxtrot"]["id"], "withdraw", state="withdrawn")
    out["golf"] = create(isf, draft(server, type="information", to_party="pasf",
                                    precedence="PRIORITY", title="Golf question",
                                    footprint=footprint(server, JENIN, kind="Point")))
    out["hotel"] = create(pasf, draft(server, type="notification", title="Hotel notice"))
    ok(isf, out["hotel"]["id"], "acknowledge", state="acknowledged")
    return {"ids": {k: v["id"] for k, v in out.items()}, "mid": mid}


def names(reqs, items):
    by_id = {v: k for k, v in reqs["ids"].items()}
    got = [by_id.get(i, i) for i in ids(items)]
    assert len(got) == len(set(got)), f"duplicates: {got}"
    return set(got)


ALL = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}


def test_everything_is_visible_to_both_parties_and_the_coordinator(server, cs, reqs):
    for u in ("ussc.duty", "pasf.jenin", "isf.jenin", "pasf.hebron"):
        assert names(reqs, list_all(cs[u])[0]) == ALL, u


@pytest.mark.parametrize("limit", [1, 2, 3, 7])
def test_pages_of_limit_join_up_without_duplicates(server, cs, reqs, limit):
    whole, pages = list_all(cs["ussc.duty"])
    assert pages == 1
    paged, pages = list_all(cs["ussc.duty"], limit=limit)
    assert ids(paged) == ids(whole)
    assert pages >= -(-len(ALL) // limit)
    seqs = [i["created_seq"] for i in paged]
    assert seqs == sorted(seqs, reverse=True), "not newest first"
    first = cs["ussc.duty"].get(f"/api/v1/requests?limit={limit}").json()
    assert len(first["items"]) == min(limit, len(ALL))
    assert first["next"] is not None


def test_the_last_page_says_so(server, cs, reqs):
    page = cs["ussc.duty"].get("/api/v1/requests?limit=200").json()
    assert len(page["items"]) == len(ALL) and page["next"] is None


@pytest.mark.parametrize("query,expected", [
    ("state=open", {"alpha", "bravo", "charlie", "delta", "golf"}),
    ("state=completed,withdrawn", {"echo", "foxtrot"}),
    ("state=acknowledged", {"charlie", "hotel"}),
    ("state=submitted", {"alpha", "bravo", "delta", "golf"}),
    ("type=activity,medical", {"bravo", "charlie", "delta"}),
    ("type=notification", {"hotel"}),
    ("precedence=FLASH", {"charlie"}),
    ("precedence=ROUTINE,PRIORITY", {"alpha", "bravo", "delta", "foxtrot", "golf", "hotel"}),
    ("q=zucchini", {"bravo"}),
    ("q=Charlie", {"charlie"}),
    ("q=convoy", {"alpha", "echo"}),
    ("q=nothing-matches-this", set()),
    ("district=PS0150", {"delta"}),
    ("district=PS0101", ALL - {"delta"}),
    ("district=PS0110", set()),
    ("bbox=35.0,31.45,35.2,31.6", {"delta"}),
    ("bbox=35.2,32.35,35.4,32.5", ALL - {"delta"}),
    ("bbox=34.2,31.2,34.6,31.6", set()),
    ("party=isf", ALL),
    ("party=ussc", set()),
    ("state=open&type=activity", {"bravo", "delta"}),
    ("state=open&precedence=PRIORITY", {"bravo", "golf"}),
])
def test_filters(server, cs, reqs, query, expected):
    for u in ("ussc.duty", "isf.jenin"):
        assert names(reqs, list_all(cs[u], query)[0]) == expected, (u, query)
    # Paging keeps the filter.
    assert names(reqs, list_all(cs["ussc.duty"], query, limit=1)[0]) == expected


def test_search_by_id(server, cs, reqs):
    rid = reqs["ids"]["delta"]
    assert names(reqs, list_all(cs["pasf.jenin"], f"q={rid}")[0]) == {"delta"}


def test_roles(server, cs, reqs):
    pasf, isf = cs["pasf.jenin"], cs["isf.jenin"]
    assert names(reqs, list_all(pasf, "role=outbox")[0]) == ALL - {"golf"}
    assert names(reqs, list_all(pasf, "role=inbox")[0]) == {"golf"}
    assert names(reqs, list_all(isf, "role=inbox")[0]) == ALL - {"golf"}
    assert names(reqs, list_all(isf, "role=outbox")[0]) == {"golf"}
    assert names(reqs, list_all(isf, "role=inbox&state=open")[0]) == {
        "alpha", "bravo", "charlie", "delta"}
    # The coordinator asked nothing and was asked nothing.
    assert names(reqs, list_all(cs["ussc.duty"], "role=inbox")[0]) == set()
    assert names(reqs, list_all(cs["ussc.duty"], "role=outbox")[0]) == set()


def test_submitted_between(server, cs, reqs):
    from request_helpers import iso
    mid = iso(reqs["mid"])
    c = cs["ussc.duty"]
    assert names(reqs, list_all(c, f"from={mid}")[0]) == {"echo", "foxtrot", "golf", "hotel"}
    assert names(reqs, list_all(c, f"to={mid}")[0]) == {"alpha", "bravo", "charlie", "delta"}
    assert names(reqs, list_all(c, f"from={mid}&state=open")[0]) == {"golf"}
