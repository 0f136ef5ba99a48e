"""Semantic diff of two policies: what a reviewer must decide on, risky changes first.

A change `weakens` protection when it can let more identifiers through: an entity, detector,
pattern, NER label or context word removed; a threshold raised or a match score lowered; an
allow-list entry, kept vocabulary or kept shape added (or a kept shape's regex changed); an action
that leaves more characters visible; the hash key's source (variable or file) changed. Everything that changes
the content hash shows up as at least one change; identical policies give an empty list.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from embgov.policy.explain import action_summary, detector_summary
from embgov.policy.document import (BuiltinDetection, EntityRule, GazetteerDetection, LabeledDetection, MaskAction,
                                  NerDetection, PatternDetection, RedactionPolicy)

RAISING_WEAKENS = {"score_threshold", "residual_threshold", "on_failure.max_quarantine_rate"}
# Setting changes that weaken protection, with what is lost: (setting, old, new) -> note
WEAKER_CHOICES = {("rescan", "full", "patterns"): "spaCy NER no longer checks the output",
                  ("record_ids", "pseudonym", "keep"): "record ids leave the gate as written when the detectors find nothing in them"}
# Any change of where the keyed-hash secret comes from weakens: another variable or file is another
# secret, in the hands of whoever controls that source, and every pseudonym changes with it.
KEY_SOURCE = "hash_key."
KEY_SOURCE_NOTE = "another secret: whoever controls the new source holds the pseudonym key; every pseudonym changes"


@dataclass(frozen=True)
class Change:
    kind: str  # "added" | "removed" | "changed"
    entity: str | None  # None for policy-wide settings
    field: str
    old: Any
    new: Any
    description: str
    weakens: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def diff_policies(old: RedactionPolicy, new: RedactionPolicy) -> list[Change]:
    """Changes from `old` to `new`, the ones that weaken protection first (otherwise in policy order)."""
    changes = _settings(old, new)
    old_allowed, new_allowed = set(old.allow_list), set(new.allow_list)
    changes += [Change("added", None, "allow_list", None, s, f"allow-list: {_v(s)} added (never redacted)", True)
                for s in new.allow_list if s not in old_allowed]
    changes += [Change("removed", None, "allow_list", s, None, f"allow-list: {_v(s)} removed") for s in old.allow_list
                if s not in new_allowed]
    changes += _keep(old, new)
    old_ids, new_ids = {e.id: e for e in old.entities}, {e.id: e for e in new.entities}
    for e in old.entities:
        if e.id not in new_ids:
            changes.append(Change("removed", e.id, "entity", _dump(e), None, f"entity {e.id} removed ({e.rule})", True))
        else:
            changes += _entity(old, new, e, new_ids[e.id])
    changes += [Change("added", e.id, "entity", None, _dump(e), f"entity {e.id} added ({e.rule})")
                for e in new.entities if e.id not in old_ids]
    if not changes and _dump(old) != _dump(new):
        changes.append(Change("changed", None, "entities", [e.id for e in old.entities], [e.id for e in new.entities],
                              "entity order changed"))
    return sorted(changes, key=lambda c: not c.weakens)


def _settings(old: RedactionPolicy, new: RedactionPolicy) -> list[Change]:
    skip = {"entities", "allow_list", "keep"}
    before = _flat(old.model_dump(mode="json", by_alias=True, exclude=skip))
    after = _flat(new.model_dump(mode="json", by_alias=True, exclude=skip))
    out = []
    for key in [*before, *(k for k in after if k not in before)]:
        o, n = before.get(key), after.get(key)
        if o != n:
            lost = WEAKER_CHOICES.get((key, o, n)) or (KEY_SOURCE_NOTE if key.startswith(KEY_SOURCE) else None)
            weakens = key in RAISING_WEAKENS and n > o or lost is not None
            note = f" ({lost})" if lost else " (raised)" if weakens else ""
            out.append(Change("changed", None, key, o, n, f"{key}: {_v(o)} -> {_v(n)}{note}", weakens))
    return out


def _keep(old: RedactionPolicy, new: RedactionPolicy) -> list[Change]:
    """Kept vocabularies and shapes: each one added lets more text through unredacted."""
    out = [Change("added", None, "keep.vocabularies", None, v, f"keep: vocabulary {v} added (its words are not redacted)", True)
           for v in new.keep.vocabularies if v not in old.keep.vocabularies]
    out += [Change("removed", None, "keep.vocabularies", v, None, f"keep: vocabulary {v} removed")
            for v in old.keep.vocabularies if v not in new.keep.vocabularies]
    before, after = {k.name: k.regex for k in old.keep.patterns}, {k.name: k.regex for k in new.keep.patterns}
    for name, regex in after.items():
        if name not in before:
            out.append(Change("added", None, f"keep.patterns[{name}]", None, regex, f"keep: shape {name} added (not redacted)", True))
        elif before[name] != regex:
            out.append(Change("changed", None, f"keep.patterns[{name}]", before[name], regex, f"keep: shape {name} regex changed", True))
    out += [Change("removed", None, f"keep.patterns[{name}]", regex, None, f"keep: shape {name} removed")
            for name, regex in before.items() if name not in after]
    for field, weaker in (("subject_cues", "removed"), ("impersonal_cues", "added")):  # fewer records about a person
        before = {k.name: k.regex for k in getattr(old.keep, field)}
        after = {k.name: k.regex for k in getattr(new.keep, field)}
        for name in [*before, *(k for k in after if k not in before)]:
            b, a = before.get(name), after.get(name)
            if b != a:
                kind = "added" if b is None else "removed" if a is None else "changed"
                out.append(Change(kind, None, f"keep.{field}[{name}]", b, a, f"keep: {field} {name} {kind}",
                                  kind in (weaker, "changed")))
    if old.keep.review_min_records != new.keep.review_min_records:
        out.append(Change("changed", None, "keep.review_min_records", old.keep.review_min_records,
                          new.keep.review_min_records, f"keep.review_min_records: {old.keep.review_min_records} -> "
                                                       f"{new.keep.review_min_records}"))
    return out


def _entity(old_p: RedactionPolicy, new_p: RedactionPolicy, o: EntityRule, n: EntityRule) -> list[Change]:
    out: list[Change] = []

    def add(kind: str, field: str, ov: Any, nv: Any, text: str, weakens: bool = False) -> None:
        out.append(Change(kind, o.id, field, ov, nv, f"{o.id}: {text}", weakens))

    for field in ("rule", "description"):
        if getattr(o, field) != getattr(n, field):
            add("changed", field, getattr(o, field), getattr(n, field), f"{field} {_v(getattr(o, field))} -> {_v(getattr(n, field))}")
    if o.action != n.action:
        before = o.action.keep_last if isinstance(o.action, MaskAction) else 0
        add("changed", "action", _dump(o.action), _dump(n.action),
            f"action '{action_summary(o.action, o.id, old_p.hash_key)}' -> '{action_summary(n.action, n.id, new_p.hash_key)}'",
            isinstance(n.action, MaskAction) and n.action.keep_last > before)
    if o.score_threshold != n.score_threshold:
        was = o.score_threshold if o.score_threshold is not None else old_p.score_threshold
        now = n.score_threshold if n.score_threshold is not None else new_p.score_threshold
        add("changed", "score_threshold", o.score_threshold, n.score_threshold,
            f"score_threshold {_v(o.score_threshold)} -> {_v(n.score_threshold)}" + (" (raised)" if now > was else ""), now > was)
    pairs, removed, added = _match(list(o.detection), list(n.detection))
    for d in removed:
        add("removed", f"detection[{_label(d)}]", _dump(d), None, f"detector '{detector_summary(d)}' removed", True)
    for d in added:
        add("added", f"detection[{_label(d)}]", None, _dump(d), f"detector '{detector_summary(d)}' added")
    for od, nd in pairs:
        for kind, field, ov, nv, text, weakens in _detector(od, nd):
            add(kind, field, ov, nv, text, weakens)
    if not out and _dump(o) != _dump(n):
        add("changed", "detection", _dump(o)["detection"], _dump(n)["detection"], "detectors reordered")
    return out


def _detector(o: Any, n: Any) -> list[tuple[str, str, Any, Any, str, bool]]:
    """Changes inside one matched pair of detectors, as (kind, field, old, new, text, weakens)."""
    label, out = _label(o), []
    if getattr(o, "needs_subject", False) != getattr(n, "needs_subject", False):  # kept in records about no one
        out.append(("changed", f"{label}.needs_subject", o.needs_subject, n.needs_subject, f"{label} finds identifiers "
                    + ("only in records about a person" if n.needs_subject else "in every record"), n.needs_subject))
    if isinstance(o, NerDetection):
        out += _words(f"{label}.labels", "NER labels", o.labels, n.labels)
    if isinstance(o, BuiltinDetection) and o.presidio_entity != n.presidio_entity:
        out.append(("changed", f"{label}.presidio_entity", o.presidio_entity, n.presidio_entity,
                    f"{label} entity {o.presidio_entity} -> {n.presidio_entity}", False))
    if isinstance(o, PatternDetection):
        before, after = _by_name(o), _by_name(n)
        for name, p in before.items():
            q = after.get(name)
            if q is None:
                out.append(("removed", f"patterns[{name}]", _dump(p), None, f"pattern {name} removed", True))
                continue
            if p.regex != q.regex:
                out.append(("changed", f"patterns[{name}].regex", p.regex, q.regex, f"pattern {name}: regex changed", False))
            if p.score != q.score:
                out.append(("changed", f"patterns[{name}].score", p.score, q.score,
                            f"pattern {name}: score {p.score:g} -> {q.score:g}" + (" (lowered)" if q.score < p.score else ""), q.score < p.score))
        out += [("added", f"patterns[{name}]", None, _dump(q), f"pattern {name} added", False)
                for name, q in after.items() if name not in before]
        if o.validate_as != n.validate_as:
            out.append(("changed", f"{label}.validate_as", o.validate_as, n.validate_as,
                        f"{label} validation {o.validate_as} -> {n.validate_as}", False))
        if o.invalid != n.invalid:
            out.append(("changed", f"{label}.invalid", o.invalid, n.invalid, f"{label} invalid matches: {o.invalid} -> "
                        f"{n.invalid}" + (" (dropped now)" if n.invalid == "drop" else ""), n.invalid == "drop"))
    if isinstance(o, LabeledDetection):
        out += _words(f"{label}.labels", "labels", o.labels, n.labels)
        if o.score != n.score:
            out.append(("changed", f"{label}.score", o.score, n.score,
                        f"{label} score {o.score:g} -> {n.score:g}" + (" (lowered)" if n.score < o.score else ""), n.score < o.score))
        if o.min_chars != n.min_chars:
            out.append(("changed", f"{label}.min_chars", o.min_chars, n.min_chars,
                        f"{label} min_chars {o.min_chars} -> {n.min_chars}" + (" (raised)" if n.min_chars > o.min_chars else ""),
                        n.min_chars > o.min_chars))
        return out
    if isinstance(o, GazetteerDetection):
        for field in ("score", "full_score"):
            ov, nv = getattr(o, field), getattr(n, field)
            if ov != nv:
                out.append(("changed", f"{label}.{field}", ov, nv,
                            f"{label} {field} {ov:g} -> {nv:g}" + (" (lowered)" if nv < ov else ""), nv < ov))
    if not isinstance(o, NerDetection):
        out += _words(f"{label}.context", "context words", o.context, n.context)
    elif o.score != n.score:
        out.append(("changed", f"{label}.score", o.score, n.score,
                    f"NER score {o.score:g} -> {n.score:g}" + (" (lowered)" if n.score < o.score else ""), n.score < o.score))
    return out


def _words(field: str, what: str, old: list[str], new: list[str]) -> list[tuple[str, str, Any, Any, str, bool]]:
    gone, came = [w for w in old if w not in new], [w for w in new if w not in old]
    return ([("removed", field, gone, None, f"{what} removed: {', '.join(gone)}", True)] if gone else []) + \
           ([("added", field, None, came, f"{what} added: {', '.join(came)}", False)] if came else [])


def _match(olds: list[Any], news: list[Any]) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """Pair old and new detectors: same recognizer, NER with NER, patterns by shared pattern names
    (then leftover pattern detectors in order). Returns (pairs, removed, added)."""
    pairs, spare, added = [], list(olds), []
    for nd in news:
        best = max(spare, key=lambda od: _affinity(od, nd), default=None)
        if best is not None and _affinity(best, nd) > 0:
            pairs.append((best, nd))
            spare.remove(best)
        else:
            added.append(nd)
    leftover = [(od, nd) for od, nd in zip([d for d in spare if isinstance(d, PatternDetection)],
                                           [d for d in added if isinstance(d, PatternDetection)])]
    for od, nd in leftover:
        pairs.append((od, nd))
        spare.remove(od)
        added.remove(nd)
    return pairs, spare, added


def _affinity(o: Any, n: Any) -> int:
    if o.kind != n.kind:
        return 0
    if isinstance(o, BuiltinDetection):
        return int(o.recognizer == n.recognizer)
    if isinstance(o, (NerDetection, LabeledDetection)):
        return 1
    if isinstance(o, GazetteerDetection):
        return int(o.wordlist == n.wordlist)
    return len({p.name for p in o.patterns} & {p.name for p in n.patterns})


def _label(d: Any) -> str:
    if isinstance(d, GazetteerDetection):
        return f"gazetteer:{d.wordlist}"
    return {"ner": "ner", "patterns": "patterns", "labeled": "labeled"}.get(d.kind) or d.recognizer


def _by_name(d: PatternDetection) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in d.patterns:
        key, i = p.name, 1
        while key in out:  # names are not required to be unique: number the repeats
            i += 1
            key = f"{p.name}#{i}"
        out[key] = p
    return out


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(value, dict):
        return {prefix: value}
    out: dict[str, Any] = {}
    for k, v in value.items():
        out.update(_flat(v, f"{prefix}.{k}" if prefix else k))
    return out


def _dump(model: Any) -> Any:
    return model.model_dump(mode="json", by_alias=True)


def _v(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
