"""Crisis rooms and messaging (docs/messaging.md): channels and who is a member, messages in
free text and from the phrasebook read in each language, validation, FLASH acknowledgements,
edits with their history, read positions, pagination, full-text search with visibility, the
stream, and the record surviving `liaison rebuild`.

One server for the module; tests that move the clock or stop the server get their own. Tests
that count messages use a district desk of their own so that others' messages do not
interfere: Tubas (PS0105) for read positions, Tulkarm (PS0110) for pagination, Qalqilya
(PS0120) for FLASH counts.
"""

import pytest

from conftest import add_party_with_officer, assert_problem, cli, copy_data, login, sqlite
from deconfliction_helpers import StreamRecorder
from messaging_helpers import (
    LANGS, MESSAGE_KEYS, MSG_ID, PHRASEBOOK, PHRASES, channel, channels, dm, found_ids,
    marker, message_in, messages, post, render, search)
from request_helpers import iso, ts

DESKS = {"PS0101", "PS0105", "PS0110", "PS0115", "PS0120", "PS0125", "PS0130", "PS0135",
         "PS0140", "PS0145", "PS0150"}
USERS = (
    "isf.jenin", "pasf.jenin", "isf.tubas", "pasf.tubas", "isf.tulkarm", "isf.nablus",
    "pasf.nablus", "isf.qalqilya", "pasf.qalqilya", "isf.commander", "ussc.duty", "ussc.duty2",
    "ussc.commander", "isf.auditor", "pasf.auditor", "ussc.auditor", "isf.analyst", "isf.admin",
    "ussc.admin",
)


@pytest.fixture(scope="module")
def outsider(server):
    """eubam.duty (liaison, duty) of a fourth party that is in no channel. Made first: it
    restarts the server."""
    return login(server, add_party_with_officer(server, "eubam"))


@pytest.fixture(scope="module")
def u(server, outsider):
    clients = {name: login(server, name) for name in USERS}
    clients["eubam.duty"] = outsider
    return clients


def incident_body(server, shared_with, title="Collision at Huwwara junction"):
    return {"type": "joint_accident", "severity": 2, "title": title,
            "description": "Two vehicles, no injuries reported.",
            "location": {"type": "Point", "coordinates": [35.26, 32.15]},
            "occurred_at": iso(server.now() - 120), "shared_with": shared_with}


def report_incident(server, client, shared_with, title="Collision at Huwwara junction"):
    r = client.post("/api/v1/incidents", json=incident_body(server, shared_with, title))
    assert r.status_code == 201, f"POST /api/v1/incidents: {r.status_code} {r.text}"
    return r.json()["id"]


# --- Channels -------------------------------------------------------------------------------


def test_channels_are_listed_by_party_and_role(server, u):
    isf = channels(u["isf.jenin"])
    desks = {cid for cid, c in isf.items() if c["kind"] == "desk"}
    assert desks == {f"desk:{d}" for d in DESKS}
    assert "coordinator" not in isf
    jenin = isf["desk:PS0101"]
    assert jenin["parties"] == ["isf", "pasf", "ussc"]
    assert jenin["district"] == "PS0101" and jenin["incident"] is None
    assert jenin["participants"] is None
    assert "DCO Jenin" in jenin["title"] and "DCL Jenin" in jenin["title"]
    assert jenin["read_seq"] >= 0 and jenin["unread"] >= 0

    pasf = channels(u["pasf.jenin"])
    assert {cid for cid, c in pasf.items() if c["kind"] == "desk"} == desks
    assert "coordinator" not in pasf

    ussc = channels(u["ussc.duty"])
    assert {cid for cid, c in ussc.items() if c["kind"] == "desk"} == desks
    assert ussc["coordinator"]["kind"] == "coordinator"
    assert ussc["coordinator"]["parties"] == ["ussc"]
    assert "coordinator" in channels(u["ussc.commander"])

    # Auditors read their parties' channels; a party in no channel sees none.
    assert {cid for cid, c in channels(u["isf.auditor"]).items() if c["kind"] == "desk"} == desks
    assert "coordinator" not in channels(u["isf.auditor"])
    assert "coordinator" in channels(u["ussc.auditor"])
    assert channels(u["eubam.duty"]) == {}

    # Analysts and administrators hold no messaging role.
    for name in ("isf.analyst", "isf.admin"):
        assert_problem(u[name].get("/api/v1/channels"), 403)

    assert channel(u["ussc.duty"], "coordinator")["id"] == "coordinator"
    for who, cid in (("isf.jenin", "coordinator"), ("eubam.duty", "desk:PS0101"),
                     ("isf.jenin", "desk:PS9999"), ("isf.jenin", "nonsense"),
                     ("isf.jenin", "incident:INC-2026-999999")):
        assert_problem(u[who].get(f"/api/v1/channels/{cid}"), 404)
        assert_problem(u[who].get(f"/api/v1/channels/{cid}/messages"), 404)


