"""The layers of DESIGN.md import only downwards: model < io, layout, analysis < versions < export < ui, cli.

An import counts whether it is a statement or a string naming a module of ours — the
`importlib.import_module("journeymap.…")` calls and the "module:function" tables
(`COMMANDS`, `EXPORTERS`) that load a module only when it is used — so a lazy import
cannot slip past the rules.
"""

import ast
import re
from pathlib import Path
from typing import NamedTuple

import pytest

PACKAGE = Path(__file__).parent.parent / "journeymap"

#: what every layer may import: the process-wide tweaks (stdlib only, see the test below)
EVERYWHERE = {"journeymap.runtime"}
#: what each layer may import (of ours and of the heavy third-party libraries)
ALLOWED = {
    "model": {"journeymap.model"} | EVERYWHERE,
    "io": {"journeymap.model", "journeymap.io"} | EVERYWHERE,
    "layout": {"journeymap.model", "journeymap.layout"} | EVERYWHERE,
    "analysis": {"journeymap.model", "journeymap.analysis"} | EVERYWHERE,
    "export": {"journeymap.model", "journeymap.layout", "journeymap.analysis", "journeymap.export",
               "journeymap.io.atomic", "journeymap.io.errors", "journeymap.io", "journeymap.resources",
               "journeymap.versions"} | EVERYWHERE,
    "versions": {"journeymap.model", "journeymap.io", "journeymap.analysis", "journeymap.versions"} | EVERYWHERE,
}
FORBIDDEN_THIRD_PARTY = {
    "model": ("PySide6", "yaml", "reportlab"),
    "io": ("PySide6", "reportlab"),
    "layout": ("PySide6", "yaml", "reportlab"),
    "analysis": ("PySide6", "yaml", "reportlab"),
    "export": ("yaml",),
    "versions": ("PySide6", "yaml", "reportlab"),
}
#: the front doors: nothing else imports them (the ui may call the CLI's shared functions)
FRONT_DOORS = ("journeymap.ui", "journeymap.cli")
#: what the CLI package may not load at import time: `journeymap --help` must stay instant
HEAVY = ("PySide6", "reportlab", "journeymap.ui", "journeymap.export", "journeymap.cli.")

_MODULE_STRING = re.compile(r"journeymap(?:\.[A-Za-z_]\w*)+(?::[A-Za-z_]\w*)?")


class Import(NamedTuple):
    line: int
    module: str
    top_level: bool  # run when the module itself is imported (not inside a function, not a string)


def imports_of(path: Path, package: str | None = None) -> list[Import]:
    """Every import of `path`: statements (relative ones resolved) and module-naming strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if package is None:
        package = ".".join(path.relative_to(PACKAGE.parent).parts[:-1])
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(node.lineno, alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.append(Import(node.lineno, base, id(node) in top))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _MODULE_STRING.fullmatch(node.value):
            found.append(Import(node.lineno, node.value.partition(":")[0], False))
    return found


def _where(path: Path, imp: Import) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{imp.line}: imports {imp.module}"


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    wrong = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for imp in imports_of(path):
            module = imp.module
            ours = module.startswith("journeymap.")
            if ours and not any(module == a or module.startswith(a + ".") for a in ALLOWED[layer]):
                wrong.append(_where(path, imp))
            if module.split(".")[0] in FORBIDDEN_THIRD_PARTY[layer]:
                wrong.append(_where(path, imp))
    assert not wrong, "\n".join(wrong)


def test_nothing_imports_a_front_door() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ("ui", "cli") or rel.as_posix() == "__main__.py":
            continue
        wrong += [_where(path, imp) for imp in imports_of(path) if imp.module.startswith(FRONT_DOORS)]
    assert not wrong, "\n".join(wrong)


def test_cli_imports_heavy_modules_only_lazily() -> None:
    """No module of the CLI package loads Qt, reportlab, the ui, the exporters or another command on import."""
    wrong = []
    for path in sorted((PACKAGE / "cli").rglob("*.py")):
        for imp in imports_of(path):
            if imp.top_level and imp.module.startswith(HEAVY):
                wrong.append(_where(path, imp))
    assert not wrong, "\n".join(wrong)


def test_the_runtime_module_loads_only_the_standard_library_on_import() -> None:
    import sys

    for imp in imports_of(PACKAGE / "runtime.py"):
        if imp.top_level:
            assert imp.module.split(".")[0] in sys.stdlib_module_names or imp.module == "__future__", imp


def test_the_cli_front_door_names_only_commands_that_exist() -> None:
    from journeymap.cli import COMMANDS

    for name, (module, register, run, _help) in COMMANDS.items():
        assert module.startswith("journeymap.cli."), name
        source = PACKAGE.parent / (module.replace(".", "/") + ".py")
        defined = {n.name for n in ast.parse(source.read_text(encoding="utf-8")).body if isinstance(n, ast.FunctionDef)}
        assert {register, run} <= defined, name


def test_string_imports_are_seen(tmp_path: Path) -> None:
    """The rule checker itself: a lazy import through a string counts as an import."""
    sample = tmp_path / "probe.py"
    sample.write_text('import importlib\nfrom . import engine\nX = {"a": "journeymap.ui.app:run_app"}\n'
                      'def f():\n    importlib.import_module("journeymap.io.reader")\n', encoding="utf-8")
    found = {imp.module: imp.top_level for imp in imports_of(sample, "journeymap.layout")}
    assert found["journeymap.ui.app"] is False and found["journeymap.io.reader"] is False
    assert found["journeymap.layout"] is True
