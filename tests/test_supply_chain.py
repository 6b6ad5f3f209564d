"""The supply chain: every dependency pinned and hashed, installable on the oldest Python the
README names, installed so that a dropped package goes, and no install script run."""
from __future__ import annotations

import re
from importlib import metadata

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from conftest import ROOT

LOCKS = ["requirements.lock", "requirements-test.lock", "requirements-bootstrap.lock"]
#: the oldest Python the README names (pyproject: requires-python >= 3.11; Debian 12 has 3.11.2)
FLOOR = Version("3.11.0")
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)\s*\\?$")


def pins(lock: str) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of a uv/pip-compile lock."""
    out: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        if m := PIN.match(line):
            current = m.group(1).lower().replace("_", "-")
            out[current] = (m.group(2), [])
        elif "--hash=sha256:" in line and current:
            out[current][1].append(line.split("--hash=sha256:")[1].split()[0])
    return out


@pytest.mark.parametrize("lock", LOCKS)
def test_every_pin_has_a_hash(lock):
    locked = pins(lock)
    assert locked, lock
    assert {name for name, (_, hashes) in locked.items() if not hashes} == set()
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for _, hashes in locked.values() for h in hashes)


def test_the_test_lock_agrees_with_the_site_lock():
    site, test = pins("requirements.lock"), pins("requirements-test.lock")
    assert {n: v for n, (v, _) in site.items()} == {n: test[n][0] for n in site}


def test_every_locked_package_installs_on_the_oldest_python_the_readme_names():
    """Checked against each installed distribution's own Requires-Python (pymdown-extensions 13
    and soupsieve 4.1 need 3.11.5, which Debian 12 does not have)."""
    refusing = []
    for lock in LOCKS[:2]:
        for name, (version, _) in pins(lock).items():
            dist = metadata.distribution(name)
            assert dist.version == version, f"{name}: {dist.version} installed, {version} locked; run make"
            needs = dist.metadata.get("Requires-Python")
            if needs and FLOOR not in SpecifierSet(needs):
                refusing.append(f"{name} {version} needs Python {needs}")
    assert refusing == []


def test_the_makefile_installs_by_hash_syncs_and_runs_no_npm_scripts():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes" in make and "uv pip sync" in make
    assert re.search(r"npm ci[^\n]*--ignore-scripts", make)
    assert "python-check" in make and "(3, 11)" in make


def test_pyproject_declares_its_build_and_licence():
    import tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["build-system"]["build-backend"] == "setuptools.build_meta"
    assert project["project"]["license"] == "MIT"                   # an SPDX expression
    assert SpecifierSet(project["project"]["requires-python"]).contains(FLOOR)
    assert project["tool"]["edition"]["released"]
