// Schema migrations. Times are stored as dateTimeStamp text in UTC ("…Z"), which sorts in
// time order; dates as "YYYY-MM-DD".
#include "registry/migrations.h"

namespace siegel {

const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> kMigrations = {
      // 1: the registry, its certificates, status lists, keys and audit trail.
      R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Bumped by every write transaction, so readers can tell cheaply whether anything changed.
CREATE TABLE generation (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
);
INSERT INTO generation (id, value) VALUES (1, 1);

CREATE TABLE programmes (
  code             TEXT PRIMARY KEY CHECK (code GLOB '[a-z0-9]*' AND code NOT GLOB '*[^a-z0-9-]*'),
  name_de          TEXT NOT NULL,
  name_en          TEXT NOT NULL,
  description      TEXT NOT NULL,
  validity_months  INTEGER NOT NULL CHECK (validity_months BETWEEN 1 AND 120),
  criteria_text    TEXT NOT NULL,
  criteria_url     TEXT NOT NULL DEFAULT '',
  assessor_default TEXT NOT NULL DEFAULT '',
  id_prefix        TEXT NOT NULL UNIQUE CHECK (id_prefix GLOB '[A-Z]*' AND id_prefix NOT GLOB '*[^A-Z0-9]*'),
  levels           TEXT NOT NULL DEFAULT '[]',  -- JSON array of level names
  created_at       TEXT NOT NULL
);

CREATE TABLE initiatives (
  slug              TEXT PRIMARY KEY CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name              TEXT NOT NULL CHECK (length(name) > 0),
  legal_entity      TEXT NOT NULL DEFAULT '',
  kind              TEXT NOT NULL CHECK (kind IN ('cluster_initiative', 'state_network')),
  region            TEXT NOT NULL DEFAULT '',
  technology_fields TEXT NOT NULL DEFAULT '[]',  -- JSON array
  website           TEXT NOT NULL DEFAULT '',
  management_org    TEXT NOT NULL DEFAULT '',
  description       TEXT NOT NULL DEFAULT '',
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);

CREATE TABLE issuer_keys (
  key_id               TEXT PRIMARY KEY,
  public_key_multibase TEXT NOT NULL UNIQUE,
  private_key_file     TEXT NOT NULL,  -- relative to the data directory; never the key itself
  created_at           TEXT NOT NULL,
  retired_at           TEXT,
  compromised_at       TEXT
);

CREATE TABLE certificates (
  id                  TEXT PRIMARY KEY,
  initiative_slug     TEXT NOT NULL REFERENCES initiatives (slug),
  programme_code      TEXT NOT NULL REFERENCES programmes (code),
  award_year          INTEGER NOT NULL,
  sequence            INTEGER NOT NULL,
  level               TEXT NOT NULL DEFAULT '',
  assessed_on         TEXT NOT NULL DEFAULT '',
  assessor            TEXT NOT NULL DEFAULT '',
  board_decision_date TEXT NOT NULL DEFAULT '',
  board_decision_ref  TEXT NOT NULL DEFAULT '',
  valid_from          TEXT NOT NULL,
  valid_until         TEXT NOT NULL,
  issued_at           TEXT NOT NULL,
  issued_by           TEXT NOT NULL,
  supersedes          TEXT UNIQUE REFERENCES certificates (id),
  revocation_index    INTEGER NOT NULL,
  suspension_index    INTEGER NOT NULL,
  revoked_at          TEXT,
  revocation_reason   TEXT,
  suspended_at        TEXT,
  suspension_reason   TEXT,
  key_id              TEXT NOT NULL REFERENCES issuer_keys (key_id),
  credential_json     TEXT NOT NULL,
  credential_jws      TEXT NOT NULL,
  UNIQUE (programme_code, award_year, sequence),
  UNIQUE (programme_code, revocation_index),
  UNIQUE (programme_code, suspension_index),
  CHECK (valid_until > valid_from),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL)),
  CHECK ((suspended_at IS NULL) = (suspension_reason IS NULL))
);
CREATE INDEX certificates_by_initiative ON certificates (initiative_slug);

-- The signed BitstringStatusListCredential of each programme and purpose, re-signed in the
-- same transaction as every change of a bit.
CREATE TABLE status_lists (
  programme_code  TEXT NOT NULL REFERENCES programmes (code),
  purpose         TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
  length          INTEGER NOT NULL CHECK (length >= 131072),
  credential_json TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (programme_code, purpose)
);

