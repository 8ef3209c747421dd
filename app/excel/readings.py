"""Meter readings (抄表) from a workbook: a sheet with a 房号 column and a 读数 (本期读数) column.

Rooms may be typed as the desk says them (3-1-1502, 3栋1单元1502); each row comes back with its Excel
row number so the importer's messages can name it.
"""

from __future__ import annotations

from pathlib import Path

from app.excel.reader import find_columns, read_sheet, rows_below
from app.validators import clean_text

ROOM_HEADERS = ("房号", "房屋", "房屋编号")
READING_HEADERS = ("本期读数", "读数", "本月读数")


def read_readings(path: str | Path) -> list[tuple[int, str, object]]:
    """(Excel row number, room text, reading cell) for every non-empty row under the header row."""
    sheet = read_sheet(path)
    header, columns = find_columns(sheet, {"room": ROOM_HEADERS, "reading": READING_HEADERS}, ("room", "reading"),
                                   Path(path).name)
    return [(number, clean_text(v["room"]), v["reading"]) for number, v in rows_below(sheet, header, columns)]