def test_direct_conversations_are_listed_for_their_two_users_only(server, u):
    cid = dm("isf.jenin", "pasf.jenin")
    m = post(u["isf.jenin"], cid, text="Direct line test")
    assert m["channel_id"] == cid == "dm:isf.jenin:pasf.jenin"
    for who in ("isf.jenin", "pasf.jenin"):
        c = channels(u[who])[cid]
        assert c["kind"] == "direct"
        assert c["participants"] == ["isf.jenin", "pasf.jenin"]
        assert c["parties"] == ["isf", "pasf"]
        assert c["last_seq"] >= m["seq"]
        assert [x["id"] for x in messages(u[who], cid)["items"]].count(m["id"]) == 1
    assert channels(u["pasf.jenin"])[cid]["title"] != channels(u["isf.jenin"])[cid]["title"]
    # A colleague of either party and the coordinator see nothing of it.
    for who in ("isf.tubas", "pasf.tubas", "ussc.duty", "ussc.auditor", "eubam.duty"):
        assert cid not in channels(u[who]), who
        assert_problem(u[who].get(f"/api/v1/channels/{cid}"), 404)
        assert_problem(u[who].get(f"/api/v1/channels/{cid}/messages"), 404)
    # The auditors of the two parties read it (the record), without it being theirs.
    for who in ("isf.auditor", "pasf.auditor"):
        assert cid not in channels(u[who]), who
        c = channel(u[who], cid)
        assert (c["kind"], c["participants"], c["parties"]) == \
            ("direct", ["isf.jenin", "pasf.jenin"], ["isf", "pasf"])
        assert m["id"] in [x["id"] for x in messages(u[who], cid)["items"]]
    assert_problem(u["isf.auditor"].get("/api/v1/channels/dm:isf.jenin:zzz.nobody"), 404)


# --- Posting and reading ------------------------------------------------------------------


def test_a_text_message_is_posted_and_read_as_written(server, u):
    text = "Convoy delayed 20 minutes at Za'tara — القافلة متأخرة — השיירה מתעכבת"
    m = post(u["isf.jenin"], "desk:PS0101", text=text, lang="en")
    assert set(m) == MESSAGE_KEYS | {"receipt_seq"}
    assert MSG_ID.match(m["id"]) and isinstance(m["seq"], int)
    assert m["receipt_seq"] == m["seq"]
    assert m["channel_id"] == "desk:PS0101"
    assert (m["sender"], m["sender_party"], m["priority"]) == ("isf.jenin", "isf", "routine")
    assert m["sender_name"]
    assert m["text"] == text and m["phrase"] is None and m["params"] is None
    assert m["lang"] == "en" and m["rendered_lang"] == "en"
    assert m["edited"] is False and m["edits"] == [] and m["acknowledgements"] == []
    assert abs(ts(m["sent_at"]) - server.now()) < 60
    # Free text is never translated: every reader, in any language, gets it as written.
    for who, lang in (("pasf.jenin", "ar"), ("ussc.duty", "he"), ("isf.commander", "en")):
        seen = message_in(u[who], "desk:PS0101", m["id"], lang=lang)
        assert seen["rendered"] == text and seen["text"] == text
        assert {k: v for k, v in seen.items() if k != "rendered"} == \
            {k: v for k, v in m.items() if k not in ("rendered", "receipt_seq")}


def test_a_phrase_is_read_in_each_readers_language(server, u):
    params = {"place": "Jalameh", "time": "06:30"}
    m = post(u["pasf.jenin"], "desk:PS0101", phrase="crossing_opens_at", params=params)
    # No Accept-Language: English.
    assert m["rendered"] == render("crossing_opens_at", "en", params)
    assert m["rendered_lang"] == "en"
    assert (m["text"], m["phrase"], m["params"], m["lang"]) == \
        (None, "crossing_opens_at", params, None)
    reader = u["isf.jenin"]
    for lang in LANGS:
        expected = render("crossing_opens_at", lang, params)
        by_header = [x for x in reader.get(
            "/api/v1/channels/desk:PS0101/messages",
            headers={"Accept-Language": f"{lang}-XX,{lang};q=0.9,fr;q=0.8"}).json()["items"]
            if x["id"] == m["id"]][0]
        assert (by_header["rendered"], by_header["rendered_lang"]) == (expected, lang)
        # ?lang= wins over the header.
        other = "he" if lang != "he" else "ar"
        by_param = message_in(reader, "desk:PS0101", m["id"], lang=lang)
        r = reader.get("/api/v1/channels/desk:PS0101/messages", params={"lang": lang},
                       headers={"Accept-Language": other})
        assert [x for x in r.json()["items"] if x["id"] == m["id"]][0]["rendered"] == expected
        assert by_param["rendered"] == expected
    # The first supported language by q-value.
    r = reader.get("/api/v1/channels/desk:PS0101/messages",
                   headers={"Accept-Language": "fr;q=1, en;q=0.2, ar;q=0.7"})
    item = [x for x in r.json()["items"] if x["id"] == m["id"]][0]
    assert item["rendered"] == render("crossing_opens_at", "ar", params)
    # The reply to a post is rendered in the sender's language too.
    m2 = u["isf.jenin"].post("/api/v1/channels/desk:PS0101/messages?lang=he",
                             json={"phrase": "approved"}).json()
    assert m2["rendered"] == PHRASES["approved"]["he"]
    assert_problem(reader.get("/api/v1/channels/desk:PS0101/messages", params={"lang": "fr"}),
                   400, field="/lang")