CREATE TABLE status_events (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  certificate_id TEXT NOT NULL REFERENCES certificates (id),
  event          TEXT NOT NULL CHECK (event IN ('issued', 'suspended', 'reinstated', 'revoked')),
  at             TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  actor          TEXT NOT NULL
);
CREATE INDEX status_events_by_certificate ON status_events (certificate_id, seq);

CREATE TABLE audit_events (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  subject     TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT
);

-- History is append-only: the database itself refuses to rewrite it.
CREATE TRIGGER status_events_append_only_update BEFORE UPDATE ON status_events
BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
CREATE TRIGGER status_events_append_only_delete BEFORE DELETE ON status_events
BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
-- A signed credential is never rewritten.
CREATE TRIGGER certificates_credential_immutable BEFORE UPDATE OF credential_json, credential_jws,
  valid_from, valid_until, initiative_slug, programme_code, revocation_index, suspension_index ON certificates
BEGIN SELECT RAISE(ABORT, 'an issued certificate cannot be rewritten'); END;
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are never deleted'); END;
)sql",
      // 2: how many indexes each status list has handed out, so allocation does not count
      // the certificates table on every issue (quadratic at 100,000 certificates).
      R"sql(
ALTER TABLE status_lists ADD COLUMN allocated INTEGER NOT NULL DEFAULT 0;
UPDATE status_lists SET allocated =
  (SELECT COUNT(*) FROM certificates c WHERE c.programme_code = status_lists.programme_code);
)sql",
      // 3: staff accounts, sessions, API tokens, assessments and four-eyes proposals.
      R"sql(
CREATE TABLE users (
  username            TEXT PRIMARY KEY CHECK (length(username) BETWEEN 2 AND 64 AND
                        username GLOB '[a-z]*' AND username NOT GLOB '*[^a-z0-9._-]*'),
  display_name        TEXT NOT NULL CHECK (length(display_name) > 0),
  role                TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'issuer', 'admin')),
  password_hash       TEXT NOT NULL CHECK (password_hash GLOB '$argon2id$*'),  -- never the password
  created_at          TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  disabled_at         TEXT
);

-- A session is known by the SHA-256 of its cookie value; the value itself is never stored.
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  username    TEXT NOT NULL REFERENCES users (username),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  ended_at    TEXT
);
CREATE INDEX sessions_by_user ON sessions (username);

CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL CHECK (length(name) > 0),
  token_hash  TEXT NOT NULL UNIQUE,  -- SHA-256 of the token, shown once at creation
  role        TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'issuer', 'admin')),
  created_by  TEXT NOT NULL REFERENCES users (username),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  revoked_at  TEXT
);

-- An external assessment and the advisory board's decision that a certificate rests on.
CREATE TABLE assessments (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  initiative_slug     TEXT NOT NULL REFERENCES initiatives (slug),
  programme_code      TEXT NOT NULL REFERENCES programmes (code),
  assessor            TEXT NOT NULL CHECK (length(assessor) > 0),
  assessed_from       TEXT NOT NULL,
  assessed_on         TEXT NOT NULL,
  level               TEXT NOT NULL DEFAULT '',
  score               TEXT NOT NULL DEFAULT '',
  score_public        INTEGER NOT NULL DEFAULT 0 CHECK (score_public IN (0, 1)),
  board_decision_date TEXT NOT NULL DEFAULT '',
  board_decision_ref  TEXT NOT NULL DEFAULT '',
  recorded_by         TEXT NOT NULL,
  recorded_at         TEXT NOT NULL,
  CHECK (assessed_on >= assessed_from)
);
CREATE INDEX assessments_by_initiative ON assessments (initiative_slug);

-- Four-eyes issuance: one issuer proposes, a different one decides. `renews` names the
-- certificate a re-certification supersedes.
CREATE TABLE proposals (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  assessment_id  INTEGER NOT NULL REFERENCES assessments (id),
  renews         TEXT REFERENCES certificates (id),
  valid_from     TEXT NOT NULL,
  valid_until    TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',
  proposed_by    TEXT NOT NULL,
  proposed_at    TEXT NOT NULL,
  decision       TEXT CHECK (decision IN ('approved', 'rejected')),
  decided_by     TEXT,
  decided_at     TEXT,
  decision_note  TEXT NOT NULL DEFAULT '',
  certificate_id TEXT REFERENCES certificates (id),
  CHECK (valid_until > valid_from),
  CHECK ((decision IS NULL) = (decided_by IS NULL))
);

