-- An account's sealed secrets belong to the account: deleting the row deletes them, and a secret for an
-- account that no longer exists cannot be written (a refresh that finishes after a disconnect stores
-- nothing). The app's own secrets (the Instagram App secret in Settings) move to a table of their own.
CREATE TABLE app_secrets (
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

-- 'app' is the only owner of app secrets so far (settings/service.ts); tokens of accounts already gone are dropped.
INSERT INTO app_secrets SELECT * FROM secrets WHERE owner_id = 'app';

CREATE TABLE account_secrets (
  owner_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  purpose      TEXT NOT NULL,
  key_version  INTEGER NOT NULL,
  wrapped_key  BLOB NOT NULL,
  nonce        BLOB NOT NULL,
  ciphertext   BLOB NOT NULL,
  tag          BLOB NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (owner_id, purpose)
);

INSERT INTO account_secrets SELECT * FROM secrets WHERE owner_id IN (SELECT id FROM accounts);

DROP TABLE secrets;
ALTER TABLE account_secrets RENAME TO secrets;
