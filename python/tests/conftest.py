"""Shared fixtures: the repository root, the `sixalign` binary the Python
results are compared with, and `../shared/data` (which must be there)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "udhr" / "zh.txt").is_file():
        pytest.fail(f"shared test data missing: {SHARED} (expected the project's shared/data next to the repository)")
    return SHARED


@pytest.fixture(scope="session")
def cli():
    """Runs the command-line tool (built by `cargo test --release` in .ci/test,
    or SIXALIGN_BIN); returns its standard output."""
    binary = Path(os.environ.get("SIXALIGN_BIN", REPO / "target" / "release" / "sixalign"))
    if not binary.is_file():
        pytest.fail(f"the sixalign binary is needed to compare with: {binary} (cargo build --release)")

    def run(*args, check=True):
        r = subprocess.run([str(binary), *map(str, args)], cwd=REPO, capture_output=True, text=True)
        if check and r.returncode != 0:
            raise AssertionError(f"sixalign {' '.join(map(str, args))}: exit {r.returncode}\n{r.stderr}")
        return r.stdout

    return run


def jsonl(text: str):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def in_repo(monkeypatch):
    """Relative paths in the tests are the repository's, as in the README."""
    monkeypatch.chdir(REPO)
