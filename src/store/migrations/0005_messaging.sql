-- Liaison schema, version 5: messaging. Projections derived from message.*
-- events and rebuilt by `liaison rebuild`, except channel_reads, which is
-- operational state. Times are INTEGER microseconds (UTC). See
-- docs/messaging.md.

CREATE TABLE messages (
  id           TEXT PRIMARY KEY,    -- MSG-<year>-<number, 6 digits>
  year         INTEGER NOT NULL,
  number       INTEGER NOT NULL,
  seq          INTEGER NOT NULL,    -- the message.posted event's
  channel_id   TEXT    NOT NULL,
  owner        TEXT    NOT NULL,    -- the scope of the message's events
  shared_with  TEXT    NOT NULL,    -- sorted party ids joined with ','
  sender       TEXT    NOT NULL,
  sender_party TEXT    NOT NULL,
  sent_at      INTEGER NOT NULL,
  priority     TEXT    NOT NULL,    -- routine | flash
  text         TEXT,                -- free text as it now reads; NULL for a phrase
  lang         TEXT,                -- the free text's language, when the sender gave it
  phrase       TEXT,                -- a phrasebook key
  params       TEXT,                -- canonical JSON object of the phrase's arguments
  rendered_en  TEXT,                -- the phrase as rendered when sent
  rendered_ar  TEXT,
  rendered_he  TEXT,
  reply_to     TEXT,
  edited_at    INTEGER              -- the last edit
);
CREATE UNIQUE INDEX messages_number ON messages (year, number);
CREATE UNIQUE INDEX messages_seq ON messages (seq);
CREATE INDEX messages_channel ON messages (channel_id, seq);
CREATE INDEX messages_flash ON messages (channel_id, seq) WHERE priority = 'flash';

-- The earlier texts of edited messages. Nothing here is ever updated.
CREATE TABLE message_edits (
  seq         INTEGER PRIMARY KEY,  -- the message.edited event's
  message     TEXT    NOT NULL,
  text        TEXT    NOT NULL,     -- the text the edit replaced
  written_at  INTEGER NOT NULL,     -- when that text was sent or last edited
  replaced_at INTEGER NOT NULL
);
CREATE INDEX message_edits_message ON message_edits (message, seq);

CREATE TABLE message_acks (
  message  TEXT    NOT NULL,
  username TEXT    NOT NULL,
  party    TEXT    NOT NULL,
  at       INTEGER NOT NULL,
  seq      INTEGER NOT NULL,
  PRIMARY KEY (message, username)
);
CREATE INDEX message_acks_party ON message_acks (message, party);

-- The direct conversations, for listing a user's own.
CREATE TABLE direct_channels (
  id          TEXT PRIMARY KEY,     -- dm:<user_a>:<user_b>
  user_a      TEXT    NOT NULL,
  user_b      TEXT    NOT NULL,
  created_seq INTEGER NOT NULL
);
CREATE INDEX direct_channels_a ON direct_channels (user_a);
CREATE INDEX direct_channels_b ON direct_channels (user_b);

-- Full-text search. The rowid is messages.seq. Free text in `text`; a phrase
-- as rendered in each language. Arabic harakat and Hebrew points are removed
-- before indexing (messaging::SearchText), Latin diacritics by the tokenizer.
CREATE VIRTUAL TABLE message_search USING fts5(
  text, en, ar, he,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Operational state, not a projection: each user's read position in each
-- channel, written by a command without an event (reading changes nothing in
-- the record) and kept across `liaison rebuild`. It only moves forward.
CREATE TABLE channel_reads (
  username   TEXT    NOT NULL,
  channel_id TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  at         INTEGER NOT NULL,
  PRIMARY KEY (username, channel_id)
);
