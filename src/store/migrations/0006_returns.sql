-- Liaison schema, version 6: the safe return of persons. Projections only:
-- every row is derived from return.* events and rebuilt by `liaison rebuild`.
-- Times are INTEGER microseconds (UTC). See docs/returns.md.

CREATE TABLE return_cases (
  id              TEXT PRIMARY KEY,   -- RET-<year>-<number, 6 digits>
  year            INTEGER NOT NULL,
  number          INTEGER NOT NULL,
  party           TEXT    NOT NULL,   -- the reporting party (the owner)
  reporting_unit  TEXT,
  shared_with     TEXT    NOT NULL,   -- holding, receiving and coordinator parties minus the
                                      -- owner, sorted, joined with ','
  stage           TEXT    NOT NULL,   -- reported | located | secured | handover_arranged |
                                      -- handed_over | closed
  category        TEXT    NOT NULL,
  person_count    INTEGER NOT NULL,
  circumstances   TEXT    NOT NULL,
  location        TEXT    NOT NULL,   -- canonical GeoJSON Point
  district        TEXT,               -- the governorate P-code of the location
  holding_party   TEXT,
  holding_unit    TEXT,
  receiving_party TEXT    NOT NULL,
  receiving_unit  TEXT,
  handover_point  TEXT,
  handover_at     INTEGER,
  medical_status  TEXT    NOT NULL,
  incident        TEXT,
  summary         TEXT,
  stage_since     INTEGER NOT NULL,   -- when the case reached its stage
  stage_seq       INTEGER NOT NULL,   -- and the event that took it there
  overdue_seq     INTEGER,            -- the return.overdue of the current stage, once raised
  reported_by     TEXT    NOT NULL,
  reported_at     INTEGER NOT NULL,
  handed_over_at  INTEGER,
  closed_at       INTEGER,
  created_seq     INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  updated_seq     INTEGER NOT NULL
);
CREATE UNIQUE INDEX return_cases_number ON return_cases (year, number);
CREATE UNIQUE INDEX return_cases_created ON return_cases (created_seq);
CREATE INDEX return_cases_party ON return_cases (party, created_seq);
-- What the deadline scheduler looks for.
CREATE INDEX return_cases_due ON return_cases (stage, stage_since)
  WHERE stage <> 'closed' AND overdue_seq IS NULL;

-- The chain of custody: one row per stage reached, in order. The seq is the
-- stage's receipt.
CREATE TABLE return_stages (
  seq         INTEGER PRIMARY KEY,    -- the return.reported or return.advanced event
  case_id     TEXT    NOT NULL,
  stage       TEXT    NOT NULL,
  at          INTEGER NOT NULL,
  actor       TEXT    NOT NULL,
  party       TEXT    NOT NULL,       -- the actor's party
  note        TEXT,
  data        TEXT    NOT NULL,       -- canonical JSON object: the stage's data
  overdue_seq INTEGER                 -- the return.overdue raised at this stage, if any
);
CREATE UNIQUE INDEX return_stages_case ON return_stages (case_id, stage);

-- The person's name, apart from the case so that no list or figure can carry
-- it: read only for the holding and receiving parties and the coordinator.
CREATE TABLE return_names (
  case_id     TEXT PRIMARY KEY,
  name        TEXT    NOT NULL,
  party       TEXT    NOT NULL,       -- the recorder's party
  actor       TEXT    NOT NULL,
  at          INTEGER NOT NULL,
  seq         INTEGER NOT NULL        -- the return.name_recorded event
);
