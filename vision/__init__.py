"""Product images as vectors: the EfficientNet-Lite0 network and the encoder around it."""
