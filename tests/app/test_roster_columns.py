"""The roster's column-at-a-time path (``app.excel.roster._Columns``) against the row-by-row one.

``parse_roster`` takes the usual rows column by column and leaves every other row to ``_Cleaner.record``. Both
must give the same records — values, ``present``, errors, the cells kept for rows in error — and the same
issues, skipped rows, placeholder counts and notes, whatever the sheet holds. Hypothesis generates sheets of
usual and hostile cells (blank and odd cells, numbers where text is expected, full-width and invisible
characters, bad ID numbers and check digits, dates as text/date/number, duplicates, formula guards, the
placeholders of legacy systems) and parses each both ways.
"""

from __future__ import annotations

import copy
import random
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.demo.property import id_number, mobile, person_name, plate
from app.excel import roster
from app.excel.legacy import ImportOptions
from app.excel.roster import BY_KEY, EXPORT_KEYS, parse_roster
from app.validators import id_check_digit

ID_OK = "110101198503120017"
assert id_check_digit(ID_OK[:17]) == ID_OK[17]
FIRST17 = "33010619581002602"
CELLS: dict[str, list[object]] = {
    "seq": [1.0, 7, "", None, "示例", "例", "3a", " ", True, "'=1"],
    "building": ["1栋", "2号楼", "3", 3.0, "A座", "a座", "3栋1单元", "3栋-2单元", "", "  ", "商业楼", "紫" * 40,
                 "３栋", "'1栋", "1\u200b栋", None, 12.5, "无", "1栋\n"],
    "unit": [1.0, "1", "一单元", "1单元", "", "无", "-", None, "01", "x" * 20, "１", 2, "  ", True],
    "room": [101.0, 1502.0, "1502", "1502室", "１５０２", "1-1502", "3-1-1502", "1单元1502", "", None, 12345678.0,
             "B101", "b101", 1502.5, "①", "  ", "'1502", "'=1502", "30101", "101号", 7.0, datetime(2020, 1, 1)],
    "area": [89.56, "118.75", "118.75㎡", -1.0, 0, "abc", "", "无", 1e6, "1,234.5", None, 120, "  ", "'90"],
    "name": ["王五", "张三", "欧阳娜娜", "王　五", "王 五", "", "  ", "无", "业主姓名", "阿卜杜·热合曼", "王" * 70,
             "'王五", "=王五", 123.0, "John Smith", "王\u200b五", "郞", "ㅤ", None, "王五\n"],
    "relation": ["业主", "租户", "家属", "1001", "abc", "", "无", None, "业主本人", "OWNER", " 租户 ", 1001.0],
    "phone": [13912345678.0, 13912345678, "13912345678", "139 1234 5678", "13912345678/13812345678",
              "13912345678 13812345678", "057188886666", 57188886666.0, "0571-88886666", "138****5678", "12345",
              "", "无", "18999999999", 18999999999.0, 13.5, "１３９１２３４５６７８", "139\u200b12345678", True,
              12912345678.0, 2e10, "+8613912345678", None, "  ", "'13912345678", "'+8613912345678"],
    "id_number": [ID_OK, ID_OK[:17] + "9", FIRST17 + "X", FIRST17 + "x", "330106195810026", 1.1e17, 330106195810026.0,
                  "111111111111111111", "", "无", "110101198502300016", "110101209901010016", "1101**********1234",
                  " " + ID_OK, "１１０１０１１９８５０３１２００１７", ID_OK + "\u200b", None, "  ", "'" + ID_OK,
                  "110101189901010011"],
    "move_in": [date(2019, 1, 23), datetime(2019, 1, 23, 8, 30), "2019/1/23", "2019-01-23", "2019.1.23",
                "2019年1月23日", 43586.0, 43586, "43586", 20190501.0, "1900/1/1", "2099/1/1", date(1949, 12, 31),
                "abc", "", None, "2019/2/30", "2019/13/1", "无", " 2019/1/23", "２０１９/1/23", 1.5,
                date.today() + timedelta(days=400), "2019-1/23"],
    "space": ["B1-001", "b1-001", "B1-001、B1-002", "", "无", "x" * 40, 101.0, "B1 001", "B1_001", None, "B1-001;",
              *sorted(roster.PLACEHOLDERS)],
    "plate": ["浙A12345", "浙a12345", "浙A·12345", "浙A12345、浙B67890", "ABC", "", "无", "浙AD12345", "浙A1234",
              None, "浙Ａ12345", "浙A12345 "],
    "notes": ["", "备注", "  x  ", None, "无", 12.0, "其他电话: 13912345678", "a\u200bb"],
    "gender": ["男", "女", "m", "x", "", "无", None, 1.0],
    "floor": [15.0, "15层", "abc", "", "-1", 400.0, "无", None],
    "inner_area": ["80", "abc", "", 75.5, "无", -3.0],
    "floors": [18.0, "18", "0", "", "x"],
    "elevator": ["有", "无", "是", "x", ""],
    "id_unverified": ["", "是", "否", "待核实", None],
}


