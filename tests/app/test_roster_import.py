"""Roster import: preview counts, all-or-nothing commit, re-import updates, export → import = no change."""

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from app.errors import PermissionDenied, ServiceError
from app.models import ParkingSpace, Person, RosterImport, Unit, Vehicle
from app.progress import Cancelled, Progress
from app.services.archive import UnitFilter
from app.services.roster import RosterRejected
from tests.app.roster_files import HEADER, ID_A, ID_B, ID_C, ID_D, clean_roster, dump, people, write_xlsx


def count(db, model):
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_preview_then_commit_a_clean_roster(services, db, tmp_path):
    path = clean_roster(tmp_path / "roster.xlsx")
    preview = services.roster.preview(path)
    assert preview.ok and preview.header_row == 2
    assert preview.counts == {"create": 4, "update": 0, "unchanged": 0, "error": 0, "total": 4, "skipped": 0}
    assert dump(db)["units"] == []  # a preview writes nothing
    result = services.roster.commit(preview)
    assert (result.created, result.units_created, result.persons_created) == (4, 3, 4)
    assert people(db) == [
        ("3栋", "1", "1502", "张三", "13812345678", ID_A, "owner", date(2019, 5, 1)),
        ("3栋", "1", "1502", "李四", "13912345678", ID_B, "owner", date(2019, 5, 1)),
        ("3栋", "1", "1501", "王五", "0571-88886666", ID_C, "owner", date(2020, 1, 2)),
        ("5栋", "2", "301", "赵六", "", "", "owner", None),
    ]
    assert count(db, Vehicle) == 1 and count(db, ParkingSpace) == 1
    # searchable at once: by room code, name, phone and plate
    for query in ("3-1-1502", "李四", "13912345678", "浙A12345", "5栋2单元301"):
        assert services.archive.count_units(UnitFilter(query=query)) == 1, query
    detail = services.archive.get_unit(services.archive.search_units("3-1-1502")[0].id)
    assert detail.vehicles[0].parking_space == "B1-001" and detail.vehicles[0].owner == "张三"
    with db.read_session() as s:
        record = s.scalars(select(RosterImport)).one()
    assert (record.file_name, record.created, record.username) == ("roster.xlsx", 4, "system")


