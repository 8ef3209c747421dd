"""Builders for roster workbooks shaped like real office files (title rows, merged cells, aliases …)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select, text

from app.validators import id_check_digit


def id_no(first17: str) -> str:
    return first17 + id_check_digit(first17)


ID_A = id_no("11010519491231002")  # …002X
ID_B = id_no("33010619800101123")
ID_C = id_no("44030519900215456")
ID_D = id_no("51010419751120789")
HEADER = ["序号", "楼栋", "单元", "房号", "建筑面积(㎡)", "业主姓名", "联系电话", "身份证号码", "入住日期", "车位号",
          "车牌号", "备注"]


def write_xlsx(path: Path, rows: list[list], *, title: str | None = None, sheet: str = "花名册",
               merges: list[str] = (), extra_sheets: dict[str, list[list]] | None = None) -> Path:
    """Rows as given (None = empty cell); an optional merged title row above them."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(r) for r in rows))
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    for name, extra in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for row in extra:
            other.append(row)
    wb.save(path)
    return path


def clean_roster(path: Path) -> Path:
    """Four people in three units, one unit with two owners, a car and a space."""
    return write_xlsx(path, [
        HEADER,
        [1, "3栋", "1", "1502", "118.75", "张三", "13812345678", ID_A, "2019-05-01", "B1-001", "浙A12345", ""],
        [2, "3栋", "1", "1502", "118.75", "李四", "13912345678", ID_B, "2019-05-01", "", "", "共有人"],
        [3, "3栋", "1", "1501", "96.32", "王五", "0571-88886666", ID_C, "2020-01-02", "", "", ""],
        [4, "5栋", "2", "301", "143.08", "赵六", "", "", "", "", "", ""],
    ], title="翠湖花园业主花名册")


DUMP_TABLES = ["buildings", "units", "persons", "occupancies", "vehicles", "parking_spaces", "roster_imports"]


def dump(db) -> dict[str, list[tuple]]:
    """Every row of the tables an import touches: to prove a refused import changed nothing."""
    with db.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT * FROM {t} ORDER BY id")).all() for t in DUMP_TABLES}


def people(db) -> list[tuple]:
    from app.models import Building, Occupancy, Person, Unit

    with db.read_session() as s:
        return s.execute(
            select(Building.name, Unit.unit_no, Unit.room_no, Person.name, Person.phone, Person.id_number,
                   Occupancy.relation, Occupancy.move_in_date)
            .select_from(Occupancy).join(Unit).join(Building).join(Person).order_by(Occupancy.id)
        ).all()
