// The experiment in force on surface $surface (search, similarProducts): the running one, else the latest promoted one; no row when none.
MATCH (e:Experiment {surface: $surface})
WHERE e.status = 'running' OR (e.status = 'promoted' AND e.winner IS NOT NULL)
RETURN e.key AS experiment, e.status AS experiment_status, e.unitType AS experiment_unit,
       e.variants AS experiment_variants, e.winner AS experiment_winner
ORDER BY CASE e.status WHEN 'running' THEN 0 ELSE 1 END, e.stop DESC
LIMIT 1