ALTER TABLE programmes ADD COLUMN four_eyes INTEGER NOT NULL DEFAULT 1 CHECK (four_eyes IN (0, 1));

-- The four-eyes rule holds in the database too: a proposer never approves its own proposal
-- in a programme that requires two people, and a decision is final.
CREATE TRIGGER proposals_four_eyes BEFORE UPDATE OF decided_by ON proposals
WHEN NEW.decided_by = NEW.proposed_by AND NEW.decision = 'approved' AND
  (SELECT p.four_eyes FROM assessments a JOIN programmes p ON p.code = a.programme_code
   WHERE a.id = NEW.assessment_id) = 1
BEGIN SELECT RAISE(ABORT, 'four-eyes principle: the proposer cannot approve its own proposal'); END;
CREATE TRIGGER proposals_decided_final BEFORE UPDATE ON proposals
WHEN OLD.decision IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a decided proposal cannot be changed'); END;
CREATE TRIGGER proposals_no_delete BEFORE DELETE ON proposals
BEGIN SELECT RAISE(ABORT, 'proposals are never deleted'); END;
)sql",
      // 4: the transparency log. Entries and nodes are appended in the transaction of the
      // change they record. Checkpoints are not stored: a tree head is signed when it is read,
      // and Ed25519 being deterministic, every signing of one tree gives the same note.
      R"sql(
CREATE TABLE log_entries (
  idx            INTEGER PRIMARY KEY CHECK (idx >= 0),
  certificate_id TEXT,
  leaf           TEXT NOT NULL,  -- JCS bytes of the signed event record
  -- The hashes of the perfect subtrees this leaf completes: its own leaf hash (level 0),
  -- then one more for each level whose right edge it closes (as many as idx has trailing
  -- one bits). So the node at level l, index j is in entry ((j + 1) << l) - 1, and the tree
  -- needs no table of its own.
  nodes          BLOB NOT NULL CHECK (length(nodes) >= 32 AND length(nodes) % 32 = 0)
);
CREATE INDEX log_entries_by_certificate ON log_entries (certificate_id)
  WHERE certificate_id IS NOT NULL;

-- What the log records of each credential, computed when it is signed (older ones: NULL,
-- and the log computes it from credential_json and credential_jws).
ALTER TABLE certificates ADD COLUMN credential_sha256 TEXT;
ALTER TABLE certificates ADD COLUMN jws_sha256 TEXT;

-- How far the log has read its sources: the newest status_events.seq and audit_events.seq
-- already considered. Kept in the row every public write updates anyway.
ALTER TABLE generation ADD COLUMN log_status_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE generation ADD COLUMN log_audit_seq INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER log_entries_append_only_update BEFORE UPDATE ON log_entries
BEGIN SELECT RAISE(ABORT, 'the transparency log is append-only'); END;
CREATE TRIGGER log_entries_append_only_delete BEFORE DELETE ON log_entries
BEGIN SELECT RAISE(ABORT, 'the transparency log is append-only'); END;
)sql",
      // 5: the log finds key events through an index of their own, so that a write reads
      // no audit row it will not log. From now on generation.log_audit_seq is the newest key
      // event logged (the audit rows after it that are not key events are never looked at).
      R"sql(
CREATE INDEX audit_events_key_events ON audit_events (seq)
  WHERE action IN ('registry.init', 'key.rotate', 'key.compromise');
)sql",
      // 6: each certificate event's entry names the status_events row it records. The log
      // appends those rows in their order, so status_seq rises with idx and a certificate's
      // entries are found by binary search over the primary key from its status events, with
      // no index that every issuance would write one more page of. Entries written before
      // keep an index of their own (it receives no new rows).
      R"sql(
DROP INDEX log_entries_by_certificate;
ALTER TABLE log_entries ADD COLUMN status_seq INTEGER;
CREATE INDEX log_entries_before_6_by_certificate ON log_entries (certificate_id)
  WHERE certificate_id IS NOT NULL AND status_seq IS NULL;
)sql",
      // 7: four eyes for the staff side. Who made an account, who gave it its role and who
      // set its password: an approval by an account the proposer controls is refused. Staff
      // changes that need a second administrator wait here: an account with the role issuer or
      // admin, a raised role, four-eyes switched off.
      R"sql(
