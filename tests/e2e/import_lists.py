"""Fixture: import every real list and the IEEE registry into a fresh e2e data dir."""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
import e2e  # noqa: E402

shutil.rmtree(e2e.HOME, ignore_errors=True)
os.makedirs(e2e.HOME)
result = e2e.run("lists", "import", os.path.join(e2e.DATA, "lists"), os.path.join(e2e.DATA, "ieee-oui"))
print(result.stdout)
print(result.stderr, file=sys.stderr)
sys.exit(result.returncode)