def test_the_phrasebook_is_served_as_shipped(server, u):
    for who in ("isf.analyst", "isf.admin", "pasf.jenin"):
        r = u[who].get("/api/v1/phrasebook")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["languages"] == ["en", "ar", "he"]
        assert body["items"] == PHRASEBOOK["phrases"]
    assert len(PHRASEBOOK["phrases"]) >= 40


def test_a_reply_must_be_to_a_message_of_the_same_channel(server, u):
    first = post(u["isf.jenin"], "desk:PS0101", text="Question for the desk")
    reply = post(u["pasf.jenin"], "desk:PS0101", phrase="checking_will_update",
                 reply_to=first["id"])
    assert reply["reply_to"] == first["id"]
    elsewhere = post(u["isf.nablus"], "desk:PS0115", text="Nablus desk")
    assert_problem(u["pasf.jenin"].post("/api/v1/channels/desk:PS0101/messages",
                                        json={"text": "x", "reply_to": elsewhere["id"]}),
                   400, field="/reply_to")


LONG_ARABIC = "ب" * 4000

INVALID_BODIES = [
    ({"phrase": "no_such_phrase"}, "/phrase"),
    ({"phrase": "eta"}, "/params/time"),
    ({"phrase": "eta", "params": {}}, "/params/time"),
    ({"phrase": "eta", "params": {"time": "14:30", "place": "Huwwara"}}, "/params/place"),
    ({"phrase": "eta", "params": {"time": 1430}}, "/params/time"),
    ({"phrase": "eta", "params": {"time": "25:00"}}, "/params/time"),
    ({"phrase": "casualty_count", "params": {"count": "three"}}, "/params/count"),
    ({"phrase": "casualty_count", "params": {"count": 2.5}}, "/params/count"),
    ({"phrase": "movement_delayed", "params": {"minutes": -5}}, "/params/minutes"),
    ({"phrase": "request_status", "params": {"ref": "the usual one"}}, "/params/ref"),
    ({"phrase": "movement_completed", "params": {"unit": "x" * 101}}, "/params/unit"),
    ({"phrase": "eta", "params": ["14:30"]}, "/params"),
    ({"phrase": 7}, "/phrase"),
    ({"text": ""}, "/text"),
    ({"text": "   \n "}, "/text"),
    ({"text": "x" * 4001}, "/text"),
    ({"text": LONG_ARABIC + "ب"}, "/text"),
    ({"text": 12}, "/text"),
    ({"text": "both", "phrase": "approved"}, "/phrase"),
    ({}, "/text"),
    ({"priority": "flash"}, "/text"),
    ({"text": "a", "colour": "red"}, "/colour"),
    ({"text": "a", "priority": "urgent"}, "/priority"),
    ({"text": "a", "reply_to": "MSG-2026-999999"}, "/reply_to"),
    ({"text": "a", "params": {}}, "/params"),
    ({"text": "a", "lang": "fr"}, "/lang"),
    ({"phrase": "approved", "lang": "ar"}, "/lang"),
]


@pytest.mark.parametrize("body,field", INVALID_BODIES)
def test_invalid_messages_are_refused_naming_the_field(server, u, body, field):
    before = messages(u["isf.jenin"], "desk:PS0101", limit=1)["items"]
    r = u["isf.jenin"].post("/api/v1/channels/desk:PS0101/messages", json=body)
    assert_problem(r, 400, code="invalid_argument", field=field)
    assert messages(u["isf.jenin"], "desk:PS0101", limit=1)["items"] == before


def test_the_longest_text_is_accepted_in_characters_not_bytes(server, u):
    m = post(u["pasf.jenin"], "desk:PS0101", text=LONG_ARABIC)
    assert m["text"] == LONG_ARABIC