def test_reimport_same_file_changes_nothing_and_updated_file_updates(services, db, tmp_path):
    path = clean_roster(tmp_path / "roster.xlsx")
    services.roster.commit(path)
    before = dump(db)
    again = services.roster.commit(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    after = dump(db)
    assert {t: after[t] for t in after if t != "roster_imports"} == {t: before[t] for t in before if t != "roster_imports"}

    updated = write_xlsx(tmp_path / "v2.xlsx", [
        HEADER,
        [1, "3号楼", "1单元", 1502, 118.75, "张三", "13800000000", ID_A, "2019-05-01", "", "", ""],  # new phone
        [2, "3栋", "1", "1502", "118.75", "李四", "", ID_B, "", "", "", ""],  # blank cells keep stored values
        [3, "3", "1", "1501", "96.32", "王五", "", "", "", "", "", ""],  # matched by name
        [4, "5栋", "2", "301", "150", "赵六", "", ID_D, "", "", "", ""],  # area changed, ID filled in
        [5, "5栋", "2", "302", "", "钱七", "", "", "", "", "", ""],  # new unit
    ])
    preview = services.roster.preview(updated)
    assert [r.status for r in preview.rows] == ["update", "unchanged", "unchanged", "update", "create"]
    result = services.roster.commit(preview)
    assert (result.created, result.updated, result.unchanged) == (1, 2, 2)
    assert count(db, Person) == 5 and count(db, Unit) == 4
    rows = {r[3]: r for r in people(db)}
    assert rows["张三"][4] == "13800000000"
    assert rows["李四"][4] == "13912345678" and rows["李四"][7] == date(2019, 5, 1)
    assert rows["赵六"][5] == ID_D
    assert services.archive.count_units(UnitFilter(query="13800000000")) == 1
    assert services.archive.count_units(UnitFilter(query="13812345678")) == 0  # search text refreshed


def test_one_owner_of_two_units_is_one_person(services, db, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [
        ["楼栋", "单元", "房号", "姓名", "身份证号码"],
        ["3", "1", "1502", "张三", ID_A],
        ["3", "1", "1503", "张三", ID_A],
    ])
    services.roster.commit(path)
    assert count(db, Person) == 1 and count(db, Unit) == 2


def test_errors_change_nothing(services, db, tmp_path):
    services.roster.commit(clean_roster(tmp_path / "first.xlsx"))
    before = dump(db)
    bad = write_xlsx(tmp_path / "bad.xlsx", [
        HEADER,
        [1, "3栋", "1", "1502", "118.75", "张三", "13899999999", ID_A, "", "", "", ""],  # a valid update
        [2, "3栋", "1", "1503", "", "新人", "", ID_A[:-1] + "0", "", "", "", ""],
        [3, "", "1", "1504", "", "无楼", "", "", "", "", "", ""],
    ])
    preview = services.roster.preview(bad)
    assert preview.lines() == ["第3行 身份证号码: 校验位错误", "第4行 楼栋: 不能为空"]
    assert [r.status for r in preview.rows] == ["update", "error", "error"]
    assert preview.rows[1].messages == ("第3行 身份证号码: 校验位错误",)
    with pytest.raises(RosterRejected) as err:
        services.roster.commit(preview)
    assert len(err.value.issues) == 2
    assert dump(db) == before


def test_only_valid_imports_the_good_rows(services, db, tmp_path):
    bad = write_xlsx(tmp_path / "bad.xlsx", [
        ["楼栋", "房号", "姓名", "电话"], ["3", "101", "甲", "13812345678"], ["3", "102", "乙", "123"]])
    result = services.roster.commit(bad, only_valid=True)
    assert (result.created, result.skipped) == (1, 1)
    assert [r[3] for r in people(db)] == ["甲"]


def test_unit_required_where_the_building_has_units(services, db, tmp_path):
    services.roster.commit(clean_roster(tmp_path / "first.xlsx"))
    path = write_xlsx(tmp_path / "x.xlsx", [["楼栋", "单元", "房号", "姓名"], ["3栋", "", "1601", "甲"]])
    assert services.roster.preview(path).lines() == ["第2行 单元: 不能为空 (系统中3栋的房屋分单元)"]


def test_bad_files_raise_service_errors_and_change_nothing(services, db, tmp_path):
    before = dump(db)
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(ServiceError, match="不是 Excel"):
        services.roster.preview(path)
    with pytest.raises(ServiceError):
        services.roster.commit(path)
    no_header = write_xlsx(tmp_path / "nh.xlsx", [["甲", "乙"], [1, 2]])
    preview = services.roster.preview(no_header)
    assert not preview.ok and "找不到表头" in preview.lines()[0]
    with pytest.raises(RosterRejected):
        services.roster.commit(preview, only_valid=True)
    header_only = write_xlsx(tmp_path / "ho.xlsx", [HEADER])
    assert "没有数据行" in services.roster.preview(header_only).lines()[0]
    assert dump(db) == before


def test_first_sheet_with_a_header_is_used(services, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [["填写说明"], ["请从第二张表开始"]], sheet="说明",
                      extra_sheets={"一期": [["楼栋", "房号", "姓名"], ["1", "101", "甲"]]})
    preview = services.roster.preview(path)
    assert preview.sheet == "一期" and preview.sheets == ("说明", "一期") and preview.counts["create"] == 1


def test_export_then_import_is_no_change(services, db, tmp_path):
    services.roster.commit(clean_roster(tmp_path / "roster.xlsx"))
    out = tmp_path / "export.xlsx"
    assert services.roster_export.export(out) == 4
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]] == ["序号", "楼栋", "单元", "房号", "建筑面积(㎡)", "业主姓名", "身份", "联系电话",
                                        "身份证号码", "入住日期", "车位号", "车牌号", "备注", "性别", "楼层", "室内面积(㎡)",
                                        "总层数", "是否有电梯", "身份证待核实"]
    assert ws.freeze_panes == "A2"
    first = [c.value for c in ws[2]]
    assert first[1:4] == ["3栋", "1", "1501"] and first[7] == "0571-88886666"
    assert all(ws.cell(row=r, column=c).data_type == "s" for r in range(2, 6) for c in (8, 9) if ws.cell(row=r, column=c).value)
    before = dump(db)
    preview = services.roster.preview(out)
    assert preview.counts["unchanged"] == 4 and preview.ok
    services.roster.commit(preview)
    after = dump(db)
    assert {t: after[t] for t in after if t != "roster_imports"} == {t: before[t] for t in before if t != "roster_imports"}


