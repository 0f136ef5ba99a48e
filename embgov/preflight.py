"""What a job needs from the host that runs it, checked before anything is queued or started:
`embgov validate`, `embgov submit` (and so `embgov run`) and each worker attempt.

A valid spec can still be unrunnable here: the policy's keyed-hash secret is missing or weak, the
base model's package is not installed, spaCy's model for Presidio is missing. Found at the gate,
each ended a job `blocked` half a second in, with the reason only in `--json`. Every check here is
cheap (environment, files, `importlib.util.find_spec`): nothing heavy is imported.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from embgov.errors import ConfigError, EmbgovError, SpecError
from embgov.spec.loader import LoadedSpec
from embgov.spec.yamlsrc import Loc

Problem = tuple[Loc, str]
# Libraries the stages import when they run (top-level modules: find_spec on them imports nothing).
STACK = {"presidio_analyzer": "presidio-analyzer", "presidio_anonymizer": "presidio-anonymizer", "spacy": "spacy",
         "torch": "torch", "ray": "ray[train]", "sentence_transformers": "sentence-transformers"}


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _message(exc: EmbgovError) -> str:
    return f"{exc.what}" + (f" ({exc.where})" if exc.where else "") + (f"; fix: {exc.fix}" if exc.fix else "")


def host_problems(loaded: LoadedSpec, policy: Any = None) -> list[Problem]:
    """(field, message) for each thing this host lacks to run the job. `policy`: the RedactionPolicy
    when the caller loaded it already (submission checks its approval first)."""
    from embgov.spec.loader import resolve_model

    out: list[Problem] = []
    spec = loaded.spec
    try:
        model = resolve_model(spec.base_model, loaded.base_dir)
        if not model.is_dir():
            out.append((("base_model",), f"the model package for {spec.base_model!r} has no model directory at {model}; "
                                         "fix: reinstall the package"))
    except SpecError as exc:
        out.append((("base_model",), _message(exc)))
    policy_path = None
    try:
        policy_path = loaded.resolve(spec.policy)
        if policy is None:
            from embgov.policy.load import load_policy

            policy = load_policy(policy_path).policy
    except EmbgovError as exc:
        out.append((("policy",), f"the policy cannot be read: {exc.what.splitlines()[0]}"
                                 + (f"; fix: {exc.fix}" if exc.fix else "")))
        policy = None
    if policy is not None:
        out.extend(_policy_problems(policy, policy_path))
    for module, package in STACK.items():
        if not _installed(module):
            out.append(((), f"the Python package {package} is not installed on this host; fix: pip install {package} "
                            "(or reinstall embgov with its dependencies)"))
    return out


def _policy_problems(policy: Any, policy_path: Path | None) -> list[Problem]:
    """The keyed-hash secret (needed for pseudonymous record ids and `hash` actions) and spaCy's model."""
    from embgov.errors import GateError
    from embgov.policy.keys import read_hash_key

    out: list[Problem] = []
    try:  # the gate's own reader: the same rules (where the key comes from, how strong it must be)
        read_hash_key(policy, policy_path.parent if policy_path else None)
    except GateError as exc:
        out.append((("policy",), f"{exc.where}: {exc.what}; fix: {exc.fix}" if exc.where else _message(exc)))
    nlp = policy.nlp_model
    if not _installed(nlp.module):
        out.append((("policy",), f"policy {policy.name} needs spaCy's model {nlp.module} for Presidio, which is not "
                                 f"installed; fix: pip install {nlp.package} (nothing is downloaded at run time)"))
    return out


def _lines(loaded: LoadedSpec) -> dict[Loc, int]:
    from embgov.spec.yamlsrc import load_yaml, read_text

    try:
        return load_yaml(read_text(Path(loaded.source), what="job spec"), loaded.source)[1]
    except (EmbgovError, OSError):
        return {}  # a queued spec whose file is gone (another host): fields without line numbers


def render(loaded: LoadedSpec, problems: list[Problem]) -> list[str]:
    """`file:line field: message`, as `embgov validate` locates spec problems."""
    lines = _lines(loaded)
    out = []
    for loc, message in problems:
        line = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
        field = ".".join(map(str, loc)) or "(host)"
        out.append(f"{loaded.source}{f':{line}' if line else ''} {field}: {message}")
    return out


def check_host(loaded: LoadedSpec, policy: Any = None) -> None:
    """Raise ConfigError listing every problem host_problems finds; nothing when the host can run the job."""
    problems = host_problems(loaded, policy)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        raise ConfigError(f"this host cannot run the job ({len(problems)} {noun})", where=loaded.source,
                          fix="fix each problem below, then run `embgov validate` again", problems=render(loaded, problems))


def validate_specs(paths: list[str] | tuple[str, ...], *, check_files: bool = True, check_env: bool = True) -> list[dict]:
    """`embgov validate`: each spec's result as embgov.spec.validate_many gives it, the host's checks added."""
    from embgov.spec import load_spec

    results = []
    for path in paths:
        try:
            loaded = load_spec(path, check_files=check_files)
            if check_env:
                check_host(loaded)
        except SpecError as exc:
            results.append({"path": path, "valid": False, "error": exc.render(), "problems": exc.problems or [exc.render()]})
        else:
            results.append({"path": path, "valid": True, "name": loaded.spec.name, "hash": loaded.hash})
    return results
