"""The registry stage: MLflow runs and registered model versions with lineage, the `production`
alias, promotion and rollback. mlflow loads inside the functions that need it."""

from embgov.registry.specs import registered_spec_json, registered_spec_text
from embgov.registry.store import (ALIAS, alias_version, get_version, list_versions, model_catalog, model_names, model_path,
                                   production, promote, register, rollback, run_params)

__all__ = ["ALIAS", "alias_version", "get_version", "list_versions", "model_catalog", "model_names", "model_path", "production", "promote",
           "register", "registered_spec_json", "registered_spec_text", "rollback", "run_params"]
