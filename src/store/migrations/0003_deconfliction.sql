-- Liaison schema, version 3: deconfliction (planned activities, conflicts,
-- protected sites). Projections only: every row is derived from activity.*,
-- conflict.* and protected_site.* events and rebuilt by `liaison rebuild`.
-- Times are INTEGER microseconds (UTC). See docs/deconfliction.md.

CREATE TABLE activities (
  id              TEXT PRIMARY KEY,   -- ACT-<year>-<number, 6 digits>
  year            INTEGER NOT NULL,
  number          INTEGER NOT NULL,
  party           TEXT    NOT NULL,   -- the owner
  shared_with     TEXT    NOT NULL,   -- the coordinator parties, joined with ','
  kind            TEXT    NOT NULL,
  state           TEXT    NOT NULL,   -- planned | cancelled
  title           TEXT    NOT NULL,
  details         TEXT    NOT NULL,
  unit            TEXT,
  poc             TEXT,
  confidentiality TEXT    NOT NULL,
  footprint       TEXT    NOT NULL,   -- canonical JSON
  west            REAL    NOT NULL,   -- the geometry's bounds (before the buffer)
  south           REAL    NOT NULL,
  east            REAL    NOT NULL,
  north           REAL    NOT NULL,
  window_start    INTEGER NOT NULL,
  window_end      INTEGER NOT NULL,
  district        TEXT,
  districts       TEXT    NOT NULL,   -- P-codes joined with ','
  warnings        TEXT    NOT NULL,   -- canonical JSON array: protected sites nearby
  cancel_reason   TEXT,
  created_by      TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  created_seq     INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  updated_seq     INTEGER NOT NULL
);
CREATE UNIQUE INDEX activities_number ON activities (year, number);
CREATE UNIQUE INDEX activities_created ON activities (created_seq);
CREATE INDEX activities_party ON activities (party, created_seq);
-- What the deconfliction index loads at start.
CREATE INDEX activities_live ON activities (window_end) WHERE state = 'planned';

-- A conflict between two records (activities or requests) of different
-- parties. Side a is the record whose registration or change found it.
CREATE TABLE conflicts (
  id              TEXT PRIMARY KEY,   -- CFL-<year>-<number, 6 digits>
  year            INTEGER NOT NULL,
  number          INTEGER NOT NULL,
  state           TEXT    NOT NULL,   -- open | acknowledged | resolved
  owner           TEXT    NOT NULL,   -- a_party: the event scope's owner
  shared_with     TEXT    NOT NULL,   -- b_party and the coordinator parties, joined with ','
  a_party         TEXT    NOT NULL,
  b_party         TEXT    NOT NULL,
  a_ref           TEXT,               -- from conflict.assessed (coordinator-only)
  a_kind          TEXT,
  b_ref           TEXT,
  b_kind          TEXT,
  distance_m      REAL,
  overlap_start   INTEGER NOT NULL,
  overlap_end     INTEGER NOT NULL,
  district        TEXT,
  a_acknowledged_at INTEGER,
  a_acknowledged_by TEXT,
  b_acknowledged_at INTEGER,
  b_acknowledged_by TEXT,
  a_acknowledged_note TEXT,
  b_acknowledged_note TEXT,
  outcome         TEXT,
  note            TEXT,
  auto_resolved   INTEGER NOT NULL DEFAULT 0,
  resolved_at     INTEGER,
  resolved_by     TEXT,
  created_at      INTEGER NOT NULL,
  created_seq     INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  updated_seq     INTEGER NOT NULL
);
CREATE UNIQUE INDEX conflicts_number ON conflicts (year, number);
CREATE UNIQUE INDEX conflicts_created ON conflicts (created_seq);
CREATE INDEX conflicts_a ON conflicts (a_ref) WHERE state <> 'resolved';
CREATE INDEX conflicts_b ON conflicts (b_ref) WHERE state <> 'resolved';

CREATE TABLE protected_sites (
  id              TEXT PRIMARY KEY,   -- SITE-<number, 6 digits>
  number          INTEGER NOT NULL UNIQUE,
  party           TEXT    NOT NULL,   -- the coordinator party that registered it
  kind            TEXT    NOT NULL,
  name            TEXT    NOT NULL,
  geometry        TEXT    NOT NULL,   -- canonical GeoJSON
  buffer_m        REAL    NOT NULL,
  window_start    INTEGER,            -- NULL: permanent
  window_end      INTEGER,
  notes           TEXT    NOT NULL,
  created_by      TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  created_seq     INTEGER NOT NULL
);
