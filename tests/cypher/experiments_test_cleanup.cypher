// Remove the experiments tests' experiments, served lists and the events citing them (keys and units starting with $prefix).
MATCH (n)
WHERE (n:Experiment AND n.key STARTS WITH $prefix)
   OR (n:ServedList AND (n.unit STARTS WITH $prefix OR n.experiment STARTS WITH $prefix))
DETACH DELETE n
