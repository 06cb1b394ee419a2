// Stop experiment $key: status 'stopped' (a promoted one withdraws its winner, so recommendations return to the active model), or 'promoted' with the winning variant $winner when one is given; returns its key and status before, or nothing when there is no such experiment.
// catalog cache: unaffected (served lists and experiments change no catalog read)
MATCH (e:Experiment {key: $key})
WITH e, e.status AS before
SET e.status = CASE WHEN $winner IS NULL THEN 'stopped' ELSE 'promoted' END,
    e.stop = coalesce(e.stop, datetime()),
    e.winner = coalesce($winner, e.winner)
RETURN e.key AS key, before, e.status AS status
