"""Helpers shared by the return case tests (docs/returns.md): bodies, calls, walking a case
through its stages, lists followed through their cursor, and the handover points as the
contract derives them from data/."""

import json
import re
from pathlib import Path
from urllib.parse import quote

from conftest import Client, login

RET_ID = re.compile(r"^RET-\d{4}-\d{6}$")
STAGES = ["reported", "located", "secured", "handover_arranged", "handed_over", "closed"]

# Jenin city (PS0101) and Hebron city (PS0150); see request_helpers.
JENIN = [35.295, 32.461]
HEBRON = [35.0915, 31.5276]
# A checkpoint of the closures layer, in the Jenin governorate.
REIHAN = "cp-barta-a-reihan"

DATA = Path(__file__).resolve().parents[2] / "data"


def point(coordinates=None):
    return {"type": "Point", "coordinates": list(coordinates or JENIN)}


def report_body(**extra):
    """A complete report: one Israeli civilian found in Jenin, to be received by isf."""
    body = {"category": "israeli_civilian", "count": 1, "location": point(),
            "receiving_party": "isf",
            "circumstances": "Drove into Jenin following a navigation app / تطبيق / אפליקציה"}
    body.update(extra)
    return {k: v for k, v in body.items() if v is not None}


def report(client, status=201, **extra):
    r = client.post("/api/v1/returns", json=report_body(**extra))
    assert r.status_code == status, \
        f"report as {client.username}: {r.status_code} {r.text[:500]}"
    return r.json()


def fetch(client, rid):
    r = client.get(f"/api/v1/returns/{rid}")
    assert r.status_code == 200, f"GET {rid} as {client.username}: {r.status_code} {r.text[:500]}"
    return r.json()


def advance(client, rid, stage, **data):
    return client.post(f"/api/v1/returns/{rid}/advance", json={"stage": stage, **data})


def advanced(client, rid, stage, **data):
    """An advance that must succeed; returns the reply (the case, its seq the receipt)."""
    r = advance(client, rid, stage, **data)
    assert r.status_code == 200, \
        f"{stage} {rid} as {client.username}: {r.status_code} {r.text[:500]}"
    out = r.json()
    assert out["id"] == rid and out["stage"] == stage, out
    assert isinstance(out.get("seq"), int) and out["seq"] > 0, out
    return out


def stage_data(stage):
    """A valid body for `stage` besides the stage itself."""
    if stage == "handover_arranged":
        return {"handover_point": REIHAN, "handover_at": "2030-01-01T10:00:00Z"}
    if stage == "closed":
        return {"summary": "Returned home unharmed."}
    return {}


def walk(rid, to, takers):
    """Advances the case from its current stage to `to`; `takers` maps a stage to the client
    that takes it. Returns the replies."""
    replies = []
    current = fetch(takers["read"], rid)["stage"]
    for stage in STAGES[STAGES.index(current) + 1:STAGES.index(to) + 1]:
        replies.append(advanced(takers[stage], rid, stage, **stage_data(stage)))
    return replies


def list_all(client, query="", limit=None):
    """Every item of GET /returns?query, following `next`; returns (items, pages)."""
    items, pages, cursor = [], 0, None
    while True:
        q = query
        if limit is not None:
            q += f"&limit={limit}"
        if cursor is not None:
            q += "&cursor=" + quote(str(cursor), safe="")
        r = client.get("/api/v1/returns?" + q.lstrip("&"))
        assert r.status_code == 200, f"{query}: {r.status_code} {r.text[:300]}"
        page = r.json()
        assert set(page) == {"items", "next"}, page
        items += page["items"]
        pages += 1
        assert pages < 1000, "the cursor never ends"
        cursor = page["next"]
        if cursor is None:
            return items, pages


def visible(client, query=""):
    return {i["id"] for i in list_all(client, query)[0]}


class Recorder(Client):
    """A client that keeps the text of every response it receives."""

    def __init__(self, client):
        super().__init__(client.server, client.s, client.username)
        self.texts = []

    def request(self, method, path, **kw):
        r = super().request(method, path, **kw)
        self.texts.append(f"{method} {path} -> {r.status_code} {r.text}")
        return r


def recorder(server, username, password=None):
    return Recorder(login(server, username) if password is None
                    else login(server, username, password))


# --- The handover points as the contract derives them --------------------------------------


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def expected_checkpoints():
    """{id: feature} for the closures layer's checkpoints, ids deduplicated in file order."""
    features = json.loads((DATA / "closures_ocha_hdx_2022.geojson").read_text())["features"]
    out = {}
    for f in features:
        if f["properties"].get("type") != "checkpoint":
            continue
        base = "cp-" + (slug(f["properties"]["name"]) or "checkpoint")
        cid, n = base, 2
        while cid in out:
            cid, n = f"{base}-{n}", n + 1
        out[cid] = f
    return out
