"""The layer picture as an import contract (STYLE.md): read every module's imports, refuse the arrows
that point the wrong way.  An equivalent of import-linter's "forbidden" contracts, without the tool."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "medios"
GENERATED = ROOT / "ui" / "forms"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, module: str | None = None) -> set[str]:
    """Every module ``path`` (named ``module``) imports, at any depth (functions included), relative
    imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module = module or _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if GENERATED not in p.parents)


def _in(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


# (layer, what it must never import, why)
CONTRACTS = [
    ("medios.db", "medios.services", "db never imports the use cases"),
    ("medios.db", "medios.ui", "db never imports the window"),
    ("medios.db", "medios.export", "db knows no file format"),
    ("medios.referentiel", "medios.services", "the vocabularies stand alone"),
    ("medios.referentiel", "medios.db", "the vocabularies stand alone"),
    ("medios.export", "medios.db", "export takes plain data and never queries"),
    ("medios.export", "medios.services", "export takes plain data"),
    ("medios.export", "sqlalchemy", "export never queries"),
    ("medios.services", "medios.ui", "services never import the window"),
    ("medios.services", "medios.demo", "the use cases do not depend on demonstration data"),
    ("medios.demo", "medios.ui", "the demo runs headless"),
]


@pytest.mark.parametrize(("layer", "forbidden", "why"), CONTRACTS, ids=[f"{c[0]}-x-{c[1]}" for c in CONTRACTS])
def test_layers_point_one_way(layer: str, forbidden: str, why: str) -> None:
    offenders = [
        f"{_module_name(path)} imports {name}"
        for path in modules()
        if _in(_module_name(path), layer)
        for name in sorted(imports_of(path))
        if _in(name, forbidden)
    ]
    assert offenders == [], why


def test_nothing_outside_the_ui_and_the_entry_points_imports_qt() -> None:
    allowed = {"medios.app", "medios.__main__"}
    offenders = [
        f"{_module_name(path)} imports {name}"
        for path in modules()
        if not _in(_module_name(path), "medios.ui") and _module_name(path) not in allowed
        for name in sorted(imports_of(path))
        if _in(name, "PySide6") or _in(name, "shiboken6")
    ]
    assert offenders == []


def test_the_contract_reader_sees_imports_in_functions_and_relative_ones(tmp_path: Path) -> None:
    """The checker itself: an import hidden in a function, or written relatively, is still seen."""
    sample = tmp_path / "probe.py"
    sample.write_text("def f():\n    from ..services import audit\n    import PySide6.QtCore\n", encoding="utf-8")
    found = imports_of(sample, "medios.db.probe")
    assert "medios.services.audit" in found and "PySide6.QtCore" in found
