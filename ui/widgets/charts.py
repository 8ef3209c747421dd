"""QtCharts building blocks for the dashboard: a chart panel that can show a message instead of a chart,
bar/line helpers that use the application font (so Chinese renders in titles, axes and legends), and a
way to read a chart's values back (tests, tooltips).

Charts are rebuilt on every reload (``ChartPanel.reset()`` drops series and axes), which keeps them free
of stale state; the dashboard has a handful of small series, so this costs nothing noticeable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QToolTip, QWidget

BLUE = QColor("#1f5fa8")
ORANGE = QColor("#e08a1e")
RED = QColor("#d64541")
LIGHT_BLUE = QColor("#8fb3de")
GREEN = QColor("#3a9d5d")
GREY = QColor("#b8bec6")
AGING_COLOURS = (QColor("#7fb77e"), QColor("#f2c14e"), QColor("#f08a4b"), QColor("#d64541"))


def app_font(delta: float = 0, bold: bool = False) -> QFont:
    """The application font (the bundled WenQuanYi), ``delta`` points bigger or smaller."""
    font = QFont(QApplication.font())
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(max(size + delta, 6.0))
    font.setBold(bold)
    return font


class ChartPanel(QStackedWidget):
    """A chart view, or a centred message in its place (no data yet, no permission)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setTitle(title)
        self.chart.setTitleFont(app_font(1, bold=True))
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.setBackgroundRoundness(6)
        legend = self.chart.legend()
        legend.setFont(app_font(-1))
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(240)
        self.message = QLabel(self)
        self.message.setObjectName("chart_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel#chart_message { color: palette(dark); border: 1px dashed palette(mid);"
                                   " border-radius: 6px; font-size: 11pt; padding: 12px; }")
        self.addWidget(self.view)
        self.addWidget(self.message)
        self.chart.plotAreaChanged.connect(lambda _area: self.fit_labels())

    @property
    def title(self) -> str:
        return self.chart.title()

    def set_title(self, title: str) -> None:
        self.chart.setTitle(title)

    def reset(self) -> None:
        """Drop every series and axis (before building the new content)."""
        self.chart.removeAllSeries()
        self.chart.legend().setVisible(True)
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)

    def show_chart(self) -> None:
        self.fit_labels()  # a chart rebuilt at the same size: its plot area does not change
        self.setCurrentWidget(self.view)

    def show_message(self, text: str) -> None:
        self.reset()
        self.message.setText(self.chart.title() + "\n\n" + text)
        self.setCurrentWidget(self.message)

    def showing_chart(self) -> bool:
        return self.currentWidget() is self.view

    def fit_labels(self) -> None:
        """Value labels over bars and line points, and category names, only where they fit beside their
        neighbours: at office scale (thousands of complaints a month, twelve months in a third of the
        window) they ran into each other. Hidden values stay in the tooltips; names that do not fit stand
        upright."""
        slots = max((len(a.categories()) for a in self.chart.axes(Qt.Orientation.Horizontal)
                     if isinstance(a, QBarCategoryAxis)), default=0)
        if not slots or self.chart.plotArea().width() <= 0:
            return
        slot = self.chart.plotArea().width() / slots
        for series in self.chart.series():
            if isinstance(series, QAbstractBarSeries) and series.property("value_labels"):
                sets = series.barSets()
                # side by side, each set's labels have their share of the category (a stack's are one above
                # the other)
                apart = slot if isinstance(series, QStackedBarSeries) else slot / max(1, len(sets))
                texts = [series.labelsFormat().replace("@value", _number(b.at(i))) for b in sets
                         for i in range(b.count())]
                font = sets[0].labelFont() if sets else app_font(-1)
                series.setLabelsVisible(_fits(texts, font, apart) and (
                    not isinstance(series, QStackedBarSeries) or _parts_tall_enough(series, font, self.chart)))
            elif isinstance(series, QLineSeries) and series.property("value_labels"):
                texts = [series.pointLabelsFormat().replace("@yPoint", _number(p.y())) for p in series.points()]
                series.setPointLabelsVisible(_fits(texts, series.pointLabelsFont(), slot))
        for axis in self.chart.axes(Qt.Orientation.Horizontal):
            if isinstance(axis, QBarCategoryAxis):
                lines = [line for text in axis.categories() for line in text.split("<br>")]
                angle = 0 if _fits(lines, axis.labelsFont(), slot) else -90
                if axis.labelsAngle() != angle:
                    axis.setLabelsAngle(angle)

    # ---- builders
    def category_axis(self, categories: Sequence[str]) -> QBarCategoryAxis:
        """Category labels; "≤3个月" / "4–6 months" break after the number so a 1024-wide window (a third of
        it per chart) shows them whole instead of "4–6…"."""
        axis = QBarCategoryAxis()
        shown = [_two_lines(c) for c in categories]
        axis.append(shown)
        axis.setProperty("plain_labels", list(categories))  # as given, for categories()
        if all("<br>" in text or len(text) <= 3 for text in shown):
            # Short lines: QtCharts's own measure is too cautious and would still cut "months" to "mont…".
            # (A long single word keeps the cut: without it Qt drops a label that would overlap.)
            axis.setTruncateLabels(False)
        axis.setLabelsFont(app_font(-1))
        self.chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        return axis

    def value_axis(self, low: float, high: float, fmt: str = "%.0f", title: str = "",
                   align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, ticks: int = 6,
                   nice: bool = False) -> QValueAxis:
        """A value axis; ``nice`` rounds the range and ticks to readable numbers (counts, amounts)."""
        axis = QValueAxis()
        axis.setRange(low, high)
        axis.setLabelFormat(fmt)
        axis.setTickCount(ticks)
        if nice:
            axis.applyNiceNumbers()
        axis.setLabelsFont(app_font(-1))
        if title:
            axis.setTitleText(title)
            axis.setTitleFont(app_font(-1))
        self.chart.addAxis(axis, align)
        return axis

    def add_bars(self, sets: Sequence[tuple[str, Sequence[float], QColor]], *, stacked: bool = False,
                 label_format: str | None = None, on_click: Callable[[int, int], None] | None = None,
                 tooltip: Callable[[int, int], str] | None = None) -> QAbstractBarSeries:
        """Bars: ``sets`` is (legend name, one value per category, colour); ``on_click(set_no, index)``."""
        series = QStackedBarSeries() if stacked else QBarSeries()
        for number, (name, values, colour) in enumerate(sets):
            bar_set = QBarSet(name)
            bar_set.append([float(v) for v in values])
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour.darker(115))
            bar_set.setLabelFont(app_font(-1))
            bar_set.setLabelColor(QColor("#202020") if not stacked else QColor("white"))
            if on_click is not None:
                bar_set.clicked.connect(lambda index, n=number: on_click(n, index))
            if tooltip is not None:
                bar_set.hovered.connect(lambda status, index, n=number: self._hover(status, tooltip(n, index)))
            series.append(bar_set)
        if label_format is not None:
            series.setProperty("value_labels", True)  # shown where they fit (fit_labels)
            series.setLabelsVisible(True)
            series.setLabelsFormat(label_format)
            series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd if stacked
                                     else QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart.addSeries(series)
        return series

    def add_line(self, name: str, values: Sequence[float | None], colour: QColor) -> QLineSeries:
        """A line over the category axis (point x = category index); None leaves a gap."""
        series = QLineSeries()
        series.setName(name)
        pen = QPen(colour)
        pen.setWidth(3)
        series.setPen(pen)
        series.setPointsVisible(True)
        for x, y in enumerate(values):
            if y is not None:
                series.append(float(x), float(y))
        series.setProperty("value_labels", True)  # shown where they fit (fit_labels); always in the tooltip
        series.setPointLabelsVisible(True)
        series.setPointLabelsFont(app_font(-1))
        series.setPointLabelsColor(colour.darker(130))
        series.setPointLabelsFormat("@yPoint")
        series.hovered.connect(lambda point, status: self._point_tip(status, name, point))
        self.chart.addSeries(series)
        return series

    def _point_tip(self, status: bool, name: str, point: QPointF) -> None:
        names = categories(self.chart)
        where = names[round(point.x())] if 0 <= round(point.x()) < len(names) else ""
        if status:
            QToolTip.showText(QCursor.pos(), f"{where} {name}: {_number(point.y())}".strip(), self.view)
        else:
            QToolTip.hideText()

    def add_pie(self, slices: Sequence[tuple[str, float, QColor]]) -> QPieSeries:
        """A pie with a label on every non-empty slice; the legend is hidden (labels say it all).

        The largest slice is put in the middle and turned to point down: its long label ("已入住 42,509 (85.0%)")
        then starts under the pie's centre instead of at its side, where it ran past the edge, and the small
        slices sit either side of the top, so their labels go apart instead of over each other."""
        series = QPieSeries()
        series.setPieSize(0.62)
        ordered = list(slices)
        middle = (len(ordered) - 1) // 2
        if ordered:
            ordered.insert(middle, ordered.pop(max(range(len(ordered)), key=lambda i: ordered[i][1])))
        for name, value, colour in ordered:
            piece = series.append(name, float(value))
            piece.setColor(colour)
            piece.setLabelFont(app_font(-1))
            piece.setLabelVisible(value > 0)
        values = [float(value) for _name, value, _colour in ordered]
        if sum(values) > 0:
            start = 180 - 360 * (sum(values[:middle]) + values[middle] / 2) / sum(values)
            series.setPieStartAngle(start)
            series.setPieEndAngle(start + 360)
        self.chart.addSeries(series)
        self.chart.legend().setVisible(False)
        return series

    def _hover(self, status: bool, text: str) -> None:
        self.view.setCursor(Qt.CursorShape.PointingHandCursor if status else Qt.CursorShape.ArrowCursor)
        if status and text:
            QToolTip.showText(self.view.cursor().pos(), text, self.view)
        else:
            QToolTip.hideText()


