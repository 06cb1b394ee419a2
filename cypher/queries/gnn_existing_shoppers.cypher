// Which of these shopper ids still exist (a checkpoint drops the ones deleted while it was trained).
UNWIND $ids AS id
MATCH (s:Shopper {id: id})
RETURN s.id AS id