def test_formula_like_values_are_neutralised_and_round_trip(services, db, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [["楼栋", "房号", "姓名", "备注"], ["3", "101", "甲", "x"],
                                            ["3", "102", "乙", "-"], ["3", "103", "丙", "@sum"]])
    wb = load_workbook(path)
    wb.active["D2"].value = '=HYPERLINK("x")'
    wb.active["D2"].data_type = "s"  # typed text, as a person pasting it would leave it
    wb.save(path)
    services.roster.commit(path)
    out = tmp_path / "out.xlsx"
    services.roster_export.export(out)
    ws = load_workbook(out).active
    notes = [ws.cell(row=r, column=13).value for r in range(2, 5)]
    assert notes == ["'=HYPERLINK(\"x\")", "'-", "'@sum"]
    assert all(ws.cell(row=r, column=13).data_type == "s" for r in range(2, 5))
    assert services.roster.preview(out).counts["unchanged"] == 3


def test_export_masks_personal_data_without_permission(services, as_role, tmp_path):
    services.roster.commit(clean_roster(tmp_path / "roster.xlsx"))
    manager_rows = as_role("manager").roster_export.export_rows()
    assert manager_rows[1].phone == "13812345678"
    with pytest.raises(PermissionDenied):
        as_role("service").roster_export.export_rows()


def test_export_of_a_filtered_list(services, tmp_path):
    services.roster.commit(clean_roster(tmp_path / "roster.xlsx"))
    unit_ids = [row.id for row in services.archive.search_units("5栋")]
    out = tmp_path / "some.xlsx"
    assert services.roster_export.export(out, unit_ids) == 1
    assert load_workbook(out).active.cell(row=2, column=6).value == "赵六"


def test_export_streamed_in_blocks_keeps_lines_and_cars(services, db, tmp_path, monkeypatch):
    """The export reads a block of lines at a time: a unit whose owners fall in two blocks still gives its
    car and space without a person (the unit's) to its first owner only, and a filtered export of many units
    (one ordered pass) writes the same lines as one of a few."""
    import app.services.roster_export as roster_module

    services.roster.commit(clean_roster(tmp_path / "roster.xlsx"))
    with db.engine.begin() as conn:  # the car and the space belong to unit 1502, to nobody in particular
        conn.execute(update(Vehicle).values(person_id=None))
        conn.execute(update(ParkingSpace).values(person_id=None))
    whole = services.roster_export.export_rows()
    assert [(r.room_no, r.name, r.plates, r.spaces) for r in whole] == [
        ("1501", "王五", "", ""), ("1502", "张三", "浙A12345", "B1-001"), ("1502", "李四", "", ""),
        ("301", "赵六", "", "")]
    unit_ids = [row.id for row in services.archive.search_units("3栋")]
    few = services.roster_export.export_rows(unit_ids)
    monkeypatch.setattr(roster_module, "EXPORT_BLOCK", 1)
    monkeypatch.setattr(roster_module, "FEW_UNITS", 0)
    assert services.roster_export.export_rows() == whole
    assert services.roster_export.export_rows(iter(unit_ids)) == few == whole[:3]
    out = tmp_path / "blocks.xlsx"
    assert services.roster_export.export(out) == 4
    ws = load_workbook(out).active
    assert [[c.value for c in row][5] for row in ws.iter_rows(min_row=2)] == ["王五", "张三", "李四", "赵六"]
    assert ws.cell(row=3, column=12).value == "浙A12345" and ws.cell(row=4, column=12).value is None


def test_template_imports_with_its_example_skipped(services, tmp_path):
    path = tmp_path / "template.xlsx"
    services.roster_export.template(path)
    wb = load_workbook(path)
    ws = wb["业主花名册"]
    assert ws.cell(row=1, column=6).value == "业主姓名" and ws.cell(row=1, column=6).comment is not None
    assert ws.cell(row=2, column=1).value == "示例"
    assert {str(dv.sqref).split(":")[0] for dv in ws.data_validations.dataValidation} >= {"G2", "J2"}
    assert "填写说明" in wb.sheetnames
    ws.append([1, "8", "1", "101", "", "新业主", "业主", "", "", "", "", "", ""])
    wb.save(path)
    preview = services.roster.preview(path)
    assert preview.counts["create"] == 1 and preview.ok


def test_permissions(as_role, tmp_path):
    path = clean_roster(tmp_path / "roster.xlsx")
    with pytest.raises(PermissionDenied):
        as_role("engineering").roster.preview(path)
    assert as_role("service").roster.preview(path).counts["create"] == 4


def test_cancel_rolls_back(services, db, tmp_path):
    path = clean_roster(tmp_path / "roster.xlsx")
    progress = Progress(lambda done, total, text: progress.cancel() if "写入" in text else None)
    with pytest.raises(Cancelled):
        services.roster.commit(path, progress=progress)
    assert dump(db)["units"] == [] and dump(db)["persons"] == []


