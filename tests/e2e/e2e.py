"""Shared helpers for the end-to-end tests: run the real binary against the imported data dir."""
import json
import os
import subprocess
import sys

BIN = os.environ.get("REDFLAG_BIN", "build/redflag")
HOME = os.environ.get("REDFLAG_E2E_HOME", "build/e2e-home")
DATA = os.environ.get("REDFLAG_DATA_DIR", os.path.join(os.path.dirname(__file__), "../../../shared/data"))
SOURCE = os.environ.get("REDFLAG_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))

_failures = []
_passed = 0


def run(*args, data_dir=HOME, check=False, stdin=None, timeout=600):
    cmd = [BIN, "--data-dir", data_dir, *args]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, input=stdin)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {result.returncode}: {result.stderr}")
    return result


def run_json(*args, **kwargs):
    result = run(*args, **kwargs)
    try:
        return json.loads(result.stdout), result
    except json.JSONDecodeError as error:
        raise AssertionError(f"no JSON from {args}: {error}; stdout={result.stdout[:300]!r} "
                             f"stderr={result.stderr[:300]!r}")


def case(name):
    """Decorator: run the test function, record pass/fail, keep going."""
    def wrap(fn):
        global _passed
        try:
            fn()
            _passed += 1
            print(f"ok   {name}")
        except AssertionError as error:
            _failures.append(name)
            print(f"FAIL {name}: {error}")
        except Exception as error:  # a broken test is a failure too, and the others still run
            _failures.append(name)
            print(f"FAIL {name}: {type(error).__name__}: {error}")
        return fn
    return wrap


def finish():
    print(f"{_passed} passed, {len(_failures)} failed")
    sys.exit(1 if _failures else 0)