for _values in CELLS.values():  # the placeholders offices write for "nothing", in every column
    _values += ["-", "--", "NA", "null", "N/A", "/", "？", "#N/A", "#DIV/0!", "#VALUE!"]  # and error texts (calamine reads error cells as "")


def usual(key: str, rng: random.Random, n: int) -> object:
    """A well-formed cell as offices write them (what the column path must take)."""
    return {
        "seq": float(n), "building": f"{rng.randrange(1, 4)}栋", "unit": float(rng.randrange(1, 3)),
        "room": float(rng.randrange(1, 4) * 100 + rng.randrange(1, 4)), "area": rng.choice([89.56, 118.75]),
        "name": person_name(rng), "relation": rng.choice(["业主", "", "租户"]),
        "phone": rng.choice([float(mobile(rng)), mobile(rng), ""]), "id_number": rng.choice([id_number(rng), ""]),
        "move_in": rng.choice([date(2015, 1, 1) + timedelta(days=rng.randrange(3000)), "2019/1/23", ""]),
        "space": rng.choice(["", f"B1-{n:03d}"]), "plate": rng.choice(["", plate(rng)]), "notes": "",
    }.get(key, "")


@st.composite
def sheets(draw):
    """A title, a header of some columns (building, room and name always) and rows of usual and hostile cells."""
    keys = ["building", "room", "name"] + draw(st.lists(st.sampled_from(
        [k for k in EXPORT_KEYS if k not in ("building", "room", "name")]), unique=True))
    keys = draw(st.permutations(keys))
    rng = random.Random(draw(st.integers(0, 2**32)))
    rows: list[list[object]] = [["花名册"] + [""] * (len(keys) - 1), [BY_KEY[k].header for k in keys]]
    for n in range(draw(st.integers(1, 25))):
        shape = draw(st.sampled_from(["usual", "usual", "hostile", "blank", "header", "total"]))
        if shape == "blank":
            row = [""] * len(keys)
        elif shape == "header":
            row = list(rows[1])
        elif shape == "total":
            row = ["合计"] + [""] * (len(keys) - 1)
        else:
            row = [usual(k, rng, n) for k in keys]
            if shape == "hostile":
                for i in draw(st.lists(st.integers(0, len(keys) - 1), max_size=4)):
                    row[i] = draw(st.sampled_from(CELLS.get(keys[i], [""])))
        rows.append(row)
    if draw(st.booleans()) and len(rows) > 2:  # a row repeated: duplicate people, IDs and plates
        rows.append(list(rows[draw(st.integers(2, len(rows) - 1))]))
    if draw(st.booleans()):  # a short row (not every reader pads them)
        rows.append(rows[-1][: len(keys) - 1])
    return rows


def both_ways(rows, **kwargs):
    """The parse with the column path and without it, each on its own copy of the rows."""
    try:
        fast = parse_roster(copy.deepcopy(rows), "花名册", **kwargs)
        roster.COLUMN_PATH = False
        slow = parse_roster(copy.deepcopy(rows), "花名册", **kwargs)
    finally:
        roster.COLUMN_PATH = True
    return fast, slow


