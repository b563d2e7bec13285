-- What the public timeline says of a hunger strike, for counting without
-- reading every timeline.
ALTER TABLE cases ADD COLUMN p_hunger_since TEXT NOT NULL DEFAULT '';
