-- Whether a case's days without news are an "at least" figure: the last
-- news is known only roughly ("around 7 May", "May 2025"), so p_last_news,
-- the latest day it may be, gives the fewest days the silence may have
-- lasted. The people lists say "at least", as the person page does.
-- Without the "derived state unchanged" mark, the store derives every case
-- again after this migration, and lists everyone again.
ALTER TABLE cases ADD COLUMN p_news_vague INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person_list ADD COLUMN news_vague INTEGER NOT NULL DEFAULT 0;
