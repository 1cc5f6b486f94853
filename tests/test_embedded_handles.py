"""The embedded server's list of the processes using it survives a SIGKILLed importer
(archive/database.py `handle_pids_prune`)."""

import json
import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings

from archive.database import DEFAULT_EMBEDDED_DIR

PIDS = DEFAULT_EMBEDDED_DIR / ".handle_pids.json"
# A process that opens the embedded server the way every manage.py command does, then dies
# without running its exit handlers (what SIGKILL, the OOM killer or a power cut do).
_KILLED = (
    "import os, signal, django; django.setup(); print(os.getpid(), flush=True); os.kill(os.getpid(), signal.SIGKILL)"
)
_CLEAN = "import django; django.setup()"

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="the suite runs on DATABASE_URL, not the embedded server"
)


def child(code: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "EMBEDDED_PG_DIR")}
    env["DJANGO_SETTINGS_MODULE"] = "archive.settings"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_killed_process_is_dropped_from_the_list_by_the_next_one():
    killed = child(_KILLED)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    pid = int(killed.stdout.split()[0])
    assert pid in json.loads(PIDS.read_text())  # it never removed itself

    clean = child(_CLEAN)
    assert clean.returncode == 0, clean.stderr
    listed = json.loads(PIDS.read_text())
    assert pid not in listed
    assert os.getpid() in listed  # the test process itself still uses the server
