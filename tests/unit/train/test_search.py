"""training.search: auto: the trial grid and the choice of a trial."""

from __future__ import annotations

import pytest
import yaml

from embgov.spec.jobspec import JobSpec
from embgov.train.search import best_trial, trial_rates

BASE = {"apiVersion": "embgov/v1", "kind": "EmbeddingFineTune", "name": "s", "owner": "o", "domain": "d",
        "base_model": "minilm-l6", "policy": "p.yaml", "data": {}, "pairs": {"method": "labeled"}}


def _spec(adaptation: dict, training: dict) -> JobSpec:
    return JobSpec.model_validate({**BASE, "adaptation": adaptation, "training": training})


def test_rates_per_method_within_the_budget():
    assert trial_rates(_spec({"method": "lora"}, {"search": "auto"})) == [2e-3, 1e-3, 5e-4]
    assert trial_rates(_spec({"method": "adapter"}, {"search": "auto", "search_space": {"max_trials": 2}})) == [2e-3, 1e-3]
    assert trial_rates(_spec({"method": "full"}, {"search": "auto"})) == [2e-5, 5e-5, 1e-5]
    assert trial_rates(_spec({"method": "mlm", "followed_by": {"method": "lora"}}, {"search": "auto"}))[0] == 2e-3
    assert trial_rates(_spec({"method": "full"}, {"search": "auto", "search_space": {"learning_rates": [3e-5]}})) == [3e-5]
    assert trial_rates(_spec({"method": "lora"}, {"learning_rate": 7e-4})) == [7e-4]  # search off: the spec's rate


def test_search_space_is_bounded():
    with pytest.raises(Exception):
        _spec({"method": "lora"}, {"search": "auto", "search_space": {"max_trials": 4}})
    with pytest.raises(Exception):
        _spec({"method": "lora"}, {"search": "auto", "search_space": {"learning_rates": [1e-3, 2e-3, 3e-3, 4e-3]}})
    with pytest.raises(Exception):
        _spec({"method": "lora"}, {"search": "sometimes"})


def test_best_trial_by_validation_ties_to_the_earlier():
    v = lambda best: {"validation": {"best": best}}  # noqa: E731
    assert best_trial([v(0.70), v(0.74), v(0.72)]) == 1
    assert best_trial([v(0.74), v(0.74)]) == 0
    assert best_trial([{"validation": None}, v(0.10)]) == 1


def test_training_yaml_accepts_the_recipe():
    training = yaml.safe_load("""
        search: auto
        search_space: {learning_rates: [1.0e-3, 2.0e-3], max_trials: 2}
        validation: {share: 0.2, max_queries: 100, patience: 2, metric: mrr@10}
    """)
    spec = _spec({"method": "lora"}, training)
    assert spec.training.validation.metric == "mrr@10" and spec.training.search_space.max_trials == 2