def test_imports_history(services, tmp_path):
    services.roster.commit(clean_roster(tmp_path / "roster.xlsx"))
    rows = services.roster.imports()
    assert len(rows) == 1 and rows[0].created == 4 and rows[0].file_name == "roster.xlsx"


def test_masked_export_reimports_without_changes(services, db, tmp_path):
    from app.services.context import Actor

    services.roster.commit(clean_roster(tmp_path / "roster.xlsx"))
    clerk = services.as_actor(Actor(None, "clerk", "前台", "custom", frozenset({"roster.export", "roster.import"})))
    out = tmp_path / "masked.xlsx"
    clerk.roster_export.export(out)
    assert load_workbook(out).active.cell(row=2, column=8).value == "0571-****6666"
    before = dump(db)
    preview = clerk.roster.preview(out)
    assert preview.ok and preview.counts["unchanged"] == 4
    clerk.roster.commit(preview)
    assert {t: rows for t, rows in dump(db).items() if t != "roster_imports"} == {
        t: rows for t, rows in before.items() if t != "roster_imports"}


def test_one_sheet_per_building_is_imported_together(services, db, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [["楼栋", "房号", "姓名"], ["1", "101", "甲"]], sheet="1栋",
                      extra_sheets={"2栋": [["楼栋", "房号", "姓名"], ["2", "201", "乙"], ["2", "", "丙"]],
                                    "说明": [["本表由物业中心整理"]]})
    preview = services.roster.preview(path)
    assert preview.combined and preview.sheet == "1栋、2栋"
    assert preview.lines() == ["工作表“2栋”第3行 房号: 房号不能为空"]
    result = services.roster.commit(path, only_valid=True)
    assert result.created == 2


def test_overlapping_sheets_take_the_first_and_say_so(services, tmp_path):
    rows = [["楼栋", "房号", "姓名"], ["1", "101", "甲"]]
    path = write_xlsx(tmp_path / "x.xlsx", rows, sheet="2024版", extra_sheets={"2023版": rows})
    preview = services.roster.preview(path)
    assert preview.sheet == "2024版" and not preview.combined
    assert "2023版 也像花名册" in preview.notes[0]
    assert services.roster.preview(path, "全部").lines() == ["工作表“2023版”第2行: 与工作表“2024版”第2行重复 (同一房屋、同一人)"]


def test_a_car_that_moves_to_another_unit_is_relinked_when_asked(services, db, tmp_path):
    services.roster.commit(clean_roster(tmp_path / "roster.xlsx"))
    moved = write_xlsx(tmp_path / "moved.xlsx", [["楼栋", "单元", "房号", "姓名", "车牌号", "车位号"],
                                                 ["5栋", "2", "301", "赵六", "浙A12345", "B1-001"]])
    assert [r.status for r in services.roster.preview(moved).rows] == ["error"]  # a conflict unless asked
    preview = services.roster.preview(moved, update_existing=True)
    assert [r.status for r in preview.rows] == ["update"]
    services.roster.commit(preview)
    assert count(db, Vehicle) == 1 and count(db, ParkingSpace) == 1
    [row] = services.archive.search_units("浙A12345")
    assert row.code == "5-2-301"
    assert services.archive.get_unit(row.id).vehicles[0].owner == "赵六"
    assert services.archive.get_unit(row.id).parking_spaces == ("B1-001",)


def test_import_and_export_are_in_the_audit_log(services, tmp_path):
    from app.services.audit import AuditFilter

    services.roster.commit(clean_roster(tmp_path / "roster.xlsx"))
    services.roster_export.export(tmp_path / "out.xlsx")
    rows = services.audit.search(AuditFilter(entity="roster"))
    assert {r.action for r in rows} >= {"import", "export"}


