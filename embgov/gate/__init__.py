"""The redaction gate: Presidio under an approved policy; fails closed and leaves a receipt.

    run_gate(policy, inputs, out_dir)            # redact files -> outputs + receipt.json
    evaluate_policy(policy, labeled)              # precision/recall against labeled spans
    review_terms(policy, inputs)                  # the terms a policy replaces across many records

Presidio and spaCy load inside the functions; the rest of the API loads on first use (PEP 562).
"""

_LAZY = {"run_gate": "run", "evaluate_policy": "scoring", "review_terms": "review"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"embgov.gate.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'embgov.gate' has no attribute {name!r}")


__all__ = ["evaluate_policy", "review_terms", "run_gate"]
