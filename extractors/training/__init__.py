"""Training the transformer tagger (needs the training extras: torch, onnx)."""
