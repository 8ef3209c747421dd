"""Switching from HC小区 in one import (issue 19): HC's multi-sheet layout, placeholders, orphans, shared and
legacy ID numbers, the kept columns, all-or-nothing, the round trip; and HC's single-sheet importRoom.xlsx."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.cli import main
from app.errors import ServiceError
from app.models import Building, FeeItem, Occupancy, ParkingSpace, Person, Relation, Unit, Vehicle
from app.services.archive import UnitFilter
from tests.app.hc_files import bad_check_digit, hc_workbook, large_hc, owner, room, small_hc, space, valid_id


def count(db, model) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_hc_workbook_is_recognised_and_imported_whole(services, db, tmp_path):
    fee_items_before = count(db, FeeItem)
    preview = services.roster.preview(small_hc(tmp_path / "hc.xlsx"))
    assert preview.layout == "HC小区"
    assert "识别为 HC小区 导入模板" in preview.notes
    assert preview.ok, preview.lines()
    assert [f"{item.number} {item.name}" for item in preview.fee_items] == ["1 测试收费1", "2 停车管理费"]
    assert [item.rooms for item in preview.fee_items] == [3, 3]
    assert any("房屋信息" in note and "已忽略" in note for note in preview.notes)  # the 说明 block beside the table
    totals = preview.totals
    assert (totals.units, totals.persons, totals.owners, totals.spaces, totals.plates) == (4, 4, 3, 1, 1)

    services.roster.commit(preview)
    assert count(db, FeeItem) == fee_items_before  # listed for mapping, never created
    with db.read_session() as s:
        units = {(b, u.unit_no, u.room_no): u for u, b in s.execute(select(Unit, Building.name).join(Building))}
        assert set(units) == {("1栋", "1", "1011"), ("1栋", "1", "1012"), ("2栋", "1", "201"), ("1栋", "2", "1021")}
        assert units[("2栋", "1", "201")].floor == 2
        assert units[("2栋", "1", "201")].area == Decimal("60.00")
        assert units[("2栋", "1", "201")].inner_area == Decimal("50.00")
        buildings = {b.name: (b.floors, b.has_elevator) for b in s.scalars(select(Building))}
        assert buildings == {"1栋": (33, True), "2栋": (6, False)}
        people = {p.name: p for p in s.scalars(select(Person))}
        assert set(people) == {"吴学文", "张三", "李四", "吴小文"}
        assert people["张三"].phone == "" and people["张三"].gender == "女"  # 18999999999 is no phone
        assert people["吴小文"].id_number == ""  # 111111111111111111 is no ID number
        relations = dict(s.execute(select(Person.name, Occupancy.relation).join(Occupancy)).all())
        assert relations["吴小文"] == Relation.FAMILY and relations["吴学文"] == Relation.OWNER
        car = s.scalar(select(Vehicle))
        assert car.plate == "浙A12345" and car.unit_id == units[("1栋", "1", "1011")].id
        assert s.scalar(select(ParkingSpace.code).where(ParkingSpace.id == car.parking_space_id)) == "C0001"
        assert not s.scalar(select(func.count()).select_from(Occupancy).where(
            Occupancy.unit_id == units[("1栋", "2", "1021")].id))  # the unsold room has nobody


def test_an_owner_number_missing_from_the_owner_sheet_names_sheet_and_row(services, db, tmp_path):
    path = hc_workbook(tmp_path / "hc.xlsx", buildings=[[1, 1, 33, "有"]],
                       owners=[owner(1, "吴学文", valid_id(1), 13812345678)],
                       rooms=[room(1011, 1, 1, 1, 1), room(1012, 1, 1, 1, 1), room(1013, 1, 1, 1, 1),
                              room(1014, 1, 1, 1, 1), room(1021, 1, 1, 2, 1), room(1022, 1, 1, 2, 6)])
    preview = services.roster.preview(path)
    assert preview.lines() == ["房屋信息 第7行 业主编号 6: 业主信息中没有"]
    with pytest.raises(ServiceError):
        services.roster.commit(preview)
    assert count(db, Unit) == 0  # all or nothing


def test_one_id_number_under_several_names_is_one_conflict_listing_every_row(services, db, tmp_path):
    shared = valid_id(5)
    path = hc_workbook(tmp_path / "hc.xlsx", buildings=[],
                       owners=[owner(1, "吴学文", shared, 13812345678), owner(2, "张三", valid_id(6), 13812345679),
                               owner(3, "张三1", shared, 13812345670), owner(4, "张三2", shared, 13812345671)],
                       rooms=[room(1011, 1, 1, 1, 1), room(1012, 1, 1, 1, 2), room(1013, 1, 1, 1, 3),
                              room(1014, 1, 1, 1, 4)])
    lines = services.roster.preview(path).lines()
    assert lines[0] == f"业主信息 第2行 身份证号: {shared} 在 3 行中姓名不同: 第2行 吴学文、第4行 张三1、第5行 张三2"
    assert lines[1:] == ["业主信息 第4行 身份证号: 与第2行 (吴学文) 同一身份证号, 姓名不同",
                         "业主信息 第5行 身份证号: 与第2行 (吴学文) 同一身份证号, 姓名不同"]
    result = services.roster.commit(path, only_valid=True)  # only the owners' rows are skipped, not the rooms
    assert result.units_created == 4 and result.persons_created == 1


def test_placeholders_are_blank_counted_and_configurable(services, db, tmp_path):
    path = hc_workbook(tmp_path / "hc.xlsx", buildings=[],
                       owners=[owner(1, "甲", "", 18999999999), owner(2, "乙", "", 18999999999),
                               owner(3, "丙", "", 13800000000), owner(4, "丁", valid_id(4), 13812345678)],
                       rooms=[room(101, 1, 1, 1, n) for n in range(1, 2)] + [room(100 + n, 1, 1, 1, n)
                                                                              for n in range(2, 5)])
    preview = services.roster.preview(path)
    assert preview.placeholder_lines == ["占位手机号 18999999999 视为空: 2 行", "占位身份证号 111111111111111111 视为空: 3 行",
                                         "占位年龄 1 视为空: 4 行"]
    options = services.roster.options(placeholders=["13800000000"])
    assert "占位手机号 13800000000 视为空: 1 行" in services.roster.preview(path, options=options).placeholder_lines
    services.property.set_setting("roster.placeholders", "13800000000, 000000000000000000")
    preview = services.roster.preview(path)  # the office's setting applies by default
    assert "占位手机号 13800000000 视为空: 1 行" in preview.placeholder_lines
    services.roster.commit(preview)
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Person).where(Person.phone != "")) == 1


def test_legacy_id_numbers_are_kept_as_unverified_only_when_asked(services, db, tmp_path):
    bad = bad_check_digit(3)
    path = hc_workbook(tmp_path / "hc.xlsx", buildings=[],
                       owners=[owner(1, "吴学文", valid_id(1), 13812345678), owner(2, "张三", bad, 13812345679)],
                       rooms=[room(1011, 1, 1, 1, 1), room(1012, 1, 1, 1, 2)])
    assert services.roster.preview(path).lines() == ["业主信息 第3行 身份证号: 校验位错误"]

    # --only-valid: only the bad owner's row is skipped; the room is imported without them
    result = services.roster.commit(path, only_valid=True)
    assert (result.units_created, result.persons_created) == (2, 1)

    preview = services.roster.preview(path, options=services.roster.options(keep_invalid_id=True))
    assert preview.ok and preview.totals.unverified_ids == 1
    services.roster.commit(preview)
    with db.read_session() as s:
        flagged = s.scalars(select(Person).where(Person.id_unverified.is_(True))).all()
        assert [(p.name, p.id_number) for p in flagged] == [("张三", bad)]
    archive = services.archive
    assert [u.code for u in archive.list_units(UnitFilter(unverified=True))] == ["1-1-1012"]
    assert archive.count_units(UnitFilter(unverified=True)) == 1
    assert [(p.name, p.id_number, p.units) for p in archive.unverified_people()] == [("张三", bad, "1栋1单元1012")]
    member = archive.get_unit(archive.list_units(UnitFilter(unverified=True))[0].id).members[0]
    assert member.id_unverified and member.gender == "男"
    # the archive form still saves the person with the 待核实 number left as it is
    values = archive.get_person_values(member.person_id, archive.list_units(UnitFilter(unverified=True))[0].id)
    archive.save_member(archive.list_units(UnitFilter(unverified=True))[0].id, {**values, "notes": "已电话核实中"},
                        member.person_id)
    assert archive.unverified_people()[0].id_number == bad


def test_export_of_the_imported_data_reimports_unchanged(services, db, tmp_path):
    bad = bad_check_digit(9)
    path = small_hc(tmp_path / "hc.xlsx")
    services.roster.commit(path)
    extra = hc_workbook(tmp_path / "more.xlsx", buildings=[[3, 1, 18, "无"]],
                        owners=[owner(1, "王五", bad, 13812345600, gender="女")], rooms=[room(301, 3, 1, 3, 1)])
    services.roster.commit(extra, options=services.roster.options(keep_invalid_id=True))
    out = tmp_path / "export.xlsx"
    services.roster_export.export(out)
    again = services.roster.preview(out)
    assert again.ok, again.lines()
    assert again.counts["create"] == 0 and again.counts["update"] == 0
    assert again.counts["unchanged"] == again.counts["total"] == 5
    assert again.totals.unverified_ids == 1


def test_cli_summary_counts_match_the_source(services, db, tmp_path, capsys, cli_user):
    path, expect = large_hc(tmp_path / "big.xlsx", n=600)
    url = db.url
    prefix = cli_user(services)
    assert main(["--database", url, *prefix, "roster", "import", str(path)]) == 1
    out = capsys.readouterr().out
    assert "识别为 HC小区 导入模板" in out
    assert f"占位手机号 18999999999 视为空: {expect['placeholder_phone']:,} 行" in out
    assert f"占位身份证号 111111111111111111 视为空: {expect['placeholder_id']:,} 行" in out
    assert out.count("业主信息中没有") == expect["orphans"]
    assert out.count("校验位错误") == expect["bad_ids"]
    assert count(db, Unit) == 0

    assert main(["--database", url, *prefix, "roster", "import", str(path), "--only-valid", "--keep-invalid-id"]) == 0
    out = capsys.readouterr().out
    assert "校验位错误" not in out
    assert out.count("业主信息中没有") == expect["orphans"]  # each problem once
    units = 600 - expect["orphans"]
    shared_rooms = expect["shared"]  # the three owners under one ID number are skipped, their rooms are not
    owners = 600 - shared_rooms - sum(1 for i in range(97, 601, 97))  # orphan rooms' owners have no room
    plates = sum(1 for i in range(1, 601, 3) if i not in (7, 13) and i % 97)
    assert f"房屋 {units:,} 套, 人员 {owners:,} 人 (其中业主 {owners:,} 人), 车位 {plates:,} 个, 车牌 {plates:,} 个, " \
           f"身份证号待核实 {expect['bad_ids']:,} 个" in out
    assert count(db, Unit) == units
    assert count(db, Person) == owners
    assert count(db, Vehicle) == plates
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Person).where(Person.id_unverified.is_(True))) == \
            expect["bad_ids"]
    assert main(["--database", url, *prefix, "roster", "unverified"]) == 0
    assert f"身份证号待核实: {expect['bad_ids']} 人" in capsys.readouterr().out


def import_room_xlsx(path, id_number, family: bool = True):
    """HC's importRoom.xlsx: one sheet 资产信息, a 说明 block after an empty column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "资产信息"
    ws.append(["楼号", "单元", "房间", "楼层", "总层数", "是否有电梯", "房屋类型", "房屋户型", "建筑面积", "室内面积", "租金",
               "房屋状态", "业主名称", "性别", "手机号", "身份证号", "业主类型"])
    ws.append([1, 1, 1001, 1, 33, "有", 110, 10102, 94.56, 80.12, 0, 2001, "吴学文", "女", 18909711443, id_number, 1001])
    if family:  # a family member: the room repeated, 业主类型 1002
        ws.append([1, 1, 1001, 1, 33, "有", 110, 10102, 94.56, 80.12, 0, 2001, "吴小文", "男", 18999999999,
                   "111111111111111111", 1002])
    for r, note in enumerate(["说明", "楼号", "单元", "总层数"], start=6):
        ws.cell(row=r, column=19, value=note)
        ws.cell(row=r, column=20, value="楼栋编号")
    wb.save(path)
    return path


