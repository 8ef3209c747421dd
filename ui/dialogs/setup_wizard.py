"""The first start on an empty database (no users yet): 物业 → 楼栋和房屋 → 收费项目 → 管理员和员工.

Each step checks its own fields on 下一步 (the same ``app/`` rules as 设置 and the staff form); 完成 hands
everything to ``SetupService.complete`` and, on success, ``actor`` is the new administrator, signed in.
Everything asked here can be changed later: 经理 → 设置, 员工, 收费项目; 用户与权限.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import FieldError, ServiceError
from app.models import TEAM_LABELS
from app.services import Services
from app.services.setup import USUAL_FEE_ITEMS, SetupPlan, check_pattern
from ui.dialogs.form import ERROR_STYLE, EmbeddedForm
from ui.labels import team_label
from ui.pages.settings import PropertyForm
from ui.tabs.fees_common import fee_label

CONTEXT = "SetupWizard"
# The usual items ticked at first: the ones nearly every residential property charges.
TICKED = {"物业服务费", "停车费", "垃圾清运费"}
# Fee item names for lupdate (the wizard shows them translated; the stored name stays Chinese).
_MARKED = (QT_TRANSLATE_NOOP("SetupWizard", "物业服务费"), QT_TRANSLATE_NOOP("SetupWizard", "停车费"),
           QT_TRANSLATE_NOOP("SetupWizard", "垃圾清运费"), QT_TRANSLATE_NOOP("SetupWizard", "公摊电费"),
           QT_TRANSLATE_NOOP("SetupWizard", "水费"))


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("step_error")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


class PatternForm(EmbeddedForm):
    """楼栋 count and names, 单元 per building, floors, doors per floor, area per door."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("楼栋和房屋"), parent)
        self.add_field("buildings", self.tr("楼栋数"), QLineEdit(self))
        self.add_field("name_pattern", self.tr("楼栋名称 ({n} = 序号)"), QLineEdit(self))
        self.add_field("units_per_building", self.tr("每栋单元数 (0 = 不分单元)"), QLineEdit(self))
        self.add_field("floors", self.tr("楼层数"), QLineEdit(self))
        self.add_field("doors_per_floor", self.tr("每层户数"), QLineEdit(self))
        areas = QLineEdit(self)
        areas.setPlaceholderText(self.tr("每层第1户、第2户…的面积(㎡), 如 89.5, 120"))
        self.add_field("areas", self.tr("每户面积 (㎡)"), areas)
        self.set_values({"buildings": "6", "name_pattern": "{n}栋", "units_per_building": "2", "floors": "18",
                         "doors_per_floor": "2", "areas": "89, 120"})
        self.embed(buttons=False)

    def check(self, values) -> None:
        check_pattern(values)


