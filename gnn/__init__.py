"""Learning shopper and product embeddings from the graph, and writing them back.

One module per job: ``data`` (interaction sets and id maps), ``gowalla`` (the benchmark split),
``metrics`` (Recall@K / NDCG@K as the LightGCN paper computes them), ``propagation`` (the
normalised bipartite adjacency), ``model`` (our graph model, knowledge-aware when given brands and
categories), ``kg_model`` (LightGCN over the whole knowledge graph), ``kg_content`` (that with a
content path for new products and shoppers, the default), ``cold_start`` (tastes for shoppers
with no history), ``losses``, ``train`` (our recipe), ``baseline`` (PyG's LightGCN reference recipe),
``checkpoint``, ``curves``, ``graph_reader`` (streams the graph into tensors), ``writeback``
(model versions and atomic activation), ``refresh`` (the gated refresh job), ``distributed`` (DDP)
and ``cli`` (``borderless train`` / ``borderless refresh``).
"""
