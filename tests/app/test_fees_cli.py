"""The fee commands an office uses in batch work: billing, a payment with its receipt, a void, notices."""

from pypdf import PdfReader

from app.cli import main
from app.db import open_database
from tests.fees_setup import add_items, build_property, fee_services


def test_pay_print_and_void_from_the_command_line(tmp_path, capsys, cli_user):
    url = f"sqlite:///{tmp_path / 'fees.db'}"
    services, _ = fee_services(open_database(url))
    build_property(services)
    add_items(services)
    me = cli_user(services)
    assert main(["--database", url, *me, "billing", "run", "--period", "2026-11"]) == 0
    receipt = tmp_path / "r.pdf"
    assert main(["--database", url, *me, "payment", "take", "--unit", "1-1-101", "--amount", "100.5",
                 "--method", "wechat", "--receipt", str(receipt)]) == 0
    out = capsys.readouterr().out
    number = out.split("收据号 ")[1].split()[0]
    assert "100.50 元" in out and "壹佰元伍角整" in PdfReader(receipt).pages[0].extract_text()

    notice = tmp_path / "n.pdf"
    assert main(["--database", url, *me, "notices", "--period", "2026-11", "--unit", "1栋1单元101",
                 "--out", str(notice)]) == 0
    assert len(PdfReader(notice).pages) == 1

    assert main(["--database", url, *me, "payment", "void", number, "--reason", "收错户"]) == 0
    assert "已作废" in capsys.readouterr().out


def test_unknown_unit_or_receipt_is_a_clear_error(tmp_path, capsys, cli_user):
    url = f"sqlite:///{tmp_path / 'fees.db'}"
    services = fee_services(open_database(url))[0]
    build_property(services)
    me = cli_user(services)
    assert main(["--database", url, *me, "payment", "take", "--unit", "9-9-999", "--amount", "1"]) == 2
    assert "找不到房屋" in capsys.readouterr().err
    assert main(["--database", url, *me, "payment", "void", "SJ0", "--reason", "x"]) == 2
    assert "找不到收据号" in capsys.readouterr().err
