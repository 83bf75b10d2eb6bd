-- When Instagram refused a reply because its 24-hour window had closed (Postdeck's clock may disagree with
-- Instagram's): the conversation stays closed from that time until the person writes again, which clears it.
ALTER TABLE conversations ADD COLUMN reply_closed_at TEXT;
