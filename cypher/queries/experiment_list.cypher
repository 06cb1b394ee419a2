// Every experiment, newest first, with its status and variants (a JSON string).
MATCH (e:Experiment)
RETURN e.key AS key, e.surface AS surface, e.unitType AS unit_type, e.status AS status,
       toString(e.start) AS start, toString(e.stop) AS stop, e.variants AS variants, e.winner AS winner
ORDER BY e.start DESC, e.key
