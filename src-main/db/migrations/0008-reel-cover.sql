-- A Reel's cover (JSON): a moment of the video `{ "offsetMs": n }` or a photo from the media library `{ "mediaId": "…" }`.
ALTER TABLE posts ADD COLUMN reel_cover TEXT;
