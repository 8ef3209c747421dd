"""Meter readings (抄表) from a workbook: a sheet with a 房号 column and a 读数 (本期读数) column.

Rooms may be typed as the desk says them (3-1-1502, 3栋1单元1502); each row comes back with its Excel
row number so the importer's messages can name it.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import ServiceError
from app.excel.reader import read_sheet
from app.validators import clean_text

ROOM_HEADERS = ("房号", "房屋", "房屋编号")
READING_HEADERS = ("本期读数", "读数", "本月读数")


def read_readings(path: str | Path) -> list[tuple[int, str, object]]:
    """(Excel row number, room text, reading cell) for every non-empty row under the header row."""
    sheet = read_sheet(path)
    header = room = reading = None
    for number, row in enumerate(sheet.rows[:10]):
        cells = [clean_text(c) for c in row]
        room = next((i for i, c in enumerate(cells) if c in ROOM_HEADERS), None)
        reading = next((i for i, c in enumerate(cells) if c in READING_HEADERS), None)
        if room is not None and reading is not None:
            header = number
            break
    if header is None:
        raise ServiceError(f"“{Path(path).name}”里找不到“房号”和“读数”两列 (表头应在前10行)。")
    out = []
    for number, row in enumerate(sheet.rows[header + 1 :], start=header + 2):
        room_text = clean_text(row[room] if room < len(row) else "")
        value = row[reading] if reading < len(row) else ""
        if room_text or clean_text(value):
            out.append((number, room_text, value))
    return out
