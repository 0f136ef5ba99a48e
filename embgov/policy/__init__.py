"""Redaction policies: models, loading, approvals by content hash, explain and diff."""
