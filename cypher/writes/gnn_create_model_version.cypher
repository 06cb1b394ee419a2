// Record a trained model version of shop $shop (the id prefix of its shoppers and products; '' for the whole graph), not active yet, with which model it is, its metrics (JSON) and the size of the data it saw.
MERGE (m:ModelVersion {id: $version})
SET m.shop = $shop, m.created_at = datetime($created_at), m.metrics = $metrics, m.status = $status,
    m.active = coalesce(m.active, false), m.dim = $dim, m.checkpoint = $checkpoint,
    m.snapshot_shoppers = $snapshot.shoppers, m.snapshot_products = $snapshot.products,
    m.snapshot_interactions = $snapshot.interactions, m.snapshot_train_edges = $snapshot.train_edges,
    m.snapshot_test_edges = $snapshot.test_edges, m.note = $note,
    m.model = $model,
    m.trained_until_ms = $trained_until_ms
