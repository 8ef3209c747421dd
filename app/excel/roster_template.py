"""The downloadable roster template: the importer's header row, an example row, notes per column,
and Excel data validation (dates, the 身份 list) so mistakes are caught while typing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.excel.cells import new_workbook
from app.excel.roster_columns import BY_KEY, EXPORT_KEYS

# 序号 "示例" marks the example: the importer skips that row, so a template filled in below it imports as is.
EXAMPLE = {
    "seq": "示例", "building": "3栋", "unit": "1", "room": "1502", "area": 118.75, "name": "张三",
    "relation": "业主", "phone": "13812345678", "id_number": "11010519491231002X", "move_in": date(2019, 5, 1),
    "space": "B1-001", "plate": "浙A12345", "notes": "示例行, 导入时自动跳过",
}
DATA_ROWS = 2000  # how far validation and text formats reach


def write_template(path: str | Path) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    with new_workbook(path, write_only=False) as wb:
        ws = wb.active
        ws.title = "业主花名册"
        columns = [BY_KEY[k] for k in EXPORT_KEYS]
        bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        required = PatternFill("solid", fgColor="FCE4D6")
        grey = Font(color="808080", italic=True)
        for index, col in enumerate(columns, start=1):
            letter = get_column_letter(index)
            cell = ws.cell(row=1, column=index, value=col.header)
            cell.font = bold
            cell.fill = required if col.note.startswith("必填") else fill
            cell.alignment = Alignment(horizontal="center")
            if col.note:
                cell.comment = Comment(col.note, "PropDesk", width=240, height=80)
            example = ws.cell(row=2, column=index, value=EXAMPLE.get(col.key, ""))
            example.font = grey
            ws.column_dimensions[letter].width = col.width + 2
            if col.key not in ("move_in", "area", "seq"):
                for row in range(2, DATA_ROWS + 2):  # text cells: ID numbers and phones keep every digit
                    ws.cell(row=row, column=index).number_format = "@"
        ws.freeze_panes = "A2"

        def col_range(key: str) -> str:
            letter = get_column_letter(EXPORT_KEYS.index(key) + 1)
            return f"{letter}2:{letter}{DATA_ROWS + 1}"

        relation = DataValidation(type="list", formula1='"业主,租户,家庭成员"', allow_blank=True,
                                  errorTitle="身份", error="请选择 业主、租户 或 家庭成员", showErrorMessage=True)
        relation.add(col_range("relation"))
        move_in = DataValidation(type="date", operator="between", formula1="DATE(1950,1,1)",
                                 formula2="DATE(2100,12,31)", allow_blank=True, errorTitle="入住日期",
                                 error="请填写日期, 如 2019-05-01", showErrorMessage=True)
        move_in.add(col_range("move_in"))
        area = DataValidation(type="decimal", operator="between", formula1="0.01", formula2="99999.99",
                              allow_blank=True, errorTitle="建筑面积", error="请填写大于0的数字 (平方米)",
                              showErrorMessage=True)
        area.add(col_range("area"))
        id_number = DataValidation(type="textLength", operator="equal", formula1="18", allow_blank=True,
                                   errorTitle="身份证号码", error="身份证号码应为18位", showErrorMessage=True)
        id_number.add(col_range("id_number"))
        for dv in (relation, move_in, area, id_number):
            ws.add_data_validation(dv)
        for row in range(2, DATA_ROWS + 2):
            ws.cell(row=row, column=EXPORT_KEYS.index("move_in") + 1).number_format = "yyyy-mm-dd"

        notes = wb.create_sheet("填写说明")
        notes.column_dimensions["A"].width = 18
        notes.column_dimensions["B"].width = 60
        notes.append(["列名", "说明"])
        for col in columns:
            notes.append([col.header, col.note + (f"。也可用列名: {'、'.join(col.aliases[:8])}" if col.aliases else "")])
        notes.append([])
        for line in (
            "一行填写一个人; 一套房有多位业主 (或租户、家庭成员) 时, 每人一行, 楼栋/单元/房号相同。",
            "第2行是示例 (序号为“示例”), 导入时自动跳过, 可以保留或删除。",
            "再次导入更新后的花名册时, 已有的房屋和业主会被更新, 不会重复; 留空的格子不会清除已有信息。",
            "有任何一行出错时不会导入任何内容, 请按提示改正后重新导入。",
        ):
            notes.append(["", line])
        for cell in notes[1]:
            cell.font = bold
