"""Show an EvalReport: a text table per set, the decision, and a bar chart (PNG)."""

from __future__ import annotations

from pathlib import Path

from embgov.contracts import EvalReport


def table(scores: dict[str, dict[str, float]], reference: str | None = None) -> str:
    """Models as rows, metrics as columns; with `reference`, each other row's difference to it."""
    if not scores:
        return ""
    metrics = list(dict.fromkeys(m for row in scores.values() for m in row))
    width = max(len("model"), *(len(n) for n in scores))
    cols = [max(len(m), 6) for m in metrics]
    lines = ["  ".join([f"{'model':<{width}}", *(f"{m:>{c}}" for m, c in zip(metrics, cols))])]
    for name, row in scores.items():
        lines.append("  ".join([f"{name:<{width}}", *(f"{row[m]:>{c}.4f}" if m in row else f"{'-':>{c}}"
                                                      for m, c in zip(metrics, cols))]))
    if reference in scores:
        for name, row in scores.items():
            if name != reference:
                diff = [f"{row[m] - scores[reference][m]:>+{c}.4f}" if m in row and m in scores[reference] else f"{'-':>{c}}"
                        for m, c in zip(metrics, cols)]
                lines.append("  ".join([f"{f'{name}-{reference}':<{width}}", *diff]))
    return "\n".join(lines)


def length_line(report: EvalReport) -> str:
    """The one length every dense model ran at (like for like), as the table's caption."""
    n = report.heldout.get("max_seq_length")
    return f"every model encoded at max_seq_length {n} tokens" if n else "each model encoded at its own max_seq_length"


def render(report: EvalReport) -> str:
    """The human-readable report: held-out table, general table, warnings, decision, time."""
    h = report.heldout
    out = [f"held-out: {h.get('documents')} documents, {h.get('evaluated_queries')} judged queries, "
           f"{h.get('relevant_pairs')} relevant pairs", length_line(report), table(report.metrics)]
    if report.general is not None:
        out += ["", "general set (forgetting check):", table(report.general, reference="base")]
    out += [f"warning: {w}" for w in report.warnings]
    if report.decision is not None:
        d = report.decision
        out += ["", f"decision: {'PROMOTE' if d.promote else 'do not promote'} (primary metric {d.primary_metric})"]
        out += [f"  {r}" for r in d.reasons]
    out.append(f"time: {report.seconds:.1f} s")
    return "\n".join(out)


def plot(report: EvalReport, path: str | Path) -> Path:
    """A grouped bar chart (metrics on x, one bar per model) of the held-out figures, as PNG."""
    import matplotlib

    matplotlib.use("Agg")  # no display: write files only
    import matplotlib.pyplot as plt

    scores = report.metrics
    metrics = list(dict.fromkeys(m for row in scores.values() for m in row))
    width = 0.8 / max(len(scores), 1)
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(metrics)), 4), dpi=100)
    try:
        for i, (name, row) in enumerate(scores.items()):
            xs = [j + (i - (len(scores) - 1) / 2) * width for j in range(len(metrics))]
            bars = ax.bar(xs, [row.get(m, 0.0) for m in metrics], width, label=name)
            ax.bar_label(bars, fmt="%.3f", fontsize=7, padding=2)
        ax.set_xticks(range(len(metrics)), metrics)
        ax.set_ylim(0, 1.2)  # headroom for the legend above the bars
        ax.set_ylabel("score")
        ax.set_title(f"held-out set: {report.heldout.get('evaluated_queries')} queries, "
                     f"{report.heldout.get('documents')} documents")
        ax.legend(loc="upper center", ncol=min(len(scores), 4), fontsize=8, frameon=False)
        fig.tight_layout()
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, format="png")
    finally:
        plt.close(fig)
    return out
