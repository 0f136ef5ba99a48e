"""Domain-adaptive continued pre-training (masked language modelling) of the encoder.

MiniLM ships without an MLM head: `AutoModelForMaskedLM` initialises one (the expected warnings are
silenced) and only the encoder weights come back to the sentence model afterwards.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("embgov.train")


def mlm_pretrain(encoder, tokenizer, texts: list[str], cfg, training, out_dir: Path, use_gpu: bool) -> dict:
    """Train `encoder` (a transformers model, updated in place) with MLM on `texts`; returns figures."""
    import time

    import transformers
    from datasets import Dataset
    from transformers import AutoModelForMaskedLM, DataCollatorForLanguageModeling, Trainer, TrainingArguments

    level = transformers.logging.get_verbosity()
    transformers.logging.set_verbosity_error()  # "newly initialised weights" for the MLM head is expected
    try:
        mlm = AutoModelForMaskedLM.from_config(encoder.config)
    finally:
        transformers.logging.set_verbosity(level)
    base_prefix = mlm.base_model_prefix  # "bert" for BERT-family models
    getattr(mlm, base_prefix).load_state_dict(encoder.state_dict(), strict=False)
    if tokenizer.mask_token is None:
        raise ValueError("the tokenizer has no mask token; MLM pre-training needs one")
    ds = Dataset.from_dict({"text": texts}).map(
        lambda b: tokenizer(b["text"], truncation=True, max_length=training.max_seq_length),
        batched=True, remove_columns=["text"])
    args = TrainingArguments(
        output_dir=str(out_dir), per_device_train_batch_size=training.batch_size, num_train_epochs=cfg.epochs,
        learning_rate=cfg.learning_rate, warmup_steps=training.warmup_ratio,
        lr_scheduler_type="linear", weight_decay=training.weight_decay, seed=training.seed, use_cpu=not use_gpu,
        save_strategy="no", logging_steps=10, report_to="none", disable_tqdm=True,
        ddp_find_unused_parameters=False, ddp_broadcast_buffers=False)
    trainer = Trainer(model=mlm, args=args, train_dataset=ds,
                      data_collator=DataCollatorForLanguageModeling(tokenizer, mlm_probability=cfg.mask_probability,
                                                                    seed=training.seed))
    started = time.perf_counter()
    out = trainer.train()
    encoder.load_state_dict(getattr(mlm, base_prefix).state_dict(), strict=False)
    losses = [[h["step"], h["loss"]] for h in trainer.state.log_history if "loss" in h]
    return {"mlm_steps": trainer.state.global_step, "mlm_loss": round(out.training_loss, 5),
            "mlm_seconds": round(time.perf_counter() - started, 2), "mlm_loss_curve": losses, "mlm_texts": len(texts)}
