"""Fee documents: notice and receipt PDFs read back (amounts, Chinese text, embedded font, rendering),
the ledger .xlsx (numbers with 0.00 format, text as text) and the command line."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.cli import main as cli_main
from app.excel.ledger import write_ledger
from app.money import format_money, rmb_upper, to_money
from app.pdf.cashup import write_cashup
from app.pdf.fee_notice import write_notices
from app.pdf.receipt import write_receipt
from tests.fees_setup import add_items, build_property, fee_services


@pytest.fixture
def billed(db):
    services, clock = fee_services(db)
    services.property.set_setting("property.name", "翠湖花园")
    ids = build_property(services)
    add_items(services)
    services.billing.run("2026-10")
    services.billing.run("2026-11")
    return services, clock, ids


def embedded_fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]))
    return names


def render_png(pdf, tmp_path) -> list:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm not installed")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page*.png"))


def test_notice_pdf_matches_the_ledger_to_the_fen(billed, tmp_path):
    services, _, ids = billed
    services.payments.pay(ids["a"], "1000.5", "cash")  # partial: October paid, November part paid
    reports = services.fee_reports
    units = reports.notice_units("2026-11")
    notices = reports.notices("2026-11", units)
    pdf = write_notices(notices, tmp_path / "notices.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) == len(units) == 5
    assert any("WenQuanYi" in name for name in embedded_fonts(reader))
    ledger = {row.label: row for row in reports.ledger("2026-11").rows}
    for page in reader.pages:
        text = page.extract_text()
        assert "缴费通知单" in text and "应缴合计" in text
        label = re.search(r"房号: (\S+)", text).group(1)
        row = ledger[label]
        assert f"¥ {format_money(row.total_due)}" in text
        assert rmb_upper(row.total_due) in text
        assert format_money(row.unpaid) in text and format_money(row.earlier_arrears) in text
    first = reader.pages[0].extract_text()
    assert "1栋1单元101" in first and "张三" in first and "2026年10月" not in first  # October is paid
    assert "789.50" in first  # 1790 − 1000.50
    pngs = render_png(pdf, tmp_path)
    assert len(pngs) == 5 and all(p.stat().st_size > 5000 for p in pngs)


def test_building_notices_and_empty_set(billed, tmp_path):
    services, _, ids = billed
    reports = services.fee_reports
    units = reports.notice_units("2026-11", ids["b2"])
    pdf = write_notices(reports.notices("2026-11", units), tmp_path / "b2.pdf")
    assert len(PdfReader(pdf).pages) == 2
    empty = write_notices([], tmp_path / "none.pdf")
    assert "没有需要通知的房屋" in PdfReader(empty).pages[0].extract_text()


def test_receipt_and_void_receipt(billed, tmp_path):
    services, clock, ids = billed
    payment = services.payments.pay(ids["b"], "300", "wechat", payer="李四")
    pdf = write_receipt(services.payments.receipt(payment.id), tmp_path / "r.pdf")
    text = PdfReader(pdf).pages[0].extract_text()
    assert payment.receipt_no in text and "李四" in text and "微信" in text
    assert "叁佰元整" in text and "¥ 300.00" in text and "作废" not in text.replace("涂改无效", "")
    assert any("WenQuanYi" in n for n in embedded_fonts(PdfReader(pdf)))
    services.payments.void(payment.id, "客户要求退款")
    void_pdf = write_receipt(services.payments.receipt(payment.id), tmp_path / "void.pdf")
    void_text = PdfReader(void_pdf).pages[0].extract_text()
    assert "作废" in void_text and "客户要求退款" in void_text
    assert render_png(void_pdf, tmp_path)


def test_cashup_pdf(billed, tmp_path):
    services, clock, ids = billed
    services.payments.pay(ids["a"], "100", "cash")
    services.payments.pay(ids["b"], "20.5", "alipay")
    pdf = write_cashup(services.fee_reports.cashup(clock.now.date()), tmp_path / "c.pdf")
    text = PdfReader(pdf).pages[0].extract_text()
    assert "收费日结单" in text and "120.50" in text and "壹佰贰拾元伍角整" in text


def test_ledger_xlsx_numbers_and_text(billed, tmp_path):
    from openpyxl import load_workbook

    services, _, ids = billed
    services.payments.pay(ids["a"], "1000", "cash")
    ledger = services.fee_reports.ledger("2026-11")
    path = write_ledger(tmp_path / "ledger.xlsx", ledger)
    ws = load_workbook(path).active
    header = [c.value for c in ws[2]]
    assert header[:5] == ["楼栋", "房号", "房屋", "业主", "建筑面积(㎡)"]
    assert header[-1] == "应缴合计" and "物业服务费应收" in header
    row = [c for c in ws[3]]
    assert row[1].value == "1-1-101" and row[1].number_format == "@"
    total_due = row[header.index("应缴合计")]
    assert total_due.number_format == "#,##0.00" and isinstance(total_due.value, int | float)
    assert Decimal(str(total_due.value)) == ledger.rows[0].total_due == Decimal("790.00")
    footer = [c.value for c in ws[ws.max_row]]
    assert footer[0] == "合计 (5 户)"
    assert Decimal(str(footer[header.index("本期应收")])).quantize(Decimal("0.01")) == sum(
        (r.billed for r in ledger.rows), Decimal(0))


def test_command_line(db, tmp_path, capsys, cli_user):
    services, _ = fee_services(db)
    me = cli_user(services)
    build_property(services)
    add_items(services)
    url = db.url
    assert cli_main(["--database", url, *me, "billing", "run", "--period", "2026-11", "--dry-run"]) == 0
    assert "预览 5 张账单" in capsys.readouterr().out
    assert cli_main(["--database", url, *me, "billing", "run", "--period", "2026-11"]) == 0
    assert cli_main(["--database", url, *me, "billing", "run", "--period", "2026-11"]) == 0
    assert "已生成 0 张账单" in capsys.readouterr().out
    out_xlsx = tmp_path / "l.xlsx"
    assert cli_main(["--database", url, *me, "ledger", "export", "--period", "2026-11", str(out_xlsx)]) == 0
    assert out_xlsx.exists()
    out_pdf = tmp_path / "n.pdf"
    assert cli_main(["--database", url, *me, "notices", "--period", "2026-11", "--building", "2栋",
                     "--out", str(out_pdf)]) == 0
    assert len(PdfReader(out_pdf).pages) == 2
    capsys.readouterr()
    assert cli_main(["--database", url, *me, "notices", "--period", "2026-11", "--building", "9栋",
                     "--out", str(out_pdf)]) == 2
    assert "找不到楼栋“9栋”" in capsys.readouterr().err
    assert cli_main(["--database", url, *me, "billing", "run", "--period", "2026-13"]) == 2
    assert "账期" in capsys.readouterr().err
    assert cli_main(["--database", url, *me, "notices", "--period", "2024-01", "--out", str(out_pdf)]) == 2
    assert cli_main(["--database", url, *me, "ledger", "export", "--period", "2026-11", str(tmp_path / "x.csv")]) == 2
    assert cli_main(["--database", url, *me, "billing", "rebill", "--period", "2026-11", "--dry-run"]) == 0


@pytest.mark.slow
def test_demo_checked_by_scenario(db, tmp_path):
    """On the demo database: a billing run, a partial payment with its receipt, then the unit's fee notice
    agrees with the ledger export to the fen; receipt numbers of every day run 1..n with no gap."""
    from collections import defaultdict

    from openpyxl import load_workbook
    from sqlalchemy import select

    from app.demo import fill_demo
    from app.models import Payment
    from app.services import Services

    services = Services.open(db)
    fill_demo(services)
    with db.read_session() as s:
        numbers = list(s.scalars(select(Payment.receipt_no)))
    by_day = defaultdict(list)
    for number in numbers:
        by_day[number[2:10]].append(int(number[10:]))
    assert all(sorted(v) == list(range(1, len(v) + 1)) for v in by_day.values())
    period = services.billing.default_run_period()
    assert services.billing.run(period).bills > 0
    arrears = services.fee_reports.arrears()
    assert arrears and any(r.buckets[1] > 0 for r in arrears)
    unit_id = arrears[0].unit_id
    owed = services.payments.account(unit_id).outstanding
    payment = services.payments.pay(unit_id, owed / 3, "cash", payer="测试")
    receipt_pdf = write_receipt(services.payments.receipt(payment.id), tmp_path / "r.pdf")
    assert payment.receipt_no in PdfReader(receipt_pdf).pages[0].extract_text()
    notice_pdf = write_notices(services.fee_reports.notices(period, [unit_id]), tmp_path / "n.pdf")
    ledger_path = write_ledger(tmp_path / "l.xlsx", services.fee_reports.ledger(period))
    ws = load_workbook(ledger_path).active
    header = [c.value for c in ws[2]]
    row = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[2] == arrears[0].label)
    total_due = Decimal(str(row[header.index("应缴合计")])).quantize(Decimal("0.01"))
    assert total_due == owed - to_money(owed / 3)
    assert f"¥ {format_money(total_due)}" in PdfReader(notice_pdf).pages[0].extract_text()


def test_readings_import_names_bad_rows(db, tmp_path, capsys, cli_user):
    from openpyxl import Workbook

    from app.models import ChargeMethod

    services, _ = fee_services(db)
    ids = build_property(services)
    services.billing.save_item({"name": "水费", "method": ChargeMethod.METERED, "unit_price": "3.45",
                                "unit_label": "元/吨", "start_date": "2026-01-01"})
    me = cli_user(services)

    def book(name, rows):
        wb = Workbook()
        ws = wb.active
        ws.append(["翠湖花园 水表抄表"])
        ws.append(["序号", "房号", "读数"])
        for row in rows:
            ws.append(row)
        wb.save(tmp_path / name)
        return str(tmp_path / name)

    url = db.url
    assert cli_main(["--database", url, *me, "readings", "import", "--item", "水费", "--period", "2026-10",
                     book("oct.xlsx", [[1, "1-1-101", 100], [2, "1栋1单元102", "50.5"]])]) == 0
    bad = book("bad.xlsx", [[1, "1-1-101", 90], [2, "9-9-999", 1], [3, "1-1-102", "abc"]])
    assert cli_main(["--database", url, *me, "readings", "import", "--item", "水费", "--period", "2026-11", bad]) == 2
    err = capsys.readouterr().err
    assert "第4行: 房号“9-9-999”不存在" in err
    assert cli_main(["--database", url, *me, "readings", "import", "--item", "水费", "--period", "2026-11",
                     book("nov.xlsx", [[1, "1-1-101", 90], [2, "1-1-102", 60]])]) == 2
    err = capsys.readouterr().err
    assert "第3行: 读数 90.00 小于上次读数 100.00" in err
    assert cli_main(["--database", url, *me, "readings", "import", "--item", "水费", "--period", "2026-11",
                     book("ok.xlsx", [[1, "1-1-101", 112.5], [2, "1-1-102", 60]])]) == 0
    result = services.billing.run("2026-11")
    water = {t.name: t for t in result.items}["水费"]
    assert water.amount == Decimal("43.13") + Decimal("32.78") and water.units == 2  # 12.5 and 9.5 × 3.45
    assert services.payments.account(ids["a"]).lines[-1].description.startswith("112.50−100.00=12.50")


def test_ledger_export_on_a_full_disk_is_a_message_and_keeps_the_older_file(billed, tmp_path, monkeypatch):
    """The rows go into a temporary file renamed into place at the end: a full disk while they are written is a
    sentence."""
    import errno

    from app.errors import ServiceError
    from app.excel.stream import Sheet

    services, _, _ = billed
    target = tmp_path / "ledger.xlsx"
    target.write_bytes(b"older ledger")

    def full(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Sheet, "flush", full)
    with pytest.raises(ServiceError, match="磁盘空间不足.*原有文件未改动"):
        services.fee_reports.export_ledger(target, "2026-11")
    assert target.read_bytes() == b"older ledger"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]
