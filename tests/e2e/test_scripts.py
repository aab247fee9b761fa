"""The README's two commands must test what they say. scripts/quickstart once configured build/
with tests off and scripts/test reused that cache, so the release stage ran "No tests were
found!!!" and passed. These checks configure real build directories the way the scripts do."""
import os
import re
import subprocess
import tempfile

import e2e

SCRIPTS = os.path.join(e2e.SOURCE, "scripts")
tmp = tempfile.mkdtemp(prefix="redflag-scripts-")


def read(name):
    with open(os.path.join(SCRIPTS, name), encoding="utf-8") as f:
        return f.read()


def configure(kind, build_dir):
    result = subprocess.run([os.path.join(SCRIPTS, "build"), kind, build_dir, "--configure-only"],
                            capture_output=True, text=True, timeout=300, cwd=e2e.SOURCE)
    assert result.returncode == 0, (kind, result.stderr[-1000:])


def listed_tests(build_dir):
    result = subprocess.run(["ctest", "--test-dir", build_dir, "-N"], capture_output=True, text=True,
                            timeout=120)
    match = re.search(r"Total Tests: (\d+)", result.stdout)
    return int(match.group(1)) if match else 0


@e2e.case("a quick-start cache reused by the test build still gives the test build its tests")
def reused_cache_has_tests():
    build_dir = os.path.join(tmp, "shared-cache")
    configure("quickstart", build_dir)
    assert listed_tests(build_dir) == 0, "the quick-start build should have no tests"
    configure("test", build_dir)
    count = listed_tests(build_dir)
    assert count >= 40, f"only {count} tests after configuring for tests"


@e2e.case("ctest as scripts/test runs it fails when a build has no tests")
def no_tests_is_an_error():
    build_dir = os.path.join(tmp, "no-tests")
    configure("quickstart", build_dir)
    result = subprocess.run(["ctest", "--test-dir", build_dir, "--no-tests=error"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0, result.stdout
    for line in read("test").splitlines():
        if line.strip().startswith("ctest "):
            assert "--no-tests=error" in line, line


@e2e.case("quick start and the test stages build in directories of their own")
def separate_directories():
    build = read("build")
    dirs = dict(re.findall(r'^\s*(\w+)\)\n\s*dir="\$\{dir:-([\w-]+)\}"', build, re.M))
    assert set(dirs) == {"quickstart", "test", "asan", "fuzz"}, dirs
    assert len(set(dirs.values())) == 4, dirs
    assert "scripts/build quickstart" in read("quickstart")
    test = read("test")
    for kind in ("asan", "test"):
        assert f"scripts/build {kind}" in test, kind
        assert f"--test-dir {dirs[kind]}" in test, kind
    assert "scripts/fuzz" in test


@e2e.case("the fuzz gate is deterministic: a fixed seed and a fixed number of runs")
def fuzz_gate_fixed_seed():
    fuzz = read("fuzz")
    gate = fuzz[fuzz.index('if [ "$mode" = gate ]'):fuzz.index("else", fuzz.index('if [ "$mode" = gate ]'))]
    assert "-seed=1" in gate and "-runs=" in gate and "max_total_time" not in gate, gate
    assert "-runs=0" in gate, "seeds and past findings are not replayed first"
    block = fuzz[fuzz.index('if [ "$mode" = gate ]'):fuzz.index('mkdir -p "$scratch"\n  if "$fuzzer"')]
    replay = block[block.index("-runs=0"):block.index("-seed=1")]
    mutation = block[block.index("-seed=1"):]
    assert "failed=$((failed + 1))" in replay, "a replay failure must fail the gate"
    assert "finds=$((finds + 1))" in mutation and "failed=" not in mutation, mutation


e2e.finish()
