"""The dispatch slip PDF, read back: Chinese text, embedded font, page count, nothing off the page;
and ``propdesk workorder slip``."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.cli import main
from app.errors import PermissionDenied
from app.models import AuditLog
from app.pdf.dispatch_slip import SlipData, SlipMaterial, render_slip
from app.services.workorders import Material
from tests.conftest import actor

NOW = datetime(2026, 11, 28, 9, 30)


def slip(**changes) -> SlipData:
    values = dict(
        number="GD202611280007", property_name="翠湖花园", kind="报修", source="电话", category="给排水",
        location="自用部位", priority="紧急", team="工程", state="已派单", unit="3栋1单元1502", place="厨房水槽下方",
        contact_name="张三", contact_phone="138****5678", description="厨房水槽下水管漏水, 橱柜底板已泡湿。",
        reported_at=NOW, dispatched_at=NOW, respond_by=NOW, due_at=NOW, completed_at=None, assignee="李师傅",
        materials=(SlipMaterial("PPR 直接头", "个", Decimal("2"), Decimal("3.50"), Decimal("7.00")),),
        labour_fee=Decimal("30.00"), material_fee=Decimal("7.00"), satisfaction=4, printed_at=NOW,
    )
    values.update(changes)
    return SlipData(**values)


def text_of(reader: PdfReader) -> str:
    return "".join(page.extract_text() for page in reader.pages).replace(" ", "")


def fonts_of(reader: PdfReader) -> list[tuple[str, bool]]:
    """(base font, embedded?) of every font used on every page."""
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), embedded))
    return found


def text_positions(page) -> list[tuple[float, float, str]]:
    spots = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            spots.append((x, y, text))

    page.extract_text(visitor_text=visit)
    return spots


def test_normal_slip_is_one_a5_landscape_page_with_the_chinese_text_and_embedded_font():
    reader = PdfReader(io.BytesIO(render_slip(slip())))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 420)
    text = text_of(reader)
    for expected in ("派工单", "翠湖花园", "GD202611280007", "3栋1单元1502", "厨房水槽下水管漏水", "138****5678",
                     "李师傅", "PPR直接头", "合计37.00元", "维修人员签字", "业主签字", "■满意", "□非常满意"):
        assert expected in text, expected
    fonts = fonts_of(reader)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all("WenQuanYi" in name for name, _ in fonts), fonts


def test_public_repair_says_no_charge_and_blank_lines_to_write_on():
    text = text_of(PdfReader(io.BytesIO(render_slip(slip(location="公共部位", materials=(), satisfaction=None)))))
    assert "公共部位维修,不向业主收费" in text and "■" not in text


def test_a4_option():
    reader = PdfReader(io.BytesIO(render_slip(slip(), page="A4")))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    with pytest.raises(ValueError):
        render_slip(slip(), page="B5")


def test_long_description_wraps_and_continues_on_a_second_page():
    sentence = "楼上卫生间漏水导致我家天花板大面积渗水发霉, 多次沟通未果<请>物业 & 工程部协调处理。"
    description = "\n".join(f"{i}. {sentence}" for i in range(1, 41)) + "\n最后一句在这里。"
    reader = PdfReader(io.BytesIO(render_slip(slip(description=description, work_notes="已上门查看"))))
    pages = len(reader.pages)
    assert pages >= 2
    text = text_of(reader)
    assert "40.楼上卫生间" in text and "最后一句在这里" in text and "<请>物业&工程部" in text
    assert "(续)" in text and all(f"第{n}/{pages}页" in text for n in range(1, pages + 1))
    assert text.index("最后一句在这里") < text.index("业主签字")  # flows in order, signatures last
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        spots = text_positions(page)
        assert spots
        for x, y, piece in spots:
            assert 0 <= x < width and 0 <= y < height, (x, y, piece)
            # a wrapped line never runs past the right margin: its start is well inside the page
            assert x < width - 20, (x, piece)


def test_single_very_long_line_wraps():
    reader = PdfReader(io.BytesIO(render_slip(slip(description="漏水" * 300, place="位置" * 60))))
    assert len(reader.pages) <= 2
    assert text_of(reader).count("漏水") >= 290  # no text lost off the edge


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_reports_only_the_embedded_font(tmp_path):
    path = tmp_path / "slip.pdf"
    path.write_bytes(render_slip(slip()))
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    fonts = lines[2:]
    assert len(fonts) == 1 and "WenQuanYiMicroHei" in fonts[0] and " yes yes yes " in fonts[0]


# --- from the service and the command line -----------------------------------------------------------------


@pytest.fixture
def order(services):
    building = services.archive.create_building("3栋", floors=18)
    unit = services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "1502"})
    services.archive.save_member(unit, {"name": "张三", "phone": "13812345678"})
    tech = services.staff.save_staff({"name": "李师傅", "team": "engineering", "phone": "13700000001"})
    services.property.set_setting("property.name", "翠湖花园")
    detail = services.workorders.intake({
        "kind": "repair", "source": "phone", "category": "water", "location": "private", "unit_id": unit,
        "description": "卫生间地漏堵塞, 积水排不下去", "assignee_id": tech})
    services.workorders.start(detail.row.id)
    services.workorders.complete(detail.row.id, "疏通地漏", [Material("地漏芯", 1, "25")], labour_fee="20")
    return detail.row


def test_service_slip_prints_full_phones_for_staff_with_the_right(services, order):
    data = services.workorders.slip_data(order.id, full_phone=False)
    assert data.contact_phone == "138****5678" and data.assignee_phone == "137****0001"
    assert data.property_name == "翠湖花园" and data.category == "给排水" and data.unit == "3栋1单元1502"
    assert data.material_fee == Decimal("25.00") and data.labour_fee == Decimal("20.00")
    # 客服 holds pii.reveal, not pii.view_full: the slip the technician takes still has numbers to call.
    desk = services.as_actor(actor("service", name="前台小王"))
    data = desk.workorders.slip_data(order.id)
    assert data.contact_phone == "13812345678" and data.assignee_phone == "13700000001"
    engineer = services.as_actor(actor("engineering", name="李师傅"))
    assert engineer.workorders.slip_data(order.id).contact_phone == "138****5678"
    with pytest.raises(PermissionDenied):
        engineer.workorders.slip_data(order.id, full_phone=True)
    desk.workorders.slip_pdf(order.id)  # the print with full numbers is logged, with who printed it
    with services.db.read_session() as s:
        logged = s.query(AuditLog).filter_by(action="print", entity="workorders").one()
    assert logged.username == desk.ctx.actor.username and '"full_phone": true' in logged.changes
    services.property.set_setting("workorder.slip_full_phone", "0")  # the office may mask them all
    assert desk.workorders.slip_data(order.id).contact_phone == "138****5678"
    text = text_of(PdfReader(io.BytesIO(services.workorders.slip_pdf(order.id, full_phone=False))))
    assert "卫生间地漏堵塞" in text and "疏通地漏" in text and "138****5678" in text


def test_cli_slip(db, services, order, tmp_path, capsys, cli_user):
    me = cli_user(services)
    out = tmp_path / "slip.pdf"
    assert main(["--database", db.url, *me, "workorder", "slip", order.number.lower(), "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    reader = PdfReader(out)
    assert len(reader.pages) == 1 and order.number in text_of(reader)
    assert main(["--database", db.url, *me, "workorder", "slip", "GD209901010001", "--out", str(out)]) == 1
    assert "GD209901010001" in capsys.readouterr().err


def test_cli_list(db, services, order, capsys, cli_user):
    me = cli_user(services)
    assert main(["--database", db.url, *me, "workorder", "list", "--query", "1502"]) == 0
    printed = capsys.readouterr().out
    assert order.number in printed and "共 1 条" in printed


def test_worst_case_slip_still_renders_cleanly():
    """Every free-text field at the service's maximum, and many materials: pages continue, no error."""
    materials = tuple(SlipMaterial(f"材料{i} 规格型号很长的一种配件" * 2, "个", Decimal("3"), Decimal("12.50"),
                                   Decimal("37.50")) for i in range(25))
    data = slip(description="漏" * 2000, work_notes="修" * 2000, place="位" * 128, materials=materials,
                visit_comment="意" * 500, contact_name="欧阳" * 32, unit="12栋3单元2504" * 3)
    reader = PdfReader(io.BytesIO(render_slip(data)))
    pages = len(reader.pages)
    text = text_of(reader)
    assert 2 <= pages <= 6 and f"第{pages}/{pages}页" in text
    assert text.count("漏") == 2000 and text.count("修") >= 2000 and "材料24" in text
    for page in reader.pages:
        for x, y, piece in text_positions(page):
            assert 0 <= x < float(page.mediabox.width) and 0 <= y < float(page.mediabox.height), piece


def test_fresh_order_slip_is_one_page():
    """The usual print: just dispatched, nothing done yet, a few lines of description — one page, with
    blank lines for the technician's notes, materials and charge."""
    description = "业主反映厨房水槽下方进水管接头漏水, 地面已积水, 楼下1402天花板有水渍, 下午三点后在家。" * 4
    data = slip(description=description, materials=(), work_notes="", satisfaction=None, completed_at=None,
                labour_fee=Decimal("0"), material_fee=Decimal("0"))
    reader = PdfReader(io.BytesIO(render_slip(data)))
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert "人工费______元" in text and "□满意" in text and "■" not in text and "业主签字" in text
