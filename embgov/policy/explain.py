"""Explain a policy in plain words: one row per entity, as a terminal table or a review document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from embgov.policy.load import policy_hash
from embgov.policy.document import (BuiltinDetection, EntityRule, GazetteerDetection, HashAction, HashKeySource,
                                  LabeledDetection, MaskAction, NerDetection, RedactionPolicy, ReplaceAction)

if TYPE_CHECKING:
    from embgov.policy.approvals import ApprovalStatus

VALIDATION_WORDS = {"luhn": "Luhn checksum", "ssn": "SSN format rules", "aba_routing": "ABA routing checksum",
                    "iban": "IBAN checksum", "vin": "VIN check digit"}
COLUMNS = [("entity", "ENTITY"), ("threshold", "THRESHOLD"), ("action", "ACTION"),
           ("rule", "RULE"), ("detection", "DETECTION")]


def explain_rows(policy: RedactionPolicy) -> list[dict[str, Any]]:
    """One row per entity: id, rule cited, detection and action in words, effective threshold."""
    return [{"entity": e.id, "rule": e.rule, "description": e.description,
             "detection": "; ".join(detector_summary(d) for d in e.detection),
             "action": action_summary(e.action, e.id, policy.hash_key),
             "threshold": effective_threshold(policy, e),
             "threshold_overridden": e.score_threshold is not None} for e in policy.entities]


def effective_threshold(policy: RedactionPolicy, entity: EntityRule) -> float:
    return entity.score_threshold if entity.score_threshold is not None else policy.score_threshold


def detector_summary(d: Any) -> str:
    text = _detector_summary(d)
    return text + (" (only in records about a person)" if getattr(d, "needs_subject", False) else "")


def _detector_summary(d: Any) -> str:
    if isinstance(d, NerDetection):
        unlisted = f" (not in {d.wordlist}: {d.unlisted_score:g})" if d.wordlist else ""
        return f"spaCy NER: {', '.join(d.labels)}{unlisted}" + _context(d.context)
    if isinstance(d, BuiltinDetection):
        return f"Presidio {d.recognizer}" + _context(d.context)
    if isinstance(d, GazetteerDetection):
        return f"word list {d.wordlist} (alone {d.score:g}, full {d.full_score:g})" + _context(d.context)
    if isinstance(d, LabeledDetection):
        shown = ", ".join(d.labels[:4]) + (f" +{len(d.labels) - 4}" if len(d.labels) > 4 else "")
        return f"value after a label ({shown}; score {d.score:g})"
    text = f"patterns: {', '.join(p.name for p in d.patterns)}" + _context(d.context)
    if d.validate_as == "none":
        return text
    return text + f", validated by {VALIDATION_WORDS[d.validate_as]}" + (" (an invalid match keeps its score)"
                                                                         if d.invalid == "keep" else "")


def _context(words: list[str]) -> str:
    if not words:
        return ""
    return f" (+ {len(words)} context word{'s' if len(words) != 1 else ''})"


def action_summary(action: Any, entity_id: str, hash_key: HashKeySource) -> str:
    if isinstance(action, ReplaceAction):
        return f"replace with {action.tag or f'<{entity_id}>'}"
    if isinstance(action, MaskAction):
        return f"mask {action.char}" + (f", keep last {action.keep_last}" if action.keep_last else "")
    if isinstance(action, HashAction):
        source = f"${hash_key.env}" + (f" or file {hash_key.file}" if hash_key.file else "")
        return f"keyed hash ({action.length} hex, key from {source})"
    return "redact"


def _facts(policy: RedactionPolicy) -> list[tuple[str, str]]:
    """The policy-wide settings a reviewer needs, as (label, text)."""
    f = policy.on_failure
    failure = f.action + (f" (the job is blocked above {f.max_quarantine_rate:.2%} of records quarantined)"
                          if f.action == "quarantine" else " (the job stops at the first record it cannot clear)")
    return [("regulation", policy.regulation), ("scope", policy.scope),
            ("NLP model", f"{policy.nlp_model.module} (package {policy.nlp_model.package})"),
            ("threshold", f"{policy.score_threshold:g} (entities marked * override it)"),
            ("residual threshold", f"{policy.residual_threshold:g} (a rescan finding at or above it after redaction is residual PII)"),
            ("rescan", "every detector, spaCy NER included (full)" if policy.rescan == "full"
             else "every detector but spaCy NER: patterns, built-ins, word lists (patterns)"),
            ("on_failure", failure),
            ("max record chars", f"{policy.max_record_chars}"),
            ("record ids", "leave as keyed-hash pseudonyms (pseudonym)" if policy.record_ids == "pseudonym"
             else "leave as written when the detectors find nothing in them, else the record is quarantined (keep)"),
            ("allow-list", ", ".join(policy.allow_list) if policy.allow_list else "(empty)"),
            ("kept vocabularies", ", ".join(policy.keep.vocabularies) or "(none)"),
            ("kept shapes", ", ".join(k.name for k in policy.keep.patterns) or "(none)")]


def _cell(row: dict[str, Any], key: str) -> str:
    if key == "threshold":
        return f"{row['threshold']:g}" + ("*" if row["threshold_overridden"] else "")
    return str(row[key])


def render_table(policy: RedactionPolicy, rows: list[dict[str, Any]], *, content_hash: str | None = None) -> str:
    """Plain aligned text for the terminal: the policy's settings, then one line per entity."""
    lines = [f"{policy.name} {policy.version}"]
    facts = _facts(policy) + [("content hash", content_hash or policy_hash(policy))]
    width = max(len(label) for label, _ in facts)
    lines += [f"  {label + ':':<{width + 1}} {text}" for label, text in facts]
    grid = [[title for _, title in COLUMNS]] + [[_cell(r, key) for key, _ in COLUMNS] for r in rows]
    widths = [max(len(line[i]) for line in grid) for i in range(len(COLUMNS) - 1)]
    lines.append("")
    for line in grid:
        lines.append("  ".join(f"{c:<{w}}" for c, w in zip(line, widths)) + "  " + line[-1])
    return "\n".join(lines)


