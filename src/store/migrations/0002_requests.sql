-- Liaison schema, version 2: coordination requests and the duty desk.
-- Projections only: every row is derived from request.* and duty.* events
-- and rebuilt by `liaison rebuild`. Times are INTEGER microseconds (UTC).

CREATE TABLE requests (
  id              TEXT PRIMARY KEY,   -- REQ-<year>-<number, 6 digits>
  year            INTEGER NOT NULL,
  number          INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  precedence      TEXT    NOT NULL,
  title           TEXT    NOT NULL,
  details         TEXT    NOT NULL,
  from_party      TEXT    NOT NULL,   -- the owner
  from_unit       TEXT,
  to_party        TEXT    NOT NULL,
  to_unit         TEXT,
  shared_with     TEXT    NOT NULL,   -- sorted party ids joined with ','
  district        TEXT,
  districts       TEXT    NOT NULL,   -- P-codes joined with ','
  areas           TEXT    NOT NULL,   -- Oslo area codes joined with ','
  outside         INTEGER NOT NULL,
  armed           INTEGER NOT NULL,
  footprint       TEXT,               -- canonical JSON of the footprint
  west            REAL,               -- the footprint's bounds (before the buffer)
  south           REAL,
  east            REAL,
  north           REAL,
  window_start    INTEGER,
  window_end      INTEGER,
  movement        TEXT,               -- canonical JSON
  coordination    TEXT    NOT NULL,   -- canonical JSON array
  links           TEXT    NOT NULL,   -- canonical JSON array
  channel         TEXT    NOT NULL,
  caller          TEXT,
  created_by      TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  created_seq     INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  updated_seq     INTEGER NOT NULL,
  acknowledge_by  INTEGER NOT NULL,
  decide_by       INTEGER,            -- NULL for a notification
  acknowledged_at INTEGER,
  decided_at      INTEGER,
  started_at      INTEGER,
  completed_at    INTEGER,
  closed_at       INTEGER,
  acknowledge_overdue_seq INTEGER,    -- the request.overdue event, once raised
  decide_overdue_seq      INTEGER,
  outcome         TEXT,
  decision        TEXT,               -- canonical JSON
  comment_count   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX requests_number ON requests (year, number);
CREATE UNIQUE INDEX requests_created ON requests (created_seq);
CREATE INDEX requests_to ON requests (to_party, created_seq);
CREATE INDEX requests_from ON requests (from_party, created_seq);
CREATE INDEX requests_acknowledge_due ON requests (acknowledge_by) WHERE state = 'submitted';
CREATE INDEX requests_decide_due ON requests (decide_by)
  WHERE state IN ('submitted', 'acknowledged') AND decide_by IS NOT NULL;
CREATE INDEX requests_window_end ON requests (window_end)
  WHERE state IN ('submitted', 'acknowledged');

-- Who holds each duty desk now.
CREATE TABLE duty_desks (
  unit       TEXT PRIMARY KEY,
  party      TEXT    NOT NULL,
  on_duty    TEXT    NOT NULL,
  since      INTEGER NOT NULL,
  handover_seq INTEGER NOT NULL
);

CREATE TABLE duty_handovers (
  seq        INTEGER PRIMARY KEY,   -- the duty.handover event
  unit       TEXT    NOT NULL,
  party      TEXT    NOT NULL,
  from_user  TEXT,
  to_user    TEXT    NOT NULL,
  by_user    TEXT    NOT NULL,
  note       TEXT    NOT NULL,
  open_items TEXT    NOT NULL,      -- canonical JSON array
  at         INTEGER NOT NULL
);
CREATE INDEX duty_handovers_unit ON duty_handovers (unit, seq);
