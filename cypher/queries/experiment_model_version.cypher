// The model version $id, if it exists (an experiment's variant may name one).
// :param id => 'demo-model';
MATCH (m:ModelVersion {id: $id})
RETURN m.id AS id
