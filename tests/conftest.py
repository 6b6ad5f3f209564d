"""Shared fixtures. The site is built once per session in a copy of the project, so tests never
touch the real docs/ or build/ and can run in any order."""
from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from scripts.build import Reporter, build, load_edition  # noqa: E402

PROJECT_PARTS = ("scripts", "seeds", "mkdocs.yml", "overrides")


def copy_project(dest: Path) -> Path:
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """(root, edition) of a fresh build in a copy of the project."""
    root = copy_project(tmp_path_factory.mktemp("edition"))
    edition = build(root, Reporter(quiet=True))
    return root, edition


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built[0] / "build" / "site"


@pytest.fixture(scope="session")
def edition():
    return load_edition(ROOT)


@pytest.fixture(scope="session")
def doc(edition):
    return edition.report


@pytest.fixture(scope="session")
def gold():
    """The shared gold checker, imported from ../shared/gold (present beside the repo in CI)."""
    path = SHARED / "gold" / "check_gold.py"
    if not path.exists():
        pytest.fail(f"{path} is missing: the project is checked with shared/ beside it")
    spec = importlib.util.spec_from_file_location("check_gold", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
