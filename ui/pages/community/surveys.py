"""满意度调查: a questionnaire sent to a sample of units, each returned answer entered (1–5 per topic),
the survey's average per topic beside the one before it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QSpinBox, QWidget

from app.errors import ServiceError
from app.services.surveys import SurveyRow
from ui.dialogs.form import FormDialog
from ui.dialogs.record import line, note
from ui.models.windowed import ROW_ROLE, Column
from ui.pages.register_page import DetailPane, RegisterPage

COLUMNS = [
    Column("sent_on", QT_TRANSLATE_NOOP("Column", "发放日期"), "sent_on", sort_key="sent_on", width=6),
    Column("title", QT_TRANSLATE_NOOP("Column", "调查"), "title", sort_key="title", width=10),
    Column("sampled", QT_TRANSLATE_NOOP("Column", "抽样户数"), "sampled", width=4),
    Column("answered", QT_TRANSLATE_NOOP("Column", "已回收"), "answered", width=4),
    Column("average", QT_TRANSLATE_NOOP("Column", "平均满意度"), "average", width=5),
]
RESPONSE_COLUMNS = [
    Column("unit", QT_TRANSLATE_NOOP("Column", "房号"), "unit"),
    Column("answered_on", QT_TRANSLATE_NOOP("Column", "回收日期"), "answered_on"),
    Column("scores", QT_TRANSLATE_NOOP("Column", "评分"), lambda r: " ".join(f"{t}{v}" for t, v in r.scores.items())),
    Column("comment", QT_TRANSLATE_NOOP("Column", "意见"), "comment"),
]


class SurveyDialog(FormDialog):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(self.tr("新建调查"), parent)
        self.services = services
        self.add_field("title", self.tr("调查名称"), line())
        self.add_field("sent_on", self.tr("发放日期"), line(text=services.ctx.clock().date().isoformat()))
        self.add_field("topics", self.tr("调查项目 (每行一项)"),
                       note(height=100, placeholder=self.tr("客户服务\n工程维修\n秩序维护\n环境保洁")))
        self.add_field("sample", self.tr("抽样户数"), line(text="50"))

    def save(self, values) -> int:
        return self.services.surveys.create(values)


class AnswerDialog(FormDialog):
    """One unit's answers: a 1–5 spin box per topic, a comment, and a work order for a low score."""

    def __init__(self, services, survey: SurveyRow, response, parent: QWidget | None = None):
        super().__init__(self.tr("录入答卷 %1").replace("%1", response.unit), parent)
        self.services, self.response = services, response
        self.spins: dict[str, QSpinBox] = {}
        for n, topic in enumerate(survey.topics):
            spin = QSpinBox(self)
            spin.setRange(1, 5)
            spin.setValue(5)
            self.spins[topic] = spin
            self.add_field(f"topic_{n}", topic, spin)
        self.add_field("comment", self.tr("意见"), line())
        self.add_field("answered_on", self.tr("回收日期"), line(text=services.ctx.clock().date().isoformat()))
        self.open_order = QCheckBox(self.tr("有不满意 (≤2分) 时开工单跟进"), self)
        self.open_order.setChecked(True)
        self.form.addRow("", self.open_order)

    def save(self, values) -> int:
        self.services.surveys.answer(self.response.id, {t: s.value() for t, s in self.spins.items()},
                                     values.get("comment", ""), values.get("answered_on"),
                                     open_workorder=self.open_order.isChecked())
        return self.response.id


class SurveysPage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        self.pane = DetailPane(RESPONSE_COLUMNS, parent)
        super().__init__(services, services.surveys, COLUMNS, None, detail=self.pane, descending=True,
                         placeholder=self.tr("调查名称"), parent=parent)
        if self.can_manage:
            self.register.add_action(self.tr("新建调查"), self.new_survey)
            self.pane.add_button(self.tr("录入答卷"), self.answer)
        self.add_refresh()
        self.register.current_row_changed.connect(self.show_row)
        self.register.splitter.setSizes([520, 480])

    def show_row(self, row: SurveyRow | None) -> None:
        if row is None:
            self.pane.clear()
            return
        scores = self.services.surveys.by_topic()
        mine = {t.topic: t.average for t in scores if t.survey_id == row.id}
        before = {}
        for t in scores:  # oldest first: the last earlier survey's average of each topic wins
            if t.sent_on < row.sent_on:
                before[t.topic] = t.average
        facts = [(topic, f"{mine.get(topic, '—')}" + (self.tr(" (上次 %1)").replace("%1", str(before[topic]))
                                                      if topic in before else "")) for topic in row.topics]
        self.pane.show(row.title, [(self.tr("回收"), f"{row.answered} / {row.sampled}"), *facts],
                       self.services.surveys.responses(row.id))

    def new_survey(self) -> FormDialog:
        return self.open_dialog(SurveyDialog(self.services, parent=self))

    def answer(self) -> FormDialog | None:
        row = self.current()
        index = self.pane.table.currentIndex()
        response = self.pane.model.data(index, ROW_ROLE) if index.isValid() else None
        if row is None or response is None:
            self.pane.title.setText(self.tr("请先在右侧选择一户"))
            return None
        if response.answered_on is not None:
            self.pane.title.setText(self.tr("这一户的答卷已经录入过了"))
            return None
        try:
            dialog = AnswerDialog(self.services, row, response, parent=self)
        except ServiceError as exc:
            self.pane.title.setText(str(exc))
            return None
        return self.open_dialog(dialog, lambda _id: row.id)
