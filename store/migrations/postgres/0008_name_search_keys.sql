-- habeas: derived state unchanged
-- Name search at 100,000 people. name_keys gains pair keys (two words of a
-- name) and one-word keys, which few names share, beside the single-word
-- keys a common surname shares with thousands (see docs/names.md):
-- habeas rebuilds every stored name's keys right after this migration, in
-- its transaction, because the keys are computed by the names package.
-- name_words holds the sound classes of each word of a name that is not
-- confidential, for search by the beginning of a word in any script
-- (Mustafa, Мустаф). The word is compared byte by byte, so that a prefix
-- is a range of the primary key in every collation.
CREATE TABLE name_words (
    word       TEXT COLLATE "C" NOT NULL,
    person_id  BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    visibility SMALLINT NOT NULL,
    PRIMARY KEY (word, visibility, person_id)
);
CREATE INDEX name_words_person ON name_words (person_id, visibility, word);
DELETE FROM name_keys;
