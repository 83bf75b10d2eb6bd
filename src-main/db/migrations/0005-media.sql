-- Photos and videos copied into Postdeck's media folder (src-main/media/library.ts). The user's own
-- file is never moved; `stored_file` is the copy's name inside <dataDir>/media.
CREATE TABLE media (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('image', 'video')),
  original_name  TEXT NOT NULL,
  stored_file    TEXT NOT NULL UNIQUE,
  mime           TEXT NOT NULL,
  width          INTEGER NOT NULL,
  height         INTEGER NOT NULL,
  bytes          INTEGER NOT NULL,
  duration_ms    INTEGER,
  codec          TEXT,
  -- JSON array of Problem (src-shared/publishingRules.ts) found on import.
  warnings       TEXT NOT NULL DEFAULT '[]',
  created_at     INTEGER NOT NULL
);
