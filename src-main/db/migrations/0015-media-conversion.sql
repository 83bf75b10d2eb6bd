-- A video Instagram would refuse as it is gets converted: why, to what, and (once done) the converted file in the
-- media folder or why it failed, as JSON; NULL for photos and for videos Instagram takes as they are.
ALTER TABLE media ADD COLUMN conversion TEXT;
