"""Reading workbooks people bring: python-calamine for speed, every failure turned into a Chinese message.

The file is recognised by its first bytes, not its name: offices rename files freely, save web pages as
``.xls`` and send password-protected copies. Everything that cannot be read raises ``ServiceError``
with a message saying what to do (e.g. "另存为 .xlsx"), never a calamine traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.errors import ServiceError
from app.excel.extent import Extent, cell_position, check_extent, sheet_parts
from app.validators import clean_text

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE compound file: .xls/.et, or an encrypted .xlsx
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
MAX_FILE_MB = 200  # beyond this a roster is not a roster; refuse rather than hang the front desk PC

SAVE_AS_XLSX = "请在 Excel 或 WPS 中打开它, 用“另存为”保存成“Excel 工作簿 (*.xlsx)”后再导入。"


@dataclass(frozen=True)
class SheetData:
    """One worksheet as cell values. ``rows[i]`` is Excel row ``i + 1``; merged cells are filled in."""

    name: str
    rows: list[list[object]]
    sheet_names: tuple[str, ...]
    formulas_without_value: frozenset[tuple[int, int]] = frozenset()  # (row, column), 0-based: cells left blank


def check_file(path: str | Path) -> Path:
    """Refuse what is not a readable .xlsx before calamine sees it; return the path."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise ServiceError(f"找不到文件: {path}")
    if path.is_dir():
        raise ServiceError(f"“{name}”是文件夹, 请选择 Excel 文件 (.xlsx)。")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except PermissionError:
        raise ServiceError(f"无法读取“{name}”: 没有权限, 或文件正在被其他程序 (如 Excel) 独占打开。") from None
    except OSError as exc:
        raise ServiceError(f"无法读取“{name}”: {exc.strerror or exc}") from None
    if size == 0:
        raise ServiceError(f"“{name}”是空文件 (0 字节), 可能没有保存完整。")
    if size > MAX_FILE_MB * 1024 * 1024:
        raise ServiceError(f"“{name}”有 {size / 1048576:.0f} MB, 超过 {MAX_FILE_MB} MB, 不像是花名册; "
                           "请只保留花名册工作表并删除图片后再导入。")
    if head.startswith(CFB_MAGIC):
        if _is_encrypted_ooxml(path):
            raise ServiceError(f"“{name}”设有打开密码, 无法读取。请在 Excel 中打开, 取消密码 "
                               "(文件 → 信息 → 保护工作簿 → 用密码进行加密, 清空密码) 并保存后再导入。")
        raise ServiceError(f"“{name}”是旧版 Excel 97-2003 (.xls) 格式, 不能直接导入。" + SAVE_AS_XLSX)
    if not head.startswith(ZIP_MAGIC):
        suffix = path.suffix.lower()
        if suffix == ".csv":
            raise ServiceError(f"“{name}”是 CSV 文本文件。" + SAVE_AS_XLSX)
        if suffix in (".xls", ".xlsx", ".et") and head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
            raise ServiceError(f"“{name}”实际上是网页/XML 文件, 不是真正的 Excel 文件。" + SAVE_AS_XLSX)
        raise ServiceError(f"“{name}”不是 Excel 文件 (.xlsx), 无法导入。请选择 Excel 工作簿。")
    _check_zip_is_workbook(path)
    return path


def _check_zip_is_workbook(path: Path) -> None:
    """A .xlsx is a zip holding ``xl/workbook.xml``; a renamed .docx or .zip is not."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _damaged(path.name) from None
    if names & {"xl/workbook.xml", "xl/workbook.bin"}:
        return
    if "word/document.xml" in names:
        raise ServiceError(f"“{path.name}”是 Word 文档, 不是 Excel 文件。请选择 Excel 工作簿 (.xlsx)。")
    raise ServiceError(f"“{path.name}”是压缩包或其他文件, 不是 Excel 工作簿 (.xlsx)。")


def _is_encrypted_ooxml(path: Path) -> bool:
    """Encrypted .xlsx files are OLE containers holding an ``EncryptedPackage`` stream."""
    with path.open("rb") as fh:
        return ENCRYPTED_MARK in fh.read(4 * 1024 * 1024)


def _damaged(name: str) -> ServiceError:
    return ServiceError(f"“{name}”已损坏或不完整, 无法读取 (可能没有下载/复制完整)。"
                        "请在 Excel 中打开它并重新保存, 或找回原文件后再导入。")


def open_workbook(path: str | Path):
    """The calamine workbook of a checked file."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    path = check_file(path)
    try:
        return CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise ServiceError(f"“{path.name}”设有打开密码, 无法读取。请在 Excel 中取消密码并保存后再导入。") from None
    except CalamineError:
        raise _damaged(path.name) from None
    except OSError as exc:
        raise ServiceError(f"无法读取“{path.name}”: {exc.strerror or exc}") from None


def sheet_names(path: str | Path) -> list[str]:
    """The workbook's visible worksheets, in tab order."""
    wb = open_workbook(path)
    try:
        return _visible_sheets(wb)
    finally:
        wb.close()


