-- Liaison schema, version 1: the event log, its signed tree heads, the
-- identity projections, and operational tables that are not part of the log.
--
-- Times are INTEGER microseconds since the Unix epoch (UTC).

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- The append-only event log: the source of truth and the audit trail.
-- See docs/audit-format.md for leaf_hash and chain_hash.
CREATE TABLE events (
  seq         INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor       TEXT    NOT NULL,
  party       TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  subject     TEXT    NOT NULL,
  shared_with TEXT    NOT NULL,   -- sorted party ids joined with ','
  body        TEXT    NOT NULL,   -- canonical JSON
  leaf_hash   BLOB    NOT NULL,
  chain_hash  BLOB    NOT NULL
);
CREATE INDEX events_party ON events (party, seq);
CREATE INDEX events_subject ON events (subject, seq);

-- One row per party an event is shared with (besides its owner), so the
-- visibility filter can be pushed into SQL with an index.
CREATE TABLE event_shares (
  party TEXT    NOT NULL,
  seq   INTEGER NOT NULL,
  PRIMARY KEY (party, seq)
);

CREATE TABLE tree_heads (
  tree_size INTEGER PRIMARY KEY,
  root      BLOB    NOT NULL,
  at        INTEGER NOT NULL,
  signature BLOB    NOT NULL,
  key_id    TEXT    NOT NULL
);

-- Projections (rebuilt from the log by `liaison rebuild`).

CREATE TABLE parties (
  id             TEXT PRIMARY KEY,
  name_en        TEXT    NOT NULL,
  name_ar        TEXT    NOT NULL,
  name_he        TEXT    NOT NULL,
  is_coordinator INTEGER NOT NULL,
  created_seq    INTEGER NOT NULL
);

CREATE TABLE nations (
  code        TEXT PRIMARY KEY,
  name_en     TEXT    NOT NULL,
  name_ar     TEXT    NOT NULL,
  name_he     TEXT    NOT NULL,
  created_seq INTEGER NOT NULL
);

CREATE TABLE units (
  id          TEXT PRIMARY KEY,
  party       TEXT    NOT NULL,
  parent      TEXT,
  kind        TEXT    NOT NULL,
  name_en     TEXT    NOT NULL,
  name_ar     TEXT    NOT NULL,
  name_he     TEXT    NOT NULL,
  district    TEXT,
  created_seq INTEGER NOT NULL
);
CREATE INDEX units_party ON units (party, id);

CREATE TABLE users (
  username     TEXT PRIMARY KEY,
  party        TEXT    NOT NULL,
  unit         TEXT    NOT NULL,
  roles        TEXT    NOT NULL,   -- sorted role names joined with ','
  display_name TEXT    NOT NULL,
  disabled     INTEGER NOT NULL,
  totp_enabled INTEGER NOT NULL,
  created_seq  INTEGER NOT NULL,
  updated_seq  INTEGER NOT NULL
);
CREATE INDEX users_party ON users (party, username);

CREATE TABLE api_tokens (
  id          TEXT PRIMARY KEY,
  party       TEXT    NOT NULL,
  username    TEXT    NOT NULL,   -- the account the token acts as
  name        TEXT    NOT NULL,
  created_by  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER,
  revoked_at  INTEGER
);
CREATE INDEX api_tokens_party ON api_tokens (party, id);

-- Operational state: secrets and sessions. Never written to the event log
-- (a secret in an immutable log could never be purged), and not rebuilt.

CREATE TABLE credentials (
  username       TEXT PRIMARY KEY,
  password_hash  TEXT    NOT NULL,
  totp_secret    BLOB,
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  failed_count   INTEGER NOT NULL DEFAULT 0,
  locked_until   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE token_secrets (
  token_hash BLOB PRIMARY KEY,
  token_id   TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  id         TEXT    NOT NULL,
  username   TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  address    TEXT    NOT NULL
);
CREATE INDEX sessions_username ON sessions (username);
