"""``propdesk --database URL roster import|export|template``: output lines and exit codes."""

import pytest

from app.cli import main
from tests.app.roster_files import HEADER, ID_A, clean_roster, dump, write_xlsx


@pytest.fixture
def run(services, cli_user):
    """``run(db, "import", FILE)`` as a signed-in administrator."""
    me = cli_user(services)
    return lambda db, *args: main(["--database", db.url, *me, "roster", *args])


def test_import_clean_roster_then_export_round_trip(db, run, tmp_path, capsys):
    path = clean_roster(tmp_path / "roster.xlsx")
    assert run(db, "import", str(path)) == 0
    out = capsys.readouterr().out
    assert "已导入: 新增 4 行, 更新 0 行, 无变化 0 行" in out
    export = tmp_path / "export.xlsx"
    assert run(db, "export", str(export)) == 0
    assert "已导出 4 行" in capsys.readouterr().out
    assert run(db, "import", str(export)) == 0
    assert "新增 0 行, 更新 0 行, 无变化 4 行" in capsys.readouterr().out


def test_bad_rows_are_listed_exit_1_and_nothing_changes(db, run, tmp_path, capsys):
    before = dump(db)
    path = write_xlsx(tmp_path / "bad.xlsx", [
        HEADER,
        [1, "3栋", "1", "1502", "118.75", "张三", "13812345678", ID_A, "2019-05-01", "", "", ""],
        [2, "3栋", "1", "1503", "", "李四", "", "110105194912310022", "", "", "", ""],
        [3, "3栋", "1", "1504", "", "", "1381234", "", "2019-02-30", "", "", ""],
    ], title="花名册")
    assert run(db, "import", str(path)) == 1
    out = capsys.readouterr().out.splitlines()
    problems = [line for line in out if line.startswith("第")]
    assert problems == [
        "第4行 身份证号码: 校验位错误",
        "第5行 入住日期: 日期无效",
        "第5行 业主姓名: 姓名不能为空",
        "第5行 联系电话: 应为11位手机号码或带区号的固定电话",
    ]
    assert "未导入任何内容" in out[-1]
    assert dump(db) == before


def test_dry_run_and_only_valid(db, run, tmp_path, capsys):
    path = write_xlsx(tmp_path / "x.xlsx", [["楼栋", "房号", "姓名", "电话"], ["3", "101", "甲", ""], ["3", "102", "乙", "1"]])
    assert run(db, "import", str(path), "--dry-run") == 1
    assert run(db, "import", str(tmp_path / "x.xlsx"), "--only-valid", "--dry-run") == 1
    before = dump(db)
    assert before["units"] == []
    assert run(db, "import", str(path), "--only-valid") == 0
    assert "跳过有错误的 1 行" in capsys.readouterr().out
    good = write_xlsx(tmp_path / "good.xlsx", [["楼栋", "房号", "姓名"], ["3", "103", "丙"]])
    assert run(db, "import", str(good), "--dry-run") == 0
    assert "试运行" in capsys.readouterr().out


def test_bad_file_clear_message_exit_1(db, run, tmp_path, capsys):
    path = tmp_path / "old.xls"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    assert run(db, "import", str(path)) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误: ") and ".xlsx" in err and "Traceback" not in err
    assert run(db, "import", str(tmp_path / "missing.xlsx")) == 1
    assert run(db, "import", str(clean_roster(tmp_path / "r.xlsx")), "--sheet", "不存在") == 1
    assert "没有名为“不存在”" in capsys.readouterr().err


def test_template_command(db, run, tmp_path, capsys):
    out = tmp_path / "template.xlsx"
    assert run(db, "template", str(out)) == 0 and out.exists()
    assert run(db, "export", str(tmp_path / "wrong.txt")) == 1
    assert ".xlsx" in capsys.readouterr().err


def test_a_file_shaped_like_an_office_roster(db, run, tmp_path, capsys):
    """Merged title, a two-line header, 楼栋 merged down, co-owners sharing merged room cells, numbers as
    floats, pre-numbered empty rows and a signature line: imports whole and round-trips."""
    from datetime import datetime

    from openpyxl import Workbook

    from tests.app.roster_files import ID_B, ID_C

    wb = Workbook()
    ws = wb.active
    ws.title = "2024年花名册"
    ws.append(["翠湖花园业主花名册 (2024年1月更新)"])
    ws.merge_cells("A1:I1")
    ws.append(["序号", "房屋信息", None, None, "业主信息", None, None, "交房时间", "备注"])
    ws.append([None, "楼号", "单元", "房间号", "姓名", "手机号码", "身份证号", None, None])
    for rng in ("A2:A3", "B2:D2", "E2:G2", "H2:H3", "I2:I3"):
        ws.merge_cells(rng)
    ws.append([1, "1号楼", 1.0, 101.0, "张三", 13812345678.0, ID_A.lower(), datetime(2019, 5, 1), None])
    ws.append([2, None, 1.0, 101.0, "李四", 13912345678.0, ID_B, datetime(2019, 5, 1), "共有"])
    ws.append([3, None, 2.0, 201.0, "王　五", "0571-88886666", ID_C, "2020.1.2", None])
    ws.merge_cells("B4:B6")
    ws.merge_cells("C4:C5")
    ws.merge_cells("D4:D5")
    for n in range(4, 10):
        ws.append([n])
    ws.append(["制表人: 刘", None, None, None, "审核:"])
    path = tmp_path / "花名册.xlsx"
    wb.save(path)

    assert run(db, "import", str(path)) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert "表头在第3行, 数据 3 行" in out and "新增 3 行" in out
    export = tmp_path / "export.xlsx"
    assert run(db, "export", str(export)) == 0
    assert run(db, "import", str(export)) == 0
    assert "新增 0 行, 更新 0 行, 无变化 3 行" in capsys.readouterr().out
    assert run(db, "import", str(path)) == 0
    assert "新增 0 行, 更新 0 行, 无变化 3 行" in capsys.readouterr().out
