-- Posts (DESIGN.md §7). `step` is the publishing state machine's persisted position; each step is
-- written before the request that follows it, so a restart resumes from it without publishing twice.
CREATE TABLE posts (
  id                 TEXT PRIMARY KEY,
  account_id         TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  environment        TEXT NOT NULL CHECK (environment IN ('sandbox', 'live')),
  kind               TEXT NOT NULL CHECK (kind IN ('image', 'reel', 'carousel')),
  caption            TEXT NOT NULL,
  media              TEXT NOT NULL,
  alt_text           TEXT,
  first_comment      TEXT,
  mode               TEXT NOT NULL CHECK (mode IN ('automatic', 'manual')),
  status             TEXT NOT NULL,
  pending_reason     TEXT,
  scheduled_at       INTEGER,
  step               TEXT,
  container_id       TEXT,
  children           TEXT,
  hosted             TEXT,
  publish_requested_at INTEGER,
  published_at       INTEGER,
  ig_media_id        TEXT,
  permalink          TEXT,
  error              TEXT,
  retry_at           INTEGER,
  first_comment_error TEXT,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);
CREATE INDEX posts_by_status ON posts (status, scheduled_at);
CREATE INDEX posts_by_account ON posts (account_id);

CREATE TABLE publish_attempts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  post_id     TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  step        TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  detail      TEXT NOT NULL,
  ig_code     INTEGER,
  ig_subcode  INTEGER
);
CREATE INDEX publish_attempts_by_post ON publish_attempts (post_id, id);
