// How many Gowalla items there are (one past the largest dense index).
MATCH (i:GowallaItem)
RETURN coalesce(max(i.index), -1) + 1 AS items
