#!/usr/bin/env python3
"""Checks that each module's CMake dependencies are what its code includes.

usage: check_module_deps.py SOURCE_DIR

For every redflag_module(<name> DEPS ... [TEST_DEPS ...]) in CMakeLists.txt:
- a file under src/<name>/ may include headers of <name> and of the modules in its DEPS only
  (tests, *_test.cc and *_test_util.h, also those in TEST_DEPS);
- every module in DEPS is included by some non-test file of <name> (a link the code does not use
  pulls its libraries into every module downstream).
Prints one line per problem and exits 1 when there is any.
"""
import os
import re
import sys

MODULE_CALL = re.compile(r"redflag_module\(\s*(\w+)([^)]*)\)", re.S)
INCLUDE = re.compile(r'^\s*#\s*include\s+"(\w+)/[^"]+"', re.M)
TEST_FILE = re.compile(r"_(test|test_util|bench|fuzz)\.(cc|h)$")


def declared_modules(cmake_text):
    modules = {}
    for name, args in MODULE_CALL.findall(cmake_text):
        if name == "name":  # the function definition itself
            continue
        deps, test_deps, current = set(), set(), None
        for word in args.split():
            if word in ("DEPS", "TEST_DEPS"):
                current = word
            elif word.startswith("redflag_") and current:
                (deps if current == "DEPS" else test_deps).add(word[len("redflag_"):])
        modules[name] = (deps, test_deps)
    return modules


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(__file__))
    with open(os.path.join(root, "CMakeLists.txt"), encoding="utf-8") as cmake:
        modules = declared_modules(cmake.read())
    src = os.path.join(root, "src")
    known = {entry for entry in os.listdir(src) if os.path.isdir(os.path.join(src, entry))}
    problems = []
    for name, (deps, test_deps) in sorted(modules.items()):
        used = set()
        for folder, _, files in os.walk(os.path.join(src, name)):
            for file_name in sorted(files):
                if not file_name.endswith((".cc", ".h", ".inc")):
                    continue
                path = os.path.join(folder, file_name)
                is_test = bool(TEST_FILE.search(file_name))
                allowed = {name} | deps | (test_deps if is_test else set())
                with open(path, encoding="utf-8", errors="replace") as source:
                    included = set(INCLUDE.findall(source.read())) & known
                for module in sorted(included - allowed):
                    problems.append(f"{os.path.relpath(path, root)}: includes {module}/, which "
                                    f"{name} does not declare in CMakeLists.txt")
                if not is_test:
                    used |= included
        for module in sorted(deps - used):
            problems.append(f"CMakeLists.txt: {name} declares redflag_{module} but no file of "
                            f"src/{name}/ includes it")
    for problem in problems:
        print(problem)
    print(f"{len(modules)} modules checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
