"""The monitoring core stays free of any web framework."""

import json
import subprocess
import sys


def test_importing_the_core_loads_no_web_framework():
    code = ("import json, sys, kurultai.monitoring; "
            "print(json.dumps(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('django', 'kurultai'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    assert not [m for m in loaded if m.startswith("django") or m.startswith("kurultai.web")]
    assert "kurultai.monitoring.escalation" in loaded