class PropertyStep(QWizardPage):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("第1步: 物业"))
        self.setSubTitle(self.tr("小区名称、地址、服务电话、物业公司和收款账户, 印在收据和缴费通知单上。以后可在 经理 → 设置 中修改。"))
        self.form = PropertyForm(services, self)
        self.form.embed(buttons=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        return self.form.validate()


class UnitsStep(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("第2步: 楼栋和房屋"))
        self.setSubTitle(self.tr("按规律生成楼栋和房屋 (房号 = 楼层 + 两位户号, 如 1502); 也可以改为导入业主花名册。"))
        self.form = PatternForm(self)
        self.roster_instead = QCheckBox(self.tr("改为导入花名册 (完成后打开“导入花名册”, 房屋从表格中建立)"), self)
        self.roster_instead.setObjectName("roster_instead")
        self.roster_instead.toggled.connect(self.form.setDisabled)
        self.preview = QLabel(self)
        self.preview.setObjectName("units_preview")
        for row in self.form.rows.values():
            row.editor.textChanged.connect(self.update_preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.preview)
        layout.addWidget(self.roster_instead)
        self.update_preview()

    def update_preview(self, *_args) -> None:
        try:
            pattern = check_pattern(self.form.values)
        except FieldError:
            self.preview.setText(self.tr("(填写完整后显示将生成的房屋数)"))
            return
        names = pattern.building_names()
        shown = "、".join(names[:3]) + ("…" if len(names) > 3 else "")
        self.preview.setText(self.tr("将生成 %1 栋 (%2), 共 %3 套房屋。").replace("%1", str(len(names)))
                             .replace("%2", shown).replace("%3", str(pattern.unit_count)))

    @property
    def pattern(self):
        return None if self.roster_instead.isChecked() else self.form.values

    def validatePage(self) -> bool:  # noqa: N802
        return self.roster_instead.isChecked() or self.form.validate()


class FeesStep(QWizardPage):
    COL_NAME, COL_PRICE, COL_UNIT, COL_METHOD = range(4)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setTitle(self.tr("第3步: 收费项目"))
        self.setSubTitle(self.tr("勾选本小区收取的项目并填写单价。以后可在 经理 → 收费项目 中修改或增加。"))
        self.table = QTableWidget(len(USUAL_FEE_ITEMS), 4, self)
        self.table.setObjectName("fee_items")
        self.table.setHorizontalHeaderLabels([self.tr("项目"), self.tr("单价"), self.tr("单位"), self.tr("计费方式")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, item in enumerate(USUAL_FEE_ITEMS):
            name = QTableWidgetItem(_tr(str(item["name"])))
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked if item["name"] in TICKED else Qt.CheckState.Unchecked)
            self.table.setItem(row, self.COL_NAME, name)
            self.table.setItem(row, self.COL_PRICE, QTableWidgetItem(str(item["unit_price"])))
            for col, text in ((self.COL_UNIT, str(item["unit_label"])),
                              (self.COL_METHOD, fee_label(item["method"]))):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, col, cell)
        self.error = _error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.error)

    def items(self) -> list[dict]:
        chosen = []
        for row, item in enumerate(USUAL_FEE_ITEMS):
            if self.table.item(row, self.COL_NAME).checkState() == Qt.CheckState.Checked:
                chosen.append({**item, "unit_price": self.table.item(row, self.COL_PRICE).text()})
        return chosen

    def validatePage(self) -> bool:  # noqa: N802
        items = self.items()
        problems = self.services.setup.check_fee_items(items)
        self.error.setText("\n".join(f"{_tr(str(items[i]['name']))}: {message}" for i, message in problems))
        return not problems


class AdminForm(EmbeddedForm):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("系统管理员"), parent)
        self.add_field("username", self.tr("管理员用户名"), QLineEdit(self))
        self.add_field("display_name", self.tr("姓名"), QLineEdit(self))
        for name, label in (("password", self.tr("密码")), ("confirm", self.tr("确认密码"))):
            editor = QLineEdit(self)
            editor.setEchoMode(QLineEdit.EchoMode.Password)
            self.add_field(name, label, editor)
        self.set_values({"username": "admin"})
        self.embed(buttons=False)

    def check(self, values) -> None:
        from app.services.auth import MIN_PASSWORD

        errors = {}
        if not values["username"].strip():
            errors["username"] = self.tr("用户名不能为空")
        if len(values["password"]) < MIN_PASSWORD:
            errors["password"] = self.tr("密码至少%1位").replace("%1", str(MIN_PASSWORD))
        elif values["password"] != values["confirm"]:
            errors["confirm"] = self.tr("两次输入的密码不一致")
        if errors:
            raise FieldError(errors)


