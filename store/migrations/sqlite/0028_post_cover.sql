-- A post's cover can be an image of the media store: shown only while the
-- file is public, and a file a post uses cannot be deleted.
ALTER TABLE posts ADD COLUMN cover_media_id INTEGER REFERENCES media (id) ON DELETE RESTRICT;
CREATE INDEX posts_cover ON posts (cover_media_id) WHERE cover_media_id IS NOT NULL;
