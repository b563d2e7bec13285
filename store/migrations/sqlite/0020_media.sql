-- habeas: derived state unchanged
-- Evidence files (docs/media.md): one row per file in media, and its bytes
-- in media_blobs, one row per variant: the original byte for byte, and for
-- an image the working, large and small copies made without metadata. The
-- bytes of a confidential file are sealed (data_sealed, bound to the file
-- and the variant), the others in clear (data): exactly one of them is set.
-- Filename, alt and caption are sealed text for a confidential file.
CREATE TABLE media (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256       TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    filename     TEXT    NOT NULL DEFAULT '',
    width        INTEGER NOT NULL DEFAULT 0,
    height       INTEGER NOT NULL DEFAULT 0,
    alt          TEXT    NOT NULL DEFAULT '',
    caption      TEXT    NOT NULL DEFAULT '',
    uploaded_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    visibility   INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX media_sha256 ON media (sha256);

CREATE TABLE media_blobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    media_id     INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    variant      TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    width        INTEGER NOT NULL DEFAULT 0,
    height       INTEGER NOT NULL DEFAULT 0,
    size         INTEGER NOT NULL,
    data         BLOB,
    data_sealed  BLOB,
    CHECK ((data IS NULL) <> (data_sealed IS NULL)),
    UNIQUE (media_id, variant)
);

-- A person's photo, from the media store; shown to a reader who may see
-- the file.
ALTER TABLE people ADD COLUMN photo_media_id INTEGER REFERENCES media (id) ON DELETE RESTRICT;
CREATE INDEX people_photo ON people (photo_media_id) WHERE photo_media_id IS NOT NULL;
