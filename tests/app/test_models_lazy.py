"""``app.models`` loads each domain's module on first use (issue 18: a command line run declared and configured
every model, 0.3–0.5 s): the lists it loads by (``MODULES``, ``DEPENDS``) must match the modules themselves."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import app.models
from app.models import DEPENDS, MODULES, Base, load

ROOT = Path(__file__).resolve().parents[2]


def _module_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(app.models.__path__))


def _closure(module: str) -> set[str]:
    found = {module}
    for other in DEPENDS.get(module, ()):
        found |= _closure(other)
    return found


def test_every_module_and_every_model_is_listed():
    assert sorted(MODULES) == _module_names()
    for name in MODULES:
        module = importlib.import_module(f"app.models.{name}")
        mapped = {k for k, v in vars(module).items()
                  if isinstance(v, type) and issubclass(v, Base) and v is not Base and v.__module__ == module.__name__}
        assert name == "base" or mapped, name
        assert mapped <= set(MODULES[name]), (name, mapped - set(MODULES[name]))
        assert all(hasattr(module, n) for n in MODULES[name]), name


def test_a_module_loads_the_modules_its_foreign_keys_refer_to():
    owner = {m.local_table.name: m.class_.__module__.rsplit(".", 1)[1] for m in Base.registry.mappers}
    for table in Base.metadata.tables.values():
        if table.name not in owner:
            continue
        for fk in table.foreign_keys:
            target = owner[fk.column.table.name]
            assert target in _closure(owner[table.name]), f"{table.name} → {fk.column.table.name}: DEPENDS"


def test_load_returns_the_module():
    assert load("workorders").WorkOrder is app.models.WorkOrder


PROBE = """
import json, sys
from app.models import WorkOrder
first = sorted(m for m in sys.modules if m.startswith("app.models."))
from app.models import Base
print(json.dumps({"first": first, "tables": len(Base.metadata.tables),
                  "all": sorted(m for m in sys.modules if m.startswith("app.models."))}))
"""


def test_a_model_loads_its_domain_and_base_loads_every_model():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60, check=True)
    result = json.loads(proc.stdout.splitlines()[-1])
    assert result["first"] == ["app.models.base", "app.models.people", "app.models.property", "app.models.workorders"]
    assert result["all"] == [f"app.models.{m}" for m in _module_names()]
    assert result["tables"] == len(Base.metadata.tables)