def test_posting_needs_membership_and_a_messaging_role(server, u):
    refused = [
        ("isf.jenin", "coordinator", 404),
        ("eubam.duty", "desk:PS0101", 404),
        ("isf.tubas", dm("isf.jenin", "pasf.jenin"), 404),
        ("ussc.duty", dm("isf.jenin", "pasf.jenin"), 404),
        ("isf.jenin", "incident:INC-2026-999999", 404),
        ("isf.jenin", "desk:PS9999", 404),
        ("isf.auditor", "desk:PS0101", 403),
        ("isf.analyst", "desk:PS0101", 403),
    ]
    for who, cid, status in refused:
        r = u[who].post(f"/api/v1/channels/{cid}/messages", json={"text": "hello"})
        assert_problem(r, status)
    assert post(u["ussc.duty2"], "coordinator", text="Coordinator staff only")["sender"] == \
        "ussc.duty2"


@pytest.mark.parametrize("cid", [
    "dm:isf.jenin:isf.jenin",        # to oneself
    "dm:isf.jenin:zzz.nobody",       # no such user
    "dm:pasf.jenin:isf.jenin",       # not sorted
    "dm:isf.auditor:isf.jenin",      # holds no messaging role
])
def test_a_direct_conversation_needs_another_user_who_can_receive(server, u, cid):
    r = u["isf.jenin"].post(f"/api/v1/channels/{cid}/messages", json={"text": "hi"})
    assert_problem(r, 400, field="/channel_id")


# --- FLASH ----------------------------------------------------------------------------------


def test_flash_messages_are_acknowledged_once_per_user_and_the_sender_sees_who(server, u):
    desk = "desk:PS0120"
    before = {w: channel(u[w], desk)["unacknowledged_flash"]
              for w in ("isf.qalqilya", "isf.commander", "ussc.duty", "ussc.duty2",
                        "pasf.qalqilya")}
    m = post(u["pasf.qalqilya"], desk, phrase="casualties_evacuated", priority="flash")
    assert m["priority"] == "flash" and m["acknowledgements"] == []
    after = {w: channel(u[w], desk)["unacknowledged_flash"] for w in before}
    assert after == {**{w: n + 1 for w, n in before.items()},
                     "pasf.qalqilya": before["pasf.qalqilya"]}

    r = u["isf.qalqilya"].post(f"/api/v1/messages/{m['id']}/ack")
    assert r.status_code == 200, r.text
    acked = r.json()
    assert acked["acknowledged_by_me"] is True
    # The message keeps its own seq; the receipt is the acknowledgement's event.
    assert acked["seq"] == m["seq"] and acked["receipt_seq"] > m["seq"]
    assert [(a["username"], a["party"]) for a in acked["acknowledgements"]] == \
        [("isf.qalqilya", "isf")]
    assert abs(ts(acked["acknowledgements"][0]["at"]) - server.now()) < 60
    # One acknowledgement per user; the sender does not acknowledge.
    assert_problem(u["isf.qalqilya"].post(f"/api/v1/messages/{m['id']}/ack"), 409)
    assert_problem(u["pasf.qalqilya"].post(f"/api/v1/messages/{m['id']}/ack"), 409)
    # isf has acknowledged: no longer waiting for any isf reader; still for the coordinator.
    assert channel(u["isf.commander"], desk)["unacknowledged_flash"] == before["isf.commander"]
    assert channel(u["ussc.duty2"], desk)["unacknowledged_flash"] == before["ussc.duty2"] + 1
    r = u["ussc.duty"].post(f"/api/v1/messages/{m['id']}/ack", json={})
    assert r.status_code == 200, r.text
    assert channel(u["ussc.duty2"], desk)["unacknowledged_flash"] == before["ussc.duty2"]

    seen = message_in(u["pasf.qalqilya"], desk, m["id"])
    assert [(a["username"], a["party"]) for a in seen["acknowledgements"]] == \
        [("isf.qalqilya", "isf"), ("ussc.duty", "ussc")]
    assert seen["acknowledged_by_me"] is False
    assert message_in(u["isf.qalqilya"], desk, m["id"])["acknowledged_by_me"] is True

    routine = post(u["pasf.qalqilya"], desk, text="routine traffic")
    assert_problem(u["isf.qalqilya"].post(f"/api/v1/messages/{routine['id']}/ack"), 409)
    assert_problem(u["eubam.duty"].post(f"/api/v1/messages/{m['id']}/ack"), 404)
    assert_problem(u["isf.auditor"].post(f"/api/v1/messages/{m['id']}/ack"), 403)
    assert_problem(u["isf.jenin"].post("/api/v1/messages/MSG-2026-999999/ack"), 404)
    assert_problem(u["isf.commander"].post(f"/api/v1/messages/{m['id']}/ack",
                                           json={"note": "x"}), 400, field="/note")


