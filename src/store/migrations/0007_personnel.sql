-- Liaison schema, version 7: the personnel registry, human-rights vetting,
-- training and the allegations register. Projections only: every row is
-- derived from personnel.*, vetting.*, training.* and allegation.* events and
-- rebuilt by `liaison rebuild`. Times are INTEGER microseconds (UTC); calendar
-- dates (birth, joining, effective dates, course dates) are TEXT 'YYYY-MM-DD'.
-- See docs/personnel.md, docs/vetting.md and docs/training.md.

-- --- Personnel registry -------------------------------------------------

-- The registry party's units (its own tree, beside the shared directory's
-- liaison units): each belongs to a service and, where it is stationed in
-- one, a governorate.
CREATE TABLE org_units (
  id          TEXT PRIMARY KEY,   -- e.g. NSF-JEN-BN1
  party       TEXT    NOT NULL,   -- the registry party (the owner)
  shared_with TEXT    NOT NULL,   -- the coordinator parties, sorted, joined with ','
  parent      TEXT,               -- another org_units.id; NULL at a service's top
  service     TEXT    NOT NULL,   -- a service code of the reference data
  name_en     TEXT    NOT NULL,
  name_ar     TEXT    NOT NULL,
  name_he     TEXT,
  district    TEXT,               -- governorate P-code, NULL for national units
  created_seq INTEGER NOT NULL,
  updated_seq INTEGER NOT NULL
);
CREATE INDEX org_units_parent ON org_units (parent);
CREATE INDEX org_units_service ON org_units (service, id);

-- The establishment: the authorised posts of each unit, each in a rank band.
CREATE TABLE establishment_posts (
  unit       TEXT    NOT NULL,
  post       TEXT    NOT NULL,    -- the post's code within the unit
  title_en   TEXT    NOT NULL,
  title_ar   TEXT    NOT NULL,
  band       TEXT    NOT NULL,    -- officer | nco | enlisted
  authorised INTEGER NOT NULL,    -- how many may hold it
  set_seq    INTEGER NOT NULL,
  PRIMARY KEY (unit, post)
);

