"""A worksheet's real size, read from its XML in a stream before calamine loads it.

calamine builds a dense grid from the first to the last cell holding a value: one stray value in XFD1048576
makes that 1,048,576 × 16,384 cells (512 GB) and the process aborts; one at row 1,048,576 of column CV
takes 4 GB. ``check_extent(path, sheet)`` streams the sheet's XML (zipfile, never the whole part in
memory) and refuses, with the cell named, a sheet whose values reach beyond ``MAX_ROWS`` × ``MAX_COLUMNS``
(or ``MAX_CELLS``). Empty cells that only carry a style, and the ``<dimension>`` element, are ignored —
calamine ignores them too — so a sheet "used" to XFD1048576 by formatting alone imports normally.

Two passes, the second only when needed: a quick one over the raw bytes (every ``r="B12"`` reference),
and, when that finds something too far away or cells without references, an exact one with iterparse
that looks only at cells holding a value, counting rows and cells without references as calamine does.
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.etree.ElementTree import ParseError, iterparse

from app.errors import ServiceError

try:  # ISA-L's inflate: the sheet's XML unpacked 4× faster than zlib's (half the quick pass's time)
    from isal import isal_zlib as _isal
except ImportError:  # without it, zipfile's zlib reads the part as before
    _isal = None

MAX_ROWS = 120_000  # a roster of more people than any one property has (and headers); more is refused up front
MAX_COLUMNS = 256
MAX_CELLS = 5_000_000  # rows × columns of the grid calamine would build (≈ 1 GB at worst)
MAX_XML_MB = 1024  # a sheet's XML, unpacked: 120,000 rows of a roster take about 70 MB
CHUNK = 1 << 20
WHOLE_MB = 64  # a sheet's XML up to this size is inflated in one piece by ISA-L (a roster of ~100,000 rows)
MANY = 1000  # more cells than this beyond the limits: a big sheet, not a few stray cells
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(number: int) -> str:
    out = ""
    while number:
        number, rem = divmod(number - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass
class Extent:
    """The grid calamine would build: last row and column holding a value (1-based)."""

    rows: int = 0
    columns: int = 0
    far: list[tuple[str, str]] = field(default_factory=list)  # (cell, value) beyond the limits, a few
    formulas_without_value: list[str] = field(default_factory=list)  # cells such as "C5", a few
    partial: bool = False  # the count stopped early: the sheet is bigger still

    @property
    def too_big(self) -> bool:
        return self.rows > MAX_ROWS or self.columns > MAX_COLUMNS or self.rows * self.columns > MAX_CELLS


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part inside the zip (``xl/worksheets/sheet1.xml``)."""
    try:
        targets = {}
        for _, el in iterparse(zf.open("xl/_rels/workbook.xml.rels")):
            if el.tag.endswith("Relationship"):
                target = el.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
                targets[el.get("Id")] = target
        parts = {}
        for _, el in iterparse(zf.open("xl/workbook.xml")):
            if el.tag.endswith("}sheet") or el.tag == "sheet":
                rid = el.get(f"{_REL_NS}id") or el.get("id")
                if rid in targets:
                    parts[el.get("name", "")] = targets[rid]
        return parts
    except (KeyError, ParseError, OSError, zipfile.BadZipFile):
        return {}


def check_extent(zf: zipfile.ZipFile, part: str, sheet: str, file_name: str) -> Extent:
    """The sheet's extent; ``ServiceError`` naming the far cells when calamine must not load it.

    The usual sheet is settled by one quick pass (no reference beyond column Z or row 99999, every cell with
    its reference, no formula lacking its value): the Extent then carries no sizes.
    """
    size = zf.getinfo(part).file_size  # zipfile reads no more than this
    if size > MAX_XML_MB * 1024 * 1024:
        raise ServiceError(f"“{file_name}”的工作表“{sheet}”解压后有 {size // 1048576} MB (上限 {MAX_XML_MB} MB), "
                           "不像是花名册, 未导入。请只保留花名册的数据后另存为新文件再导入。")
    extent, scan = quick_scan(zf, part)
    if scan.far_cells > MANY:
        raise ServiceError(too_big_message(extent, sheet, file_name))  # really that big, not stray cells
    if not (extent.too_big or scan.missing_refs or scan.formulas):
        return extent
    extent = exact_extent(zf, part)  # only cells holding a value count
    if extent.too_big:
        raise ServiceError(too_big_message(extent, sheet, file_name))
    return extent


@dataclass
class _Scan:
    missing_refs: bool = False  # a row or cell without r="…" first (calamine then counts on from the last one)
    formulas: bool = False  # a formula cell saved without its value
    far_cells: int = 0  # cells referenced beyond the limits


def _far_ref() -> re.Pattern[bytes]:
    """A cell reference in column AA or beyond, or with as many digits as MAX_ROWS (cached by ``re``).
    Anything nearer stays within the limits: fewer than 10^n rows × 26 columns."""
    return re.compile(rb'<c r="([A-Z]{2,3})([0-9]+)"|<c r="([A-Z])([0-9]{%d,})"' % len(str(MAX_ROWS)))


