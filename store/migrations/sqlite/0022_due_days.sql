-- habeas: derived state unchanged
-- The day an answer to an intervention is due, as an ISO date: its own due
-- day, else the day it was sent plus the days its recipient has to answer
-- (alerts.DueOf, under the case's thresholds); '' when it awaits none. The
-- silence clock keeps it current; the workspace lists what is due by it.
ALTER TABLE interventions ADD COLUMN due_day TEXT NOT NULL DEFAULT '';
CREATE INDEX interventions_due_day ON interventions (due_day) WHERE due_day <> '';