# --- Edits ----------------------------------------------------------------------------------


def test_edits_keep_the_earlier_texts_and_only_the_sender_edits(server, u):
    m = post(u["isf.nablus"], "desk:PS0115", text="Meeting at 10:00")
    r = u["isf.nablus"].patch(f"/api/v1/messages/{m['id']}", json={"text": "Meeting at 11:00"})
    assert r.status_code == 200, r.text
    e1 = r.json()
    assert e1["seq"] == m["seq"] and e1["receipt_seq"] > m["seq"]
    assert e1["text"] == e1["rendered"] == "Meeting at 11:00"
    assert e1["edited"] is True and e1["edited_at"]
    assert [x["text"] for x in e1["edits"]] == ["Meeting at 10:00"]
    assert e1["edits"][0]["at"] == m["sent_at"]
    r = u["isf.nablus"].patch(f"/api/v1/messages/{m['id']}", json={"text": "Meeting at 11:30"})
    assert r.status_code == 200, r.text
    seen = message_in(u["pasf.nablus"], "desk:PS0115", m["id"])
    assert seen["text"] == "Meeting at 11:30" and seen["seq"] == m["seq"]
    assert [x["text"] for x in seen["edits"]] == ["Meeting at 10:00", "Meeting at 11:00"]
    assert seen["edits"][1]["at"] == e1["edited_at"]

    assert_problem(u["pasf.nablus"].patch(f"/api/v1/messages/{m['id']}", json={"text": "no"}),
                   403)
    assert_problem(u["eubam.duty"].patch(f"/api/v1/messages/{m['id']}", json={"text": "no"}),
                   404)
    assert_problem(u["isf.nablus"].patch(f"/api/v1/messages/{m['id']}",
                                         json={"text": "x", "priority": "flash"}),
                   400, field="/priority")
    assert_problem(u["isf.nablus"].patch(f"/api/v1/messages/{m['id']}", json={"text": ""}),
                   400, field="/text")
    assert_problem(u["isf.nablus"].patch("/api/v1/messages/MSG-2026-999999",
                                         json={"text": "x"}), 404)
    phrase = post(u["isf.nablus"], "desk:PS0115", phrase="approved")
    assert_problem(u["isf.nablus"].patch(f"/api/v1/messages/{phrase['id']}",
                                         json={"text": "Denied."}), 409)
    assert message_in(u["pasf.nablus"], "desk:PS0115", phrase["id"])["edited"] is False


# --- Read positions -------------------------------------------------------------------------


def test_read_positions_move_forward_only_and_count_unread(server, u):
    desk = "desk:PS0105"
    reader, sender = u["isf.tubas"], u["pasf.tubas"]
    sent = [post(sender, desk, text=f"Tubas {i}")["seq"] for i in range(3)]
    start = channel(reader, desk)
    assert start["read_seq"] == 0 and start["unread"] == 3
    assert start["last_seq"] == sent[-1]

    def read(seq, who=reader):
        r = who.post(f"/api/v1/channels/{desk}/read", json={"seq": seq})
        assert r.status_code == 200, r.text
        return r.json()["read_seq"]

    assert read(sent[1]) == sent[1]
    assert channel(reader, desk)["unread"] == 1
    assert read(sent[0]) == sent[1]                     # never back
    assert channel(reader, desk)["read_seq"] == sent[1]
    assert read(10**12) == sent[2]                      # never past the last message
    assert channel(reader, desk)["unread"] == 0
    # One's own messages are not unread; the other reader's position is their own.
    mine = post(reader, desk, text="Tubas reply")["seq"]
    assert channel(reader, desk)["unread"] == 0
    assert channels(reader)[desk]["read_seq"] == sent[2]
    assert channel(sender, desk)["unread"] == 1 and channel(sender, desk)["read_seq"] == 0
    # Auditors keep a position too.
    assert read(mine, u["isf.auditor"]) == mine

    for body, field in (({"seq": -1}, "/seq"), ({}, "/seq"), ({"seq": "x"}, "/seq"),
                        ({"seq": 1, "x": 1}, "/x")):
        assert_problem(reader.post(f"/api/v1/channels/{desk}/read", json=body), 400, field=field)
    assert_problem(u["eubam.duty"].post(f"/api/v1/channels/{desk}/read", json={"seq": 1}), 404)


# --- Pagination -----------------------------------------------------------------------------


