"""The package's layout: old import paths still work (with a warning), layers import downwards, no cycles, small modules."""

from __future__ import annotations

import ast
import importlib
import sys
import warnings
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "vndirective"

# Old path → new path (issue 12). Each old path works for one more release, with a DeprecationWarning.
MOVED = {
    "vndirective.normalize": "vndirective.core.normalize",
    "vndirective.legacy": "vndirective.core.legacy",
    "vndirective.codes": "vndirective.core.codes",
    "vndirective.patterns": "vndirective.core.patterns",
    "vndirective.lines": "vndirective.core.lines",
    "vndirective.ids": "vndirective.core.ids",
    "vndirective.messages": "vndirective.core.messages",
    "vndirective.model": "vndirective.core.model",
    "vndirective.pipeline": "vndirective.core.pipeline",
    "vndirective.segment": "vndirective.core.zones",
    "vndirective.extract.header": "vndirective.core.extract.header",
    "vndirective.extract.recipients": "vndirective.core.extract.recipients",
    "vndirective.extract.references": "vndirective.core.extract.references",
    "vndirective.extract.tasks": "vndirective.core.extract.tasks",
    "vndirective.extract.items": "vndirective.core.extract.items",
    "vndirective.extract.distribution": "vndirective.core.extract.distribution",
    "vndirective.extract.signature": "vndirective.core.extract.signature",
    "vndirective.extract.entities": "vndirective.analysis.entities",
    "vndirective.extract.assignments": "vndirective.analysis.assignments",
    "vndirective.units": "vndirective.analysis.units",
    "vndirective.format_check": "vndirective.analysis.format_check",
    "vndirective.display": "vndirective.exports.display",
    "vndirective.spacy_component": "vndirective.exports.spacy_component",
    "vndirective.batch": "vndirective.bulk.batch",
    "vndirective.store": "vndirective.bulk.store",
    "vndirective.dask": "vndirective.bulk.dask",
    "vndirective.archive": "vndirective.exports.tt05",
    "vndirective.records": "vndirective.exports.nd30",
    "vndirective.resolve": "vndirective.graph",
}

PUBLIC_API = ("parse", "parse_text", "parse_layout", "evaluate", "check", "build_graph", "run_batch", "Store", "Finding", "Limits",
              "DocumentId", "parse_id", "Directive", "Reference", "Task", "Signature", "Span", "VndirectiveError", "is_compiled")


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_import_path_still_works_and_warns(old):
    sys.modules.pop(old, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(old)
    assert module is importlib.import_module(MOVED[old])  # one module under two names: a patch through either is seen by both
    assert any(issubclass(w.category, DeprecationWarning) and MOVED[old] in str(w.message) for w in caught)


def test_the_public_api_is_where_it_was():
    import vndirective

    for name in PUBLIC_API:
        assert getattr(vndirective, name) is not None, name
    assert vndirective.parse_text("Số 334-CV/HU").number is not None


def test_the_new_modules_import_without_deprecated_paths():
    code = "import vndirective, vndirective.core.pipeline, vndirective.analysis.format_check, vndirective.exports.display; vndirective.parse_text('x')"
    import subprocess

    done = subprocess.run([sys.executable, "-W", "error::DeprecationWarning", "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


# --- the import graph, read from the source: module-level imports and imports inside functions

def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _imports(path: Path) -> set[tuple[str, bool]]:
    """(imported vndirective module, at module level?) of every import in a file; TYPE_CHECKING blocks left out."""
    tree = ast.parse(path.read_text("utf-8"))
    name = _module_name(path)
    package = name if _is_package(path) else name.rpartition(".")[0]
    found: set[tuple[str, bool]] = set()

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    target = ".".join([*base, child.module] if child.module else base)
                else:
                    target = child.module or ""
                if target.startswith("vndirective"):
                    for alias in child.names:
                        sub = f"{target}.{alias.name}"
                        found.add((sub if _exists(sub) else target, top))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("vndirective"):
                        found.add((alias.name, top))
            visit(child, top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, True)
    return found


def _exists(module: str) -> bool:
    rel = Path(*module.split(".")[1:])
    return (PACKAGE / rel).with_suffix(".py").is_file() or (PACKAGE / rel / "__init__.py").is_file()


def _graph(module_level_only: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        text = path.read_text("utf-8")
        if "from vndirective._compat import moved" in text:
            continue  # an old path: an alias, not a module of its own
        graph[name] = {t for t, top in _imports(path) if (top or not module_level_only) and t != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


# A package's __init__ re-exporting its own modules is not a cycle of rules; leave those edges out.
def _without_own_package_edges(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    return {m: {t for t in ts if not (m.startswith(t + ".") or t.startswith(m + "."))} for m, ts in graph.items()}


# Convenience accessors of the Directive dataclass reach up to the layers that compute them, inside the
# method only: d.entities, d.assignments, d.check(), d.to_record(), the notebook display. These are the
# only imports allowed to go up a layer, and they never run at import time.
FACADE = {"vndirective.core.model": {"vndirective.analysis.entities", "vndirective.analysis.assignments", "vndirective.analysis.results",
                                     "vndirective.analysis.format_check", "vndirective.exports.display", "vndirective.exports.nd30",
                                     "vndirective.exports"}}


def test_no_import_cycle_between_modules():
    graph = _without_own_package_edges(_graph(module_level_only=False))
    graph = {m: ts - FACADE.get(m, set()) for m, ts in graph.items()}
    assert _cycle(graph) is None, " → ".join(_cycle(graph) or [])


LAYERS = {"core": 0, "readers": 1, "analysis": 2, "exports": 3, "graph": 3, "bulk": 4}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def test_core_imports_no_upper_layer_at_module_level():
    for module, targets in _graph(module_level_only=True).items():
        if _layer(module) == 0:
            upper = sorted(t for t in targets if (_layer(t) or 0) > 0)
            assert not upper, f"{module} imports {upper}"


MAX_LINES = 600


def test_every_module_is_small_and_says_what_it_owns():
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text("utf-8")
        assert text.count("\n") <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {text.count(chr(10))} lines"
        assert ast.get_docstring(ast.parse(text)), f"{path.relative_to(PACKAGE)} has no module docstring"
