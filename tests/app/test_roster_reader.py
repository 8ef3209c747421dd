"""Reading workbooks: bad files get clear messages; header detection, aliases and value shapes."""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ServiceError
from app.excel.reader import read_sheet, sheet_names
from app.excel.roster import (
    clean_room_no,
    clean_unit_no,
    match_header,
    parse_roster,
    record_issues,
    split_address,
)
from app.search import building_code, canonical_building_name
from tests.app.roster_files import HEADER, ID_A, ID_B, write_xlsx


def parse(path, sheet=None):
    data = read_sheet(path, sheet)
    return parse_roster(data.rows, data.name)


# --- bad files ----------------------------------------------------------------------------------


def test_not_excel(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_text("序号,楼栋\n1,3栋\n", encoding="utf-8")
    with pytest.raises(ServiceError, match="不是 Excel 文件"):
        read_sheet(path)


def test_csv_is_asked_to_be_saved_as_xlsx(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("序号,楼栋\n", encoding="utf-8")
    with pytest.raises(ServiceError, match="CSV.*另存为"):
        read_sheet(path)


def test_damaged_xlsx(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [HEADER])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:600])
    with pytest.raises(ServiceError, match="已损坏"):
        read_sheet(broken)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    with pytest.raises(ServiceError, match="Word 文档"):
        read_sheet(path)


def test_old_xls_asks_to_save_as_xlsx(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024)
    with pytest.raises(ServiceError, match=r"97-2003.*另存为.*xlsx"):
        read_sheet(path)


def test_password_protected(tmp_path):
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(tmp_path / "plain.xlsx", [HEADER])
    out = io.BytesIO()
    with plain.open("rb") as fh:
        OOXMLFile(fh).encrypt("secret", out)
    assert msoffcrypto  # the real encrypted container, as Excel writes it
    path = tmp_path / "locked.xlsx"
    path.write_bytes(out.getvalue())
    with pytest.raises(ServiceError, match="密码"):
        read_sheet(path)


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(ServiceError, match="找不到文件"):
        read_sheet(tmp_path / "nope.xlsx")
    (tmp_path / "zero.xlsx").write_bytes(b"")
    with pytest.raises(ServiceError, match="空文件"):
        read_sheet(tmp_path / "zero.xlsx")


def test_empty_sheet_and_sheet_choice(tmp_path):
    path = write_xlsx(tmp_path / "two.xlsx", [HEADER], extra_sheets={"空表": [], "二期": [["楼栋", "房号", "姓名"]]})
    assert sheet_names(path) == ["花名册", "空表", "二期"]
    with pytest.raises(ServiceError, match="空表.*空的"):
        read_sheet(path, "空表")
    assert read_sheet(path, "二期").rows[0][:3] == ["楼栋", "房号", "姓名"]
    assert read_sheet(path, "3").name == "二期"  # by position
    with pytest.raises(ServiceError, match="没有名为“三期”.*花名册、空表、二期"):
        read_sheet(path, "三期")


def test_no_header(tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [["a", "b"], [1, 2]])
    parsed = parse(path)
    assert parsed.issues and "找不到表头" in str(parsed.issues[0])


def test_missing_required_column(tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [["楼栋", "房号", "电话"], ["3", "1502", "13812345678"]])
    assert [str(i) for i in parse(path).issues] == ["第1行 表头: 缺少“业主姓名”列 (可用列名: 业主姓名、业主、姓名、产权人、业主名称、户主)"]


# --- header detection and aliases ------------------------------------------------------------------


def test_header_below_title_rows_with_aliases_in_any_order(tmp_path):
    rows = [
        ["制表日期: 2024年1月", None, None],
        [],
        ["手机号码", "产权人", "证件号码", "房间号", "单元号", "楼栋号", "面积（平方米）", "交房日期", "车牌", "车位",
         "微信号", "说明"],
        ["138-1234-5678", "张三", ID_A.lower(), 1502.0, 1.0, 3, 118.75, "2019年5月1日", "浙a·12345", "b1-001", "zs", "x"],
    ]
    path = write_xlsx(tmp_path / "x.xlsx", rows, title="翠湖花园 业主花名册")
    parsed = parse(path)
    assert parsed.header_row == 4
    assert parsed.unknown == ["微信号"]
    assert not parsed.issues
    rec = parsed.records[0]
    assert (rec.row, rec.building, rec.unit_no, rec.room_no, rec.area) == (5, "3栋", "1", "1502", Decimal("118.75"))
    assert (rec.name, rec.phone, rec.id_number, rec.move_in) == ("张三", "13812345678", ID_A, date(2019, 5, 1))
    assert rec.plates == ("浙A12345",) and rec.spaces == ("B1-001",) and rec.notes == "x"


