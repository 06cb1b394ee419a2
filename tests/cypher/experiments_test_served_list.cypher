// The served list $id with its properties (time as text).
MATCH (l:ServedList {id: $id})
RETURN l {.*, at: toString(l.at)} AS list