def _visible_sheets(wb) -> list[str]:
    try:
        names = [m.name for m in wb.sheets_metadata if str(m.visible).lower().endswith("visible")
                 and str(m.typ).lower().endswith("worksheet")]
    except Exception:  # older calamine: no metadata
        names = []
    return names or list(wb.sheet_names)


def find_sheet(names: list[str], wanted: str) -> str:
    """``wanted`` by name (spaces/width ignored) or by 1-based position; a clear message otherwise."""
    for name in names:
        if name == wanted or clean_text(name).replace(" ", "") == clean_text(wanted).replace(" ", ""):
            return name
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(names):
        return names[int(wanted) - 1]
    raise ServiceError(f"工作簿中没有名为“{wanted}”的工作表。现有工作表: {'、'.join(names)}")


def read_sheet(path: str | Path, sheet: str | None = None) -> SheetData:
    """Cell values of one sheet (the first when ``sheet`` is None) with merged ranges filled in."""
    path = Path(path)
    wb = open_workbook(path)
    try:
        names = _visible_sheets(wb)
        if not names:
            raise ServiceError(f"“{path.name}”里没有工作表。")
        name = find_sheet(names, sheet) if sheet else names[0]
        with _ExtentGuard(path) as guard:
            return _read(wb, path.name, name, tuple(names), guard)
    finally:
        wb.close()


def read_sheets(path: str | Path) -> list[SheetData]:
    """Every visible sheet; for picking the one that holds the roster."""
    return list(iter_sheets(path))


def iter_sheets(path: str | Path) -> Iterator[SheetData]:
    """The visible sheets one at a time (a later sheet is read only if the caller asks for it)."""
    path = Path(path)
    wb = open_workbook(path)
    try:
        names = tuple(_visible_sheets(wb))
        if not names:
            raise ServiceError(f"“{path.name}”里没有工作表。")
        with _ExtentGuard(path) as guard:
            for name in names:
                yield _read(wb, path.name, name, names, guard, allow_empty=True)
    finally:
        wb.close()


class _ExtentGuard:
    """Checks each sheet's real extent (``app.excel.extent``) before calamine is allowed to load it."""

    def __init__(self, path: Path):
        import zipfile

        self.name = path.name
        try:
            self.zf = zipfile.ZipFile(path)
            self.parts = sheet_parts(self.zf)
        except (zipfile.BadZipFile, OSError, ValueError):
            raise _damaged(path.name) from None

    def __enter__(self) -> _ExtentGuard:
        return self

    def __exit__(self, *exc) -> None:
        self.zf.close()

    def check(self, sheet: str) -> Extent | None:
        part = self.parts.get(sheet)
        if part is None or part not in self.zf.NameToInfo:
            return None  # .xlsb, or a workbook calamine will refuse anyway
        return check_extent(self.zf, part, sheet, self.name)


def _read(wb, file_name: str, name: str, names: tuple[str, ...], guard: _ExtentGuard,
          allow_empty: bool = False) -> SheetData:
    from python_calamine import CalamineError

    extent = guard.check(name)
    try:
        sheet = wb.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except CalamineError:
        raise _damaged(file_name) from None
    except Exception as exc:  # calamine raises bare exceptions for some broken XML
        raise _damaged(file_name) from exc
    if not allow_empty and not any(any(v not in ("", None) for v in row) for row in rows):
        raise ServiceError(f"工作表“{name}”是空的, 没有可导入的内容。")
    _fill_merged(rows, merged)
    formulas = frozenset()
    if extent is not None and extent.formulas_without_value:
        formulas = frozenset((r - 1, c - 1) for r, c in map(cell_position, extent.formulas_without_value))
    return SheetData(name, rows, names, formulas)


def _fill_merged(rows: list[list[object]], merged) -> None:
    """A merged block shows its value in every covered cell, as the person looking at it sees it."""
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if (r, c) != (r0, c0) and row[c] in ("", None):
                    row[c] = value


def find_columns(sheet: SheetData, headers: dict[str, tuple[str, ...]], required: tuple[str, ...],
                 file_name: str) -> tuple[int, dict[str, int]]:
    """The header row (0-based, within the first 10 rows) holding every ``required`` column, and the column
    index of each key found there (``headers``: key → the texts that name it)."""
    for number, row in enumerate(sheet.rows[:10]):
        cells = [clean_text(c) for c in row]
        found = {key: next((i for i, c in enumerate(cells) if c in names), None) for key, names in headers.items()}
        if all(found[k] is not None for k in required):
            return number, {k: v for k, v in found.items() if v is not None}
    wanted = "”“".join(headers[k][0] for k in required)
    raise ServiceError(f"“{file_name}”里找不到“{wanted}”列 (表头应在前10行)。")


def rows_below(sheet: SheetData, header_row: int, columns: dict[str, int]) -> list[tuple[int, dict[str, object]]]:
    """(Excel row number, {key: cell}) of every row under the header with anything in those columns."""
    out = []
    for number, row in enumerate(sheet.rows[header_row + 1:], start=header_row + 2):
        values = {k: (row[i] if i < len(row) else "") for k, i in columns.items()}
        if any(clean_text(v) for v in values.values()):
            out.append((number, values))
    return out
