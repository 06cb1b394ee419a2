// Stop experiment $key (status 'stopped', or 'promoted' with the winning variant $winner when one is given); returns its key and status before, or nothing when there is no such experiment.
MATCH (e:Experiment {key: $key})
WITH e, e.status AS before
SET e.status = CASE WHEN $winner IS NULL THEN CASE WHEN before = 'promoted' THEN before ELSE 'stopped' END ELSE 'promoted' END,
    e.stop = coalesce(e.stop, datetime()),
    e.winner = coalesce($winner, e.winner)
RETURN e.key AS key, before, e.status AS status