def test_history_pages_newest_first_by_cursor_and_oldest_first_after_a_seq(server, u):
    desk = "desk:PS0110"
    sent = [post(u["isf.tulkarm"], desk, text=f"Tulkarm {i}")["seq"] for i in range(7)]
    seen, cursor = [], None
    pages = 0
    while True:
        params = {"limit": 3} if cursor is None else {"limit": 3, "cursor": cursor}
        page = messages(u["isf.tulkarm"], desk, **params)
        seen += [m["seq"] for m in page["items"]]
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == sorted(sent, reverse=True)

    page = messages(u["isf.tulkarm"], desk, after=sent[1], limit=3)
    assert [m["seq"] for m in page["items"]] == sent[2:5]
    page = messages(u["isf.tulkarm"], desk, after=page["next"], limit=3)
    assert [m["seq"] for m in page["items"]] == sent[5:]
    assert page["next"] is None
    assert messages(u["isf.tulkarm"], desk, after=sent[-1])["items"] == []

    for params, field in (({"limit": 0}, "/limit"), ({"limit": 201}, "/limit"),
                          ({"after": -1}, "/after"), ({"after": "x"}, "/after"),
                          ({"cursor": "x"}, "/cursor"),
                          ({"after": 1, "cursor": str(sent[-1])}, "/after")):
        assert_problem(u["isf.tulkarm"].get(f"/api/v1/channels/{desk}/messages", params=params),
                       400, field=field)


# --- Search ---------------------------------------------------------------------------------


def test_search_finds_only_what_the_searcher_may_see(server, u):
    in_dm, at_desk, in_coord = marker("dm"), marker("desk"), marker("coord")
    direct = post(u["isf.nablus"], dm("isf.nablus", "pasf.nablus"),
                  text=f"Call me about {in_dm} tonight")
    desk = post(u["pasf.nablus"], "desk:PS0115", text=f"Checkpoint note {at_desk}")
    coord = post(u["ussc.duty"], "coordinator", text=f"Staff only {in_coord}")

    who_finds = {
        in_dm: {"isf.nablus", "pasf.nablus", "isf.auditor", "pasf.auditor"},
        at_desk: {"isf.nablus", "pasf.nablus", "isf.jenin", "isf.tubas", "pasf.tubas",
                  "isf.commander", "ussc.duty", "ussc.duty2", "ussc.commander", "isf.auditor",
                  "pasf.auditor", "ussc.auditor"},
        in_coord: {"ussc.duty", "ussc.duty2", "ussc.commander", "ussc.auditor"},
    }
    ids = {in_dm: direct["id"], at_desk: desk["id"], in_coord: coord["id"]}
    searchers = ("isf.nablus", "pasf.nablus", "isf.jenin", "isf.tubas", "pasf.tubas",
                 "isf.commander", "ussc.duty", "ussc.duty2", "ussc.commander", "isf.auditor",
                 "pasf.auditor", "ussc.auditor", "eubam.duty")
    for word, finders in who_finds.items():
        for who in searchers:
            got = found_ids(u[who], word)
            assert got == ({ids[word]} if who in finders else set()), (word, who, got)

    hit = search(u["pasf.nablus"], in_dm)["items"][0]
    assert set(hit) == MESSAGE_KEYS | {"snippet"}
    assert f"**{in_dm}**" in hit["snippet"]
    # Prefixes and phrases; the channel filter; words are all required.
    assert found_ids(u["isf.nablus"], in_dm[:-3] + "*") == {direct["id"]}
    assert found_ids(u["isf.nablus"], f'"about {in_dm}"') == {direct["id"]}
    assert found_ids(u["isf.nablus"], f"{in_dm} nothingelse") == set()
    assert found_ids(u["isf.nablus"], at_desk, channel="desk:PS0115") == {desk["id"]}
    assert found_ids(u["isf.nablus"], at_desk, channel="desk:PS0101") == set()
    assert_problem(u["isf.nablus"].get("/api/v1/search/messages",
                                       params={"q": at_desk, "channel": "coordinator"}), 404)
    # Operators are words, never syntax.
    assert found_ids(u["isf.nablus"], f"text:{at_desk} OR") == set()
    for q in ("", "x" * 201, '""', "*"):
        assert_problem(u["isf.nablus"].get("/api/v1/search/messages", params={"q": q}), 400,
                       field="/q")
    assert_problem(u["isf.nablus"].get("/api/v1/search/messages"), 400, field="/q")
    assert_problem(u["isf.analyst"].get("/api/v1/search/messages", params={"q": "x"}), 403)


