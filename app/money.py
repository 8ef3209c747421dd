"""Money is Decimal, rounded half-up to the fen in exactly one place."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def to_money(value: object) -> Decimal:
    """Round any number-like value half-up to 0.01; floats go through ``str`` so 0.1 stays 0.1."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    else:
        try:
            amount = Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation as exc:
            raise ValueError(f"不是有效的金额: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"不是有效的金额: {value!r}")
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal) -> str:
    """Display form with thousands separators: 1,234.50."""
    return f"{to_money(amount):,.2f}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


def rmb_upper(amount: object) -> str:
    """人民币大写 as Chinese receipts require: 1234.50 → 壹仟贰佰叁拾肆元伍角整; negatives get 负."""
    value = to_money(amount)
    if value < 0:
        return "负" + rmb_upper(-value)
    if value >= Decimal("1000000000000"):
        raise ValueError("金额过大")
    yuan, fen_total = divmod(int(value * 100), 100)
    jiao, fen = divmod(fen_total, 10)
    words = ""
    if yuan:
        groups = []
        rest = yuan
        while rest:
            rest, group = divmod(rest, 10000)
            groups.append(group)
        zero_pending = False
        for index in range(len(groups) - 1, -1, -1):
            group = groups[index]
            if group == 0:
                zero_pending = bool(words)
                continue
            if words and (zero_pending or group < 1000):
                words += "零"
            zero_pending = False
            digits = f"{group:04d}" if words else str(group)
            part, gap = "", False
            for pos, ch in enumerate(digits):
                d = int(ch)
                place = len(digits) - 1 - pos
                if d == 0:
                    gap = bool(part)
                    continue
                if gap:
                    part += "零"
                    gap = False
                part += _DIGITS[d] + _SMALL_UNITS[place]
            words += part.lstrip("零") + _BIG_UNITS[index]
        words += "元"
    if not jiao and not fen:
        return (words or "零元") + "整"
    if jiao:
        words += _DIGITS[jiao] + "角"
    elif yuan:
        words += "零"
    if fen:
        words += _DIGITS[fen] + "分"
    else:
        words += "整"
    return words


_AMOUNT = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?")


def parse_amount(text: object) -> Decimal:
    """An amount typed by a person: "1234.5", "1,234.50", "¥ 80" → Decimal. Refuses what could be read two
    ways ("1,5", "1.000,50") and more than two decimals typed, with a Chinese message (ValueError)."""
    if isinstance(text, Decimal | int | float):  # computed by a program, not typed: round to the fen
        return to_money(text)
    raw = str(text or "").strip().removeprefix("¥").removeprefix("￥").removesuffix("元").strip()
    raw = raw.replace("，", ",").replace("．", ".")
    if not _AMOUNT.fullmatch(raw):
        raise ValueError(f"金额“{text}”无效: 请写成 1234.50 (千位分隔只能用逗号, 最多两位小数)")
    return Decimal(raw.replace(",", "")).quantize(FEN)
