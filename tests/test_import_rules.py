"""The layers of DESIGN.md import only downwards: model < io, layout, analysis < export < ui."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "journeymap"

#: what each layer may import (of ours and of the heavy third-party libraries)
ALLOWED = {
    "model": {"journeymap.model"},
    "io": {"journeymap.model", "journeymap.io"},
    "layout": {"journeymap.model", "journeymap.layout"},
    "analysis": {"journeymap.model", "journeymap.analysis"},
    "export": {"journeymap.model", "journeymap.layout", "journeymap.analysis", "journeymap.export",
               "journeymap.io.atomic", "journeymap.io.errors", "journeymap.io", "journeymap.resources"},
}
FORBIDDEN_THIRD_PARTY = {
    "model": ("PySide6", "yaml", "reportlab"),
    "io": ("PySide6", "reportlab"),
    "layout": ("PySide6", "yaml", "reportlab"),
    "analysis": ("PySide6", "yaml", "reportlab"),
    "export": ("yaml",),
}


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    wrong = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for line, module in imports_of(path):
            ours = module == "journeymap" or module.startswith("journeymap.")
            if ours and module != "journeymap" and not any(module == a or module.startswith(a + ".") for a in ALLOWED[layer]):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: imports {module}")
            if module.split(".")[0] in FORBIDDEN_THIRD_PARTY[layer]:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: imports {module}")
    assert not wrong, "\n".join(wrong)


def test_nothing_imports_the_ui() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "ui":
            continue
        for line, module in imports_of(path):
            if module.startswith("journeymap.ui") and rel.as_posix() != "cli.py":
                wrong.append(f"{rel}:{line}: imports {module}")
    assert not wrong, "\n".join(wrong)


def test_cli_imports_qt_only_lazily() -> None:
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    top_level = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    names = [a.name for n in top_level for a in n.names] + [n.module for n in top_level if isinstance(n, ast.ImportFrom)]
    assert not any(str(name).startswith(("PySide6", "reportlab", "journeymap.ui")) for name in names)
