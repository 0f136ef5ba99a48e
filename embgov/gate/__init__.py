"""The redaction gate: Presidio under an approved policy; fails closed and leaves a receipt."""
