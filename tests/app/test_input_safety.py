"""Hostile and careless roster files (issue 10): sparse extents that would make calamine allocate hundreds
of GB, formulas without values. Files that could abort the process are read in a subprocess, so an abort
fails the test instead of killing pytest; its peak memory is measured with wait4."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app.errors import ServiceError
from app.excel import extent as extent_module
from app.excel.reader import read_sheet
from app.models import AuditLog
from app.services.roster import RosterRejected
from tests.app.roster_files import HEADER, ID_A, dump, id_no, people, write_xlsx

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
    """(exit code, stdout, stderr, peak RSS in MB) of a child process. It is started from a small wrapper
    process: a child forked from pytest itself would report pytest's own size as its peak."""
    wrapper = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)")
    proc = subprocess.run([sys.executable, "-c", wrapper, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=180)
    err, _, peak = proc.stderr.rstrip().rpartition("\n")
    return proc.returncode, proc.stdout, err, int(peak) // MB


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


def test_a_far_value_within_the_row_and_column_limits_but_over_the_cell_limit_is_named(services, tmp_path):
    """78,291 rows × 81 columns stays under both limits but over MAX_CELLS: the stray cell is still named
    (found by the hypothesis test)."""
    path = far_cell_file(tmp_path / "far.xlsx", "CC78291", "远")
    with pytest.raises(ServiceError) as refused:
        services.roster.preview(path)
    assert "CC78291" in str(refused.value) and "“远”" in str(refused.value)


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
    with pytest.raises(ServiceError, match="“花名册”超过 50 行 \\(上限: 50 行"):
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


# --- conflicts: an import never silently renames a stored person or moves a plate/space -----------------

def _seed_owner(services, tmp_path):
    """董静 in 1栋1单元101 with a car and a parking space."""
    services.roster.commit(write_xlsx(tmp_path / "seed.xlsx", [
        HEADER, [1, "1栋", "1", "101", "90", "董静", "13800000001", ID_A, "", "B1-001", "浙A12345", ""],
    ]))


def test_an_impostor_row_is_a_conflict_named_by_row_and_nothing_is_written(db, services, tmp_path):
    _seed_owner(services, tmp_path)
    before = dump(db)
    path = write_xlsx(tmp_path / "impostor.xlsx", [
        HEADER, [1, "2栋", "1", "301", "80", "冒名顶替", "13900000002", ID_A, "", "", "", ""],
    ])
    preview = services.roster.preview(path)
    assert preview.lines() == ["第2行 身份证号码: 已登记为 董静 (1栋1单元101), 姓名不同 (本行为 冒名顶替)"]
    assert [c.change for c in preview.conflicts] == [f"第2行 姓名 (身份证号码 {ID_A}): 董静 → 冒名顶替"]
    with pytest.raises(RosterRejected):
        services.roster.commit(path)
    with pytest.raises(RosterRejected):
        services.roster.commit(path, only_valid=True)  # the only row is the conflict: nothing to import
    assert dump(db) == before


def test_moving_a_plate_or_a_space_to_another_unit_is_a_conflict(db, services, tmp_path):
    _seed_owner(services, tmp_path)
    before = dump(db)
    path = write_xlsx(tmp_path / "move.xlsx", [
        HEADER, [1, "5栋", "2", "502", "80", "王五", "", "", "", "B1-001", "浙A12345", ""],
    ])
    preview = services.roster.preview(path)
    assert preview.lines() == [
        "第2行 车位号: 车位 B1-001 已登记在 1栋1单元101, 本行会把它移到 5栋2单元502",
        "第2行 车牌号: 车牌 浙A12345 已登记在 1栋1单元101, 本行会把它移到 5栋2单元502",
    ]
    assert preview.counts["error"] == 1
    with pytest.raises(RosterRejected):
        services.roster.commit(path)
    assert dump(db) == before


def test_update_existing_accepts_conflicts_and_audits_before_and_after(db, services, tmp_path):
    _seed_owner(services, tmp_path)
    path = write_xlsx(tmp_path / "impostor.xlsx", [
        HEADER, [1, "1栋", "1", "101", "90", "董晶", "13900000002", ID_A, "", "", "", ""],
        [2, "5栋", "2", "502", "80", "王五", "", "", "", "B1-001", "浙A12345", ""],
    ])
    preview = services.roster.preview(path, update_existing=True)
    assert preview.ok and len(preview.conflicts) == 3 and preview.counts["update"] == 1
    services.roster.commit(preview)
    assert ("1栋", "1", "101", "董晶", "13900000002") in [tuple(p[:5]) for p in people(db)]
    with db.read_session() as s:
        rows = s.execute(select(AuditLog.entity, AuditLog.action, AuditLog.changes)
                         .where(AuditLog.action.in_(("update", "import")))).all()
    changes = [(e, json.loads(c)) for e, a, c in rows if a == "update" and "rows" not in json.loads(c)]
    person = [c for e, c in changes if e == "persons"]
    assert person == [{"name": ["董静", "董晶"], "phone": ["13800000001", "13900000002"]}]
    moved = [c for e, c in changes if e in ("vehicles", "parking_spaces")]
    assert len(moved) == 2 and all(m["unit_id"][0] != m["unit_id"][1] for m in moved)
    imported = [json.loads(c) for e, a, c in rows if a == "import"][-1]
    assert imported["update_existing"] is True and len(imported["conflicts"]) == 3


def test_cli_refuses_conflicts_and_update_existing_accepts_them(db, services, cli_user, tmp_path, capsys):
    from app.cli import main

    _seed_owner(services, tmp_path)
    me = cli_user(services)
    path = write_xlsx(tmp_path / "impostor.xlsx", [
        HEADER, [1, "2栋", "1", "301", "80", "冒名顶替", "13900000002", ID_A, "", "", "", ""],
    ])
    assert main(["--database", db.url, *me, "roster", "import", str(path)]) == 1
    out = capsys.readouterr().out
    assert "第2行 身份证号码: 已登记为 董静 (1栋1单元101), 姓名不同" in out and "--update-existing" in out
    assert main(["--database", db.url, *me, "roster", "import", str(path), "--update-existing"]) == 0
    out = capsys.readouterr().out
    assert "董静 → 冒名顶替" in out


# --- invisible characters, odd rooms and dates -------------------------------------------------------

def test_invisible_characters_make_no_look_alike_buildings_or_units(db, services, tmp_path):
    variants = ["98\u200b栋", "\ufeff98栋", "98\u2060栋", "９８栋", "98栋\u00a0"]
    rows = [["楼栋", "单元", "房号", "姓名"]]
    for i, building in enumerate(variants):
        rows.append([building, "1\u200b", "15\u00a004", f"住户{i}\u200d"])
    services.roster.commit(write_xlsx(tmp_path / "ghosts.xlsx", rows))
    found = people(db)
    assert {(p[0], p[1], p[2]) for p in found} == {("98栋", "1", "1504")}
    assert sorted(p[3] for p in found) == [f"住户{i}" for i in range(5)]


def test_a_phone_or_id_number_with_an_invisible_character_is_reported(services, tmp_path):
    path = write_xlsx(tmp_path / "zw.xlsx", [
        HEADER, [1, "3栋", "1", "101", "", "甲", "138\u200b12345678", "", "", "", "", ""],
        [2, "3栋", "1", "102", "", "乙", "", "\ufeff" + ID_A, "", "", "", ""],
    ])
    assert services.roster.preview(path).lines() == [
        "第2行 联系电话: 含有不可见字符 (去掉后为 13812345678), 请在原文件中删除后重新输入该号码",
        f"第3行 身份证号码: 含有不可见字符 (去掉后为 {ID_A}), 请在原文件中删除后重新输入该号码",
    ]


def test_clean_text_keeps_square_metres_and_circled_numbers_but_folds_look_alikes():
    from app.validators import clean_text

    assert clean_text("元/㎡·月") == "元/㎡·月"
    assert clean_text("备注①②") == "备注①②"
    assert clean_text("ＡＢ１２\u3000三\u200b号\ufeff") == "AB12 三号"
    assert clean_text("a\x00b") == "ab"


@pytest.mark.parametrize("room, message", [
    ("①", "含有特殊数字“①”"),
    ("1" * 5000, "过长"),
    ("123456789012", "位数过多"),
    ("1234567890123456", "位数过多"),
])
def test_odd_rooms_are_row_errors(services, tmp_path, room, message):
    path = write_xlsx(tmp_path / "rooms.xlsx", [["楼栋", "房号", "姓名"], ["3栋", room, "甲"]])
    [line] = services.roster.preview(path).lines()
    assert line.startswith("第2行 房号: ") and message in line


def test_a_floor_out_of_range_is_a_form_error(services):
    from app.errors import FieldError

    building = services.archive.create_building("3栋")
    with pytest.raises(FieldError) as info:
        services.archive.save_unit({"building_id": building, "room_no": "101", "floor": "99999999999"})
    assert "floor" in info.value.errors
    services.archive.save_unit({"building_id": building, "room_no": "30101"})  # 楼栋+楼层+房: no floor 301 guessed


@pytest.mark.parametrize("cell, message", [("2099-01-01", "超出合理范围"), (1.5, "日期无效")])
def test_implausible_move_in_dates_are_row_errors(services, tmp_path, cell, message):
    path = write_xlsx(tmp_path / "d.xlsx", [["楼栋", "房号", "姓名", "入住日期"], ["3栋", "101", "甲", cell]])
    [line] = services.roster.preview(path).lines()
    assert line.startswith("第2行 入住日期: ") and message in line


# --- the search oracle: masked numbers cannot be read back a digit at a time ---------------------------

PHONE = "13812345678"


@pytest.fixture
def restricted(services, as_role, tmp_path):
    """A roster with one owner, and the services of a 客服 operator (no pii.view_full)."""
    services.roster.commit(write_xlsx(tmp_path / "r.xlsx", [
        HEADER, [1, "3栋", "1", "1502", "90", "董静", PHONE, ID_A, "", "", "", ""]]))
    ops = as_role("service")
    assert not ops.ctx.can("pii.view_full")
    return ops


def found(ops, query: str) -> bool:
    return bool(ops.archive.search_units(query))


def test_without_full_view_a_phone_matches_only_its_last_four_or_in_full(restricted, as_role):
    assert found(restricted, PHONE[-4:]) and found(restricted, PHONE) and found(restricted, "138-1234-5678")
    assert found(restricted, "1502") and found(restricted, "3-1-1502") and found(restricted, "董静")
    rebuilt = [PHONE[:n] for n in range(4, len(PHONE)) if found(restricted, PHONE[:n])]
    assert rebuilt == []  # no prefix answers: the number cannot be rebuilt digit by digit
    assert not found(restricted, PHONE[2:9]) and not found(restricted, PHONE[-5:])
    assert found(as_role("manager"), PHONE[:5])  # with the right, fragments still find


def test_without_full_view_an_id_number_matches_only_in_full(restricted):
    assert found(restricted, ID_A) and found(restricted, ID_A.lower())
    assert not any(found(restricted, ID_A[:n]) for n in (6, 10, 14, 17))
    assert not found(restricted, ID_A[-4:].lower() if ID_A.endswith("X") else ID_A[-5:])


def test_number_probing_is_logged_and_rate_limited(restricted, services):
    from app.services.archive import PROBE_LIMIT, UnitFilter
    from app.services.audit import AuditFilter

    for digits in range(4, 12):  # typing one number into the look-up box: one try, each step logged
        restricted.archive.lookup_units(PHONE[:digits])
    for n in range(PROBE_LIMIT - 1):  # then one candidate after another, as a script rebuilding a number would
        restricted.archive.search_units(f"1381234{n:04d}")
        restricted.archive.count_units(UnitFilter(query=f"1381234{n:04d}"))  # count, then rows: logged once
    with pytest.raises(ServiceError, match="过于频繁"):
        restricted.archive.search_units("13800000000")
    with pytest.raises(ServiceError, match="过于频繁"):
        restricted.archive.search_units("13800000001")
    logs = services.audit.search(AuditFilter(entity="units"), limit=200)
    assert sum(r.action == "search" for r in logs) == 8 + PROBE_LIMIT - 1
    assert [r.action for r in logs if r.action == "search_blocked"] == ["search_blocked"]
    assert services.archive.search_units("1381")  # an operator with the full-view right is not limited


@pytest.mark.parametrize("query", ["\x00", "3栋\x00", "1" * 100_000, "甲" * 100_000, "\u200b"])
def test_nul_bytes_and_huge_queries_are_answered(services, restricted, query):
    from app.services.archive import UnitFilter
    from app.services.workorders import WorkOrderFilter

    for ops in (services, restricted):
        assert isinstance(ops.archive.search_units(query), list)
        assert ops.archive.count_units(UnitFilter(query=query)) >= 0
        assert isinstance(ops.workorders.list(WorkOrderFilter(query=query)), list)


def test_workorder_list_limit_must_be_positive(db, services, cli_user, capsys):
    from app.cli import main

    me = cli_user(services)
    with pytest.raises(SystemExit) as exit_info:
        main(["--database", db.url, *me, "workorder", "list", "--limit", "-1"])
    assert exit_info.value.code == 2
    assert "1 到 10000" in capsys.readouterr().err
    assert services.workorders.list(limit=-1) == []


# --- concurrent imports (several PCs) ------------------------------------------------------------------

def _numbered_roster(path: Path, start: int, count: int) -> Path:
    rows = [HEADER]
    for i in range(start, start + count):
        rows.append([i, f"{i // 100 + 1}栋", "1", str(101 + i % 100), "88", f"业主{i}", f"139{i:08d}",
                     id_no(f"3301061980{i % 12 + 1:02d}{i % 28 + 1:02d}{i % 1000:03d}"), "", "", "", ""])
    return write_xlsx(path, rows)


def test_overlapping_imports_from_two_processes_are_serialised(db, services, cli_user, tmp_path):
    from app.models import Person

    pcs = [cli_user(services), cli_user(services, username="tester2")]  # two operators at two PCs
    files = [_numbered_roster(tmp_path / "a.xlsx", 0, 300), _numbered_roster(tmp_path / "b.xlsx", 150, 300)]
    procs = [subprocess.Popen([sys.executable, "-m", "app.cli", "--database", db.url, *me, "roster", "import", str(f)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for me, f in zip(pcs, files, strict=True)]
    results = [p.communicate(timeout=180) + (p.returncode,) for p in procs]
    assert [code for _, _, code in results] == [0, 0], results
    assert not any("IntegrityError" in out + err or "内部错误" in err for out, err, _ in results)
    with db.read_session() as s:
        ids = s.scalars(select(Person.id_number)).all()
    assert len(ids) == len(set(ids)) == 450  # one person per ID number


@pytest.mark.postgres_only
def test_an_import_waits_for_another_pcs_and_then_says_so(db, services, tmp_path, monkeypatch):
    from sqlalchemy import text

    from app.services import roster as roster_module

    monkeypatch.setattr(roster_module, "IMPORT_LOCK_WAIT", 1.0)
    path = _numbered_roster(tmp_path / "a.xlsx", 0, 5)
    other_pc = db.engine.connect()
    try:
        other_pc.execute(text("SELECT pg_advisory_lock(:k)"), {"k": roster_module.IMPORT_LOCK_KEY})
        seen = []

        class Progress:
            def report(self, done, total, text=""):
                seen.append(text)

        with pytest.raises(ServiceError, match="另一台电脑正在导入, 请稍候"):
            services.roster.commit(path, progress=Progress())
        assert roster_module.IMPORT_BUSY in seen
    finally:
        other_pc.execute(text("SELECT pg_advisory_unlock_all()"))
        other_pc.close()
    assert services.roster.commit(path).created == 5


@pytest.mark.postgres_only
def test_two_imports_planned_at_the_same_moment_create_each_person_once(db, services, tmp_path, monkeypatch):
    """Both imports are held right after planning: without the lock both would plan against an empty table."""
    import threading

    from app.models import Person
    from app.services import Services
    from app.services import roster as roster_module

    barrier = threading.Barrier(2)
    original = roster_module.plan

    def plan_then_meet(*args, **kwargs):
        result = original(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=3)  # with the lock the other import is still waiting for it: no meeting
        return result

    monkeypatch.setattr(roster_module, "plan", plan_then_meet)
    files = [_numbered_roster(tmp_path / "a.xlsx", 0, 60), _numbered_roster(tmp_path / "b.xlsx", 30, 60)]
    errors = []

    def run(path):
        try:
            Services(services.ctx).roster.commit(path)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    with db.read_session() as s:
        ids = s.scalars(select(Person.id_number)).all()
    assert len(ids) == len(set(ids)) == 90


def test_the_ranked_lookup_follows_the_same_rules(restricted):
    assert restricted.archive.lookup_units(PHONE[-4:]).total == 1
    assert restricted.archive.lookup_units(PHONE[:7]).total == 0
    assert restricted.archive.lookup_units(ID_A[:10]).total == 0


def test_audit_search_takes_nul_and_is_no_number_oracle(restricted, services):
    from app.services.audit import AuditFilter
    from app.services.context import Actor

    unit = services.archive.save_unit({"building_id": services.archive.create_building("7栋"), "room_no": "701"})
    services.archive.save_member(unit, {"name": "甲", "phone": "13912345678"})  # its phone is in the changes
    auditor = services.as_actor(Actor(None, "aud", "aud", "service", frozenset({"audit.view"})))
    assert auditor.audit.count(AuditFilter(text="\x00" + "x" * 100_000)) == 0
    assert services.audit.count(AuditFilter(text="1391234")) > 0  # the full-view right searches changes too
    assert auditor.audit.count(AuditFilter(text="1391234")) == 0


def test_a_sheet_that_unpacks_too_big_is_refused_before_reading(tmp_path, monkeypatch):
    from app.excel import extent

    monkeypatch.setattr(extent, "MAX_XML_MB", 0)
    with pytest.raises(ServiceError, match="解压后有 0 MB"):
        read_sheet(far_cell_file(tmp_path / "f.xlsx", "A3"))


ISAL = extent_module._isal  # ISA-L, when installed (pyproject.toml installs it)


def _sheet_file(path: Path, rows: int) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["楼栋", "房号", "姓名", "身份证号码"])
    for i in range(rows):
        ws.append(["3栋", 100 + i, f"业主{i}", id_no(f"330106198001{i:05d}")])
    wb.save(path)
    return path


def _quick_scans(path: Path, monkeypatch) -> list:
    """``quick_scan`` of the file's sheet inflated by ISA-L and by zipfile (each outcome: a result or the
    exception's type and text)."""
    import zipfile

    from app.excel import extent

    outcomes = []
    for inflater in (ISAL, None):
        monkeypatch.setattr(extent, "_isal", inflater)
        with zipfile.ZipFile(path) as zf:
            try:
                outcomes.append(extent.quick_scan(zf, "xl/worksheets/sheet1.xml"))
            except Exception as exc:  # noqa: BLE001 — compared, whatever it is
                outcomes.append((type(exc), str(exc)))
    return outcomes


@pytest.mark.parametrize(("chunk", "whole_mb"), [(1 << 20, 64), (1 << 20, 0), (4096, 0)])
def test_the_quick_pass_reads_a_sheet_as_zipfile_does(tmp_path, monkeypatch, chunk, whole_mb):
    """ISA-L inflates what zipfile would (in chunks of every size, across many of them), and the quick pass
    finds the same in either: the usual sheet, far cells, cells without references, formulas."""
    import zipfile

    from app.excel import extent

    assert ISAL is not None  # installed with the app (pyproject.toml)
    monkeypatch.setattr(extent, "CHUNK", chunk)
    monkeypatch.setattr(extent, "WHOLE_MB", whole_mb)  # 0: in pieces
    files = [_sheet_file(tmp_path / "big.xlsx", 3000), far_cell_file(tmp_path / "far.xlsx"),
             far_cell_file(tmp_path / "near.xlsx", "C3")]
    for path in files:
        monkeypatch.setattr(extent, "_isal", ISAL)
        with zipfile.ZipFile(path) as zf:
            part = "xl/worksheets/sheet1.xml"
            assert b"".join(extent._inflate_part(zf, part)) == zf.read(part)
        fast, plain = _quick_scans(path, monkeypatch)
        assert fast == plain and not isinstance(fast[0], type)
    assert _quick_scans(files[1], monkeypatch)[0][1].far_cells == 1


@pytest.mark.parametrize("damage", ["data", "crc"])
def test_a_damaged_sheet_is_reported_as_zipfile_reports_it(tmp_path, monkeypatch, damage):
    """A sheet whose compressed bytes or CRC are wrong: the quick pass gives up on ISA-L and lets zipfile read
    it, which reports it as it always did."""
    import struct
    import zipfile

    path = _sheet_file(tmp_path / "roster.xlsx", 2000)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    raw = bytearray(path.read_bytes())
    if damage == "data":
        name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26:info.header_offset + 30])
        at = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
        raw[at:at + 64] = bytes(64)
    else:
        central = raw.find(b"PK\x01\x02")  # the sheet's entry in the central directory, found by its name
        while raw[central + 46:central + 46 + len(info.filename)] != info.filename.encode():
            central = raw.find(b"PK\x01\x02", central + 4)
        raw[central + 16:central + 20] = struct.pack("<I", info.CRC ^ 1)
    path.write_bytes(bytes(raw))
    fast, plain = _quick_scans(path, monkeypatch)
    assert fast == plain and isinstance(fast[0], type), fast