class PeopleStep(QWizardPage):
    COL_NAME, COL_TEAM, COL_POSITION, COL_PHONE = range(4)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("第4步: 管理员和员工"))
        self.setSubTitle(self.tr("第一个登录账户 (系统管理员) 和各班组员工; 员工可以以后在 经理 → 员工 中增加。"))
        self.admin = AdminForm(self)
        self.staff = QTableWidget(0, 4, self)
        self.staff.setObjectName("staff_rows")
        self.staff.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("班组"), self.tr("岗位"), self.tr("电话")])
        self.staff.verticalHeader().setVisible(False)
        self.staff.horizontalHeader().setStretchLastSection(True)
        for col, chars in ((self.COL_NAME, 8), (self.COL_TEAM, 11), (self.COL_POSITION, 10)):
            self.staff.setColumnWidth(col, self.fontMetrics().horizontalAdvance("中") * chars)
        add = QPushButton(self.tr("添加员工"), self)
        add.setObjectName("add_staff_row")
        add.clicked.connect(lambda: self.add_row())
        self.admin_is_staff = QCheckBox(self.tr("管理员本人就是第1行的员工 (用于派单和“我的工单”)"), self)
        self.admin_is_staff.setObjectName("admin_is_staff")
        self.error = _error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.admin)
        layout.addWidget(QLabel(self.tr("员工"), self))
        layout.addWidget(self.staff, 1)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.admin_is_staff)
        layout.addWidget(self.error)
        for team in ("manager", "service", "engineering"):
            self.add_row(team=team)

    def add_row(self, name: str = "", team: str = "service", position: str = "", phone: str = "") -> int:
        row = self.staff.rowCount()
        self.staff.insertRow(row)
        combo = QComboBox(self.staff)
        for code in TEAM_LABELS:
            combo.addItem(team_label(code), code)
        combo.setCurrentIndex(combo.findData(team))
        self.staff.setCellWidget(row, self.COL_TEAM, combo)
        for col, text in ((self.COL_NAME, name), (self.COL_POSITION, position), (self.COL_PHONE, phone)):
            self.staff.setItem(row, col, QTableWidgetItem(text))
        return row

    def members(self) -> list[dict]:
        """Rows with a name (empty rows are ignored)."""
        out = []
        for row in range(self.staff.rowCount()):
            text = [(self.staff.item(row, c).text() if self.staff.item(row, c) else "").strip()
                    for c in (self.COL_NAME, self.COL_POSITION, self.COL_PHONE)]
            if text[0] or text[2]:
                out.append({"name": text[0], "team": self.staff.cellWidget(row, self.COL_TEAM).currentData(),
                            "position": text[1], "phone": text[2], "row": row + 1})
        return out

    def validatePage(self) -> bool:  # noqa: N802
        return self.admin.validate() and self.wizard().finish()


class SetupWizard(QWizard):
    """Accepted once the office is set up; ``actor`` is then the new administrator, ``roster_instead`` says
    whether to open the roster import next."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.actor = None
        self.setObjectName("SetupWizard")
        self.setWindowTitle(self.tr("初始设置 — 物业前台 · PropDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步 >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.property_step = PropertyStep(services, self)
        self.units_step = UnitsStep(self)
        self.fees_step = FeesStep(services, self)
        self.people_step = PeopleStep(self)
        for step in (self.property_step, self.units_step, self.fees_step, self.people_step):
            self.addPage(step)
        self.resize(760, 600)

    @property
    def roster_instead(self) -> bool:
        return self.units_step.roster_instead.isChecked()

    def plan(self) -> SetupPlan:
        staff = self.people_step.members()
        return SetupPlan(
            profile=self.property_step.form.values,
            admin=self.people_step.admin.values,
            pattern=self.units_step.pattern,
            fee_items=self.fees_step.items(),
            staff=[{k: v for k, v in m.items() if k != "row"} for m in staff],
            admin_staff=0 if staff and self.people_step.admin_is_staff.isChecked() else None,
        )

    def finish(self) -> bool:
        """Write everything (called by the last step's 完成); a problem is shown on that step."""
        plan = self.plan()
        staff = self.people_step.members()
        error = self.people_step.error
        try:
            self.actor = self.services.setup.complete(plan)
        except FieldError as exc:
            lines = []
            for key, message in exc.errors.items():
                index, _dot, _field = key.partition(".")
                who = staff[int(index)] if index.isdigit() and int(index) < len(staff) else None
                lines.append(self.tr("员工第%1行: ").replace("%1", str(who["row"])) + message if who else message)
            error.setText("\n".join(lines))
            return False
        except ServiceError as exc:
            error.setText(str(exc))
            return False
        error.clear()
        return True
