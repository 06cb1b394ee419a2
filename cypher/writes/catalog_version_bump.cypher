// Count one more committed write: the API's cache of anonymous catalog reads keys on this number.
// No constraint on the label: should two first writers both create the node, the version is the
// sum over all of them, which every later bump still raises.
MERGE (v:CatalogVersion {id: 'catalog'})
SET v.n = coalesce(v.n, 0) + 1
