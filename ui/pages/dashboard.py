"""经理 → 概况: the manager's morning dashboard.

Key figures as cards (收缴率 this month for 物业费/停车费, arrears, open/overdue work orders, complaints,
return-visit satisfaction, orders waiting for the manager), five QtCharts charts (collection rate of the
period and the year to date, collection by month, arrears aging, open/overdue orders by team, complaints
and satisfaction by month) and the property's figures (units, occupancy, people, vehicles, staff per team).

Every section is read by its own background job (ui/jobs.py), ``dashboard.part(name, period)``: the jobs run
side by side on the thread pool and each section shows as soon as its job is done, while the others' cards
still show "…" and their charts "正在加载…"; a section the operator may not see (no permission, no data yet)
comes back with a message shown in place of its chart. Clicking a card or a bar opens the rows
behind the number (:class:`DrillDownDialog`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.models import FeeKind, Kind, State, Team
from app.money import ZERO
from app.services import Services
from app.services.fees_rules import add_months, period_first_day, period_last_day, period_of
from app.services.workorders import OPEN_STATES, WorkOrderFilter
from ui.dialogs.drilldown import DrillDownDialog
from ui.jobs import Loader
from ui.labels import team_label
from ui.models.windowed import RIGHT, Column, ListTableModel, RowStyle, WindowedTableModel
from ui.tabs.fees_arrears import ARREARS_COLUMNS  # the aging drill-down lists what 催缴 lists
from ui.tabs.fees_common import aging_labels, fee_label, money_text
from ui.widgets.charts import (
    AGING_COLOURS,
    BLUE,
    GREY,
    LIGHT_BLUE,
    ORANGE,
    RED,
    ChartPanel,
    attach,
    month_label,
)
from ui.widgets.workorder_detail import WorkOrderDetailPane
from ui.widgets.workorder_list import WORKORDER_COLUMNS, workorder_row_style

PERIOD_CHOICES = 24  # the period selector offers this many months back from the current one
TREND_MONTHS = 12
MIN_TREND_MONTHS = 6  # leading months without data are left out, but at least this many are shown
CHART_KINDS = (FeeKind.PROPERTY, FeeKind.PARKING)
# The sections read side by side (app.services.dashboard.PARTS), two at a time on a two-core machine. The
# work-order sections come first: they import nothing (the work-order service is imported with this page)
# and spend their time in SQLite, which lets go of the GIL, while the GUI thread builds and paints the page;
# the sections that import their services (fees, property, maintenance) follow. At full scale this order
# took the open from ~0.5 to ~0.37 s at load 3–4 (and less CPU: fewer GIL hand-overs).
SECTIONS = ("workorders", "months", "aging", "collection", "property", "heading", "maintenance")

CARD_STYLE = """
QFrame#card { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }
QFrame#card[clickable="true"]:hover { border: 1px solid #1f5fa8; background: #f3f7fd; }
QLabel#card_value { font-size: 18pt; font-weight: bold; color: #1f5fa8; }
QLabel#card_value[alert="true"] { color: #c0392b; }
QLabel#card_title { color: palette(dark); font-size: 10pt; }
QLabel#card_note { color: palette(dark); }
QLabel#section { font-size: 12pt; font-weight: bold; }
"""



@dataclass(frozen=True)
class UnpaidRow:
    """A unit's bills of one period and fee kind, from the ledger: what the collection rate is made of."""

    code: str
    owner: str
    billed: Decimal
    paid: Decimal
    unpaid: Decimal


UNPAID_COLUMNS = [
    Column("code", QT_TRANSLATE_NOOP("Column", "房号"), "code"),
    Column("owner", QT_TRANSLATE_NOOP("Column", "业主"), "owner"),
    Column("billed", QT_TRANSLATE_NOOP("Column", "应收(元)"), "billed", align=RIGHT, formatter=money_text),
    Column("paid", QT_TRANSLATE_NOOP("Column", "实收(元)"), "paid", align=RIGHT, formatter=money_text),
    Column("unpaid", QT_TRANSLATE_NOOP("Column", "未收(元)"), "unpaid", align=RIGHT, formatter=money_text),
]
UNPAID_STYLE = RowStyle(foreground=RED.darker(120))


def percent(value: float) -> str:
    return f"{value:.1%}"


def wan(amount: Decimal) -> float:
    """元 → 万元 with two decimals, for chart values."""
    return round(float(amount) / 10000, 2)


