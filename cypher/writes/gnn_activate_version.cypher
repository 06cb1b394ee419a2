// Make a staged version the active one: flip the active flag (one active version at a time).
MATCH (new:ModelVersion {id: $version, status: 'staged'})
OPTIONAL MATCH (old:ModelVersion {active: true}) WHERE old <> new
SET old.active = false, old.status = 'retired'
SET new.active = true, new.status = 'active', new.activated_at = datetime()
RETURN new.id AS id
