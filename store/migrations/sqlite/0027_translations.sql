-- Biographies and descriptions carry their language and translations, as
-- one JSON object: {"lang": "en", "texts": {"ru": "…"}}; '' when there is
-- none. Sealed with the rest of a confidential record. Places get a
-- description of their own.
ALTER TABLE people ADD COLUMN bio_translations TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN description_translations TEXT NOT NULL DEFAULT '';
ALTER TABLE facilities ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE facilities ADD COLUMN description_translations TEXT NOT NULL DEFAULT '';