@pytest.mark.parametrize("text,key", [
    ("序号", "seq"), ("楼栋", "building"), ("楼号", "building"), ("栋号", "building"), ("幢", "building"),
    ("楼栋号", "building"), ("单元", "unit"), ("单元号", "unit"), ("房号", "room"), ("房间号", "room"),
    ("门牌号", "room"), ("室", "room"), ("建筑面积", "area"), ("面积(㎡)", "area"), ("建筑面积(平方米)", "area"),
    ("建筑面积㎡", "area"), ("业主姓名", "name"), ("业主", "name"), ("姓名", "name"), ("产权人", "name"),
    ("业主名称", "name"), ("联系电话", "phone"), ("手机", "phone"), ("手机号码", "phone"), ("电话", "phone"),
    ("联系方式", "phone"), ("手机号", "phone"), ("身份证号", "id_number"), ("身份证号码", "id_number"),
    ("证件号码", "id_number"), ("身份证", "id_number"), ("入住日期", "move_in"), ("交房日期", "move_in"),
    ("入伙日期", "move_in"), ("交付日期", "move_in"), ("车位号", "space"), ("车位", "space"), ("车牌号", "plate"),
    ("车牌", "plate"), ("备注", "notes"), ("*业主姓名", "name"), ("业主\n姓名", "name"), ("身份", "relation"),
    ("房屋", "address"), ("业主联系电话", "phone"), ("业主身份证号码", "id_number"), ("套内面积", None),
    ("微信号", None), ("", None),
])
def test_header_aliases(text, key):
    assert match_header(text) == key


def test_two_line_header_merged_down(tmp_path):
    rows = [
        ["序号", "房号", "业主信息", None],
        [None, None, "姓名", "电话"],
        [1, "3-1-1502", "张三", "13812345678"],
    ]
    path = write_xlsx(tmp_path / "x.xlsx", rows, merges=["A1:A2", "B1:B2", "C1:D1"])
    parsed = parse(path)
    assert parsed.header_row == 2
    # "房号" holding "3-1-1502" with no 楼栋 column: the room cell is a full address
    assert not parsed.issues, parsed.issues
    rec = parsed.records[0]
    assert (rec.building, rec.unit_no, rec.room_no, rec.name, rec.phone) == ("3栋", "1", "1502", "张三", "13812345678")


def test_merged_building_cells_fill_down_and_blank_rows_are_skipped(tmp_path):
    rows = [
        ["楼栋", "房号", "业主姓名"],
        ["1号楼", 101, "甲"],
        [None, 102, "乙"],
        [None, None, None],
        [None, 103, "丙"],
        ["合计", "3户"],
    ]
    path = write_xlsx(tmp_path / "x.xlsx", rows, merges=["A2:A5"])
    parsed = parse(path)
    assert [(r.row, r.building, r.room_no, r.name) for r in parsed.records] == [
        (2, "1栋", "101", "甲"), (3, "1栋", "102", "乙"), (5, "1栋", "103", "丙")]
    assert all(not r.errors for r in parsed.records)


def test_address_column(tmp_path):
    rows = [["房屋编号", "业主姓名"], ["3-1-1502", "甲"], ["5栋2单元301室", "乙"], ["6号楼1201", "丙"], ["无法识别", "丁"]]
    parsed = parse(write_xlsx(tmp_path / "x.xlsx", rows))
    got = [(r.building, r.unit_no, r.room_no) for r in parsed.records[:3]]
    assert got == [("3栋", "1", "1502"), ("5栋", "2", "301"), ("6栋", "", "1201")]
    assert [str(i) for i in record_issues(parsed.records[3])] == [
        "第5行 房屋编号: 无法识别, 应为 楼栋-单元-房号 (如 3-1-1502 或 3栋1单元1502室)"]


# --- value shapes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("phone,expected", [
    (13812345678, "13812345678"), (13812345678.0, "13812345678"), ("138-1234-5678", "13812345678"),
    ("138 1234 5678", "13812345678"), ("１３８１２３４５６７８", "13812345678"), ("0571-88886666", "0571-88886666"),
    (57188886666, "0571-88886666"), ("+86 13812345678", "13812345678"),
])
def test_phone_shapes(tmp_path, phone, expected):
    parsed = parse(write_xlsx(tmp_path / "x.xlsx", [["楼栋", "房号", "姓名", "电话"], ["3", "1502", "张三", phone]]))
    assert parsed.records[0].phone == expected
    assert not parsed.records[0].errors


