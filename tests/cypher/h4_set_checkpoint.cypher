// Point a model version at another checkpoint (tests of what refresh agrees to load).
MATCH (m:ModelVersion {id: $id})
SET m.checkpoint = $checkpoint
RETURN m.id AS id