ALTER TABLE users ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN role_granted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN password_set_by TEXT NOT NULL DEFAULT '';
-- A token the operator made at the shell for a user is held by the operator, not the user:
-- it never counts as that user's second pair of eyes.
ALTER TABLE api_tokens ADD COLUMN held_by TEXT NOT NULL DEFAULT '';

CREATE TABLE staff_changes (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('user.add', 'user.role', 'programme.four_eyes_off')),
  subject     TEXT NOT NULL,  -- a username or a programme code
  details     TEXT NOT NULL,  -- JSON: the role, the display name, the password's hash
  proposed_by TEXT NOT NULL,  -- the person: a username, or cli:NAME for the shell
  proposed_at TEXT NOT NULL,
  decision    TEXT CHECK (decision IN ('approved', 'rejected')),
  decided_by  TEXT,
  decided_at  TEXT,
  CHECK ((decision IS NULL) = (decided_by IS NULL))
);
CREATE TRIGGER staff_changes_four_eyes BEFORE UPDATE OF decided_by ON staff_changes
WHEN NEW.decided_by = NEW.proposed_by AND NEW.decision = 'approved'
BEGIN SELECT RAISE(ABORT, 'four-eyes principle: the proposer cannot approve its own change'); END;
CREATE TRIGGER staff_changes_decided_final BEFORE UPDATE ON staff_changes
WHEN OLD.decision IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a decided staff change cannot be changed'); END;
CREATE TRIGGER staff_changes_no_delete BEFORE DELETE ON staff_changes
BEGIN SELECT RAISE(ABORT, 'staff changes are never deleted'); END;
)sql",
      // 8: registry-wide reads that stay cheap at 100,000 certificates. A full-text index of
      // what the public search looks in (the certificate number, the holder's name and legal
      // entity), with trigrams so that any piece of three characters or more is found, as the
      // substring search before it found it; kept current by triggers, so no write path can
      // forget it. Its rows are found by certificate id, not by rowid: VACUUM may renumber the
      // rowids of a table without an INTEGER PRIMARY KEY.
      R"sql(
CREATE VIRTUAL TABLE certificate_search USING fts5(id, holder, legal_entity, tokenize = 'trigram');
INSERT INTO certificate_search (id, holder, legal_entity)
  SELECT c.id, i.name, i.legal_entity FROM certificates c JOIN initiatives i ON i.slug = c.initiative_slug;
CREATE TRIGGER certificate_search_on_issue AFTER INSERT ON certificates
BEGIN
  INSERT INTO certificate_search (id, holder, legal_entity)
    SELECT NEW.id, i.name, i.legal_entity FROM initiatives i WHERE i.slug = NEW.initiative_slug;
END;
CREATE TRIGGER certificate_search_on_rename AFTER UPDATE OF name, legal_entity ON initiatives
BEGIN
  DELETE FROM certificate_search
    WHERE id IN (SELECT c.id FROM certificates c WHERE c.initiative_slug = NEW.slug);
  INSERT INTO certificate_search (id, holder, legal_entity)
    SELECT c.id, NEW.name, NEW.legal_entity FROM certificates c WHERE c.initiative_slug = NEW.slug;
END;
-- Every list's order, with what a certificate's status now depends on: counts and status
-- filters read this index alone, never the rows with their credentials (kilobytes each).
CREATE INDEX certificates_in_issue_order ON certificates
  (issued_at, id, valid_from, valid_until, revoked_at, suspended_at, initiative_slug, programme_code);
)sql",
      // 9: the suspension list marks revoked certificates too (the Open Badges 3.0 form of a
      // credential carries only its suspension entry). A stored list dated before is due, so
      // the next refresh (siegel serve runs
      // it periodically) signs it again from the records.
      R"sql(
UPDATE status_lists SET updated_at = '1970-01-01T00:00:00Z' WHERE purpose = 'suspension';
)sql",
      // 10: how printed certificates present their issuer (registry/certificate_designs.h): one
      // row for the registry (scope '') and one per programme that differs.
      R"sql(
