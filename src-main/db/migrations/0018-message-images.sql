-- A picture the account sent by its public https link (Instagram fetches it from there); NULL for text.
ALTER TABLE direct_messages ADD COLUMN image_url TEXT;