@pytest.mark.parametrize("value", [date(2019, 5, 1), datetime(2019, 5, 1, 0, 0), "2019/5/1", "2019-05-01", "2019.5.1",
                                   "2019年5月1日", " 2019-5-1 ", "20190501", 20190501, "２０１９年５月１日"])
def test_date_shapes(tmp_path, value):
    parsed = parse(write_xlsx(tmp_path / "x.xlsx", [["楼栋", "房号", "姓名", "入住日期"], ["3", "1502", "张三", value]]))
    assert parsed.records[0].move_in == date(2019, 5, 1)


def test_excel_serial_date_and_numbers_as_text(tmp_path):
    rows = [["楼栋", "房号", "姓名", "入住日期", "面积"], ["3", "1502", "张三", 43586, "118.75㎡"]]
    rec = parse(write_xlsx(tmp_path / "x.xlsx", rows)).records[0]
    assert rec.move_in == date(2019, 5, 1) and rec.area == Decimal("118.75")


def test_id_number_stored_as_number_is_explained(tmp_path):
    rows = [["楼栋", "房号", "姓名", "身份证号码"], ["3", "1502", "张三", 110105194912310022]]
    rec = parse(write_xlsx(tmp_path / "x.xlsx", rows)).records[0]
    assert "后几位已丢失" in str(record_issues(rec)[0])


def test_every_problem_is_named_by_row_and_header_as_written(tmp_path):
    rows = [
        ["楼号", "房间号", "产权人", "手机", "身份证号", "交房日期", "面积", "车牌"],
        ["3", "1502", "张三", "12345", ID_A[:-1] + "0", "2019-13-45", "-5", "ABC"],
        ["", "", "", "", "", "", "", ""],
        ["3", "1503", "", "", "", "", "", ""],
    ]
    parsed = parse(write_xlsx(tmp_path / "x.xlsx", rows))
    lines = [str(i) for r in parsed.records for i in record_issues(r)]
    assert "第2行 身份证号: 校验位错误" in lines
    assert "第2行 手机: 应为11位手机号码或带区号的固定电话" in lines
    assert "第2行 交房日期: 日期无效" in lines
    assert "第2行 面积: 应大于0" in lines
    assert any(line.startswith("第2行 车牌: “ABC”") for line in lines)
    assert "第4行 产权人: 姓名不能为空" in lines


def test_duplicates_and_contradictions_inside_the_file(tmp_path):
    rows = [
        ["楼栋", "单元", "房号", "面积", "姓名", "身份证号码", "车牌号"],
        ["3", "1", "1502", "100", "张三", ID_A, "浙A12345"],
        ["3", "1", "1502", "100", "张三", ID_A, ""],
        ["3", "1", "1502", "120", "李四", ID_B, ""],
        ["3", "1", "1503", "100", "王五", ID_A, "浙A12345"],
        ["3", "", "1504", "100", "赵六", "", ""],
    ]
    parsed = parse(write_xlsx(tmp_path / "x.xlsx", rows))
    lines = [str(i) for r in parsed.records for i in record_issues(r)]
    assert lines == [
        "第3行: 与第2行重复 (同一房屋、同一人)",
        "第4行 面积: 120.00 与第2行同一房屋的 100.00 不一致",
        "第5行 身份证号码: 与第2行相同, 但姓名不同 (张三 / 王五)",
        "第5行 车牌号: 浙A12345 与第2行 (另一套房屋) 重复",
        "第6行 单元: 不能为空 (第2行同一楼栋填写了单元)",
    ]


# --- normalisers (hypothesis) -----------------------------------------------------------------------


@given(st.integers(1, 99), st.sampled_from(["", "栋", "号楼", "幢", "#", "号", "栋楼"]), st.booleans())
def test_building_forms_share_one_name(number, suffix, full_width):
    text = f"{number}{suffix}"
    if full_width:
        text = text.translate(str.maketrans("0123456789#", "０１２３４５６７８９＃"))
    assert canonical_building_name(text) == f"{number}栋"
    assert building_code(canonical_building_name(text)) == str(number)
    assert canonical_building_name(float(number)) == f"{number}栋"