def render_markdown(policy: RedactionPolicy, rows: list[dict[str, Any]], status: "ApprovalStatus | None") -> str:
    """A review document: what the policy removes and how, its settings, its hash and approval state."""
    content_hash = status.loaded.content_hash if status else policy_hash(policy)
    facts = dict(_facts(policy))
    out = [f"# Redaction policy `{policy.name}` {policy.version}", "",
           f"**Regulation:** {_md(policy.regulation)}", "", f"**Scope:** {_md(policy.scope)}", "",
           "| Entity | Rule | Detection | Action | Threshold |", "|---|---|---|---|---|"]
    out += [f"| `{r['entity']}` | {_md(r['rule'])} | {_md(r['detection'])} | {_md(r['action'])} | {_cell(r, 'threshold')} |"
            for r in rows]
    out += ["", "## Settings", ""]
    out += [f"- **{label}:** {_md(facts[label])}" for label in
            ("on_failure", "allow-list", "threshold", "residual threshold", "max record chars", "NLP model")]
    out += ["", "## Approval", "", f"- **content hash:** `{content_hash}`", f"- **state:** {approval_words(status)}", ""]
    return "\n".join(out)


def approval_words(status: "ApprovalStatus | None") -> str:
    if status is None:
        return "not checked"
    if status.approved and status.record is not None:
        return (f"approved by {', '.join(status.tally.signers)} at {status.record.approved_at} "
                f"({status.approvals_text}, signatures verified)")
    if status.tally.signers:
        return f"NOT APPROVED: {status.approvals_text} (signed by {', '.join(status.tally.signers)})"
    if status.changed_since_approval and status.baseline is not None:
        return (f"NOT APPROVED: changed since it was approved by {status.baseline.approved_by} at "
                f"{status.baseline.approved_at} (approved hash {status.baseline.content_hash})")
    return "NOT APPROVED: no approval recorded"


def _md(text: str) -> str:
    """Table-safe markdown: pipes escaped, no line breaks, `<TAG>` shown as text (not read as HTML)."""
    return " ".join(str(text).split()).replace("|", "\\|").replace("<", "\\<")
