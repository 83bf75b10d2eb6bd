-- Comments inbox (issue 11). One row per Instagram comment id: a re-poll updates the row, never adds one.
-- `parent_id` is the top-level comment a reply answers; `read` is Postdeck's own (Instagram has no such thing).
CREATE TABLE comments (
  id           TEXT PRIMARY KEY,
  account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  ig_media_id  TEXT NOT NULL,
  parent_id    TEXT,
  text         TEXT NOT NULL,
  username     TEXT NOT NULL,
  timestamp    TEXT NOT NULL,
  hidden       INTEGER NOT NULL DEFAULT 0,
  read         INTEGER NOT NULL DEFAULT 0,
  fetched_at   INTEGER NOT NULL
);
CREATE INDEX comments_by_account ON comments (account_id, timestamp DESC);
CREATE INDEX comments_by_media ON comments (ig_media_id);
CREATE INDEX comments_by_parent ON comments (parent_id);
-- The media a poll found, for the inbox's thumbnail and caption and whether comments are on.
CREATE TABLE comment_media (
  ig_media_id      TEXT PRIMARY KEY,
  account_id       TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  caption          TEXT,
  thumbnail_url    TEXT,
  permalink        TEXT,
  timestamp        TEXT,
  comments_enabled INTEGER NOT NULL DEFAULT 1
);
