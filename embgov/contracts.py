"""Typed objects that pass between stages. No heavy imports; no record text, ever."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Contract(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuarantinedRecord(_Contract):
    """A record set aside by the gate, by id and reason only."""

    source: str = Field(description="Input file name (not its path).")
    record_id: str = Field(description="Record id, or 'line:N' / 'row:N' when the record has none.")
    reason: Literal["invalid_json", "undecodable", "not_an_object", "missing_field", "empty_text",
                    "too_large", "residual_pii"] = Field(description="Why it was set aside.")
    detail: str | None = Field(None, description="Entity types or field names involved; never text.")


class GateReceipt(_Contract):
    """What the redaction gate did to a dataset. Training accepts only a passing receipt's output."""

    receipt_version: Literal[1] = Field(1, description="Receipt format version.")
    created_at: str = Field(description="UTC time the gate finished.")
    policy_name: str = Field(description="Policy name.")
    policy_version: str = Field(description="Policy version.")
    policy_hash: str = Field(description="Content hash of the approved policy that was applied.")
    input_fingerprint: str = Field(description="sha256 over the input files' names and bytes.")
    output_fingerprint: str | None = Field(description="sha256 over the redacted files; none when blocked.")
    inputs: list[str] = Field(description="Input file names.")
    outputs: list[str] = Field(description="Redacted file names, relative to the receipt's directory.")
    records_in: int = Field(description="Records read.")
    records_out: int = Field(description="Records written.")
    fields: list[str] = Field(description="Fields that were redacted and written; other fields were dropped.")
    entity_counts: dict[str, int] = Field(description="Findings redacted, per policy entity id.")
    residual_counts: dict[str, int] = Field(description="Findings left after redaction (rescan), per entity id.")
    quarantined: list[QuarantinedRecord] = Field(description="Records set aside, with reasons.")
    quarantine_rate: float = Field(description="Quarantined records / records read.")
    verdict: Literal["passed", "blocked"] = Field(description="passed: output usable; blocked: the job must stop.")
    verdict_reason: str = Field(description="Why, in one line.")
    workers: int = Field(description="Processes used.")
    seconds: float = Field(description="Wall time of the gate.")
    records_per_s: float = Field(description="Throughput.")
