"""Files written whole or not at all (app/files.py) and formula-safe .xlsx cells (app/excel/cells.py):
a failure, a full disk or a kill -9 in the middle of an export leaves the older file at the target intact."""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.errors import ServiceError
from app.excel.cells import safe_row, safe_value, save_workbook
from app.files import atomic_path, atomic_write, clean_stray_files, is_temp_file, temp_name, write_bytes
from tests.app.roster_files import HEADER, id_no, write_xlsx
from tests.app.test_crash_safety import run_worker

ROOT = Path(__file__).resolve().parents[2]


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if is_temp_file(p)]


def test_atomic_write_replaces_the_target_and_leaves_no_temp(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    with atomic_write(target) as out:
        out.write(b"new")
        assert target.read_bytes() == b"old"  # nothing visible at the target until the block ends
    assert target.read_bytes() == b"new"
    assert temps(tmp_path) == []


def test_a_failure_inside_the_block_keeps_the_older_file(tmp_path):
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("cancelled")
    assert target.read_bytes() == b"old"
    assert temps(tmp_path) == []


def test_a_full_disk_is_a_chinese_message_and_the_older_file_stays(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ServiceError, match="磁盘空间不足.*原有文件未改动"), atomic_write(target) as out:
        out.write(b"x")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_bytes() == b"old"
    assert temps(tmp_path) == []


def test_missing_folder_and_folder_target_are_messages(tmp_path):
    with pytest.raises(ServiceError, match="文件夹不存在"):
        write_bytes(tmp_path / "nope" / "a.pdf", b"x")
    with pytest.raises(ServiceError, match="是文件夹"):
        write_bytes(tmp_path, b"x")


def test_stray_temp_files_of_dead_writers_are_cleaned_at_the_next_write(tmp_path):
    target = tmp_path / "a.xlsx"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stray = temp_name(target)
    stray = stray.with_name(stray.name.replace(f"-{os.getpid()}-", f"-{dead.pid}-"))
    stray.write_bytes(b"half")
    mine = temp_name(target)  # this process's own: may be being written by another thread
    mine.write_bytes(b"busy")
    write_bytes(tmp_path / "b.pdf", b"x")
    assert not stray.exists() and mine.exists()
    mine.unlink()
    assert clean_stray_files(tmp_path) == []


def test_safe_value_never_leaves_a_formula_and_drops_xml_illegal_characters():
    assert safe_value('=HYPERLINK("http://x","点我")') == '\'=HYPERLINK("http://x","点我")'
    assert safe_row(["+1", "-", "@a", "\tx", "ok", 3, None]) == ["'+1", "'-", "'@a", "'\tx", "ok", 3, None]
    assert safe_value("张\x00三\x1f") == "张三"
    assert len(safe_value("x" * 40000)) == 32767


def test_save_workbook_is_atomic_and_checks_the_name(tmp_path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("s")
    ws.append(safe_row(["=1+1", "张\x00三"]))
    out = save_workbook(wb, tmp_path / "a.xlsx")
    cells = load_workbook(out).active[1]
    assert [c.value for c in cells] == ["'=1+1", "张三"] and all(c.data_type == "s" for c in cells)
    with pytest.raises(ServiceError, match=".xlsx"):
        save_workbook(Workbook(), tmp_path / "a.csv")


def test_audit_export_writes_no_formula(services, tmp_path):
    from app.services.audit import AuditFilter

    services.audit.record("export", "roster", {"file": "=cmd|' /C calc'!A0"}, summary='=HYPERLINK("http://evil")')
    path = tmp_path / "audit.xlsx"
    services.audit.export_xlsx(AuditFilter(), path)
    ws = load_workbook(path).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f" or str(c.value).startswith("=")]
    assert any(str(c.value).startswith("'=HYPERLINK") for c in cells)


def _roster_db(services, tmp_path: Path, rows: int) -> None:
    data = [HEADER]
    for i in range(rows):
        data.append([i + 1, f"{i // 400 + 1}栋", "1", str(101 + i % 400), "88.5", f"业主{i}", f"138{i:08d}",
                     id_no(f"1101051980{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}"), "2019-05-01", "", "", "备注" * 5])
    services.roster.commit(write_xlsx(tmp_path / "roster.xlsx", data))


def test_killed_export_leaves_the_older_file_whole_and_the_next_run_cleans_up(db, services, tmp_path):
    _roster_db(services, tmp_path, 300)
    target = tmp_path / "out" / "roster.xlsx"
    target.parent.mkdir()
    services.roster_export.export(target)
    before = target.read_bytes()
    run_worker(db.url, "export", str(target), delay=0.1)
    assert target.read_bytes() == before  # the kill came with half a file written: not at the target
    assert len(temps(target.parent)) == 1
    services.roster_export.export(target)  # the next run
    assert temps(target.parent) == []
    assert load_workbook(target).active.max_row == 301


@pytest.mark.sqlite_only
def test_full_disk_during_cli_export_is_a_message_and_keeps_the_older_file(db, services, tmp_path):
    """A file-size limit (RLIMIT_FSIZE) in a subprocess: the export cannot be written whole."""
    _roster_db(services, tmp_path, 3000)
    target = tmp_path / "out" / "roster.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"older export")
    db.dispose()

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))

    proc = subprocess.run([sys.executable, "-m", "app.cli", "--database", db.url, "roster", "export", str(target)],
                          cwd=ROOT, capture_output=True, text=True, preexec_fn=limit, timeout=120)
    assert proc.returncode in (1, 2), proc.stderr  # a message, not killed by SIGXFSZ nor an internal error (3)
    assert "磁盘空间不足" in proc.stderr and "Traceback" not in proc.stderr
    assert target.read_bytes() == b"older export"
    assert temps(target.parent) == []


@pytest.mark.slow
def test_cli_export_killed_at_random_moments_never_leaves_a_broken_file(db, services, cli_user, tmp_path):
    """As a pulled plug would: ``roster export`` over an older export, killed -9 at several moments."""
    import random
    import time
    import zipfile

    _roster_db(services, tmp_path, 2000)
    me = cli_user(services)
    target = tmp_path / "out" / "roster.xlsx"
    target.parent.mkdir()
    services.roster_export.export(target)
    older = target.read_bytes()
    rng = random.Random(10)
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "app.cli", "--database", db.url, *me, "roster", "export",
                                 str(target)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 3.0))
        proc.kill()
        proc.wait()
        data = target.read_bytes()
        assert data == older or zipfile.ZipFile(target).testzip() is None  # the old file, or a whole new one
        older = data
        assert load_workbook(target).active.max_row == 2001
