-- Liaison schema, version 4: incidents. Projections only: every row is
-- derived from incident.* events and rebuilt by `liaison rebuild`. Times are
-- INTEGER microseconds (UTC). See docs/incidents.md.

CREATE TABLE incidents (
  id            TEXT PRIMARY KEY,   -- INC-<year>-<number, 6 digits>
  year          INTEGER NOT NULL,
  number        INTEGER NOT NULL,
  party         TEXT    NOT NULL,   -- the reporting party (the owner)
  unit          TEXT,
  shared_with   TEXT    NOT NULL,   -- the named parties and the coordinator, sorted, joined with ','
  type          TEXT    NOT NULL,
  severity      INTEGER NOT NULL,
  state         TEXT    NOT NULL,   -- open | monitoring | de-escalating | closed
  title         TEXT    NOT NULL,
  description   TEXT    NOT NULL,
  location      TEXT    NOT NULL,   -- canonical GeoJSON geometry
  lon           REAL    NOT NULL,   -- a representative point: the point, or the ring's centroid
  lat           REAL    NOT NULL,
  west          REAL    NOT NULL,
  south         REAL    NOT NULL,
  east          REAL    NOT NULL,
  north         REAL    NOT NULL,
  district      TEXT,
  occurred_at   INTEGER NOT NULL,
  casualties    TEXT,               -- canonical JSON, or NULL when not reported
  links         TEXT    NOT NULL,   -- canonical JSON array of record ids
  alert         INTEGER NOT NULL,   -- severity 4-5 at any time
  summary       TEXT,
  closed_at     INTEGER,
  closed_by     TEXT,
  reported_by   TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  created_seq   INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  updated_seq   INTEGER NOT NULL
);
CREATE UNIQUE INDEX incidents_number ON incidents (year, number);
CREATE UNIQUE INDEX incidents_created ON incidents (created_seq);
CREATE INDEX incidents_party ON incidents (party, created_seq);
CREATE INDEX incidents_occurred ON incidents (occurred_at);

-- The timeline: the report and every update, acknowledgement, escalation
-- and the closing, in order. Nothing here is ever updated.
CREATE TABLE incident_timeline (
  seq       INTEGER PRIMARY KEY,    -- the event's: its receipt
  incident  TEXT    NOT NULL,
  kind      TEXT    NOT NULL,       -- reported | update | acknowledged | ack_overdue | closed
  at        INTEGER NOT NULL,
  actor     TEXT    NOT NULL,
  party     TEXT    NOT NULL,       -- the actor's party (the escalated party for ack_overdue)
  text      TEXT,
  changes   TEXT                    -- canonical JSON object of the fields set
);
CREATE INDEX incident_timeline_incident ON incident_timeline (incident, seq);

-- Who must acknowledge, by when, and whether they have.
CREATE TABLE incident_acks (
  incident        TEXT    NOT NULL,
  party           TEXT    NOT NULL,
  due_at          INTEGER NOT NULL,
  acknowledged_at INTEGER,
  acknowledged_by TEXT,
  note            TEXT,
  overdue_seq     INTEGER,          -- the incident.ack_overdue raised, if any
  PRIMARY KEY (incident, party)
);
CREATE INDEX incident_acks_due ON incident_acks (due_at)
  WHERE acknowledged_at IS NULL AND overdue_seq IS NULL;
