"""embgov: compliance-aware fine-tuning of embedding models, with a drift-watching daemon."""

__version__ = "0.1.0"
