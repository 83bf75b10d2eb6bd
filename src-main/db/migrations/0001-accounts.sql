-- Accounts: what Postdeck knows about each connected Instagram professional account. No token here.
CREATE TABLE accounts (
  id                TEXT PRIMARY KEY,
  environment       TEXT NOT NULL CHECK (environment IN ('sandbox', 'live')),
  ig_user_id        TEXT NOT NULL,
  app_scoped_id     TEXT,
  username          TEXT NOT NULL,
  name              TEXT,
  account_type      TEXT NOT NULL,
  picture_url       TEXT,
  scopes            TEXT NOT NULL,
  consent_at        INTEGER NOT NULL,
  connected_at      INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  token_issued_at   INTEGER NOT NULL,
  token_expires_at  INTEGER NOT NULL,
  last_refresh_at   INTEGER,
  health_state      TEXT NOT NULL DEFAULT 'healthy',
  health_reason     TEXT,
  health_checked_at INTEGER,
  health_notified   INTEGER NOT NULL DEFAULT 0,
  refresh_failures  INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   INTEGER,
  UNIQUE (environment, ig_user_id)
);

-- Sealed secrets (DESIGN.md §4). Deleting a row destroys the only copy of its data key.
CREATE TABLE secrets (
  owner_id     TEXT NOT NULL,
  purpose      TEXT NOT NULL,
  key_version  INTEGER NOT NULL,
  wrapped_key  BLOB NOT NULL,
  nonce        BLOB NOT NULL,
  ciphertext   BLOB NOT NULL,
  tag          BLOB NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (owner_id, purpose)
);

-- The vault's master key, only in the form its KeyProtector produced.
CREATE TABLE vault_keys (
  version        INTEGER PRIMARY KEY,
  protector      TEXT NOT NULL,
  backend        TEXT NOT NULL,
  protected_key  BLOB NOT NULL,
  created_at     INTEGER NOT NULL
);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
