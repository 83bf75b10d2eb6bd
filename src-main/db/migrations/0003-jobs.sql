-- Every future action (publish at a slot, poll a container, retry after backoff) is a row here, so it
-- survives restarts; the runner arms one timer for the earliest due row (DESIGN.md §7).
CREATE TABLE jobs (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  -- What the job is about, e.g. 'publish:<postId>': one pending job per key.
  key          TEXT NOT NULL UNIQUE,
  -- The Instagram the job talks to, fixed when it is scheduled; the runner runs only its own mode's jobs.
  environment  TEXT NOT NULL CHECK (environment IN ('sandbox', 'live')),
  due_at       INTEGER NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  payload      TEXT NOT NULL,
  last_error   TEXT,
  -- 'parked': a row the runner cannot run (unreadable payload, unknown kind); kept for the user to see.
  state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'parked')),
  -- Bumped by every schedule: a run that finishes after its job was rescheduled leaves the new schedule alone.
  revision     INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

CREATE INDEX jobs_due ON jobs (environment, due_at) WHERE state = 'pending';
