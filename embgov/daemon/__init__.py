"""The daemon layer: calls the stages on a schedule (monitor checks; re-tuning on drift).

Like pipeline.py, it may import stages and hand one's output to the next. `daemon.check` holds the
monitoring calls (capture a reference, run one check); the scheduler that runs them comes separately.
"""
