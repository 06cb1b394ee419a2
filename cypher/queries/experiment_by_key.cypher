// Experiment $key with its variants (a JSON string), status, start, stop and promoted winner; no row when there is none.
// :param key => 'demo-ab';
MATCH (e:Experiment {key: $key})
RETURN e.key AS key, e.surface AS surface, e.unitType AS unit_type, e.status AS status,
       toString(e.start) AS start, toString(e.stop) AS stop, e.variants AS variants, e.winner AS winner