def test_import_room_keeps_its_owner_gender_floor_and_floors(services, db, tmp_path, capsys, cli_user):
    path = import_room_xlsx(tmp_path / "importRoom.xlsx", bad_check_digit(1))
    prefix = cli_user(services)
    assert main(["--database", db.url, *prefix, "roster", "import", str(path), "--only-valid"]) == 0
    out = capsys.readouterr()
    assert (out.out + out.err).count("校验位错误") == 1  # printed once, not twice
    assert "--keep-invalid-id" in out.out
    assert "跳过有错误的 1 行" in out.out  # only the owner's row: the room and the family member are in
    assert main(["--database", db.url, *prefix, "roster", "import", str(path), "--keep-invalid-id"]) == 0
    assert "身份证号待核实 1 个" in capsys.readouterr().out
    with db.read_session() as s:
        unit, building = s.execute(select(Unit, Building).join(Building)).one()
        person = s.scalar(select(Person).where(Person.name == "吴学文"))
        assert (building.name, unit.unit_no, unit.room_no, unit.floor, unit.inner_area) == (
            "1栋", "1", "1001", 1, Decimal("80.12"))
        assert (building.floors, building.has_elevator) == (33, True)
        assert (person.name, person.gender, person.id_unverified) == ("吴学文", "女", True)
        family = s.execute(select(Person, Occupancy.relation).join(Occupancy).where(Person.name == "吴小文")).one()
        assert (family[0].phone, family[0].id_number, family[1]) == ("", "", Relation.FAMILY)  # placeholders
    out_file = tmp_path / "export.xlsx"
    assert main(["--database", db.url, *prefix, "roster", "export", str(out_file)]) == 0
    assert main(["--database", db.url, *prefix, "roster", "import", str(out_file)]) == 0
    assert "新增 0 行, 更新 0 行, 无变化 2 行" in capsys.readouterr().out


