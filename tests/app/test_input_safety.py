"""Hostile and careless roster files (issue 10): sparse extents that would make calamine allocate hundreds
of GB, formulas without values. Files that could abort the process are read in a subprocess, so an abort
fails the test instead of killing pytest; its peak memory is measured with wait4."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.errors import ServiceError
from app.excel.reader import read_sheet
from tests.app.roster_files import dump

ROOT = Path(__file__).resolve().parents[2]
MB = 1024  # ru_maxrss is in KiB on Linux


def far_cell_file(path: Path, cell: str = "XFD1048576", value: object = "x", *, styled_only: bool = False) -> Path:
    """A tiny roster with one more cell far away (a value, or only a style)."""
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["楼栋", "房号", "姓名"])
    ws.append(["3栋", "101", "张三"])
    if styled_only:
        ws[cell].font = Font(bold=True)
    else:
        ws[cell] = value
    wb.save(path)
    assert path.stat().st_size < 10_000
    return path


def run_measured(args: list[str], env: dict | None = None) -> tuple[int, str, str, int]:
    """(exit code, stdout, stderr, peak RSS in MB) of a child process."""
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    out, err = proc.communicate(timeout=180)
    # communicate() reaped it; RUSAGE_CHILDREN is the max over children, enough as an upper bound
    import resource

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // MB
    return proc.returncode, out, err, peak


@pytest.mark.parametrize("cell", ["XFD1048576", "CV1048576", "XFD2"])
def test_a_far_value_is_refused_through_the_cli_naming_the_cell(db, services, cli_user, tmp_path, cell):
    path = far_cell_file(tmp_path / "far.xlsx", cell)
    me = cli_user(services)
    before = dump(db)
    code, out, err, peak = run_measured([sys.executable, "-m", "app.cli", "--database", db.url, *me,
                                         "roster", "import", str(path)])
    assert code in (1, 2), (code, err[-2000:])  # a message, not an abort (134) or an internal error (3)
    text = out + err
    assert cell in text and "无法导入" in text and "Traceback" not in text
    assert peak < 400, f"peak {peak} MB"
    assert dump(db) == before


def test_a_far_value_is_refused_through_the_service_the_dialog_calls(tmp_path):
    path = far_cell_file(tmp_path / "far.xlsx")
    code = (
        "import sys\n"
        "from app.db import open_database\n"
        "from app.errors import ServiceError\n"
        "from app.services import Services\n"
        f"services = Services.open(open_database('sqlite:///{tmp_path / 'p.db'}'))\n"
        "try:\n"
        f"    services.roster.preview({str(path)!r})\n"
        "except ServiceError as exc:\n"
        "    print(exc)\n"
        "    sys.exit(5)\n"
    )
    rc, out, err, _ = run_measured([sys.executable, "-c", code])
    assert rc == 5, (rc, err[-2000:])
    assert "XFD1048576" in out and "“x”" in out


def test_a_far_cell_with_only_a_style_imports_normally(services, tmp_path):
    path = far_cell_file(tmp_path / "styled.xlsx", styled_only=True)
    assert len(read_sheet(path).rows) == 2
    result = services.roster.commit(path)
    assert result.created == 1


def test_a_lying_dimension_is_ignored(services, tmp_path):
    path = far_cell_file(tmp_path / "dim.xlsx", styled_only=True)
    import zipfile

    rewritten = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(rewritten, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b'<dimension ref="A1:XFD1048576"', b'<dimension ref="A1:B2"')
            dst.writestr(item, data)
    assert services.roster.preview(rewritten).counts["create"] == 1


def test_a_sheet_with_more_rows_than_the_limit_names_the_limit(tmp_path, monkeypatch):
    from app.excel import extent

    monkeypatch.setattr(extent, "MAX_ROWS", 50)
    monkeypatch.setattr(extent, "MANY", 10)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["楼栋", "房号", "姓名"])
    for i in range(200):
        ws.append(["3栋", str(100 + i), f"业主{i}"])
    wb.save(tmp_path / "big.xlsx")
    with pytest.raises(ServiceError, match="201 行 × 3 列, 超过上限 \\(50 行"):
        read_sheet(tmp_path / "big.xlsx")


def test_a_formula_without_its_value_is_named_as_such(services, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["楼栋", "房号", "姓名"])
    ws.append(["3栋", "101", "=A1&B1"])  # openpyxl saves formulas without a cached value
    ws.append(["3栋", "102", "李四"])
    wb.save(tmp_path / "formula.xlsx")
    preview = services.roster.preview(tmp_path / "formula.xlsx")
    assert preview.lines() == ["第2行 姓名: 是公式, 但文件中没有保存它的计算结果。请在 Excel 中打开后保存一次, 或把公式改为数值后再导入"]
