// Simulate a botched edit: experiment $key's stored variants become $variants while serving went on with the old shares.
MATCH (e:Experiment {key: $key})
SET e.variants = $variants
