"""``bench/load.py`` deletes every node under its ``--prefix``: a prefix that could reach beyond
the benchmark's own shop is refused before anything runs. No database needed."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderless.settings import REPO_ROOT

BENCH = REPO_ROOT / "bench"


@pytest.fixture(scope="module")
def bench_load() -> ModuleType:
    return _module()


@pytest.mark.parametrize(("prefix", "reason"), [
    ("", "empty or blank"),
    ("   ", "empty or blank"),
    ("\t\n", "empty or blank"),
    ("b", "shorter than 3"),
    ("be", "shorter than 3"),
    ("demo-", "overlaps the ids starting with 'demo-'"),
    ("demo", "overlaps the ids starting with 'demo-'"),
    ("demo-product-", "overlaps the ids starting with 'demo-'"),
    ("gpt:", "overlaps the ids starting with 'gpt:'"),
    ("gpt:166", "overlaps the ids starting with 'gpt:'"),
    ("bench x", "only the id characters"),
    ("%bench", "only the id characters"),
])
def test_a_prefix_that_reaches_beyond_the_bench_shop_is_refused(
    bench_load: ModuleType, capsys: pytest.CaptureFixture[str], prefix: str, reason: str,
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        bench_load.parse_args(["--prefix", prefix])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "--prefix" in err and reason in err, err
    with pytest.raises(ValueError, match="--prefix"):
        bench_load.checked_prefix(prefix)


def test_the_default_and_a_own_prefix_are_accepted(bench_load: ModuleType) -> None:
    assert bench_load.parse_args([]).prefix == "bench-"
    assert bench_load.parse_args(["--prefix", "loadbench-7:"]).prefix == "loadbench-7:"


@given(st.text(max_size=12))
def test_an_accepted_prefix_never_matches_every_id(prefix: str) -> None:
    module = _module()  # not the fixture: hypothesis calls the body many times
    try:
        accepted = module.checked_prefix(prefix)
    except ValueError:
        return
    assert len(accepted.strip()) >= 3 and accepted == accepted.strip()
    for reserved in module.RESERVED_PREFIXES:
        assert not accepted.startswith(reserved) and not reserved.startswith(accepted)


def _module() -> ModuleType:
    """``bench/load.py`` imported as a module (it imports its siblings, as when run from bench/)."""
    if "bench_load_under_test" not in sys.modules:
        sys.path.insert(0, str(BENCH))
        try:
            spec = importlib.util.spec_from_file_location("bench_load_under_test", BENCH / "load.py")
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            sys.modules["bench_load_under_test"] = module
        finally:
            sys.path.remove(str(BENCH))
    return sys.modules["bench_load_under_test"]
