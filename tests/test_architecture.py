"""The direction of imports: the layout's rooms import only what their side of the house may.

    cli -> build -> verify | publish | site | pipeline -> clean | annotate -> seeds, editorial -> model, chars -> errors

Read from the source (every `import` and `from … import` of every module of `scripts/`), so a
forbidden import fails here before it can tangle the stages.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "scripts"

#: module (or package prefix) -> what of ours it must never import (prefixes)
FORBIDDEN = {
    "scripts.model": ["scripts"],
    "scripts.chars": ["scripts"],
    "scripts.errors": ["scripts"],
    "scripts.clean": ["scripts.annotate", "scripts.site", "scripts.verify", "scripts.publish", "scripts.pipeline",
                      "scripts.build", "scripts.cli"],
    "scripts.annotate": ["scripts.clean", "scripts.site", "scripts.verify", "scripts.publish", "scripts.pipeline",
                         "scripts.build", "scripts.cli"],
    "scripts.site": ["scripts.clean", "scripts.annotate", "scripts.pipeline", "scripts.registry", "scripts.verify",
                     "scripts.publish", "scripts.build", "scripts.cli", "scripts.seeds", "scripts.editorial"],
    "scripts.verify": ["scripts.clean", "scripts.annotate", "scripts.pipeline", "scripts.publish", "scripts.build",
                       "scripts.cli"],
    "scripts.publish": ["scripts.clean", "scripts.annotate", "scripts.site", "scripts.verify", "scripts.pipeline",
                        "scripts.build", "scripts.cli"],
    "scripts.seeds": ["scripts.clean", "scripts.annotate", "scripts.site", "scripts.verify", "scripts.publish",
                      "scripts.pipeline", "scripts.build"],
    "scripts.editorial": ["scripts.clean", "scripts.annotate", "scripts.site", "scripts.verify", "scripts.publish",
                          "scripts.pipeline", "scripts.build"],
    "scripts.fidelity": ["scripts.clean", "scripts.annotate", "scripts.site", "scripts.verify", "scripts.publish",
                         "scripts.pipeline", "scripts.build"],
    "scripts.pipeline": ["scripts.site", "scripts.verify", "scripts.publish", "scripts.build", "scripts.cli"],
    "scripts.build": ["scripts.cli"],
}
#: only these may import MkDocs itself: the rest of the edition does not depend on it
MKDOCS_ALLOWED = {"scripts.publish.mkdocs"}


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, name: str, is_package: bool) -> set[str]:
    """Every module a module's source imports, relative imports resolved."""
    tree = ast.parse(source)
    package = name if is_package else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.add(target)
            out |= {f"{target}.{a.name}" for a in node.names}     # `from . import clean` imports a module too
    return out


def violations(name: str, imported: set[str]) -> list[str]:
    out = []
    for prefix, banned in FORBIDDEN.items():
        if name == prefix or name.startswith(prefix + "."):
            out += [f"{name} imports {i}" for i in sorted(imported) for b in banned
                    if (i == b or i.startswith(b + ".")) and not (i == name or i.startswith(name + "."))]
    if name not in MKDOCS_ALLOWED:
        out += [f"{name} imports {i}" for i in sorted(imported) if i == "mkdocs" or i.startswith("mkdocs.")]
    return out


def all_modules() -> list[tuple[str, set[str]]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        out.append((name, imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")))
    return out


def test_no_module_imports_against_the_direction_of_the_layout():
    found = [v for name, imported in all_modules() for v in violations(name, imported)]
    assert found == []


def test_the_walk_sees_every_room():
    names = {name for name, _ in all_modules()}
    for room in ("scripts.model", "scripts.clean.paragraphs", "scripts.annotate.anchors", "scripts.site.markdown",
                 "scripts.site.pages.about", "scripts.verify.audit", "scripts.publish.stage", "scripts.pipeline"):
        assert room in names


@pytest.mark.parametrize("name, source, bad", [
    pytest.param("scripts.model", "from .chars import is_all_caps\n", "scripts.chars", id="model-imports-ours"),
    pytest.param("scripts.clean.kinds", "from ..annotate import anchors\n", "scripts.annotate", id="clean-annotate"),
    pytest.param("scripts.annotate.glossary", "from ..clean.kinds import x\n", "scripts.clean", id="annotate-clean"),
    pytest.param("scripts.site.markdown", "from ..pipeline import load_edition\n", "scripts.pipeline", id="site-pipeline"),
    pytest.param("scripts.site.pages.home", "import scripts.clean.layout\n", "scripts.clean", id="page-imports-pass"),
    pytest.param("scripts.verify.audit", "from ..clean.footnotes import X\n", "scripts.clean", id="verify-clean"),
    pytest.param("scripts.site.markdown", "import mkdocs.config\n", "mkdocs", id="site-mkdocs"),
])
def test_a_forbidden_import_is_caught(name, source, bad):
    imported = imports_of(source, name, False)
    assert any(bad in v for v in violations(name, imported))


@pytest.mark.parametrize("name, source", [
    pytest.param("scripts.site.markdown", "from ..model import Block\n", id="site-model"),
    pytest.param("scripts.clean.kinds", "from ..chars import is_all_caps\nfrom .tables import x\n", id="clean-chars"),
    pytest.param("scripts.annotate.glossary", "from .anchors import term_anchor\n", id="annotate-itself"),
])
def test_an_allowed_import_passes(name, source):
    assert violations(name, imports_of(source, name, False)) == []
