"""The append-only, hash-chained audit log."""

from embgov.audit.log import AuditEvent, VerifyResult, append, list_events, verify

__all__ = ["AuditEvent", "VerifyResult", "append", "list_events", "verify"]
