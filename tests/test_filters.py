"""Each Lua filter of filters/ on a small input, as pandoc-ext tests its filters: a defaults file per
case (tests/filters/test-<case>.yaml: input, filters, output format) and the expected output beside it.

After a deliberate change to a filter, look at pandoc's new output, then replace expected-<case>.*.
"""

import subprocess
from pathlib import Path

import pypandoc
import pytest

CASES = Path(__file__).parent / "filters"


@pytest.mark.parametrize("defaults", sorted(CASES.glob("test-*.yaml")), ids=lambda p: p.stem[5:])
def test_filter_output_is_the_expected_one(defaults):
    expected = next(CASES.glob(f"expected-{defaults.stem[5:]}.*"))
    result = subprocess.run([pypandoc.get_pandoc_path(), "--defaults", defaults.name], cwd=CASES,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected.read_text(encoding="utf-8")


def test_every_filter_has_a_case():
    tested = " ".join(p.read_text(encoding="utf-8") for p in CASES.glob("test-*.yaml"))
    for lua in (CASES.parents[1] / "filters").glob("*.lua"):
        assert f"filters/{lua.name}" in tested, lua.name
