-- habeas: derived state unchanged
-- The instance's own alert thresholds, set by an admin over the built-in
-- defaults (a case's own, in alert_thresholds, go over these); and the mark
-- of the sweep that last brought each case up to date: the day, and what
-- the rules ran with (store.sweepMark). Within one day the rules and the
-- derived columns are functions of what is written, and every write brings
-- the cases it changes up to date itself: a sweep passes over the cases
-- that hold its mark. A new day, an upgrade or new thresholds change the
-- mark, and the next sweep runs the rules on every case.
CREATE TABLE instance_thresholds (
    id         SMALLINT NOT NULL PRIMARY KEY CHECK (id = 1),
    thresholds TEXT    NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
ALTER TABLE cases ADD COLUMN swept_day TEXT NOT NULL DEFAULT '';
