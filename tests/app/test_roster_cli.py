"""``propdesk --database URL roster import|export|template``: output lines and exit codes."""

from app.cli import main
from tests.app.roster_files import HEADER, ID_A, clean_roster, dump, write_xlsx


def run(db, *args):
    return main(["--database", db.url, "roster", *args])


def test_import_clean_roster_then_export_round_trip(db, tmp_path, capsys):
    path = clean_roster(tmp_path / "roster.xlsx")
    assert run(db, "import", str(path)) == 0
    out = capsys.readouterr().out
    assert "已导入: 新增 4 行, 更新 0 行, 无变化 0 行" in out
    export = tmp_path / "export.xlsx"
    assert run(db, "export", str(export)) == 0
    assert "已导出 4 行" in capsys.readouterr().out
    assert run(db, "import", str(export)) == 0
    assert "新增 0 行, 更新 0 行, 无变化 4 行" in capsys.readouterr().out


def test_bad_rows_are_listed_exit_1_and_nothing_changes(db, tmp_path, capsys):
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


def test_dry_run_and_only_valid(db, tmp_path, capsys):
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


def test_bad_file_clear_message_exit_1(db, tmp_path, capsys):
    path = tmp_path / "old.xls"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    assert run(db, "import", str(path)) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误: ") and ".xlsx" in err and "Traceback" not in err
    assert run(db, "import", str(tmp_path / "missing.xlsx")) == 1
    assert run(db, "import", str(clean_roster(tmp_path / "r.xlsx")), "--sheet", "不存在") == 1
    assert "没有名为“不存在”" in capsys.readouterr().err


def test_template_command(db, tmp_path, capsys):
    out = tmp_path / "template.xlsx"
    assert run(db, "template", str(out)) == 0 and out.exists()
    assert run(db, "export", str(tmp_path / "wrong.txt")) == 1
    assert ".xlsx" in capsys.readouterr().err