def assert_same(fast, slow):
    assert [r.row for r in fast.records] == [r.row for r in slow.records]
    for a, b in zip(fast.records, slow.records, strict=True):
        assert a == b, f"row {a.row}"
    assert (fast.issues, fast.skipped_rows, fast.placeholder_counts, fast.notes, fast.fields) == (
        slow.issues, slow.skipped_rows, slow.placeholder_counts, slow.notes, slow.fields)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sheets(), st.sampled_from([ImportOptions(), ImportOptions(keep_invalid_id=True),
                                  ImportOptions(placeholders=("13800000000", ID_OK))]))
def test_the_column_path_gives_what_the_rows_path_gives(rows, options):
    assert_same(*both_ways(rows, options=options))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets(), st.data())
def test_formulas_without_value_are_reported_alike(rows, data):
    cells = data.draw(st.sets(st.tuples(st.integers(2, len(rows) - 1), st.integers(0, len(rows[1]) - 1)), max_size=3))
    for index, col in cells:
        if col < len(rows[index]):
            rows[index][col] = ""
    assert_same(*both_ways(rows, formulas=frozenset(cells)))


def bench_like(n: int) -> list[list[object]]:
    rng = random.Random(4)
    rows: list[list[object]] = [["翠湖花园业主花名册"], [BY_KEY[k].header for k in EXPORT_KEYS]]
    for i in range(n):
        rows.append([usual(k, rng, i) for k in EXPORT_KEYS])
    width = len(EXPORT_KEYS)
    return [row + [""] * (width - len(row)) for row in rows]


def test_usual_rows_take_the_column_path(monkeypatch):
    """Every well-formed row is taken column-wise (else the import is as slow as before), with what the rows path
    makes of it."""
    rows = bench_like(400)
    taken = []
    records = roster._Columns.records
    monkeypatch.setattr(roster._Columns, "records", lambda self, *a: taken.append(records(self, *a)) or taken[-1])
    fast, slow = both_ways(rows)
    assert taken[0] is not None and None not in taken[0]
    assert len(fast.records) == 400
    assert_same(fast, slow)


@pytest.mark.parametrize("phone", ["number", "text"])
def test_columns_of_usual_names_phones_and_id_numbers_are_told_at_once(monkeypatch, phone):
    """Where every name, phone (all stored as numbers, or all as text) and ID number is of the usual kind, the
    column is told whole, without a check per cell — with what the rows path makes of it; one odd cell sends
    its column back to the check per cell, again with the same records."""
    rng = random.Random(7)
    rows = bench_like(50)
    for row in rows[2:]:
        row[EXPORT_KEYS.index("phone")] = float(mobile(rng)) if phone == "number" else mobile(rng)
        row[EXPORT_KEYS.index("id_number")] = id_number(rng)
    told: list[tuple[str, object]] = []
    column = roster._Columns._column
    monkeypatch.setattr(roster._Columns, "_column",
                        lambda self, key, cells: told.append((key, checked := column(self, key, cells))) or checked)
    assert_same(*both_ways(rows))
    assert {key for key, checked in told if checked.values is not None} == {"name", "phone", "id_number"}
    for key, odd in (("name", "John Smith"), ("phone", "139 1234 5678"), ("phone", 12912345678.0),
                     ("id_number", ID_OK[:17] + "9"), ("id_number", ""), ("name", BY_KEY["name"].header)):
        told.clear()
        bad = copy.deepcopy(rows)
        bad[10][EXPORT_KEYS.index(key)] = odd
        assert_same(*both_ways(bad))
        assert dict(told)[key].values is None


@pytest.mark.parametrize("key", list(CELLS))
def test_each_odd_value_alone_in_a_usual_sheet(key):
    """Every listed value of a column, alone in a sheet of usual rows: the same records both ways."""
    for options in (ImportOptions(), ImportOptions(keep_invalid_id=True)):
        for value in CELLS[key]:
            rows = bench_like(3)
            rows[3][EXPORT_KEYS.index(key)] = value
            assert_same(*both_ways(rows, options=options))


@pytest.mark.parametrize("keys", [EXPORT_KEYS, ("building", "room", "name")])
def test_a_repeated_header_is_skipped_alike(keys):
    columns = [EXPORT_KEYS.index(k) for k in keys]
    rows = [[row[i] for i in columns] for row in bench_like(3)]
    rows.insert(3, list(rows[1]))
    fast, slow = both_ways(rows)
    assert fast.skipped_rows == 1
    assert_same(fast, slow)


