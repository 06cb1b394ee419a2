// Create experiment $key on surface $surface, running from now, unless one with that key exists or another experiment is already running on the surface; returns the experiment, or the reason it was not created.
// catalog cache: unaffected (served lists and experiments change no catalog read)
OPTIONAL MATCH (same:Experiment {key: $key})
OPTIONAL MATCH (busy:Experiment {surface: $surface, status: 'running'})
WITH same, busy
OPTIONAL CALL (same, busy) {
  WITH same, busy WHERE same IS NULL AND busy IS NULL
  CREATE (e:Experiment {key: $key, surface: $surface, unitType: $unit_type, status: 'running',
                        start: datetime(), stop: null, variants: $variants, winner: null})
  RETURN e
}
RETURN e.key AS key, same.key AS exists, busy.key AS running
