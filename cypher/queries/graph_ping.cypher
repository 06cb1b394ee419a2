// Does the configured database answer? Run once when a command connects.
RETURN 1 AS ok
