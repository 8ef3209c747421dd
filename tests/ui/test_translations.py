"""The English translation: the compiled .qm translates strings of every area, a built page shows English,
and the .ts holds a real (non-Chinese) translation for every string lupdate found."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication

import ui.application as application
from app.resources import resource_path

CJK = re.compile(r"[\u4e00-\u9fff]")
# Translations that keep Chinese on purpose: they show data the user types in Chinese.
CHINESE_EXAMPLES = {"楼栋名称 (例如 7栋):", "例如 浙A12345 或 浙AD12345", "如 元/㎡·月 (留空自动)"}


@pytest.fixture
def english(qapp):
    translators = application.install_translations(qapp, "en")
    assert translators, "propdesk_en.qm did not load"
    yield
    for t in translators:
        qapp.removeTranslator(t)


@pytest.mark.parametrize(("context", "source", "english_text"), [
    ("MainWindow", "经理", "Manager"),
    ("MainWindow", "环境", "Environment"),
    ("Pages", "收费", "Fees"),
    ("Pages", "催缴", "Arrears"),
    ("Pages", "用户与权限", "Users and permissions"),
    ("FeeCounterPage", "收款并打印收据", "Take payment and print receipt"),
    ("ArrearsPage", "登记催缴…", "Log reminder…"),
    ("BillingRunPage", "生成账单", "Create bills"),
    ("Label", "处理中", "In progress"),
    ("Label", "经理处理", "Escalated"),
    ("WorkOrdersPage", "未完成", "Open"),
    ("WorkOrderDetailPane", "打印派工单", "Print dispatch slip"),
    ("Column", "工单编号", "Work order no."),
    ("FeeLabel", "现金", "Cash"),
    ("Audit", "新增", "Create"),
])
def test_qm_translates_strings_of_every_area(english, context, source, english_text):
    assert QCoreApplication.translate(context, source) == english_text


def test_plural_forms(english):
    assert QCoreApplication.translate("RegisterView", "共 %n 条", "", 1) == "1 row"
    assert QCoreApplication.translate("RegisterView", "共 %n 条", "", 59) == "59 rows"


def test_a_built_page_shows_english(english, qtbot, services):
    from ui.tabs.fees_counter import FeeCounterPage
    from ui.tabs.workorders_page import WorkOrdersPage

    counter = FeeCounterPage(services)
    qtbot.addWidget(counter)
    assert counter.pay_button.text() == "Take payment and print receipt"
    desk = WorkOrdersPage(services)
    qtbot.addWidget(desk)
    assert desk.detail.title.text() == "No work order selected"
    assert not CJK.search(desk.detail.browser.toPlainText())


def test_every_ts_entry_has_a_real_translation():
    tree = ET.parse(resource_path("i18n/propdesk_en.ts"))
    missing, chinese = [], []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            texts = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            if translation.get("type") == "unfinished" or not all(texts):
                missing.append(f"{name}: {source}")
            elif source not in CHINESE_EXAMPLES and any(CJK.search(t) for t in texts):
                chinese.append(f"{name}: {source}")
    assert not missing, "untranslated (run tools/update_translations.sh and translate):\n" + "\n".join(missing)
    assert not chinese, "translation still Chinese:\n" + "\n".join(chinese)


def test_translations_keep_every_placeholder():
    """%1…%9, %n and {name} of the source must all survive in the English text, or values go missing."""
    placeholder = re.compile(r"%\d|%n|\{\w+\}")
    tree = ET.parse(resource_path("i18n/propdesk_en.ts"))
    wrong = []
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            texts = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            wanted = set(placeholder.findall(source))
            wrong += [f"{context.findtext('name')}: {source!r} → {t!r}" for t in texts
                      if set(placeholder.findall(t)) != wanted]
    assert not wrong, "\n".join(wrong)
