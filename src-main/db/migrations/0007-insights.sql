-- Insights (issue 11). Each row is the latest fetch, replaced whole on the next one, so figures never add up
-- twice. `metrics`/`totals` are JSON objects whose null values mean "no data".
CREATE TABLE media_insights (
  account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  ig_media_id  TEXT NOT NULL,
  media_type   TEXT NOT NULL,
  metrics      TEXT NOT NULL,
  no_insights  TEXT CHECK (no_insights IN ('not_enough_viewers', 'carousel_item')),
  fetched_at   INTEGER NOT NULL,
  PRIMARY KEY (account_id, ig_media_id)
);
CREATE TABLE account_insights (
  account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  days         INTEGER NOT NULL CHECK (days IN (7, 30, 90)),
  totals       TEXT NOT NULL,
  fetched_at   INTEGER NOT NULL,
  PRIMARY KEY (account_id, days)
);
-- One value per account, series and UTC day: reach from Instagram's daily series, followers as counted at
-- the day's last check (Instagram keeps no history of followers_count).
CREATE TABLE account_daily (
  account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  series       TEXT NOT NULL CHECK (series IN ('reach', 'followers')),
  date         TEXT NOT NULL,
  value        INTEGER NOT NULL,
  fetched_at   INTEGER NOT NULL,
  PRIMARY KEY (account_id, series, date)
);