_NO_REF = re.compile(rb"<(?:c|row)[ >](?!r=)")


def _anything() -> re.Pattern[bytes]:
    """Any of the three (a far reference, a missing reference, a formula) in one search (cached by ``re``)."""
    return re.compile(rb'<(?:c(?: r="(?:[A-Z]{2}|[A-Z][0-9]{%d})|>| (?!r=))|row(?:>| (?!r=))|/f>|f [^>]*/>)'
                      % len(str(MAX_ROWS)))
_FORMULA_NO_VALUE = re.compile(rb"(?:</f>|<f [^>]*/>)(?:<v ?/>|<v></v>)?</c>")


def _pieces(chunks: Iterable[bytes]) -> Iterator[bytes | memoryview]:
    """The XML ``chunks`` in pieces, each ending before a tag (no tag is cut in two); views, not copies."""
    tail = b""
    for chunk in chunks:
        data = tail + chunk if tail else chunk
        cut = data.rfind(b"<")
        if cut > 0:
            data, tail = memoryview(data)[:cut], data[cut:]
        else:
            tail = b""
        yield data
    if tail:
        yield tail


def _read_part(zf: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's bytes in chunks of about CHUNK, as zipfile reads them (its CRC checked at the end)."""
    with zf.open(part) as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


class _NotAsZipfileReadsIt(Exception):
    """``_inflate_part`` met something zipfile would have refused, or reported otherwise."""


def _inflate_part(zf: zipfile.ZipFile, part: str) -> Iterator[bytes] | None:
    """The part's bytes in chunks of at most CHUNK (in one piece up to WHOLE_MB), inflated by ISA-L: its
    compressed bytes read through zipfile as if stored, the length and the CRC checked at the end as zipfile
    checks them (``_NotAsZipfileReadsIt`` when they, or the inflating, fail: then zipfile reads it again and
    reports it as always). None when ISA-L is not there or the part is not plainly deflated."""
    info = zf.getinfo(part)
    if _isal is None or info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:  # (0x1: encrypted)
        return None
    packed_part = copy.copy(info)
    packed_part.compress_type, packed_part.file_size = zipfile.ZIP_STORED, info.compress_size
    del packed_part.CRC  # the CRC is of the inflated bytes: checked below

    whole = info.file_size <= WHOLE_MB * 1024 * 1024

    def chunks() -> Iterator[bytes]:
        inflater, crc, left, packed = _isal.decompressobj(-15), 0, info.file_size, b""
        try:
            with zf.open(packed_part) as fh:
                while left > 0 and not inflater.eof:
                    # (b"" once read to the end: what ISA-L still holds comes out)
                    fed = packed or fh.read(-1 if whole else CHUNK >> 2)
                    data = inflater.decompress(fed, left if whole else min(CHUNK, left))
                    packed = inflater.unconsumed_tail
                    if not data:
                        if not fed or packed == fed:
                            break  # no more to read, or no way on: cut short
                        continue
                    crc, left = _isal.crc32(data, crc), left - len(data)
                    yield data
        except _isal.error:
            raise _NotAsZipfileReadsIt from None
        if left or crc != info.CRC:
            raise _NotAsZipfileReadsIt

    return chunks()


def quick_scan(zf: zipfile.ZipFile, part: str) -> tuple[Extent, _Scan]:
    """One pass over the raw XML with searches that find nothing in an ordinary sheet. The Extent counts only
    far references (empty when there are none); the pass stops once more than MANY cells lie beyond the
    limits (the Extent is then ``partial``)."""
    inflated = _inflate_part(zf, part)
    if inflated is not None:
        try:
            return _quick_scan(inflated)
        except _NotAsZipfileReadsIt:
            pass
    return _quick_scan(_read_part(zf, part))


def _quick_scan(chunks: Iterable[bytes]) -> tuple[Extent, _Scan]:
    scan, far_ref, anything = _Scan(), _far_ref(), _anything()
    max_row, max_col = 0, 0
    for data in _pieces(chunks):
        if not anything.search(data):
            continue  # the usual piece: one search says there is nothing to look at
        scan.missing_refs = scan.missing_refs or _NO_REF.search(data) is not None
        scan.formulas = scan.formulas or _FORMULA_NO_VALUE.search(data) is not None
        if not far_ref.search(data):
            continue
        for wide, wide_row, letter, long_row in far_ref.findall(data):
            row, col = (int(wide_row), column_number(wide.decode())) if wide else (int(long_row), column_number(
                letter.decode()))
            max_row, max_col = max(max_row, row), max(max_col, col)
            if row > MAX_ROWS or col > MAX_COLUMNS:
                scan.far_cells += 1
        if scan.far_cells > MANY:
            return Extent(max_row, max_col, partial=True), scan
    if max_col > 26:  # rows of the near cells were not counted: assume as many as they can be (checked exactly)
        max_row = max(max_row, 10 ** len(str(MAX_ROWS)) - 1)
    return Extent(max_row, max_col), scan


def exact_extent(zf: zipfile.ZipFile, part: str) -> Extent:
    """Only cells holding a value count; positions as calamine gives them (refs, else the next one)."""
    extent = Extent()
    far: list[tuple[int, int, str]] = []
    rows_parent = None
    far_count = 0
    lowest = rightmost = (0, 0, "")  # the cells holding the last row and the last column
    row = 0
    col = 0
    cell_ref = None
    shared = False
    has_value = False
    value = ""
    has_formula = False
    try:
        for event, el in iterparse(zf.open(part), events=("start", "end")):
            tag = el.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "sheetData":
                    rows_parent = el
                elif tag == "row":
                    r = el.get("r")
                    row = int(r) if r and r.isdigit() else row + 1
                    col = 0
                elif tag == "c":
                    cell_ref, shared = el.get("r"), el.get("t") == "s"
                    has_value = has_formula = False
                    value = ""
                continue
            if tag in ("v", "t") and el.text not in (None, ""):
                has_value = True
                value = value or el.text
            elif tag == "f":
                has_formula = True
            elif tag == "c":
                r, c = _position(cell_ref, row, col + 1)
                col = c
                if has_value:
                    stored = f"\0{value}" if shared else value
                    if r > extent.rows:
                        extent.rows, lowest = r, (r, c, stored)
                    if c > extent.columns:
                        extent.columns, rightmost = c, (r, c, stored)
                    if r > MAX_ROWS or c > MAX_COLUMNS:
                        far_count += 1
                        if far_count > MANY:
                            break  # a big sheet: enough seen
                        far.append((r, c, stored))
                        far = sorted(far, reverse=True)[:3]
                elif has_formula and len(extent.formulas_without_value) < MAX_ROWS:
                    extent.formulas_without_value.append(f"{column_letters(c)}{r}")
                el.clear()
            elif tag == "row" and rows_parent is not None:
                rows_parent.clear()  # rows already seen: nothing of them stays in memory
    except ParseError:
        raise ServiceError("工作表的内容已损坏 (XML 格式错误), 无法读取。请在 Excel 中打开并重新保存后再导入。") from None
    if not far and extent.too_big:  # within the row and column limits, over MAX_CELLS: the cells spanning it
        far = sorted({lowest, rightmost}, reverse=True)
    extent.far = [(f"{column_letters(c)}{r}", _shared_string(zf, v)) for r, c, v in far] if far_count <= MANY else []
    return extent


def _shared_string(zf: zipfile.ZipFile, value: str) -> str:
    """A value as text: "\\0<index>" marks a shared string, looked up (in a stream) for the message."""
    if not value.startswith("\0"):
        return value
    try:
        wanted = int(value[1:])
        index = -1
        for _, el in iterparse(zf.open("xl/sharedStrings.xml")):
            if el.tag.rsplit("}", 1)[-1] == "si":
                index += 1
                if index == wanted:
                    return "".join(t.text or "" for t in el.iter() if t.tag.rsplit("}", 1)[-1] == "t")
                el.clear()
    except (KeyError, ValueError, ParseError, OSError):
        pass
    return ""


_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")


def cell_position(ref: str) -> tuple[int, int]:
    """"C5" → (5, 3), 1-based."""
    match = _CELL.fullmatch(ref)
    if not match:
        raise ValueError(ref)
    return int(match[2]), column_number(match[1].upper())


def _position(ref: str | None, row: int, next_col: int) -> tuple[int, int]:
    try:
        return cell_position(ref) if ref else (row, next_col)
    except ValueError:
        return row, next_col


def too_big_message(extent: Extent, sheet: str, file_name: str) -> str:
    where = f"“{file_name}”的工作表“{sheet}”"
    size = f"{extent.rows} 行 × {extent.columns} 列"
    if extent.partial:
        size = f"超过 {MAX_ROWS} 行" if extent.rows > MAX_ROWS else f"超过 {MAX_COLUMNS} 列"
    limit = f"{MAX_ROWS} 行、{MAX_COLUMNS} 列、共 {MAX_CELLS} 个单元格"
    if extent.far:
        cells = "、".join(f"{ref} (“{value[:20]}”)" for ref, value in extent.far)
        return (f"{where}在远处的单元格 {cells} 有内容, 使表格达到 {size} (最多可读 {limit}), 无法导入。"
                "这通常是误输入: 请在 Excel 中删除这些单元格 (或只把花名册复制到新的工作簿) 后再导入。")
    if extent.partial:
        return f"{where}{size} (上限: {limit}), 未导入 (读取它会耗尽内存)。请按楼栋拆成几个文件分别导入。"
    return (f"{where}有 {size}, 超过上限 ({limit}), 未导入 (读取它会耗尽内存)。"
            "请按楼栋拆成几个文件分别导入。")
