"""Helpers for the messaging tests (docs/messaging.md): the shipped phrasebook and an
independent renderer of it, sending and reading messages, and channel ids."""

import itertools
import json
import re
import time
from pathlib import Path

MSG_ID = re.compile(r"^MSG-\d{4}-\d{6}$")
DATA = Path(__file__).resolve().parents[2] / "data"
PHRASEBOOK = json.loads((DATA / "phrasebook.json").read_text(encoding="utf-8"))
PHRASES = {p["key"]: p for p in PHRASEBOOK["phrases"]}
LANGS = ("en", "ar", "he")

MESSAGE_KEYS = {
    "id", "channel_id", "seq", "sender", "sender_party", "sender_name", "sent_at", "priority",
    "text", "phrase", "params", "lang", "rendered", "rendered_lang", "reply_to", "edited",
    "edited_at", "edits", "acknowledgements", "acknowledged_by_me",
}
CHANNEL_KEYS = {
    "id", "kind", "title", "incident", "district", "parties", "participants", "last_seq",
    "last_at", "read_seq", "unread", "unacknowledged_flash",
}

_counter = itertools.count(1)


def marker(prefix="mk"):
    """A word no other test uses: letters and digits only, so FTS reads it as one token."""
    return f"{prefix}{time.monotonic_ns() % 10**9}x{next(_counter)}"


def render(key, lang, params):
    """The phrase as data/phrasebook.json says it reads, parameters inserted as given."""
    text = PHRASES[key][lang]
    for name, value in params.items():
        text = text.replace("{" + name + "}", str(value))
    assert "{" not in text, text
    return text


def dm(a, b):
    """The id of the direct conversation of two users."""
    return "dm:" + ":".join(sorted((a, b)))


def post(client, channel, expect=201, **body):
    """Sends a message; returns the reply (the message as the sender reads it)."""
    r = client.post(f"/api/v1/channels/{channel}/messages", json=body)
    assert r.status_code == expect, f"{client.username} -> {channel}: {r.status_code} {r.text}"
    return r.json()


def messages(client, channel, **params):
    r = client.get(f"/api/v1/channels/{channel}/messages", params=params)
    assert r.status_code == 200, f"{client.username} {channel}: {r.status_code} {r.text}"
    return r.json()


def channel(client, channel_id):
    r = client.get(f"/api/v1/channels/{channel_id}")
    assert r.status_code == 200, f"{client.username} {channel_id}: {r.status_code} {r.text}"
    assert set(r.json()) == CHANNEL_KEYS, r.json()
    return r.json()


def channels(client):
    r = client.get("/api/v1/channels")
    assert r.status_code == 200, f"{client.username}: {r.status_code} {r.text}"
    body = r.json()
    assert body["next"] is None
    for c in body["items"]:
        assert set(c) == CHANNEL_KEYS, c
    return {c["id"]: c for c in body["items"]}


def search(client, q, **params):
    r = client.get("/api/v1/search/messages", params={"q": q, **params})
    assert r.status_code == 200, f"{client.username} {q!r}: {r.status_code} {r.text}"
    return r.json()


def found_ids(client, q, **params):
    return {m["id"] for m in search(client, q, limit=200, **params)["items"]}


def message_in(client, channel_id, message_id, **params):
    """The message as `client` reads it in the channel's history (newest 200)."""
    items = messages(client, channel_id, limit=200, **params)["items"]
    hit = [m for m in items if m["id"] == message_id]
    assert len(hit) == 1, f"{message_id} not in {channel_id} for {client.username}"
    return hit[0]