def test_a_phrase_sent_in_english_is_found_in_arabic_and_hebrew(server, u):
    place = marker("place")
    params = {"place": place}
    m = post(u["isf.nablus"], "desk:PS0115", phrase="crossing_closed", params=params)
    arabic_word = PHRASES["crossing_closed"]["ar"].split()[0]      # معبر
    hebrew_word = PHRASES["crossing_closed"]["he"].split()[-1].rstrip(".")  # סגור
    for q in (f"{arabic_word} {place}", f"{hebrew_word} {place}", f"crossing {place}"):
        assert found_ids(u["pasf.nablus"], q) == {m["id"]}, q
    hit = search(u["pasf.nablus"], f"{arabic_word} {place}", lang="ar")["items"][0]
    assert hit["rendered"] == render("crossing_closed", "ar", params)
    assert f"**{arabic_word}**" in hit["snippet"]
    # Arabic typed with its vowel marks finds it too.
    voweled = "مَعْبَر"
    assert found_ids(u["pasf.nablus"], f"{voweled} {place}") == {m["id"]}


def test_direct_messages_are_in_the_audit_log_for_auditors_of_their_parties(server, u):
    word = marker("audit")
    m = post(u["isf.jenin"], dm("isf.jenin", "pasf.jenin"), text=f"For the record {word}")

    def audit(who):
        r = u[who].get("/api/v1/audit/events",
                       params={"after": m["seq"] - 1, "type": "message", "limit": 5})
        assert r.status_code == 200, r.text
        return [e for e in r.json()["items"] if e["seq"] == m["seq"]]

    for who in ("isf.auditor", "pasf.auditor"):
        [event] = audit(who)
        assert event["type"] == "message.posted"
        assert event["subject"] == "channel/dm:isf.jenin:pasf.jenin"
        assert (event["party"], event["shared_with"]) == ("isf", ["pasf"])
        assert event["body"]["text"] == f"For the record {word}"
    assert audit("isf.admin") == []
    assert audit("ussc.auditor") == []
    # The same rule on the messaging routes.
    assert found_ids(u["pasf.auditor"], word) == {m["id"]}
    assert found_ids(u["ussc.auditor"], word) == set()
    assert found_ids(u["isf.tubas"], word) == set()


# --- The stream -----------------------------------------------------------------------------


def fence(u):
    """An event every party may see (a unit of the coordinator): once it arrives on a
    stream, anything earlier that stream was going to carry has arrived."""
    r = u["ussc.admin"].post("/api/v1/units", json={
        "id": f"ussc/{marker('fence')}", "parent": "ussc", "kind": "office",
        "name_en": "Stream fence"})
    assert r.status_code == 201, r.text
    return r.json()["seq"]


def test_messages_reach_the_members_streams_at_once_and_nobody_else(server, u):
    names = ("pasf.jenin", "isf.tubas", "ussc.duty", "eubam.duty", "isf.auditor")
    streams = {n: StreamRecorder(server, u[n]).start() for n in names}
    try:
        word = marker("live")
        desk = post(u["isf.jenin"], "desk:PS0101", text=f"Live {word}")
        direct = post(u["isf.jenin"], dm("isf.jenin", "pasf.jenin"), text=f"Direct {word}")
        coord = post(u["ussc.duty2"], "coordinator", text=f"Coord {word}")
        # Members get each message as it is sent (wait_for_seq: within seconds).
        for n in ("pasf.jenin", "isf.tubas", "ussc.duty", "isf.auditor"):
            events = streams[n].wait_for_seq(desk["seq"], timeout=5)
            [e] = [e for e in events if e["seq"] == desk["seq"]]
            assert (e["type"], e["subject"]) == ("message.posted", "channel/desk:PS0101")
            assert e["body"]["text"] == f"Live {word}" and e["actor"] == "isf.jenin"
        events = streams["pasf.jenin"].wait_for_seq(direct["seq"], timeout=5)
        assert any(e["seq"] == direct["seq"] and e["body"]["id"] == direct["id"]
                   for e in events)
        last = fence(u)
        got = {n: {e["seq"] for e in streams[n].wait_for_seq(last)} for n in names}
    finally:
        for s in streams.values():
            s.stop()
    assert desk["seq"] not in got["eubam.duty"]
    # The direct conversation: the recipient only (and the sender's party's auditor).
    assert direct["seq"] in got["pasf.jenin"] and direct["seq"] in got["isf.auditor"]
    for n in ("isf.tubas", "ussc.duty", "eubam.duty"):
        assert direct["seq"] not in got[n], n
    # The coordinator channel: coordinator staff only.
    assert coord["seq"] in got["ussc.duty"]
    for n in ("pasf.jenin", "isf.tubas", "eubam.duty", "isf.auditor"):
        assert coord["seq"] not in got[n], n


# --- Crisis rooms ---------------------------------------------------------------------------


