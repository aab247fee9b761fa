"""Every transaction scenario in ../shared/scenarios and tests/cases/decide passes check.py."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import e2e  # noqa: E402

CHECK = os.path.join(e2e.DATA, "..", "scenarios", "check.py")
for directory in [os.path.join(e2e.DATA, "..", "scenarios"), os.path.join(e2e.SOURCE, "tests", "cases", "decide")]:
    if not os.path.isdir(directory):
        continue

    @e2e.case(f"scenarios in {os.path.normpath(directory)}")
    def scenarios():
        result = subprocess.run([sys.executable, CHECK, "--redflag", e2e.BIN, "--data-dir", e2e.HOME, directory],
                                capture_output=True, text=True)
        print(result.stdout)
        assert result.returncode == 0, result.stdout.strip().splitlines()[-1]

e2e.finish()