def test_a_row_of_two_header_words_is_skipped_alike():
    """A name and a note that are header words (业主姓名, 备注) beside a usual unit: a header fragment, skipped."""
    rows = bench_like(3)
    rows[3][EXPORT_KEYS.index("name")], rows[3][EXPORT_KEYS.index("notes")] = "业主姓名", "备注"
    fast, slow = both_ways(rows)
    assert fast.skipped_rows == 1
    assert_same(fast, slow)


@pytest.mark.parametrize("units", [(True, 1.0), (1.0, True)])
def test_a_true_cell_is_not_taken_for_1(units):
    """TRUE/FALSE cells are equal to 1 and 0 as dict keys: the caches keep them apart, so a unit typed 1 below
    one typed TRUE is still unit 1, and TRUE below 1 is not taken for 1."""
    rows = bench_like(2)
    unit, room, area = (EXPORT_KEYS.index(k) for k in ("unit", "room", "area"))
    rows[2][unit], rows[3][unit] = units
    rows[3][room], rows[3][area] = rows[2][room], rows[2][area]
    fast, slow = both_ways(rows)
    assert [r.unit_no for r in slow.records] == ["True" if u is True else "1" for u in units]
    assert_same(fast, slow)


def test_a_room_read_through_its_building_is_read_for_each_building():
    """"3-1-1502" in 房号 is unit 1, room 1502 beside 楼栋 3, but stays as typed beside 楼栋 4: the cached unit
    depends on the building."""
    rows = bench_like(3)
    building, unit, room = (EXPORT_KEYS.index(k) for k in ("building", "unit", "room"))
    for row, name in zip(rows[2:], ("3栋", "4栋", "3栋"), strict=True):
        row[building], row[unit], row[room] = name, "", "3-1-1502"
    fast, slow = both_ways(rows)
    assert [(r.unit_no, r.room_no) for r in slow.records] == [("1", "1502"), ("", "3-1-1502"), ("1", "1502")]
    assert_same(fast, slow)


@pytest.mark.parametrize("cells", [
    [13912345678.0, "18999999999", " 18999999999 ", 18999999999.0, 18999999999, "", None, "13800000000"],
    [13912345678.0, "13912345678", "", None],  # none: the column is passed over at once
    [True, 1.0, "1", " "],
])
def test_placeholders_are_blanked_and_counted_cell_by_cell(cells):
    """``PlaceholderCounter.blank`` (which passes over a column holding none of the placeholders at once) blanks
    and counts exactly the cells that are a placeholder as typed, stored as a number or padded with spaces;
    short rows are looked at one by one."""
    from app.excel.legacy import PlaceholderCounter, _cell_forms

    options = ImportOptions(placeholders=("13800000000",))
    forms = {form for value in options.values_for("phone") for form in _cell_forms(value)}
    for short in (False, True):
        rows = [["x", cell] for cell in cells] + ([["x"]] if short else [])
        counter = PlaceholderCounter(options)
        counter.blank(rows, 0, "phone", [1])
        expected = [cell for cell in cells if (cell.strip() if type(cell) is str else cell) in forms]
        assert sum(counter.counts.values()) == len(expected)
        assert [row[1] for row in rows if len(row) > 1] == [
            "" if (cell.strip() if type(cell) is str else cell) in forms else cell for cell in cells]


def test_a_notes_block_right_of_the_table_is_noted_whatever_the_rows_widths():
    """Cells past the empty column after the table are a notes block (noted, not read); rows that end with the
    table, or with the empty column after it, hold none."""
    rows = bench_like(5)
    width = len(rows[1])
    assert not parse_roster(copy.deepcopy(rows), "花名册").notes
    assert not parse_roster([row + [""] for row in rows], "花名册").notes
    noted = [row + ["", ""] for row in rows]
    noted[4][width + 1] = "说明: 车位另计"
    assert any("与表格隔着空列" in note for note in parse_roster(noted, "花名册").notes)
    ragged = copy.deepcopy(rows)
    ragged[5] = ragged[5] + ["", "备注"]
    assert any("与表格隔着空列" in note for note in parse_roster(ragged, "花名册").notes)