def test_an_incident_has_a_crisis_room_for_its_parties(make_server):
    srv = make_server()
    outsider = login(srv, add_party_with_officer(srv, "eubam"))
    isf, pasf, ussc = (login(srv, n) for n in ("isf.hebron", "pasf.hebron", "ussc.duty"))
    shared = report_incident(srv, isf, ["pasf"])
    own = report_incident(srv, isf, [], title="Internal matter")
    room, own_room = f"incident:{shared}", f"incident:{own}"

    for who in (isf, pasf, ussc):
        c = channels(who)[room]
        assert (c["kind"], c["incident"], c["title"]) == \
            ("incident", shared, "Collision at Huwwara junction")
        assert c["parties"] == ["isf", "pasf", "ussc"]
    assert own_room in channels(isf) and own_room in channels(ussc)
    assert own_room not in channels(pasf)
    for who, cid in ((pasf, own_room), (outsider, room)):
        assert_problem(who.get(f"/api/v1/channels/{cid}"), 404)
        assert_problem(who.post(f"/api/v1/channels/{cid}/messages", json={"text": "x"}), 404)
    assert room not in channels(outsider)

    m = post(pasf, room, phrase="casualties_evacuated", priority="flash")
    assert message_in(isf, room, m["id"])["rendered"] == PHRASES["casualties_evacuated"]["en"]
    assert channel(isf, room)["unacknowledged_flash"] == 1

    # Closed: still listed while its room was used in the last 7 days; a closed incident
    # whose room is quiet is not.
    for inc in (shared, own):
        r = isf.post(f"/api/v1/incidents/{inc}/close", json={"summary": "Resolved on site."})
        assert r.status_code == 200, r.text
    assert room in channels(isf) and own_room not in channels(isf)
    assert channel(isf, own_room)["id"] == own_room   # still readable by id
    srv.advance(8 * 24 * 3600)
    isf, pasf = login(srv, "isf.hebron"), login(srv, "pasf.hebron")  # sessions expired
    assert room not in channels(isf) and room not in channels(pasf)
    assert [x["id"] for x in messages(pasf, room)["items"]] == [m["id"]]


# --- The record -----------------------------------------------------------------------------

MESSAGING_TABLES = {
    "messages": "id",
    "message_edits": "seq",
    "message_acks": "message, username",
    "direct_channels": "id",
    "message_search": "rowid",
}


def dump_messaging(data):
    out = {}
    for table, order in MESSAGING_TABLES.items():
        cols = "rowid, *" if table == "message_search" else "*"
        out[table] = sqlite(data / "liaison.db",
                            f"SELECT {cols} FROM {table} ORDER BY {order}").splitlines()
    return out


def test_messages_survive_rebuild_and_read_positions_are_kept(make_server, tmp_path):
    srv = make_server()
    isf, pasf = login(srv, "isf.jenin"), login(srv, "pasf.jenin")
    text = post(isf, "desk:PS0101", text="Before the rebuild")
    flash = post(pasf, "desk:PS0101", phrase="eta", params={"time": "09:15"}, priority="flash")
    assert isf.post(f"/api/v1/messages/{flash['id']}/ack").status_code == 200
    assert isf.patch(f"/api/v1/messages/{text['id']}",
                     json={"text": "Before the rebuild, edited"}).status_code == 200
    post(isf, dm("isf.jenin", "pasf.jenin"), text="Direct before the rebuild")
    assert isf.post("/api/v1/channels/desk:PS0101/read",
                    json={"seq": flash["seq"]}).status_code == 200
    history = messages(pasf, "desk:PS0101", lang="ar")
    listed = channels(isf)
    assert srv.stop() == 0, srv.stderr()

    data = copy_data(srv.data, tmp_path / "d")
    before = dump_messaging(data)
    assert len(before["messages"]) == 3 and len(before["message_search"]) == 3
    assert len(before["message_edits"]) == 1 and len(before["message_acks"]) == 1
    r = cli("rebuild", "--data", data, "--check")
    assert r.returncode == 0 and "identical" in r.stdout, r.stdout + r.stderr
    sqlite(data / "liaison.db", "DELETE FROM message_edits; DELETE FROM message_search;")
    r = cli("rebuild", "--data", data, "--check")
    assert r.returncode != 0 and "DIFFERED" in r.stdout, r.stdout + r.stderr
    r = cli("rebuild", "--data", data)
    assert r.returncode == 0, r.stdout + r.stderr
    assert dump_messaging(data) == before
    reads = sqlite(data / "liaison.db", "SELECT username, channel_id, seq FROM channel_reads")
    assert f"isf.jenin|desk:PS0101|{flash['seq']}" in reads

    srv.data = data
    srv.start()
    assert messages(login(srv, "pasf.jenin"), "desk:PS0101", lang="ar") == history
    assert channels(login(srv, "isf.jenin")) == listed
