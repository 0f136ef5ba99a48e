"""Export formats, their graph files and parity bars: shared by the export stage, the CLI (its choices at
start-up, so nothing heavy here) and whoever serves an export."""

FORMATS = ("onnx", "onnx-int8", "torchscript")
MODEL_FILES = {"onnx": "model.onnx", "onnx-int8": "model.onnx", "torchscript": "model.pt"}
EXPORT_FILE = "export.json"
# int8 has its own, lower bar: it measures quantisation noise, not a broken graph. The fixed sample's
# degenerate texts (empty, one word, spelled-out letters) are where int8 strays most: on MiniLM the
# recipe that keeps the feed-forward output projection float reaches 0.981 there and >= 0.992 on
# 1,000 SciFact queries or documents, while a broken quantisation (per-tensor weights) sits near 0.90.
INT8_MIN_COSINE = 0.98