def test_only_valid_prints_the_one_problem_of_hcs_published_import_room_once(services, db, tmp_path, capsys,
                                                                          cli_user):
    path = import_room_xlsx(tmp_path / "importRoom.xlsx", bad_check_digit(1), family=False)
    prefix = cli_user(services)
    assert main(["--database", db.url, *prefix, "roster", "import", str(path), "--only-valid"]) == 1
    out = capsys.readouterr()
    assert (out.out + out.err).count("第2行 身份证号: 校验位错误") == 1


def test_notes_beside_an_ordinary_roster_are_ignored_with_a_note(services, db, tmp_path):
    path = import_room_xlsx(tmp_path / "importRoom.xlsx", valid_id(1))
    preview = services.roster.preview(path)
    assert preview.ok
    assert "工作表“资产信息”S列起的内容 (说明等) 与表格隔着空列, 不是数据, 已忽略" in preview.notes
    assert preview.counts["total"] == 2


def test_spaces_and_plates_need_a_known_owner_with_a_room(services, db, tmp_path):
    path = hc_workbook(tmp_path / "hc.xlsx", buildings=[],
                       owners=[owner(1, "甲", valid_id(1), 13812345678), owner(2, "乙", valid_id(2), 13812345679)],
                       rooms=[room(101, 1, 1, 1, 1)],
                       spaces=[space("C1", 1, "浙A11111"), space("C2", 9, "浙A22222"), space("C3", 2, "浙A33333"),
                               space("C4", 1, "浙A11111")])
    assert services.roster.preview(path).lines() == [
        "车位信息 第3行 业主编号 9: 业主信息中没有",
        "车位信息 第4行 业主编号 2: 在房屋信息中没有房屋, 车位无处登记",
        "车位信息 第5行 车牌号: 浙A11111 与第2行重复",
    ]
