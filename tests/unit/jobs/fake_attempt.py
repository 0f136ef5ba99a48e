"""A stand-in for `python -m embgov.worker attempt`: lets the supervision tests control how an attempt
behaves (succeed, be refused, hang, crash) without running the pipeline.  argv: JOB_ID OWNER MODE"""

import os
import sys
import time
from pathlib import Path

from embgov.store.queue import finish, get_job

job_id, owner, mode = sys.argv[1:4]
job = get_job(job_id)
Path(job.run_dir, "attempt.pid").write_text(str(os.getpid()))
print(f"fake attempt {mode}", flush=True)
if mode == "ok":
    time.sleep(0.5)
    finish(job_id, owner, "succeeded", outputs={"model": "fake:1"})
elif mode == "refused":
    finish(job_id, owner, "blocked", error="policy.yaml: policy x changed since it was approved\n  fix: approve it again")
elif mode == "hang":
    time.sleep(120)
elif mode == "crash":
    os._exit(9)
