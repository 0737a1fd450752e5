"""The core knows nothing of the screen: importing it must not import Textual or Rich."""

import subprocess
import sys

CORE = ["timeline.dates", "timeline.model", "timeline.loader", "timeline.parsing", "timeline.validation",
        "timeline.fastpath", "timeline.problems", "timeline.query", "timeline.corpus", "timeline.export", "timeline.cli"]


def test_core_modules_do_not_import_textual_or_rich():
    code = "import sys\n" + "".join(f"import {m}\n" for m in CORE) + \
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
