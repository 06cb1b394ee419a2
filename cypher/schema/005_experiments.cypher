// Experiments and served lists (issue 12): one experiment per key, one served list per id, lists found by experiment and time, events by the list they cite.
CREATE CONSTRAINT experiment_key IF NOT EXISTS FOR (n:Experiment) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT served_list_id IF NOT EXISTS FOR (n:ServedList) REQUIRE n.id IS UNIQUE;
CREATE INDEX served_list_experiment IF NOT EXISTS FOR (n:ServedList) ON (n.experiment);
CREATE INDEX served_list_at IF NOT EXISTS FOR (n:ServedList) ON (n.at);
CREATE INDEX experiment_surface_status IF NOT EXISTS FOR (n:Experiment) ON (n.surface, n.status);
CREATE INDEX interaction_list_id IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON (r.listId);