def test_one_owner_with_two_phones_in_two_rows_reimports_unchanged(services, db, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [
        ["楼栋", "单元", "房号", "姓名", "身份证号码", "联系电话"],
        ["3", "1", "1502", "张三", ID_A, "13812345678"],
        ["3", "1", "1503", "张三", ID_A, "13900000000"],
    ])
    services.roster.commit(path)
    assert [r[4] for r in people(db)] == ["13812345678", "13812345678"]  # the first row decides
    again = services.roster.commit(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_bulk_inserts_leave_one_summary_row_per_table_in_the_audit_log(services, tmp_path):
    """The bulk inserts bypass SQLAlchemy's per-row parameters; the audit trail still gets its summary rows."""
    from app.services.audit import AuditFilter

    services.roster.commit(clean_roster(tmp_path / "roster.xlsx"))
    created = {r.entity: r for r in services.audit.search(AuditFilter(action="create"))}
    assert {e: created[e].summary for e in ("buildings", "units", "persons", "occupancies", "vehicles",
                                            "parking_spaces")} == {
        "buildings": "批量 2 行", "units": "批量 3 行", "persons": "批量 4 行", "occupancies": "批量 4 行",
        "vehicles": "批量 1 行", "parking_spaces": "批量 1 行"}
    assert created["persons"].changes == {"rows": 4, "columns": ["gender", "id", "id_number", "id_unverified", "name",
                                                                "notes", "phone"]}


@pytest.mark.sqlite_only
def test_bulk_insert_values_are_stored_as_core_insert_stores_them(services, db, tmp_path):
    """Decimals, dates and the stamp go through each column's own conversion, as with ``conn.execute``
    (the driver-level fast path exists on SQLite only)."""
    from datetime import datetime

    from sqlalchemy import text

    services.roster.commit(clean_roster(tmp_path / "roster.xlsx"))
    with db.engine.connect() as conn:
        area, area_type = conn.execute(text("SELECT area, typeof(area) FROM units WHERE room_no = '1502'")).one()
        move_in = conn.execute(text("SELECT move_in_date FROM occupancies ORDER BY id LIMIT 1")).scalar()
        created_at = conn.execute(text("SELECT created_at FROM persons ORDER BY id LIMIT 1")).scalar()
    assert (area, area_type, move_in) == (118.75, "real", "2019-05-01")
    assert datetime.strptime(created_at, "%Y-%m-%d %H:%M:%S.%f")


def test_bulk_insert_converts_each_distinct_value_once_as_the_bind_processor_would():
    """_processed (the import's executemany) gives exactly what the column's bind processor gives per value,
    also where equal values differ in type (True / 1) or a type is not known to convert alike (Decimal)."""
    from datetime import datetime
    from decimal import Decimal

    from sqlalchemy import Boolean, Date, Numeric
    from sqlalchemy.dialects import sqlite

    from app.services.roster import _processed

    dialect = sqlite.dialect()
    calls = []

    def counted(process):
        def wrapper(value):
            calls.append(value)
            return process(value)
        return wrapper

    for column_type, values in (
        (Date(), [date(2019, 5, 1), None, date(2019, 5, 1), date(1, 2, 3), None]),
        (Boolean(), [True, 1, False, 0, None, True]),
        (Numeric(10, 2), [Decimal("1.1"), Decimal("1.10"), Decimal("2"), None]),
    ):
        process = column_type.dialect_impl(dialect).bind_processor(dialect)
        expected = [process(v) for v in values]
        calls.clear()
        assert _processed(counted(process), values) == expected
        if column_type.__class__ is not Numeric:
            assert len(calls) == len(set(values))  # each distinct value once
    datetimes = [datetime(2019, 5, 1, 8, 30), date(2019, 5, 1)]  # equal? no: converted one by one anyway
    process = Date().dialect_impl(dialect).bind_processor(dialect)
    assert _processed(process, datetimes) == [process(v) for v in datetimes]


@pytest.mark.sqlite_only
def test_bulk_insert_stores_shared_values_written_into_the_statement_as_bound_ones(db):
    """_insert_many writes a value every row shares into the INSERT as an SQL literal: each is stored exactly as
    the same value bound through SQLAlchemy would be (text, type), quotes and all; a value with no plain
    literal stays bound."""
    from datetime import datetime

    from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text

    from app.models import Building, SpaceKind
    from app.services.roster import _insert_many, _Same

    meta = MetaData()
    probe = Table("probe", meta, Column("id", Integer, primary_key=True), *(
        Column(name, column.type) for name, column in (
            ("at", Building.__table__.c.created_at), ("who", Building.__table__.c.created_by),
            ("flag", Building.__table__.c.has_elevator), ("note", Building.__table__.c.notes),
            ("kind", Building.__table__.c.name), ("floors", Building.__table__.c.floors))))
    shared = {"at": datetime(2026, 12, 1, 0, 9, 21, 123456), "who": None, "flag": True, "note": "它's \"x\" ?",
              "kind": SpaceKind.OWNED, "floors": 7}
    with db.engine.begin() as conn:
        meta.create_all(conn)
        conn.execute(insert(probe), [{"id": i, **shared} for i in (1, 2)])
        _insert_many(conn, probe, {"id": [3, 4], **{k: _Same(v) for k, v in shared.items()}}, 2)
        names = list(shared)
        typed = conn.execute(text(f"SELECT {', '.join(f'{n}, typeof({n})' for n in names)} FROM probe ORDER BY id")).all()
        assert len(set(typed)) == 1, typed
        assert conn.execute(select(probe.c.at)).scalars().all() == [shared["at"]] * 4
