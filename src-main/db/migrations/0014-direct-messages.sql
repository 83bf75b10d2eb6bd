-- Direct messages, opt-in per account. `messages_enabled` is the user's choice (kept apart from the granted
-- scopes: turning messages off cannot take the permission back at Instagram).
ALTER TABLE accounts ADD COLUMN messages_enabled INTEGER NOT NULL DEFAULT 0;
-- One row per Instagram conversation. `last_incoming_at` (the other person's newest message) opens the
-- 24-hour reply window; `read_through` is Postdeck's own read mark: the newest incoming time the user saw.
CREATE TABLE conversations (
  id               TEXT PRIMARY KEY,
  account_id       TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  other_id         TEXT NOT NULL,
  username         TEXT NOT NULL,
  picture_url      TEXT,
  last_message_at  TEXT NOT NULL,
  last_incoming_at TEXT,
  read_through     TEXT,
  fetched_at       INTEGER NOT NULL
);
CREATE INDEX conversations_by_account ON conversations (account_id, last_message_at DESC);
CREATE TABLE direct_messages (
  id              TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  account_id      TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  from_me         INTEGER NOT NULL,
  text            TEXT NOT NULL,
  at              TEXT NOT NULL
);
CREATE INDEX direct_messages_by_conversation ON direct_messages (conversation_id, at);
-- Private replies sent to comments (Instagram takes one per comment): Postdeck's own record, so "Reply
-- privately" can say it was used. It holds no one else's words.
CREATE TABLE private_replies (
  comment_id      TEXT PRIMARY KEY,
  account_id      TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  sent_at         INTEGER NOT NULL
);
