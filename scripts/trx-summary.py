#!/usr/bin/env python3
"""Adds up the Counters of VSTest .trx files and prints "PASSED FAILED SKIPPED".

Failed counts every outcome that means a test did not pass (failed, error, timeout, aborted,
disconnected). Skipped counts tests that were found but not run, plus inconclusive ones; vstest
leaves notExecuted at 0 for skipped xunit tests, so "found but not run" is total minus executed.
A file that cannot be read counts as one failure: a lost result is never a pass.
"""
import sys
import xml.etree.ElementTree as ET

FAILED = ("failed", "error", "timeout", "aborted", "disconnected")

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
        counters = next(e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "Counters")
    except (ET.ParseError, OSError, StopIteration) as error:
        print(f"trx-summary: cannot read the results in {path}: {error}", file=sys.stderr)
        failed += 1
        continue
    count = lambda name: int(counters.get(name, "0"))
    passed += count("passed")
    failed += sum(count(name) for name in FAILED)
    not_run = max(count("total") - count("executed"), count("notExecuted") + count("notRunnable"))
    skipped += not_run + count("inconclusive")

print(passed, failed, skipped)
