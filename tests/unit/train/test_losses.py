"""The gist loss: the frozen base model masks candidates it scores above the pair's own positive."""

from __future__ import annotations

from pathlib import Path

import pytest

from embgov.spec.jobspec import TrainingSection
from embgov.train.losses import GIST_TEMPERATURE, NEEDS_GUIDE, build_loss


@pytest.fixture(scope="module")
def base():
    pytest.importorskip("sentence_transformers")
    from embgov.spec.loader import resolve_model
    from embgov.train.model import load_base

    return load_base(resolve_model("minilm-l6", Path(".")), 32).eval()


def test_gist_is_a_spec_loss_that_needs_a_guide():
    assert TrainingSection(loss="gist").loss == "gist"
    assert "gist" in NEEDS_GUIDE


def test_gist_without_a_guide_is_refused(base):
    with pytest.raises(ValueError, match="guide"):
        build_loss(base, TrainingSection(loss="gist"), 1)


def test_gist_masks_an_unlabeled_positive_that_mnrl_counts_as_a_negative(base):
    import torch

    # Row 2's positive is a paraphrase of row 1's: for row 1 it is an in-batch "negative" that is
    # really relevant. MNRL pushes it away; gist (the base model as guide) takes it out of the softmax.
    cols = [["how do I top up my card", "what is the melting point of iron"],
            ["Top up your card from the app.", "You can top up the card in the app."],
            ["Iron melts at 1538 degrees.", "Opening hours of the branch."]]
    feats = lambda: [base.tokenize(c) for c in cols]  # noqa: E731 - fresh dicts per call
    gist = build_loss(base, TrainingSection(loss="gist"), 1, guide=base)
    mnrl = build_loss(base, TrainingSection(loss="mnrl"), 1)  # scale 20 = 1 / GIST_TEMPERATURE
    assert mnrl.scale == pytest.approx(1 / GIST_TEMPERATURE)
    assert type(gist).__name__ == "GISTEmbedLoss" and gist.temperature == GIST_TEMPERATURE
    with torch.no_grad():
        assert gist(feats(), None).item() < mnrl(feats(), None).item()
