"""Workbooks in HC小区's import layout (java110 MicroCommunityWeb public/import/hc.xlsx), built for tests.

Five sheets joined by 业主编号, each with HC's own 说明 block beside the table after an empty column. HC's own
files are not committed; ``hc_workbook`` writes the same shape with the rows a test needs.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.validators import id_check_digit

BUILDING_HEADER = ["楼栋号", "单元编号", "总层数", "是否有电梯"]
OWNER_HEADER = ["编号", "业主名称", "性别", "年龄", "手机号", "身份证号", "业主类型", "业主编号"]
FEE_HEADER = ["费用编号", "费用类型", "收费项目", "费用标识", "付费类型", "缴费周期", "出账类型", "计费起始时间",
              "计费结束时间", "计算公式", "计费单价", "固定费用"]
ROOM_HEADER = ["房屋编号", "楼栋编号", "单元编号", "房屋楼层", "房屋户型", "建筑面积", "业主编号", "房屋费用",
               "费用开始时间", "房屋类型", "室内面积", "租金"]
SPACE_HEADER = ["停车场编号", "车位编码", "停车场类型", "面积", "业主编号", "车牌号", "车品牌",
                "车类型（9901 家用小汽车 9902 客车 9903 货车）", "颜色", "出租还是出售（H出租S出售）", "开始时间", "结束时间"]
NOTES = [["说明", ""], ["业主编号", "必须为唯一值，不能重复"], ["手机号", "没有时固定写18999999999"],
         ["身份证号", "没有时填写 111111111111111111"], ["年龄", "如果没有固定写1"]]
FEES = [[1, "物业费", "测试收费1", "周期性费用", "预付费", 6, "每月1日", "2020-6-10", "2037-1-1", 1001, 1.3, 0],
        [2, "物业费", "停车管理费", "周期性费用", "预付费", 1, "每月1日", "2020-6-10", "2037-1-1", 2002, 0, 150]]


def valid_id(n: int, year: int = 1980) -> str:
    """A distinct valid ID number for each n below 336,000 (at a given year)."""
    month, day = 1 + n // 1000 % 12, 1 + n // 12000 % 28
    first17 = f"110101{year}{month:02d}{day:02d}{n % 1000:03d}"
    return first17 + id_check_digit(first17)


def bad_check_digit(n: int) -> str:
    good = valid_id(n)
    return good[:17] + ("0" if good[17] != "0" else "1")


def _sheet(wb: Workbook, title: str, header: list, rows: list[list], notes_at: int | None = None):
    ws = wb.create_sheet(title)
    ws.append(header)
    for row in rows:
        ws.append(row)
    col = (notes_at or len(header) + 2)  # one empty column between the table and the 说明 block
    for offset, note in enumerate(NOTES):
        for k, text in enumerate(note):
            ws.cell(row=2 + offset, column=col + k, value=text)
    return ws


def hc_workbook(path: Path, *, buildings: list[list], owners: list[list], rooms: list[list],
                spaces: list[list] = (), fees: list[list] = FEES) -> Path:
    """Owners: [编号, 名称, 性别, 年龄, 手机号, 身份证号, 业主类型, 业主编号]; rooms: [房屋编号, 楼栋, 单元, 楼层,
    户型, 建筑面积, 业主编号, 房屋费用, 费用开始时间, 房屋类型, 室内面积, 租金]; spaces: [停车场, 车位, 类型, 面积,
    业主编号, 车牌, …]."""
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "楼栋单元", BUILDING_HEADER, buildings)
    owner_sheet = _sheet(wb, "业主信息", OWNER_HEADER, owners)
    for row in range(2, owner_sheet.max_row + 1):
        owner_sheet.cell(row=row, column=6).number_format = "@"
    _sheet(wb, "费用设置", FEE_HEADER, list(fees))
    _sheet(wb, "房屋信息", ROOM_HEADER, rooms)
    _sheet(wb, "车位信息", SPACE_HEADER, list(spaces))
    wb.save(path)
    return path


def owner(no: int, name: str, id_number: str = "", phone: object = 18999999999, gender: str = "男",
          age: int = 1, kind: int = 1001, owner_no: int | None = None) -> list:
    return [no, name, gender, age, phone, id_number or "111111111111111111", kind, owner_no or no]


def room(room_no: int, building: int, unit: int, floor: int, owner_no: object, area: float = 94.56,
         inner: float = 80.5, fees: object = "1#2") -> list:
    return [room_no, building, unit, floor, "10102", area, owner_no, fees, "2020-06-10", 110, inner, 0]


def space(code: str, owner_no: object = "", plate: str = "") -> list:
    return [1, code, "地下停车位", 12.5, owner_no, plate, "", 9901, "", "S", "", ""]


def small_hc(path: Path) -> Path:
    """3 owners (one with a family member), 4 rooms (one unsold), 2 spaces (one sold with a car)."""
    return hc_workbook(
        path,
        buildings=[[1, 1, 33, "有"], [1, 2, 33, "有"], [2, 1, 6, "无"]],
        owners=[owner(1, "吴学文", valid_id(1), 13812345678),
                owner(2, "张三", valid_id(2), 18999999999, gender="女"),
                owner(3, "李四", "", 13912345678),
                owner(4, "吴小文", "", 18999999999, kind=1002, owner_no=1)],
        rooms=[room(1011, 1, 1, 1, 1), room(1012, 1, 1, 1, 2), room(201, 2, 1, 2, 3, area=60, inner=50),
               room(1021, 1, 2, 2, "", fees=0)],
        spaces=[space("C0001", 1, "浙A12345"), space("C0002")],
    )


def large_hc(path: Path, n: int = 600) -> tuple[Path, dict[str, int]]:
    """``n`` rooms of n owners, with what real HC exports hold: placeholder phones/IDs/ages, orphans, one ID
    under several names, invalid check digits and 说明 blocks. Returns the path and the source's own counts."""
    owners, rooms, spaces = [], [], []
    expect = {"placeholder_phone": 0, "placeholder_id": 0, "orphans": 0, "bad_ids": 0, "shared": 0, "plates": 0}
    for i in range(1, n + 1):
        if i % 5 == 0:
            phone, expect["placeholder_phone"] = 18999999999, expect["placeholder_phone"] + 1
        else:
            phone = 13800000000 + i
        if i % 4 == 0:
            id_number, expect["placeholder_id"] = "111111111111111111", expect["placeholder_id"] + 1
        elif i % 37 == 0:
            id_number, expect["bad_ids"] = bad_check_digit(i), expect["bad_ids"] + 1
        else:
            id_number = valid_id(i, 1950 + i % 50)
        owners.append(owner(i, f"业主{i}", id_number, phone, age=1 if i % 3 else 40))
    shared = valid_id(999, 1960)
    for i in (7, 11, 13):  # one ID number under three names
        owners[i - 1][5] = shared
        expect["shared"] += 1
    for i in range(1, n + 1):
        building, rest = divmod(i - 1, 100)
        unit, rest = divmod(rest, 50)
        floor = rest // 2 + 1
        owner_no = i if i % 97 else n + 1000 + i  # every 97th room names an owner number that does not exist
        expect["orphans"] += owner_no != i
        rooms.append(room(floor * 100 + rest % 2 + 1, building + 1, unit + 1, floor, owner_no))
    for i in range(1, n + 1, 3):
        plate = f"浙A{10000 + i}"
        spaces.append(space(f"B{i:04d}", i, plate))
    buildings = [[b, u, 25, "有"] for b in range(1, n // 100 + 2) for u in (1, 2)]
    return hc_workbook(path, buildings=buildings, owners=owners, rooms=rooms, spaces=spaces), expect
