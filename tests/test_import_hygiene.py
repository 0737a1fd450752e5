"""The core knows nothing of the screen: importing it must not import Textual."""

import subprocess
import sys

CORE = ["timeline.dates", "timeline.model", "timeline.loader", "timeline.parsing", "timeline.problems",
        "timeline.query", "timeline.corpus", "timeline.export", "timeline.cli"]


def test_core_modules_do_not_import_textual():
    code = "import sys\n" + "".join(f"import {m}\n" for m in CORE) + \
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