def _restyle(widget: QWidget) -> None:
    """Apply the style sheet again after a property its rules select on changed; a widget not yet polished
    (the page being built) gets it when first shown — polishing twenty cards twice cost the GUI thread."""
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class FigureCard(QFrame):
    """One number with its caption and a small note; ``clicked`` when it has rows to show."""

    clicked = Signal()

    def __init__(self, title: str, parent: QWidget | None = None, *, clickable: bool = False):
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel(title, self)
        self.title.setObjectName("card_title")
        self.title.setWordWrap(True)  # English captions are long: eight cards must fit 1024 wide
        self.value = QLabel("—", self)
        self.value.setObjectName("card_value")
        self.note = QLabel("", self)
        self.note.setObjectName("card_note")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.clickable = not clickable
        self.set_clickable(clickable)

    def set_clickable(self, clickable: bool) -> None:
        if clickable == self.clickable:
            return
        self.clickable = clickable
        self.setProperty("clickable", "true" if clickable else "false")
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
        self.setToolTip(self.tr("点击查看明细") if clickable else "")
        _restyle(self)

    def set(self, value: str, note: str = "", alert: bool = False) -> None:
        self.value.setText(value)
        self.note.setText(note)
        if self.value.property("alert") != alert:
            self.value.setProperty("alert", alert)
            _restyle(self.value)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self.clickable and event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class DashboardPage(QWidget):
    """The manager's dashboard; ``reload()`` re-queries everything for the selected period."""

    reloaded = Signal()
    drilled = Signal(object)  # the DrillDownDialog just opened

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setStyleSheet(CARD_STYLE)
        self.today = services.ctx.clock().date()
        self.last_dialog: DrillDownDialog | None = None
        self.collection = None  # CollectionFigures of the selected period
        self.arrears_rows: list = []
        self.summary = None  # WorkOrderSummary
        self.month_orders = None  # MonthWorkOrders of the selected period
        self.figures = None  # PropertyFigures
        self.aging = None  # AgingSummary
        # one background job per section (PARTS); each section's cards show "…" until its job is done
        self.loaders: dict[str, Loader] = {}
        self.unseen: dict[str, Callable[[], object]] = {}  # ``when_seen`` sections waiting for their card's paint
        for name in SECTIONS:
            self.loaders[name] = loader = Loader(self)
            loader.loaded.connect(lambda value, error, name=name: self._part_loaded(name, value, error))

        # ---- top bar
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.period = QComboBox(self)
        current = period_of(self.today)
        for n in range(PERIOD_CHOICES):
            p = add_months(current, -n)
            self.period.addItem(p, p)
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.clicked.connect(self.reload)
        self.stamp = QLabel(self)
        self.stamp.setStyleSheet("color: palette(dark);")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(16)
        top.addWidget(self.stamp)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("账期"), self))
        top.addWidget(self.period)
        top.addWidget(self.refresh_button)

        # ---- key figures
        self.key_cards: dict[str, FigureCard] = {
            "property_rate": FigureCard(self.tr("物业费收缴率"), self, clickable=True),
            "parking_rate": FigureCard(self.tr("停车费收缴率"), self, clickable=True),
            "arrears": FigureCard(self.tr("欠费合计(元)"), self, clickable=True),
            "open": FigureCard(self.tr("未完成工单"), self, clickable=True),
            "overdue": FigureCard(self.tr("超时工单"), self, clickable=True),
            "complaints": FigureCard(self.tr("投诉"), self, clickable=True),
            "satisfaction": FigureCard(self.tr("回访满意度"), self),
            "escalated": FigureCard(self.tr("待经理处理"), self, clickable=True),
            "on_time": FigureCard(self.tr("按时完成率"), self),
            "rework": FigureCard(self.tr("返工率"), self),
        }
        drills: dict[str, Callable[[], None]] = {
            "property_rate": lambda: self.drill_unpaid(FeeKind.PROPERTY),
            "parking_rate": lambda: self.drill_unpaid(FeeKind.PARKING),
            "arrears": lambda: self.drill_arrears(None),
            "open": lambda: self.drill_team(None, overdue=False),
            "overdue": lambda: self.drill_team(None, overdue=True),
            "complaints": lambda: self.drill_complaints(self.selected_period()),
            "escalated": self.drill_escalated,
        }
        key_grid = QGridLayout()
        key_grid.setSpacing(8)
        per_row = 5  # two rows: ten cards in one would not fit 1024 pixels
        for i, (key, card) in enumerate(self.key_cards.items()):
            key_grid.addWidget(card, i // per_row, i % per_row)
            key_grid.setColumnStretch(i % per_row, 1)
            if key in drills:
                card.clicked.connect(drills[key])

        # ---- charts
        self.rate_chart = ChartPanel(self.tr("收缴率"), self)
        self.trend_chart = ChartPanel(self.tr("月度收缴率"), self)
        self.aging_chart = ChartPanel(self.tr("欠费账龄"), self)
        self.team_chart = ChartPanel(self.tr("未完成工单 (按班组)"), self)
        self.service_chart = ChartPanel(self.tr("投诉与回访满意度"), self)
        self.units_chart = ChartPanel(self.tr("房屋状态"), self)
        chart_grid = QGridLayout()
        chart_grid.setSpacing(8)
        for i, panel in enumerate((self.rate_chart, self.trend_chart, self.aging_chart, self.team_chart,
                                   self.service_chart, self.units_chart)):
            chart_grid.addWidget(panel, i // 3, i % 3)
        for column in range(3):
            chart_grid.setColumnStretch(column, 1)
        self.hint = QLabel(self.tr("提示: 点击卡片或柱形可查看对应明细; 欠费和未完成工单为当前数字, 其余按所选账期。"), self)
        self.hint.setStyleSheet("color: palette(dark);")

        # ---- the property (what the overview showed before)
        self.cards = {
            "units": FigureCard(self.tr("房屋"), self),
            "occupancy": FigureCard(self.tr("入住率"), self),
            "people": FigureCard(self.tr("业主及住户"), self),
            "vehicles": FigureCard(self.tr("登记车辆"), self),
            "parking": FigureCard(self.tr("车位"), self),
            "buildings": FigureCard(self.tr("楼栋"), self),
        }
        grid = QGridLayout()
        grid.setSpacing(8)
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)
            grid.setColumnStretch(i, 1)
        self.staff_cards: dict[str, FigureCard] = {}
        staff_grid = QGridLayout()
        staff_grid.setSpacing(8)
        for i, team in enumerate(Team):
            card = FigureCard(self.tr("%1组员工").replace("%1", team_label(team)), self)
            self.staff_cards[team] = card
            staff_grid.addWidget(card, 0, i)
            staff_grid.setColumnStretch(i, 1)
        self.pm_card = FigureCard(self.tr("维保完成率"), self)  # preventive maintenance of the selected month
        staff_grid.addWidget(self.pm_card, 0, len(Team))
        # Sections read only once their card is on screen (painted): the 维保完成率 card sits at the foot of the
        # page, below the fold of a 1280×800 window, and its section alone imports the engineering models
        # (~45 ms of the open).
        self.when_seen: dict[str, QWidget] = {"maintenance": self.pm_card}
        for card in self.when_seen.values():
            card.installEventFilter(self)
        staff_grid.setColumnStretch(len(Team), 1)
        self.property_message = QLabel(self)
        self.property_message.setVisible(False)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(key_grid)
        layout.addLayout(chart_grid)
        layout.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self._section(self.tr("房屋与住户")))
        layout.addWidget(self.property_message)
        layout.addLayout(grid)
        layout.addWidget(self._section(self.tr("各组在岗员工")))
        layout.addLayout(staff_grid)
        layout.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.reload()

    def _section(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("section")
        return label

    # ---- period
    def selected_period(self) -> str:
        return self.period.currentData()

    def set_period(self, period: str) -> None:
        """Select a period (tests, callers); reloads through ``currentIndexChanged``."""
        index = self.period.findData(period)
        if index < 0:
            self.period.addItem(period, period)
            index = self.period.count() - 1
        self.period.setCurrentIndex(index)

    # ---- loading
    def reload(self) -> None:
        """Show the placeholder and read every section in its own background job; ``reloaded`` once all
        are shown. A ``when_seen`` section is read when its card is first painted (on screen), not before."""
        self.today = today = self.services.ctx.clock().date()
        period, services = self.selected_period(), self.services
        self._show_placeholder()
        self.unseen.clear()
        for name, loader in self.loaders.items():
            # services.dashboard in the job: its first use imports the fee services, off the GUI thread
            def read(name=name):
                return services.dashboard.part(name, period, today, TREND_MONTHS)

            if name in self.when_seen:
                self.unseen[name] = lambda loader=loader, read=read: loader.load(read)
            else:
                loader.load(read)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            for name, card in self.when_seen.items():
                if obj is card and name in self.unseen:
                    QTimer.singleShot(0, self, self.unseen.pop(name))  # the job starts after the paint
        return super().eventFilter(obj, event)

    @property
    def loading(self) -> bool:
        """A section's job is running (a ``when_seen`` section not yet on screen is not loading)."""
        return any(loader.busy for loader in self.loaders.values())

    def _show_placeholder(self) -> None:
        self.stamp.setText(self.tr("正在加载…"))
        for card in (*self.key_cards.values(), *self.cards.values(), *self.staff_cards.values(), self.pm_card):
            card.set("…")
            card.set_clickable(False)
        for panel in (self.rate_chart, self.trend_chart, self.aging_chart, self.team_chart, self.service_chart,
                      self.units_chart):
            panel.show_message(self.tr("正在加载…"))

    def _part_loaded(self, name: str, part, error: str) -> None:
        """A section's job is done: show its ``Part`` (an internal error in place of its figures)."""
        if part is None:
            from app.services.dashboard import Part

            part = Part(None, error)
        shows: dict[str, Callable] = {
            "heading": lambda p: self.heading.setText(p.value or ""),
            "property": self._show_property, "collection": self._show_fees, "aging": self._show_arrears,
            "workorders": self._show_workorders, "months": self._show_months,
            "maintenance": self._show_maintenance,
        }
        shows[name](part)
        if not self.loading:
            self.stamp.setText(self.tr("更新于 %1").replace("%1", self.services.ctx.clock().strftime("%H:%M")))
            self.reloaded.emit()

    def _show_maintenance(self, part) -> None:
        if part.error:
            self.pm_card.set("—", self.tr("无权查看") if part.denied else part.error)
            return
        done = part.value
        self.pm_card.set("—" if done.rate is None else f"{done.rate}%",
                         self.tr("%1 应做 %2 项, 完成 %3 项").replace("%1", done.month).replace("%2", str(done.due))
                         .replace("%3", str(done.done)), alert=done.rate is not None and done.rate < 90)

    def _show_property(self, part) -> None:
        if part.error:
            self.property_message.setText(part.error)
            self.property_message.setVisible(True)
            self.units_chart.show_message(part.error)
            for card in self.cards.values():
                card.set("—")
            return
        self.property_message.setVisible(False)
        self.figures = f = part.value
        self.cards["units"].set(
            f"{f.units:,}",
            self.tr("已入住 %1 · 空置 %2 · 装修中 %3").replace("%1", f"{f.occupied:,}")
            .replace("%2", f"{f.vacant:,}").replace("%3", f"{f.renovating:,}"),
        )
        self.cards["occupancy"].set(f"{f.occupancy_rate:.1%}", self.tr("已入住房屋 / 全部房屋"))
        self.cards["people"].set(f"{f.people:,}", self.tr("其中关联房屋的 %1 人").replace("%1", f"{f.owners_linked:,}"))
        self.cards["vehicles"].set(f"{f.vehicles:,}")
        self.cards["parking"].set(f"{f.parking_spaces:,}")
        self.cards["buildings"].set(f"{f.buildings:,}")
        for team, card in self.staff_cards.items():
            card.set(str(f.staff_by_team.get(team, 0)))
        panel = self.units_chart
        if not f.units:
            panel.show_message(self.tr("还没有房屋。在“客服 → 业主档案”中登记或导入花名册。"))
            return
        panel.reset()
        texts = (self.tr("已入住 %1 (%2)"), self.tr("空置 %1 (%2)"), self.tr("装修中 %1 (%2)"))
        panel.add_pie([
            (text.replace("%1", f"{n:,}").replace("%2", f"{n / f.units:.1%}"), n, colour)
            for text, n, colour in zip(texts, (f.occupied, f.vacant, f.renovating), (BLUE, GREY, ORANGE),
                                       strict=True)
        ])
        panel.show_chart()

    def _fee_message(self, part) -> str:
        # decided from the job's result: asking the context here could re-read a revoked account in a slot
        return self.tr("没有“查看收费报表”权限, 不显示收费图表。") if part.denied else part.error

    def _show_fees(self, part) -> None:
        period = self.selected_period()
        self.rate_chart.set_title(self.tr("%1 收缴率").replace("%1", period))
        if part.error:
            self.collection = None
            message = self._fee_message(part)
            for key in ("property_rate", "parking_rate"):
                self.key_cards[key].set("—", self.tr("无权查看") if part.denied else "")
                self.key_cards[key].set_clickable(False)
            self.rate_chart.show_message(message)
            self.trend_chart.show_message(message)
            return
        self.collection, months = part.value
        month = {r.kind: r for r in self.collection.month}
        ytd = {r.kind: r for r in self.collection.year_to_date}
        for key, kind in (("property_rate", FeeKind.PROPERTY), ("parking_rate", FeeKind.PARKING)):
            m, y = month[kind], ytd[kind]
            card = self.key_cards[key]
            card.set_clickable(m.billed > 0)
            if m.billed > 0:
                card.set(percent(m.rate), self.tr("%1 · 本年累计 %2").replace("%1", period)
                         .replace("%2", percent(y.rate) if y.billed > 0 else "—"))
            else:
                card.set("—", self.tr("%1 尚无账单").replace("%1", period))

        # rate of the period and of the year, 物业费 / 停车费
        if not any(month[k].billed > 0 or ytd[k].billed > 0 for k in CHART_KINDS):
            self.rate_chart.show_message(self.tr("账期 %1 尚无账单。先在“计费”页生成账单。").replace("%1", period))
        else:
            panel = self.rate_chart
            panel.reset()
            series = panel.add_bars(
                [(self.tr("本月 (%1)").replace("%1", period), [month[k].rate * 100 for k in CHART_KINDS], BLUE),
                 (self.tr("本年累计"), [ytd[k].rate * 100 for k in CHART_KINDS], LIGHT_BLUE)],
                label_format="@value%", on_click=self._rate_clicked,
                tooltip=lambda n, i: self._rate_tooltip(month if n == 0 else ytd, CHART_KINDS[i]))
            series.setLabelsPrecision(3)
            attach(panel.chart, series, panel.category_axis([fee_label(k) for k in CHART_KINDS]),
                   panel.value_axis(0, 100, "%.0f%%"))
            panel.show_chart()

        # collection rate by month
        months = self._trim(months, lambda m: m.rate_of("all").billed > 0)
        if not any(m.rate_of("all").billed > 0 for m in months):
            self.trend_chart.show_message(self.tr("近 %1 个月尚无账单。").replace("%1", str(TREND_MONTHS)))
        else:
            panel = self.trend_chart
            panel.reset()
            self.trend_periods = [m.period for m in months]
            series = panel.add_bars(
                [(fee_label(k), [m.rate_of(k).rate * 100 for m in months], colour)
                 for k, colour in zip(CHART_KINDS, (BLUE, ORANGE), strict=True)],
                on_click=lambda n, i: self.drill_unpaid(CHART_KINDS[n], self.trend_periods[i]),
                tooltip=lambda n, i: self._rate_tooltip({CHART_KINDS[n]: months[i].rate_of(CHART_KINDS[n])},
                                                        CHART_KINDS[n], months[i].period))
            attach(panel.chart, series, panel.category_axis([month_label(m.period) for m in months]),
                   panel.value_axis(0, 100, "%.0f%%"))
            panel.show_chart()

    def _rate_tooltip(self, rates: dict, kind: str, period: str = "") -> str:
        r = rates[kind]
        return (self.tr("%1 %2: 应收 %3 元, 实收 %4 元, 收缴率 %5").replace("%1", period)
                .replace("%2", fee_label(kind)).replace("%3", money_text(r.billed))
                .replace("%4", money_text(r.collected)).replace("%5", percent(r.rate))).strip()

    def _rate_clicked(self, set_no: int, index: int) -> None:
        if set_no == 0:
            self.drill_unpaid(CHART_KINDS[index])
        else:
            self.drill_year(CHART_KINDS[index])

    @staticmethod
    def _trim(months: list, has_data: Callable[[object], bool]) -> list:
        """Leave out leading months without data, keeping at least MIN_TREND_MONTHS."""
        first = next((i for i, m in enumerate(months) if has_data(m)), len(months))
        return months[min(first, max(len(months) - MIN_TREND_MONTHS, 0)):]

    def _show_arrears(self, part) -> None:
        panel = self.aging_chart
        panel.set_title(self.tr("欠费账龄 (截至 %1)").replace("%1", self.today.isoformat()))
        card = self.key_cards["arrears"]
        self.arrears_rows = []  # the units behind the totals are read when a bar or the card is clicked
        aging = part.value
        if part.error:
            self.aging = None
            card.set("—", self.tr("无权查看") if part.denied else "")
            card.set_clickable(False)
            panel.show_message(self.tr("没有“收费”或“查看收费报表”权限, 不显示欠费。") if part.denied else part.error)
            return
        self.aging = aging
        card.set(money_text(aging.total), self.tr("%1 户欠费").replace("%1", f"{aging.units:,}"),
                 alert=aging.total > 0)
        card.set_clickable(aging.units > 0)
        if aging.total == ZERO:
            panel.show_message(self.tr("目前没有欠费。"))
            return
        panel.reset()
        labels = aging_labels()
        values = [wan(v) for v in aging.buckets]
        series = panel.add_bars(
            [(self.tr("欠费金额(万元)"), values, AGING_COLOURS[1])], label_format="@value",
            on_click=lambda _n, i: self.drill_arrears(i),
            tooltip=lambda _n, i: self.tr("%1: %2 元, %3 户").replace("%1", labels[i])
            .replace("%2", money_text(aging.buckets[i]))
            .replace("%3", str(aging.bucket_units[i])))
        series.setLabelsPrecision(6)
        bar_set = series.barSets()[0]
        bar_set.setSelectedColor(AGING_COLOURS[3])  # debt older than six months in red
        bar_set.selectBars([2, 3])
        top = max(values) * 1.15 or 1
        attach(panel.chart, series, panel.category_axis(labels),
               panel.value_axis(0, top, "%.1f", self.tr("万元"), nice=True))
        panel.chart.legend().setVisible(False)
        panel.show_chart()

    def _show_rates(self, s, period: str) -> None:
        """按时完成率 and 返工率 of the period, all teams; the tooltip gives each team's."""
        total = s.rates_of(None)

        def pct(value) -> str:
            return f"{value}%" if value is not None else "—"

        self.key_cards["on_time"].set(pct(total.on_time_rate), self.tr("%1 完成 %2 张, 按时 %3 张").replace(
            "%1", period).replace("%2", str(total.completed)).replace("%3", str(total.on_time)),
            alert=total.on_time_rate is not None and total.on_time_rate < 90)
        self.key_cards["rework"].set(pct(total.rework_rate), self.tr("%1 回访 %2 张, 返工 %3 张").replace(
            "%1", period).replace("%2", str(total.visited)).replace("%3", str(total.reworked)),
            alert=bool(total.reworked))
        lines = [self.tr("%1: 按时 %2, 返工 %3").replace("%1", team_label(r.team)).replace(
            "%2", pct(r.on_time_rate)).replace("%3", pct(r.rework_rate)) for r in s.team_rates]
        for key in ("on_time", "rework"):
            self.key_cards[key].setToolTip("\n".join(lines))

    def _show_denied(self, part, cards: tuple[str, ...], panel: ChartPanel) -> None:
        """A section that came back with a message: its cards show "—", its chart the message."""
        for key in cards:
            self.key_cards[key].set("—", self.tr("无权查看") if part.denied else "")
            self.key_cards[key].set_clickable(False)
        panel.show_message(part.error)

    def _show_workorders(self, part) -> None:
        """Open and overdue orders now, orders with the manager, the period's rates."""
        if part.error:
            self.summary = None
            self._show_denied(part, ("open", "overdue", "escalated", "on_time", "rework"), self.team_chart)
            return
        self.summary = s = part.value
        period = self.selected_period()
        self.key_cards["open"].set(f"{s.open_total:,}", self.tr("当前, 其中超时 %1").replace("%1", str(s.overdue_total)))
        self.key_cards["overdue"].set(f"{s.overdue_total:,}", self.tr("当前未按时响应或完成"),
                                      alert=s.overdue_total > 0)
        self.key_cards["escalated"].set(f"{s.escalated:,}", self.tr("升级至经理的工单"), alert=s.escalated > 0)
        self._show_rates(s, period)
        for key, n in (("open", s.open_total), ("overdue", s.overdue_total), ("escalated", s.escalated)):
            self.key_cards[key].set_clickable(n > 0)

        # open / overdue by team (now)
        panel = self.team_chart
        self.chart_teams = [t for t in Team if t != Team.MANAGER or s.open_by_team.get(t)]
        if s.open_total == 0:
            panel.show_message(self.tr("目前没有未完成的工单。"))
        else:
            panel.reset()
            overdue = [s.overdue_by_team.get(t, 0) for t in self.chart_teams]
            on_time = [s.open_by_team.get(t, 0) - o for t, o in zip(self.chart_teams, overdue, strict=True)]
            series = panel.add_bars(
                [(self.tr("超时"), overdue, RED), (self.tr("未超时"), on_time, LIGHT_BLUE)], stacked=True,
                label_format="@value",
                on_click=lambda n, i: self.drill_team(self.chart_teams[i], overdue=n == 0),
                tooltip=lambda n, i: self.tr("%1: 未完成 %2, 超时 %3").replace("%1", team_label(self.chart_teams[i]))
                .replace("%2", str(s.open_by_team.get(self.chart_teams[i], 0)))
                .replace("%3", str(overdue[i])))
            top = max(s.open_by_team.values())
            attach(panel.chart, series, panel.category_axis([team_label(t) for t in self.chart_teams]),
                   panel.value_axis(0, max(top * 1.15, 4), "%d", nice=True))
            panel.show_chart()

    def _show_months(self, part) -> None:
        """Complaints and return-visit satisfaction of the period (cards) and of the trend months (chart)."""
        if part.error:
            self.month_orders = None
            self._show_denied(part, ("complaints", "satisfaction"), self.service_chart)
            return
        self.orders_by_month = part.value
        self.month_orders = m = self.orders_by_month[-1]
        period = self.selected_period()
        self.key_cards["complaints"].set(f"{m.complaints:,}", self.tr("%1 受理工单 %2 张").replace("%1", period)
                                         .replace("%2", str(m.reported)))
        self.key_cards["complaints"].set_clickable(m.complaints > 0)
        self.key_cards["satisfaction"].set(
            f"{m.average_satisfaction}" if m.average_satisfaction is not None else "—",
            self.tr("%1 回访 %2 次 (满分 5)").replace("%1", period).replace("%2", str(m.visited)))
        panel = self.service_chart
        months = self._trim(self.orders_by_month, lambda x: x.reported > 0 or x.visited > 0)
        self.service_periods = [x.period for x in months]
        if not any(x.reported or x.visited for x in months):
            panel.show_message(self.tr("近 %1 个月没有工单。").replace("%1", str(TREND_MONTHS)))
            return
        panel.reset()
        bars = panel.add_bars(
            [(self.tr("投诉(件)"), [x.complaints for x in months], ORANGE)], label_format="@value",
            on_click=lambda _n, i: self.drill_complaints(self.service_periods[i]),
            tooltip=lambda _n, i: self.tr("%1: 投诉 %2 件, 受理 %3 件").replace("%1", months[i].period)
            .replace("%2", str(months[i].complaints)).replace("%3", str(months[i].reported)))
        line = panel.add_line(self.tr("满意度(分)"),
                              [float(x.average_satisfaction) if x.average_satisfaction is not None else None
                               for x in months], BLUE)
        axis_x = panel.category_axis([month_label(x.period) for x in months])
        top = max(x.complaints for x in months)
        # complaints in the lower half, the 1–5 score line above them: labels never collide
        attach(panel.chart, bars, axis_x, panel.value_axis(0, max(top * 2, 4), "%d", self.tr("投诉(件)"),
                                                           nice=True))
        attach(panel.chart, line, axis_x, panel.value_axis(0, 6, "%d", self.tr("满意度(分)"),
                                                          Qt.AlignmentFlag.AlignRight, ticks=4))  # room for labels
        panel.show_chart()

    # ---- drill-down
    def _open(self, title: str, summary: str, model, stretch_last: bool = True,
              detail: QWidget | None = None) -> DrillDownDialog:
        dialog = DrillDownDialog(title, summary, model, self, stretch_last=stretch_last, detail=detail)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "last_dialog", None) if self.last_dialog is dialog
                                 else None)
        dialog.open()
        self.drilled.emit(dialog)
        return dialog

    def drill_arrears(self, bucket: int | None) -> DrillDownDialog | None:
        """Units in arrears (``bucket`` 0–3: only those with debt of that age, largest first)."""
        if not self.arrears_rows:
            try:
                self.arrears_rows = self.services.fee_reports.arrears(today=self.today)
            except ServiceError as exc:
                return self._open(self.tr("欠费房屋"), str(exc), ListTableModel(ARREARS_COLUMNS))
        rows = self.arrears_rows
        if bucket is None:
            title = self.tr("欠费房屋")
        else:
            rows = sorted((r for r in rows if r.buckets[bucket] > 0), key=lambda r: (-r.buckets[bucket], r.code))
            title = self.tr("欠费房屋 · 账龄 %1").replace("%1", aging_labels()[bucket])
        amount = sum((r.total if bucket is None else r.buckets[bucket] for r in rows), ZERO)
        model = ListTableModel(ARREARS_COLUMNS, rows)
        return self._open(title, self.tr("%1 户, 合计 %2 元 (截至 %3)").replace("%1", str(len(rows)))
                          .replace("%2", money_text(amount)).replace("%3", self.today.isoformat()), model)

    def drill_unpaid(self, kind: str, period: str | None = None) -> DrillDownDialog | None:
        """Units billed ``kind`` in ``period`` that have not paid it all: the gap behind the rate."""
        period = period or self.selected_period()
        try:
            ledger = self.services.fee_reports.ledger(period)
            item_ids = {i.id for i in self.services.billing.items() if i.kind == kind}
        except ServiceError as exc:
            return self._open(self.tr("收缴明细"), str(exc), ListTableModel(UNPAID_COLUMNS))
        rows = []
        billed = paid = ZERO
        for row in ledger.rows:
            cells = [v for i, v in row.by_item.items() if i in item_ids]
            if not cells:
                continue
            b, p = sum((c[0] for c in cells), ZERO), sum((c[1] for c in cells), ZERO)
            billed, paid = billed + b, paid + p
            if b > p:
                rows.append(UnpaidRow(row.code, row.owner, b, p, b - p))
        rows.sort(key=lambda r: (-r.unpaid, r.code))
        model = ListTableModel(UNPAID_COLUMNS, rows, row_style=lambda _r: UNPAID_STYLE)
        summary = (self.tr("应收 %1 元, 实收 %2 元, 未收 %3 元; %4 户未缴清 (含滞纳金)")
                   .replace("%1", money_text(billed)).replace("%2", money_text(paid))
                   .replace("%3", money_text(billed - paid)).replace("%4", str(len(rows))))
        return self._open(self.tr("%1 %2 未缴清房屋").replace("%1", period).replace("%2", fee_label(kind)),
                          summary, model, stretch_last=False)

    def drill_year(self, kind: str) -> DrillDownDialog | None:
        """The months of the year to date behind the year's rate of ``kind``."""
        period = self.selected_period()
        months = int(period[5:7])
        try:
            series = self.services.dashboard.collection_by_month(period, months)
        except ServiceError as exc:
            return self._open(self.tr("收缴明细"), str(exc), ListTableModel(YEAR_COLUMNS))
        rows = [m.rate_of(kind) for m in series]
        model = ListTableModel(YEAR_COLUMNS, [(m.period, m.rate_of(kind)) for m in series])
        billed = sum((r.billed for r in rows), ZERO)
        collected = sum((r.collected for r in rows), ZERO)
        summary = self.tr("%1 年累计: 应收 %2 元, 实收 %3 元").replace("%1", period[:4]) \
            .replace("%2", money_text(billed)).replace("%3", money_text(collected))
        return self._open(self.tr("%1 本年累计收缴 (逐月)").replace("%1", fee_label(kind)), summary, model,
                          stretch_last=False)

    def _workorders(self, title: str, flt: WorkOrderFilter, sort_key: str = "due_at",
                    descending: bool = False) -> DrillDownDialog:
        wo = self.services.workorders
        model = WindowedTableModel(
            WORKORDER_COLUMNS, count=lambda: wo.count(flt),
            fetch=lambda offset, limit, key, desc: wo.list(flt, offset, limit, key or sort_key, desc),
            sort_key=sort_key, descending=descending, row_style=workorder_row_style)
        # the manager can act on an order right there (催办, 派单, 完成…); the list and the figures follow
        pane = WorkOrderDetailPane(self.services)
        dialog = self._open(title, self.tr("共 %1 张工单; 选中一张可查看详情并催办、派单等").replace(
            "%1", str(model.total())), model, detail=pane)

        def moved(detail) -> None:
            model.reload()
            if detail is not None:
                dialog.select_id(detail.row.id)
            self.reload()

        pane.changed.connect(moved)
        return dialog

    def drill_team(self, team: str | None, overdue: bool) -> DrillDownDialog:
        """Open (or only the overdue) orders of a team, or of all teams when ``team`` is None."""
        name = team_label(team) if team else self.tr("全部班组")
        title = (self.tr("%1 · 超时工单") if overdue else self.tr("%1 · 未完成工单")).replace("%1", name)
        return self._workorders(title, WorkOrderFilter(states=OPEN_STATES, team=team, overdue=overdue))

    def drill_complaints(self, period: str) -> DrillDownDialog:
        flt = WorkOrderFilter(kind=Kind.COMPLAINT, date_from=period_first_day(period),
                              date_to=period_last_day(period))
        return self._workorders(self.tr("%1 投诉").replace("%1", period), flt, "reported_at", True)

    def drill_escalated(self) -> DrillDownDialog:
        return self._workorders(self.tr("待经理处理的工单"), WorkOrderFilter(states=(State.ESCALATED,)),
                                "reported_at", True)


YEAR_COLUMNS = [
    Column("period", QT_TRANSLATE_NOOP("Column", "账期"), lambda r: r[0]),
    Column("billed", QT_TRANSLATE_NOOP("Column", "应收(元)"), lambda r: r[1].billed, align=RIGHT,
           formatter=money_text),
    Column("collected", QT_TRANSLATE_NOOP("Column", "实收(元)"), lambda r: r[1].collected, align=RIGHT,
           formatter=money_text),
    Column("rate", QT_TRANSLATE_NOOP("Column", "收缴率"), lambda r: r[1].rate, align=RIGHT, formatter=percent),
]
