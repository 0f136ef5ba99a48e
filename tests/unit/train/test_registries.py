"""Every adaptation method and loss the spec accepts has an implementation, and the README names it."""

from __future__ import annotations

import typing
from pathlib import Path

from embgov.spec import jobspec
from embgov.train.losses import LOSSES
from embgov.train.methods import METHODS

README = (Path(__file__).resolve().parents[3] / "README.md").read_text()


def _literal(model, field: str) -> set[str]:
    return set(typing.get_args(model.model_fields[field].annotation))


def test_every_contrastive_method_in_the_spec_is_registered_and_documented():
    spec_methods = {typing.get_args(m.model_fields["method"].annotation)[0]
                    for m in typing.get_args(typing.get_args(jobspec.ContrastiveAdaptation)[0])}
    assert spec_methods == set(METHODS)
    for name in [*METHODS, "mlm"]:
        assert f"`{name}`" in README, name
    assert all(m.doc for m in METHODS.values())


def test_every_loss_in_the_spec_is_registered():
    assert _literal(jobspec.TrainingSection, "loss") == set(LOSSES)
