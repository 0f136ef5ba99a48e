"""`embgov serve`: registered models over an OpenAI-compatible HTTP API.

Layers: config, auth, refs (what `model` names; the registry adapter) -> loader and backends (ONNX,
torch, shared bases with adapters) -> pool (LRU under a memory ceiling) -> router (aliases followed,
swapped when loaded) -> batching (dynamic, per reference) -> service (all of it, framework-free) ->
app (FastAPI). `embgov.serve.ray_app` runs the same app as a Ray Serve deployment.
"""