@given(st.integers(1, 9999))
def test_rooms_and_units_as_numbers_or_text(room):
    assert clean_room_no(float(room)) == clean_room_no(str(room)) == clean_room_no(f" {room}室") == str(room)
    assert clean_unit_no(float(room % 9 + 1)) == clean_unit_no(f"{room % 9 + 1}单元") == str(room % 9 + 1)


@given(st.integers(1, 60), st.integers(1, 9), st.integers(101, 3404))
def test_split_address_forms_agree(building, unit, room):
    expected = (f"{building}栋", str(unit), str(room))
    assert split_address(f"{building}-{unit}-{room}") == expected
    assert split_address(f"{building}栋{unit}单元{room}室") == expected
    assert split_address(f"{building}号楼{unit}单元{room}") == expected


def test_chinese_numerals():
    assert canonical_building_name("三号楼") == "3栋"
    assert canonical_building_name("十二幢") == "12栋"
    assert clean_unit_no("二单元") == "2"
    assert canonical_building_name("商业楼") == "商业楼"
    assert canonical_building_name("a座") == "A栋"


def test_shapes_offices_type(tmp_path):
    rows = [
        ["楼栋", "房号", "业主姓名", "联系电话", "证件类型", "身份证号码", "身份", "紧急联系电话", "备注"],
        ["3栋1单元", "1502", "王　五", "13812345678/13987654321", "身份证", ID_A, "本人", "13700000000", "老业主"],
        ["3", "1-1503", "李四", "138 1234 5678", "身份证", "", "租客", "", ""],
        ["3", "2单元301", "赵六", "13812345678 0571-88886666", "", "", "配偶", "", ""],
        ["3号楼", "3-1-1601", "钱七", "", "", "", "", "", ""],
    ]
    parsed = parse(write_xlsx(tmp_path / "x.xlsx", rows))
    assert parsed.unknown == ["证件类型", "紧急联系电话"]
    first, second, third, fourth = parsed.records
    assert not first.errors and not second.errors and not third.errors and not fourth.errors
    assert (fourth.building, fourth.unit_no, fourth.room_no) == ("3栋", "1", "1601")
    assert (first.building, first.unit_no, first.room_no, first.name) == ("3栋", "1", "1502", "王五")
    assert first.phone == "13812345678" and first.notes == "老业主; 其他电话: 13987654321"
    assert (second.unit_no, second.room_no, second.phone, second.relation) == ("1", "1503", "13812345678", "tenant")
    assert (third.unit_no, third.room_no, third.notes, third.relation) == ("2", "301", "其他电话: 0571-88886666", "family")


@pytest.mark.parametrize("placeholder", ["无", "/", "-", "暂无", "——"])
def test_placeholders_in_optional_cells_mean_blank(tmp_path, placeholder):
    rows = [["楼栋", "单元", "房号", "姓名", "电话", "身份证号", "入住日期", "车牌号", "备注"],
            ["别墅区", placeholder, "A01", "张三", placeholder, placeholder, placeholder, placeholder, placeholder]]
    rec = parse(write_xlsx(tmp_path / "x.xlsx", rows)).records[0]
    assert not rec.errors
    assert (rec.unit_no, rec.phone, rec.id_number, rec.move_in, rec.plates) == ("", "", "", None, ())
    assert rec.notes == placeholder  # notes are kept as written


@given(st.sampled_from(["13", "15", "17", "18", "19"]), st.integers(0, 10**9 - 1),
       st.sampled_from(["{}", "{:.1f}", "{}-{}-{}", "{} {} {}", " {} ", "（{}）"]))
def test_mobile_numbers_in_any_written_form(prefix, rest, shape):
    from app.excel.roster import split_phones
    from app.validators import normalize_phone

    number = f"{prefix}{rest:09d}"
    if shape == "{:.1f}":
        cell = float(number)
    elif shape.count("{}") == 3:
        cell = shape.format(number[:3], number[3:7], number[7:])
    else:
        cell = shape.format(number)
    phone, others = split_phones(cell)
    assert others == [] and normalize_phone(phone) == number


def test_web_page_saved_as_xls_is_named(tmp_path):
    path = tmp_path / "花名册.xls"
    path.write_text("<html><table><tr><td>楼栋</td></tr></table></html>", encoding="utf-8")
    with pytest.raises(ServiceError, match="网页.*另存为"):
        read_sheet(path)
