"""The shared value rules: ID numbers, phones, plates, areas, dates, masking."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.validators import (
    check_area,
    clean_code,
    clean_text,
    id_check_digit,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    normalize_phone,
    normalize_plate,
    parse_date,
)

birth_dates = st.dates(min_value=date(1920, 1, 1), max_value=date(2020, 12, 31))
area_codes = st.sampled_from(["110105", "330106", "440305", "510104"])


@st.composite
def id_numbers(draw):
    first17 = f"{draw(area_codes)}{draw(birth_dates):%Y%m%d}{draw(st.integers(0, 999)):03d}"
    return first17 + id_check_digit(first17)


@given(id_numbers())
def test_valid_id_numbers_pass_and_lower_x_is_normalised(number):
    assert normalize_id_number(number.lower()) == number
    assert normalize_id_number(f" {number} ") == number


@given(id_numbers(), st.integers(0, 16), st.integers(1, 9))
def test_changing_one_digit_breaks_the_check(number, position, delta):
    digit = (int(number[position]) + delta) % 10
    broken = number[:position] + str(digit) + number[position + 1 :]
    with pytest.raises(ValueError):
        normalize_id_number(broken)


def test_known_id_number_and_messages():
    assert normalize_id_number("11010519491231002x") == "11010519491231002X"
    with pytest.raises(ValueError, match="校验位错误"):
        normalize_id_number("110105194912310022")
    with pytest.raises(ValueError, match="18位"):
        normalize_id_number("11010519491231")
    with pytest.raises(ValueError, match="出生日期"):
        normalize_id_number("110105194913310021")


def test_birth_dates_remembered_never_change_an_answer():
    """normalize_id_number remembers valid birth dates (an import meets each one many times): asking again,
    or asking about another number with the same birth date, gives the same answer as the first time."""
    from datetime import timedelta

    from app.validators import today

    def numbered(born: str) -> str:
        return f"110105{born}002" + id_check_digit(f"110105{born}002")

    valid, old, ahead = numbered("19491231"), numbered("18991231"), numbered(f"{today() + timedelta(days=1):%Y%m%d}")
    for _ in range(2):
        assert normalize_id_number(valid) == valid
        assert normalize_id_number(numbered("19491231").lower()) == valid
        with pytest.raises(ValueError, match="校验位错误"):
            normalize_id_number(valid[:17] + ("0" if valid[17] != "0" else "1"))
        for refused in (old, ahead, numbered("19490230")):
            with pytest.raises(ValueError, match="出生日期无效"):
                normalize_id_number(refused)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812345678", "13812345678"),
        (13812345678, "13812345678"),
        (13812345678.0, "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("０５７１－８８８８６６６６", "0571-88886666"),
        ("057188886666", "0571-88886666"),
        ("010-12345678", "010-12345678"),
        ("(021)12345678", "021-12345678"),
        ("0571-88886666转123", "0571-88886666-123"),
    ],
)
def test_phone_shapes(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("bad", ["12345678901", "8888666", "138123456789", "abc", "1.38E+10"])
def test_bad_phones(bad):
    with pytest.raises(ValueError):
        normalize_phone(bad)


@given(st.sampled_from("3456789"), st.integers(0, 10**9 - 1))
def test_every_mobile_round_trips(second, rest):
    phone = f"1{second}{rest:09d}"
    assert normalize_phone(phone) == phone
    assert normalize_phone(f"{phone[:3]}-{phone[3:7]}-{phone[7:]}") == phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("粤B12345", "粤B12345"), ("粤b 12345", "粤B12345"), ("浙A·D12345", "浙AD12345"),
     ("京AF12345", "京AF12345"), ("沪A12345D", "沪A12345D"), ("苏E1234学", "苏E1234学")],
)
def test_plates(typed, stored):
    assert normalize_plate(typed) == stored


@pytest.mark.parametrize("bad", ["粤I12345", "B12345", "粤B1234", "粤BD1234X5", ""])
def test_bad_plates(bad):
    with pytest.raises(ValueError):
        normalize_plate(bad)


def test_area():
    assert check_area("89.5") == Decimal("89.50")
    assert check_area(118.75) == Decimal("118.75")
    assert check_area("1,234.5㎡") == Decimal("1234.50")
    for bad in ("0", "-3", "abc", "1e9"):
        with pytest.raises(ValueError):
            check_area(bad)


@pytest.mark.parametrize("typed", ["2019/5/1", "2019-05-01", "2019.5.1", "2019年5月1日", "20190501", 43586,
                                   "2019-05-01 00:00:00", date(2019, 5, 1)])
def test_date_shapes(typed):
    assert parse_date(typed) == date(2019, 5, 1)


@pytest.mark.parametrize("bad", ["2019/13/1", "明天", "2019-02-30"])
def test_bad_dates(bad):
    with pytest.raises(ValueError):
        parse_date(bad)


@given(st.text(max_size=30))
def test_clean_text_is_idempotent_and_trimmed(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert once == once.strip()
    assert "  " not in once


def test_clean_code_full_width_and_floats():
    assert clean_code("１５０２") == "1502"
    assert clean_code(1502.0) == "1502"
    assert clean_code(" 3 栋 ") == "3栋"


def test_masking():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0571-88886666").endswith("6666") and "*" in mask_phone("0571-88886666")
    assert mask_id_number("110105194912310021") == "1101**********0021"
    assert mask_phone("") == ""


def test_clean_text_keeps_units_and_symbols():
    assert clean_text("元/㎡·月") == "元/㎡·月"
    assert clean_text("３栋　１单元") == "3栋 1单元"
    assert clean_text("（备注）") == "(备注)"


@settings(max_examples=400)
@given(region=st.text("0123456789", min_size=6, max_size=6), year=st.integers(0, 9999), month=st.integers(0, 13),
       day=st.integers(0, 32), serial=st.text("0123456789", min_size=3, max_size=3),
       check=st.one_of(st.none(), st.sampled_from("0123456789X")))
def test_the_quick_id_check_says_yes_only_to_what_normalize_id_number_keeps_as_it_is(region, year, month, day,
                                                                                    serial, check):
    """``is_usual_id_number`` (the column path's quick yes) against ``normalize_id_number`` (the rule): every
    birth date, impossible ones included, and every check character."""
    from app.validators import _BIRTHS, is_usual_id_number

    first17 = f"{region}{year:04d}{month:02d}{day:02d}{serial}"
    text = first17 + (id_check_digit(first17) if check is None else check)  # None: the right check digit
    try:
        kept = normalize_id_number(text) == text
    except ValueError:
        kept = False
    _BIRTHS.clear()  # the quick check reading the birth date itself, not normalize's cache
    assert is_usual_id_number(text) == kept


@settings(max_examples=200)
@given(st.lists(st.one_of(
    st.builds(lambda first17, check: first17 + (id_check_digit(first17) if check is None else check),
              st.builds("{}{:04d}{:02d}{:02d}{}".format, st.text("0123456789", min_size=6, max_size=6),
                        st.integers(1890, 2100), st.integers(0, 13), st.integers(0, 32),
                        st.text("0123456789", min_size=3, max_size=3)),
              st.one_of(st.none(), st.sampled_from("0123456789Xx"))),
    st.text(max_size=20), st.floats(allow_nan=False), st.integers(), st.none(), st.just("")), max_size=30))
def test_a_column_of_id_numbers_is_told_as_each_cell_alone(column):
    """``usual_id_numbers`` (a column at once, birth dates shared between cells) says of each cell what
    ``is_usual_id_number`` says of it alone; cells that are no text are no ID numbers."""
    from app.validators import _BIRTHS, is_usual_id_number, usual_id_numbers

    _BIRTHS.clear()
    together = usual_id_numbers(column)
    _BIRTHS.clear()
    assert together == [type(v) is str and is_usual_id_number(v) for v in column]