LABEL_GAP = 4  # pixels at least between two value labels side by side


def _number(value: float) -> str:
    """A value as QtCharts writes it into a label (6 significant digits): 2914.0 → "2914", 4.5 → "4.5"."""
    return f"{value:.6g}"


def _fits(texts: Sequence[str], font: QFont, apart: float) -> bool:
    """Whether each text, centred on its own point ``apart`` pixels from the next, leaves a gap between."""
    metrics = QFontMetrics(font)
    return max((metrics.horizontalAdvance(t) for t in texts), default=0) + LABEL_GAP <= apart


def _parts_tall_enough(series: QStackedBarSeries, font: QFont, chart: QChart) -> bool:
    """Whether every non-empty part of a stack has the height of a line of text: its value is written inside
    (a small team's two parts a few pixels tall wrote their values over each other)."""
    axis = next((a for a in series.attachedAxes() if isinstance(a, QValueAxis)), None)
    if axis is None or axis.max() <= axis.min():
        return True
    smallest = min((b.at(i) for b in series.barSets() for i in range(b.count()) if b.at(i) > 0), default=None)
    pixels_per_unit = chart.plotArea().height() / (axis.max() - axis.min())
    return smallest is None or smallest * pixels_per_unit >= QFontMetrics(font).height()


_NUMBER_THEN_WORD = re.compile(r"^([^A-Za-z\u4e00-\u9fff]+?)\s*([A-Za-z\u4e00-\u9fff].*)$")


