"""A small streaming .xlsx writer for the big plain exports (the roster, the fee ledger): one sheet of rows,
each row's XML (``app.excel.rows.RowXml``) deflated straight into the zip as it is made.

Why not openpyxl here (the stack writes .xlsx with openpyxl everywhere else): at 100,000 units the
roster export must stay under 60 MB for the whole process. Loading openpyxl and its machinery (PIL,
et_xmlfile, the style and chart classes) costs 5–7 MB resident before a row is written, and its write-only
mode spools the sheet to a temporary file that is then copied into the zip. This writer needs only
``zipfile`` and holds one row at a time. What it writes is openpyxl's: the sheet XML byte for byte
(``tests/app/test_excel_rows.py`` compares them), the header's bold font, fill and alignment, the column
widths and the frozen pane — and anything else (templates, styled reports, reading) stays with openpyxl.

Usage::

    with streamed_sheet(path, "业主花名册", widths=[8, 10], freeze="A2") as sheet:   # saved atomically
        sheet.append(["序号", "楼栋"], Style(bold=True, fill="DDEBF7"))            # one style for the row
        sheet.append([1, "1栋"])                                                  # the columns' styles
        sheet.append([None, total], [None, Style(bold=True, number_format="#,##0.00")])  # a style per cell
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.excel.cells import check_target
from app.excel.rows import RowXml, column_letter, escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49}
BIG_ROWS = 500_000  # more rows than this: the sheet may pass 2 GiB unpacked, so the zip uses its 64-bit sizes


@dataclass(frozen=True)
class Style:
    """A cell style: the few things the exports use."""

    bold: bool = False
    size: float | None = None  # points; None: the default 11
    fill: str | None = None  # "DDEBF7": a solid fill of that colour
    horizontal: str | None = None  # "center", …
    vertical: str | None = None
    wrap: bool = False
    number_format: str | None = None  # "@", "#,##0.00", …


class Sheet:
    """The sheet being written (see the module's usage)."""

    def __init__(self, out, column_styles: Sequence[Style | None]):
        self._out = out
        self._styles: dict[Style, int] = {}  # style → its cellXfs index (0 is the default)
        self._rows: dict[tuple, RowXml] = {}  # the styles of a row's cells → its formatter
        self._columns = tuple(column_styles)
        self._pending: list[str] = []  # rows not yet handed to the zip (one deflate call per 50 rows)
        self.rows = 0

    def style_id(self, style: Style | None) -> int | None:
        if style is None:
            return None
        return self._styles.setdefault(style, len(self._styles) + 1)

    def append(self, values: Sequence[object], styles: Style | Sequence[Style | None] | None = None) -> None:
        """One row: ``styles`` one style for every cell, one per cell, or (None) the columns' styles."""
        if styles is None:
            styles = self._columns
        elif isinstance(styles, Style):
            styles = (styles,) * len(values)
        key = tuple(styles[:len(values)]) + (None,) * (len(values) - len(styles))
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = RowXml([self.style_id(s) for s in key])
        self.rows += 1
        self._pending.append(row(values, self.rows))
        if len(self._pending) >= 50:
            self.flush()

    def flush(self) -> None:
        self._out.write("".join(self._pending).encode())
        self._pending.clear()

    def styles_xml(self) -> str:
        formats: dict[str, int] = {}
        fonts = ['<font><sz val="11" /><name val="Calibri" /><family val="2" /></font>']
        fills = ['<fill><patternFill /></fill>', '<fill><patternFill patternType="gray125" /></fill>']
        xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" />']
        for style in self._styles:  # in id order (dicts keep their order)
            attrs = []
            number = 0
            if style.number_format:
                number = BUILTIN_FORMATS[style.number_format] if style.number_format in BUILTIN_FORMATS \
                    else formats.setdefault(style.number_format, 164 + len(formats))
                attrs.append(' applyNumberFormat="1"')
            font = 0
            if style.bold or style.size:
                bold = '<b val="1" />' if style.bold else ""
                fonts.append(f'<font>{bold}<sz val="{style.size or 11:g}" /><name val="Calibri" /><family val="2" />'
                             '</font>')
                font = len(fonts) - 1
                attrs.append(' applyFont="1"')
            fill = 0
            if style.fill:
                fills.append(f'<fill><patternFill patternType="solid"><fgColor rgb="00{style.fill}" />'
                             '</patternFill></fill>')
                fill = len(fills) - 1
                attrs.append(' applyFill="1"')
            align = "".join(f' {name}="{value}"' for name, value in (
                ("horizontal", style.horizontal), ("vertical", style.vertical), ("wrapText", style.wrap and "1"))
                if value)
            head = f'<xf numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"{"".join(attrs)}'
            xfs.append(f'{head} applyAlignment="1"><alignment{align} /></xf>' if align else f"{head} />")
        custom = "".join(f"<numFmt numFmtId={quoteattr(str(i))} formatCode={quoteattr(code)} />"
                         for code, i in formats.items())
        numfmts = f'<numFmts count="{len(formats)}">{custom}</numFmts>' if formats else ""
        return (f'<styleSheet xmlns="{MAIN}">{numfmts}'
                f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts><fills count="{len(fills)}">{"".join(fills)}</fills>'
                '<borders count="1"><border><left /><right /><top /><bottom /><diagonal /></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" /></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" /></cellStyles></styleSheet>')


@contextmanager
def streamed_sheet(path: str | Path, title: str, *, widths: Sequence[float] = (), freeze: str | None = None,
                   column_styles: Sequence[Style | None] = (), rows_expected: int = 0) -> Iterator[Sheet]:
    """``with streamed_sheet(path, title, …) as sheet:`` append rows; the file is saved atomically when the block
    ends (``app.files.atomic_write``: on any failure the older file stays, as a Chinese ``ServiceError``)."""
    from app.files import atomic_write

    check_target(path)
    with atomic_write(path) as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=rows_expected > BIG_ROWS) as sheet_out:
            sheet_out.write(_sheet_head(widths, freeze).encode())
            sheet = Sheet(sheet_out, column_styles)
            yield sheet
            sheet.flush()
            sheet_out.write(b'</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" '
                            b'footer="0.5" /></worksheet>')
        z.writestr("xl/styles.xml", sheet.styles_xml())
        z.writestr("xl/workbook.xml", (
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><bookViews><workbookView activeTab="0" /></bookViews>'
            f'<sheets><sheet name={quoteattr(_sheet_name(title))} sheetId="1" r:id="rId1" /></sheets>'
            '<calcPr calcId="124519" fullCalcOnLoad="1" /></workbook>'))
        z.writestr("xl/_rels/workbook.xml.rels", (
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/worksheet" '
            f'Target="worksheets/sheet1.xml" /><Relationship Id="rId2" Type="{DOC_RELS}/styles" '
            'Target="styles.xml" /></Relationships>'))
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        z.writestr("docProps/core.xml", (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>PropDesk</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'))
        z.writestr("_rels/.rels", (
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" '
            'Target="xl/workbook.xml" /><Relationship Id="rId2" '
            'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml" /></Relationships>'))
        z.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />'
            '<Default Extension="xml" ContentType="application/xml" />'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" />'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" />'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" />'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml" /></Types>'))


def quoteattr(text: str) -> str:
    return '"' + escape(text).replace('"', "&quot;") + '"'


def _sheet_name(title: str) -> str:
    """Excel's rules: at most 31 characters, none of : \\ / ? * [ ]."""
    return re.sub(r"[:\\/?*\[\]]", "_", title)[:31] or "Sheet1"


def _sheet_head(widths: Sequence[float], freeze: str | None) -> str:
    """Everything before the rows, as openpyxl writes it for the same widths and frozen pane."""
    view = '<selection activeCell="A1" sqref="A1" />'
    if freeze and freeze != "A1":
        column, row = re.fullmatch(r"([A-Z]+)(\d+)", freeze).groups()
        x = sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(column))) - 1
        y = int(row) - 1
        split = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
        pane = "bottomRight" if x and y else "topRight" if x else "bottomLeft"
        view = (f'<pane{split} topLeftCell="{freeze}" activePane="{pane}" state="frozen" />'
                + ('<selection pane="topRight" /><selection pane="bottomLeft" />' if x and y else "")
                + f'<selection pane="{pane}" activeCell="A1" sqref="A1" />')
    cols = "".join(f'<col width="{float(w):.16g}" customWidth="1" min="{i}" max="{i}" />'
                   for i, w in enumerate(widths, start=1))
    return (f'<worksheet xmlns="{MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1" /><pageSetUpPr />'
            f'</sheetPr><sheetViews><sheetView workbookViewId="0">{view}</sheetView></sheetViews>'
            f'<sheetFormatPr baseColWidth="8" defaultRowHeight="15" />{f"<cols>{cols}</cols>" if cols else ""}'
            '<sheetData>')


__all__ = ["Style", "column_letter", "streamed_sheet"]
