"""embgov: compliance-aware fine-tuning of embedding models, with a drift-watching daemon."""

from typing import Callable

__version__ = "0.1.0"

# How the library tells its caller what it is doing (print, a job's log, nothing); never record text.
Say = Callable[[str], None]