def _two_lines(label: str) -> str:
    """"4–6个月" → "4–6<br>个月", "Customer service" → "Customer<br>service" (short labels as they are)."""
    if len(label) <= 3:
        return label
    if " " in label.strip():
        middle = len(label) / 2
        cut = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - middle))
        return f"{label[:cut]}<br>{label[cut + 1:]}"
    return _NUMBER_THEN_WORD.sub(r"\1<br>\2", label)


def month_label(period: str) -> str:
    """"2026-06" → "6月" (English "Jun"): short enough for six months of bars in a third of 1024 px."""
    return QCoreApplication.translate("Charts", MONTHS[int(period[5:7]) - 1])


MONTHS = (
    QT_TRANSLATE_NOOP("Charts", "1月"), QT_TRANSLATE_NOOP("Charts", "2月"), QT_TRANSLATE_NOOP("Charts", "3月"),
    QT_TRANSLATE_NOOP("Charts", "4月"), QT_TRANSLATE_NOOP("Charts", "5月"), QT_TRANSLATE_NOOP("Charts", "6月"),
    QT_TRANSLATE_NOOP("Charts", "7月"), QT_TRANSLATE_NOOP("Charts", "8月"), QT_TRANSLATE_NOOP("Charts", "9月"),
    QT_TRANSLATE_NOOP("Charts", "10月"), QT_TRANSLATE_NOOP("Charts", "11月"), QT_TRANSLATE_NOOP("Charts", "12月"),
)


def attach(chart: QChart, series, *axes) -> None:
    for axis in axes:
        series.attachAxis(axis)


def bar_values(chart: QChart) -> dict[str, list[float]]:
    """Every bar set of the chart by its legend name → its values (for tests and checks)."""
    out: dict[str, list[float]] = {}
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            for bar_set in series.barSets():
                out[bar_set.label()] = [bar_set.at(i) for i in range(bar_set.count())]
    return out


def pie_values(chart: QChart) -> dict[str, float]:
    return {p.label(): p.value() for s in chart.series() if isinstance(s, QPieSeries) for p in s.slices()}


def line_values(chart: QChart) -> dict[str, list[tuple[float, float]]]:
    return {s.name(): [(p.x(), p.y()) for p in s.points()] for s in chart.series() if isinstance(s, QLineSeries)}


def categories(chart: QChart) -> list[str]:
    for axis in chart.axes(Qt.Orientation.Horizontal):
        if isinstance(axis, QBarCategoryAxis):
            return list(axis.property("plain_labels") or axis.categories())
    return []


def bar_set(chart: QChart, label: str) -> QBarSet:
    """The bar set with this legend name (tests click it with ``bar_set(...).clicked.emit(i)``)."""
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            for candidate in series.barSets():
                if candidate.label() == label:
                    return candidate
    raise KeyError(label)
