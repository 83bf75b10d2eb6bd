-- Each account's default publishing mode: automatic (publish at the slot) or manual (wait for approval).
ALTER TABLE accounts ADD COLUMN default_mode TEXT NOT NULL DEFAULT 'automatic' CHECK (default_mode IN ('automatic', 'manual'));