CREATE TABLE IF NOT EXISTS certificate_design (
  scope          TEXT PRIMARY KEY,  -- '' for the registry, or a programme's code
  place          TEXT NOT NULL,
  signatory_name TEXT NOT NULL,
  signatory_role TEXT NOT NULL,
  logo_png       BLOB,
  seal_png       BLOB,
  updated_at     TEXT NOT NULL
);
)sql",
      // 11: each account's language for the staff pages (German unless changed) and an
      // e-mail address for reminders.
      R"sql(
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'de';
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
)sql",
      // 12: staff-only notes on initiatives (registry/initiative_notes.h), append-only.
      R"sql(
CREATE TABLE IF NOT EXISTS initiative_notes (
  id              INTEGER PRIMARY KEY,
  initiative_slug TEXT NOT NULL REFERENCES initiatives (slug),
  text            TEXT NOT NULL,
  written_by      TEXT NOT NULL,
  written_at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS initiative_notes_by_initiative
  ON initiative_notes (initiative_slug, id);
CREATE TRIGGER IF NOT EXISTS initiative_notes_are_kept BEFORE UPDATE ON initiative_notes
BEGIN SELECT RAISE(ABORT, 'notes are kept as written; add a new note instead'); END;
CREATE TRIGGER IF NOT EXISTS initiative_notes_stay BEFORE DELETE ON initiative_notes
BEGIN SELECT RAISE(ABORT, 'notes are kept as written; add a new note instead'); END;
)sql",
      // 13: an initiative's contact address for reminders and notices (staff-only).
      R"sql(
ALTER TABLE initiatives ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';
)sql",
      // 14: e-mail reminders and status notices (registry/mail_queue.h). One row per message
      // and recipient; an occasion reaches a recipient once. Status changes before this
      // migration are not announced: the notices start with the next one.
      R"sql(
CREATE TABLE IF NOT EXISTS mail_queue (
  id              INTEGER PRIMARY KEY,
  occasion        TEXT NOT NULL,  -- "reminder:CEBW-2026-0008:30", "status:41"
  certificate_id  TEXT NOT NULL REFERENCES certificates (id),
  recipient       TEXT NOT NULL,
  recipient_kind  TEXT NOT NULL CHECK (recipient_kind IN ('contact', 'staff')),
  language        TEXT NOT NULL CHECK (language IN ('de', 'en')),
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  queued_at       TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_at      TEXT,  -- a sender is talking to the mail server about it
  last_error      TEXT NOT NULL DEFAULT '',
  sent_at         TEXT,
  given_up_at     TEXT,
  UNIQUE (occasion, recipient)
);
CREATE INDEX IF NOT EXISTS mail_queue_waiting ON mail_queue (next_attempt_at)
  WHERE sent_at IS NULL AND given_up_at IS NULL;
CREATE TRIGGER IF NOT EXISTS mail_queue_sent_is_final BEFORE UPDATE ON mail_queue
WHEN OLD.sent_at IS NOT NULL OR OLD.given_up_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a sent or abandoned e-mail is not sent again'); END;
CREATE TRIGGER IF NOT EXISTS mail_queue_kept BEFORE DELETE ON mail_queue
BEGIN SELECT RAISE(ABORT, 'the mail queue is kept as a record of what was sent'); END;
CREATE TABLE IF NOT EXISTS mail_progress (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  status_seq INTEGER NOT NULL  -- the last status event whose notices were queued
);
INSERT OR IGNORE INTO mail_progress (id, status_seq)
  SELECT 1, COALESCE(MAX(seq), 0) FROM status_events;
)sql",
      // 15: a proposal may replace a certificate issued with a wrong detail
      // (registry/workflow.h, Proposal::replaces).
      R"sql(
ALTER TABLE proposals ADD COLUMN replaces TEXT REFERENCES certificates (id);
)sql",
      // 16: the set bits of a status list, read at every status change, come from the few
      // withheld certificates alone: through the programme's index SQLite read every
      // certificate's row, 0.37 s of a revocation at 100,000 certificates.
      R"sql(
CREATE INDEX IF NOT EXISTS certificates_revoked ON certificates (programme_code, revocation_index)
  WHERE revoked_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS certificates_withheld ON certificates (programme_code, suspension_index)
  WHERE suspended_at IS NOT NULL OR revoked_at IS NOT NULL;
)sql",
  };
  return kMigrations;
}

}  // namespace siegel
