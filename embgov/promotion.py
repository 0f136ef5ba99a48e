"""Promotion and rollback, in one place: the registry change, then what follows it.

    promote(name, version, actor=..., reason=...)   # a person (`embgov models promote`) or the rules (the pipeline)
    rollback(name, actor=..., reason=...)           # the previous production version back

After the registry change (audited there), a monitored model's reference window is captured for the
new production version (embgov.monitoring) and the vector indexes serving another version of this
model are rebuilt for it and switched once checked (embgov.indexing). Those follow-ups report their
failures and never undo the promotion: the first monitoring check captures a missing reference, an
index stays on its table.
"""

from __future__ import annotations

import logging

from embgov.contracts import ModelVersion
from embgov.spec.loader import LoadedSpec
from embgov import Say

log = logging.getLogger("embgov.promotion")


def promote(name: str, version: int, *, actor: str, reason: str, loaded: LoadedSpec | None = None,
            say: Say = log.info) -> ModelVersion:
    """Make `version` production (the previous one archived), then capture its reference and re-index.
    `loaded`: the spec it was trained with, when the caller has it (else its registered spec is read)."""
    from embgov.registry import promote as registry_promote

    record = registry_promote(name, version, actor=actor, reason=reason)
    after_promotion(record, loaded, actor=actor, say=say)
    return record


def rollback(name: str, *, actor: str, reason: str, say: Say = log.info) -> ModelVersion:
    """Put the previous production version back, then capture its reference and re-index."""
    from embgov.registry import rollback as registry_rollback

    record = registry_rollback(name, actor=actor, reason=reason)
    after_promotion(record, actor=actor, say=say)
    return record


def after_promotion(version: ModelVersion, loaded: LoadedSpec | None = None, *, actor: str, say: Say = log.info) -> None:
    """What follows a registry change to production (already made): the reference and the indexes."""
    from embgov.errors import EmbgovError
    from embgov.indexing import on_promotion
    from embgov.monitoring import capture_reference, spec_for

    try:
        loaded = spec_for(version, loaded)
        monitoring = loaded.spec.monitoring
        if monitoring is not None and monitoring.enabled:
            capture_reference(version.name, version, loaded, say=say, actor=actor)
    except EmbgovError as exc:
        say(f"monitor reference: not captured ({exc.what}); the first check captures it")
    try:
        on_promotion(version, actor=actor, say=say)
    except EmbgovError as exc:
        say(f"index: not updated ({exc.what})")
