// Delete the model versions with the given ids (test clean-up; served vectors are left alone).
UNWIND $ids AS id
MATCH (m:ModelVersion {id: id})
DETACH DELETE m
