-- A draft can be an idea: a caption with no account yet (account_id NULL) and no media. Each post also gets a
-- version, grown by every change, so an editor that opened an older version is told instead of overwriting it.
-- SQLite cannot drop NOT NULL in place, so posts is rebuilt. Its attempts move to a new table first: dropping
-- a table that publish_attempts still refers to would cascade and delete them. The renames then point
-- publish_attempts' foreign key at the new posts.
CREATE TABLE posts_next (
  id                 TEXT PRIMARY KEY,
  account_id         TEXT REFERENCES accounts (id) ON DELETE CASCADE,
  environment        TEXT NOT NULL CHECK (environment IN ('sandbox', 'live')),
  kind               TEXT NOT NULL CHECK (kind IN ('image', 'reel', 'carousel', 'story')),
  caption            TEXT NOT NULL,
  media              TEXT NOT NULL,
  alt_text           TEXT,
  first_comment      TEXT,
  mode               TEXT NOT NULL CHECK (mode IN ('automatic', 'manual', 'remind')),
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
  updated_at         INTEGER NOT NULL,
  reel_cover         TEXT,
  collaborators      TEXT NOT NULL DEFAULT '[]',
  user_tags          TEXT NOT NULL DEFAULT '[]',
  share_to_feed      INTEGER NOT NULL DEFAULT 1 CHECK (share_to_feed IN (0, 1)),
  audio_name         TEXT,
  trial_reel         TEXT CHECK (trial_reel IN ('manual', 'performance')),
  version            INTEGER NOT NULL DEFAULT 1,
  -- Only a draft may lack an account.
  CHECK (account_id IS NOT NULL OR status = 'draft')
);
INSERT INTO posts_next (id, account_id, environment, kind, caption, media, alt_text, first_comment, mode, status, pending_reason,
  scheduled_at, step, container_id, children, hosted, publish_requested_at, published_at, ig_media_id, permalink, error, retry_at,
  first_comment_error, created_at, updated_at, reel_cover, collaborators, user_tags, share_to_feed, audio_name, trial_reel)
SELECT id, account_id, environment, kind, caption, media, alt_text, first_comment, mode, status, pending_reason,
  scheduled_at, step, container_id, children, hosted, publish_requested_at, published_at, ig_media_id, permalink, error, retry_at,
  first_comment_error, created_at, updated_at, reel_cover, collaborators, user_tags, share_to_feed, audio_name, trial_reel
FROM posts ORDER BY rowid;

CREATE TABLE publish_attempts_next (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  post_id     TEXT NOT NULL REFERENCES posts_next (id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  step        TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  detail      TEXT NOT NULL,
  ig_code     INTEGER,
  ig_subcode  INTEGER
);
INSERT INTO publish_attempts_next (id, post_id, at, step, outcome, detail, ig_code, ig_subcode)
SELECT id, post_id, at, step, outcome, detail, ig_code, ig_subcode FROM publish_attempts ORDER BY id;

DROP TABLE publish_attempts;
DROP TABLE posts;
ALTER TABLE posts_next RENAME TO posts;
ALTER TABLE publish_attempts_next RENAME TO publish_attempts;
CREATE INDEX posts_by_status ON posts (status, scheduled_at);
CREATE INDEX posts_by_account ON posts (account_id);
CREATE INDEX publish_attempts_by_post ON publish_attempts (post_id, id);
