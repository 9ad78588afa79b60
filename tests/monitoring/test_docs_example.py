"""The worked example in docs/monitoring.md prints exactly what the page says it prints."""

import contextlib
import io
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "monitoring.md"


def test_worked_example_output_matches_the_page():
    text = DOC.read_text(encoding="utf-8")
    code = re.search(r"This code\n\n```python\n(.*?)```", text, re.S).group(1)
    shown = re.search(r"prints\n\n```\n(.*?)```", text, re.S).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(DOC), "exec"), {})
    assert out.getvalue() == shown
