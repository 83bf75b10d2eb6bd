-- The profile's followers and media counts as Instagram last reported them (at connect and at each check); NULL until then.
ALTER TABLE accounts ADD COLUMN followers_count INTEGER;
ALTER TABLE accounts ADD COLUMN media_count INTEGER;
