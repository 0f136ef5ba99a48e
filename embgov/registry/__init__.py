"""The registry stage: MLflow runs and registered model versions with lineage, the `production`
alias, promotion and rollback. mlflow loads inside the functions that need it."""

from embgov.registry.store import (get_version, list_versions, model_path, production, promote, register,
                                   rollback)

__all__ = ["get_version", "list_versions", "model_path", "production", "promote", "register", "rollback"]
