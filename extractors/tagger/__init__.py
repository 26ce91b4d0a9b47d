"""The taggers that find meeting events in sentences: the transformer (ONNX) and the lexical baseline."""