-- A person's current state, derived from their career events.
CREATE TABLE persons (
  id             TEXT PRIMARY KEY,   -- PER-<number, 7 digits>
  number         INTEGER NOT NULL,
  party          TEXT    NOT NULL,   -- the registry party (the owner)
  shared_with    TEXT    NOT NULL,   -- the coordinator parties
  service_number TEXT    NOT NULL,
  name_ar        TEXT    NOT NULL,
  name_en        TEXT    NOT NULL,
  sex            TEXT,               -- m | f, when recorded
  birth_date     TEXT    NOT NULL,
  joined_on      TEXT    NOT NULL,
  service        TEXT    NOT NULL,
  unit           TEXT    NOT NULL,
  district       TEXT,               -- the unit's governorate
  post           TEXT,
  rank           TEXT    NOT NULL,
  band           TEXT    NOT NULL,   -- the rank's band
  status         TEXT    NOT NULL,   -- active | suspended | retired | separated | deceased
  status_since   TEXT    NOT NULL,   -- effective date of the status
  education      TEXT,
  notes          TEXT,
  synthetic      INTEGER NOT NULL DEFAULT 0,  -- generated demo data
  import_id      TEXT,               -- the import that registered the person, if any
  created_seq    INTEGER NOT NULL,
  updated_seq    INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX persons_number ON persons (number);
CREATE UNIQUE INDEX persons_service_number ON persons (service_number);
-- The analytics read these covering indexes, never the table, one status
-- at a time: each GROUP BY then follows an index's order and needs no sort
-- (docs/personnel.md, "Analytics"). The retirement index keys the birth and
-- joining years as expressions the forecast groups by; its trailing columns
-- make it covering.
CREATE INDEX persons_by_service ON persons (status, service, district, band, rank);
CREATE INDEX persons_by_district ON persons (status, district, service, band, rank);
CREATE INDEX persons_by_unit ON persons (status, unit, band);
CREATE INDEX persons_retirement ON persons (status, substr(birth_date, 1, 4),
                                           substr(joined_on, 1, 4), band, service, district,
                                           birth_date, joined_on);

-- Every change to a person: appointment (the registration), promotion,
-- transfer, suspension, reinstatement, retirement, separation, death,
-- training_completed. `data` holds what the event set (for an appointment,
-- the whole initial state); the person's row is the fold of these in
-- (effective, seq, idx) order.
CREATE TABLE career_events (
  seq       INTEGER NOT NULL,     -- the personnel.* event that recorded it
  idx       INTEGER NOT NULL,     -- its place within that event (bulk registrations)
  person    TEXT    NOT NULL,
  kind      TEXT    NOT NULL,
  effective TEXT    NOT NULL,     -- YYYY-MM-DD
  author    TEXT    NOT NULL,     -- who recorded it
  at        INTEGER NOT NULL,     -- when it was recorded
  data      TEXT    NOT NULL,     -- canonical JSON object
  note      TEXT,
  PRIMARY KEY (seq, idx)
);
CREATE INDEX career_events_person ON career_events (person, effective, seq, idx);

-- Bulk registrations (a CSV import, or the demo's synthetic force): one row
-- per import, written with its first personnel.registered event.
CREATE TABLE personnel_imports (
  id          TEXT PRIMARY KEY,   -- IMP-<year>-<number, 6 digits>
  year        INTEGER NOT NULL,
  number      INTEGER NOT NULL,
  party       TEXT    NOT NULL,   -- the registry party
  shared_with TEXT    NOT NULL,   -- the coordinator parties
  digest      TEXT    NOT NULL,   -- SHA-256 (hex) of the file; '' when generated
  persons     INTEGER NOT NULL,   -- how many it registered
  synthetic   INTEGER NOT NULL,   -- generated demo data
  created_by  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  created_seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX personnel_imports_number ON personnel_imports (year, number);

-- --- Human-rights vetting -----------------------------------------------

CREATE TABLE vetting_requests (
  id              TEXT PRIMARY KEY,  -- VET-<year>-<number, 6 digits>
  year            INTEGER NOT NULL,
  number          INTEGER NOT NULL,
  party           TEXT    NOT NULL,  -- the subject's party (the owner)
  shared_with     TEXT    NOT NULL,  -- the coordinator parties
  subject_kind    TEXT    NOT NULL,  -- person | unit
  subject_id      TEXT    NOT NULL,  -- persons.id or org_units.id
  purpose         TEXT    NOT NULL,  -- course | equipment | assistance | review
  purpose_ref     TEXT,              -- e.g. the course code or session id
  justification   TEXT,
  state           TEXT    NOT NULL,  -- pending | decided | withdrawn
  due_at          INTEGER NOT NULL,  -- the decision's deadline
  submitted_by    TEXT    NOT NULL,
  submitted_party TEXT    NOT NULL,
  submitted_at    INTEGER NOT NULL,
  decision        TEXT,              -- cleared | denied | suspended
  decided_at      INTEGER,
  decided_by      TEXT,
  valid_from      INTEGER,           -- the decision's validity (a clearance)
  valid_until     INTEGER,
  decision_seq    INTEGER,
  created_seq     INTEGER NOT NULL,
  updated_seq     INTEGER NOT NULL
);
CREATE UNIQUE INDEX vetting_requests_number ON vetting_requests (year, number);
CREATE UNIQUE INDEX vetting_requests_created ON vetting_requests (created_seq);
CREATE INDEX vetting_requests_queue ON vetting_requests (state, due_at);
CREATE INDEX vetting_requests_subject ON vetting_requests (subject_kind, subject_id);

-- The current vetting status of each subject ever decided.
CREATE TABLE vetting_status (
  subject_kind TEXT    NOT NULL,
  subject_id   TEXT    NOT NULL,
  party        TEXT    NOT NULL,
  shared_with  TEXT    NOT NULL,
  status       TEXT    NOT NULL,    -- cleared | denied | suspended | expired
  valid_from   INTEGER,             -- a clearance's validity
  valid_until  INTEGER,
  request      TEXT,                -- the request decided, if any
  allegation   TEXT,                -- the allegation that suspended it, if any
  status_seq   INTEGER NOT NULL,
  expired_seq  INTEGER,             -- the vetting.expired event, once raised
  PRIMARY KEY (subject_kind, subject_id)
);
-- What the expiry scheduler and the expiring queue look for.
CREATE INDEX vetting_status_expiry ON vetting_status (status, valid_until);

-- Each subject's history: requested, decided, suspended, expired.
CREATE TABLE vetting_history (
  seq          INTEGER PRIMARY KEY,
  subject_kind TEXT    NOT NULL,
  subject_id   TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  status       TEXT,
  valid_until  INTEGER,
  request      TEXT,
  allegation   TEXT,
  actor        TEXT    NOT NULL,
  at           INTEGER NOT NULL
);
CREATE INDEX vetting_history_subject ON vetting_history (subject_kind, subject_id, seq);

-- The reason and sources of a decision: coordinator-only, from their own
-- event (vetting.reasons_recorded), never joined into what the subject's
-- party reads.
CREATE TABLE vetting_reasons (
  seq        INTEGER PRIMARY KEY,   -- the vetting.reasons_recorded event
  request    TEXT,
  subject_kind TEXT  NOT NULL,
  subject_id TEXT    NOT NULL,
  reason     TEXT    NOT NULL,
  sources    TEXT,
  party      TEXT    NOT NULL,      -- the coordinator party that recorded it
  actor      TEXT    NOT NULL,
  at         INTEGER NOT NULL
);
CREATE INDEX vetting_reasons_request ON vetting_reasons (request);

-- --- Allegations register (coordinator only) ----------------------------

CREATE TABLE allegations (
  id            TEXT PRIMARY KEY,   -- ALG-<year>-<number, 6 digits>
  year          INTEGER NOT NULL,
  number        INTEGER NOT NULL,
  party         TEXT    NOT NULL,   -- the coordinator party that registered it
  shared_with   TEXT    NOT NULL,   -- '' by default
  subject_kind  TEXT    NOT NULL,   -- person | unit
  subject_id    TEXT,               -- persons.id or org_units.id when in the registry
  subject_party TEXT    NOT NULL,   -- any party
  subject_label TEXT    NOT NULL,   -- as the source names the subject
  source        TEXT    NOT NULL,
  received_on   TEXT    NOT NULL,
  category      TEXT    NOT NULL,
  summary       TEXT    NOT NULL,
  status        TEXT    NOT NULL,   -- received | under_review | referred | substantiated |
                                    -- not_substantiated | remediated
  status_seq    INTEGER NOT NULL,
  created_by    TEXT    NOT NULL,
  created_seq   INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  updated_seq   INTEGER NOT NULL
);
CREATE UNIQUE INDEX allegations_number ON allegations (year, number);
CREATE UNIQUE INDEX allegations_created ON allegations (created_seq);
CREATE INDEX allegations_subject ON allegations (subject_kind, subject_id);

CREATE TABLE allegation_history (
  seq        INTEGER PRIMARY KEY,
  allegation TEXT    NOT NULL,
  status     TEXT    NOT NULL,
  note       TEXT,
  actor      TEXT    NOT NULL,
  at         INTEGER NOT NULL
);
CREATE INDEX allegation_history_allegation ON allegation_history (allegation, seq);

-- --- Training -----------------------------------------------------------

CREATE TABLE courses (
  code            TEXT PRIMARY KEY,  -- e.g. POP-101
  party           TEXT    NOT NULL,  -- the coordinator party (the owner)
  shared_with     TEXT    NOT NULL,  -- the registry party
  title_en        TEXT    NOT NULL,
  title_ar        TEXT    NOT NULL,
  title_he        TEXT,
  nation          TEXT    NOT NULL,  -- the providing coalition nation (nations.code)
  duration_days   INTEGER NOT NULL,
  capacity        INTEGER NOT NULL,  -- default seats per session
  prerequisites   TEXT    NOT NULL,  -- JSON array of qualification codes
  qualification   TEXT    NOT NULL,  -- the qualification a pass grants
  validity_months INTEGER,           -- NULL: it does not expire
  description     TEXT,
  active          INTEGER NOT NULL,
  created_seq     INTEGER NOT NULL,
  updated_seq     INTEGER NOT NULL
);

CREATE TABLE training_sessions (
  id          TEXT PRIMARY KEY,     -- SES-<year>-<number, 6 digits>
  year        INTEGER NOT NULL,
  number      INTEGER NOT NULL,
  course      TEXT    NOT NULL,
  party       TEXT    NOT NULL,
  shared_with TEXT    NOT NULL,
  starts_on   TEXT    NOT NULL,
  ends_on     TEXT    NOT NULL,
  location    TEXT    NOT NULL,
  instructors TEXT    NOT NULL,     -- JSON array of names
  capacity    INTEGER NOT NULL,
  state       TEXT    NOT NULL,     -- scheduled | cancelled
  created_seq INTEGER NOT NULL,
  updated_seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX training_sessions_number ON training_sessions (year, number);
CREATE INDEX training_sessions_course ON training_sessions (course, starts_on);

CREATE TABLE enrolments (
  id          TEXT PRIMARY KEY,     -- ENR-<year>-<number, 6 digits>
  year        INTEGER NOT NULL,
  number      INTEGER NOT NULL,
  session     TEXT    NOT NULL,
  person      TEXT    NOT NULL,
  party       TEXT    NOT NULL,     -- the coordinator party
  shared_with TEXT    NOT NULL,     -- the registry party
  state       TEXT    NOT NULL,     -- enrolled | withdrawn | passed | failed | absent
  attendance  INTEGER,              -- days attended
  score       INTEGER,              -- 0..100, when graded
  enrolled_by TEXT    NOT NULL,
  enrolled_at INTEGER NOT NULL,
  result_at   INTEGER,
  created_seq INTEGER NOT NULL,
  updated_seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX enrolments_number ON enrolments (year, number);
CREATE UNIQUE INDEX enrolments_seat ON enrolments (session, person) WHERE state <> 'withdrawn';
CREATE INDEX enrolments_person ON enrolments (person, created_seq);
-- A session's participants, withdrawn ones included.
CREATE INDEX enrolments_session ON enrolments (session, created_seq);

-- Each person's latest grant of each qualification.
CREATE TABLE qualifications (
  person        TEXT    NOT NULL,
  qualification TEXT    NOT NULL,
  obtained_on   TEXT    NOT NULL,
  expires_on    TEXT,               -- NULL: does not expire
  enrolment     TEXT,
  seq           INTEGER NOT NULL,
  PRIMARY KEY (person, qualification)
);
CREATE INDEX qualifications_by_code ON qualifications (qualification, expires_on);

-- Force-generation targets: how many qualified and cleared, by when.
CREATE TABLE training_targets (
  id            TEXT PRIMARY KEY,   -- TGT-<year>-<number, 6 digits>
  year          INTEGER NOT NULL,
  number        INTEGER NOT NULL,
  party         TEXT    NOT NULL,
  shared_with   TEXT    NOT NULL,
  title         TEXT    NOT NULL,
  qualification TEXT    NOT NULL,
  required      INTEGER NOT NULL,
  deployment    TEXT,
  due_on        TEXT    NOT NULL,
  service       TEXT,               -- counts only this service's persons, when set
  created_by    TEXT    NOT NULL,
  created_seq   INTEGER NOT NULL,
  updated_seq   INTEGER NOT NULL
);
CREATE UNIQUE INDEX training_targets_number ON training_targets (year, number);
