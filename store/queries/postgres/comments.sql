-- name: PruneInputLimits
-- The hours that are over, but not the rows another server's write holds
-- (it is pruning them, or counting in them): two writers never wait for
-- each other here, so they cannot deadlock on the rows they delete.
DELETE FROM input_limits WHERE slot IN (
    SELECT slot FROM input_limits WHERE expires <= $1 FOR UPDATE SKIP LOCKED);
