-- habeas: derived state unchanged
-- Full-text search (see package search): each public or internal case,
-- event and post keeps its words as their sounds, so spelling, script and
-- diacritics do not matter; the rowid is the record's id. Confidential
-- records are never indexed: their text is sealed. A search checks the
-- visibility of the record and of what it belongs to against the live
-- rows, so the index holds no visibility of its own. The migration fills
-- the index (see fillSearchIndex) and every write keeps it, in its own
-- transaction.
CREATE VIRTUAL TABLE search_cases USING fts5(sounds, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE search_events USING fts5(sounds, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE search_posts USING fts5(sounds, tokenize = 'unicode61 remove_diacritics 2');
-- Deleting a row removes its words from the index at once, not at some
-- later merge of the index's segments: the words of text sealed since
-- must not stay readable in the file.
INSERT INTO search_cases (search_cases, rank) VALUES ('secure-delete', 1);
INSERT INTO search_events (search_events, rank) VALUES ('secure-delete', 1);
INSERT INTO search_posts (search_posts, rank) VALUES ('secure-delete', 1);
