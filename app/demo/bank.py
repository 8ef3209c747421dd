"""Demo 银行托收 (issue 14): eight owing units signed withholding agreements (代扣协议), a bank layout "工商银行"
besides the built-in one, and last month's collection file sent and its result read back — one account
without enough money, so 经理 → 银行托收 shows a batch with a failed row and the counter shows the reason."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import func, select

from app.models import BillLine
from app.services import Services
from app.services.bank import DEFAULT_COLUMNS
from app.services.fees_payments import owner_names
from app.services.fees_rules import add_months, period_of

BANKS = ("工商银行", "建设银行", "农业银行", "中国银行")


def fill(services: Services, rng, result) -> None:
    today = services.ctx.clock().date()
    last = add_months(period_of(today), -1)
    with services.ctx.read() as s:
        owing = list(s.scalars(select(BillLine.unit_id).where(BillLine.amount > BillLine.paid, BillLine.period <= last)
                               .group_by(BillLine.unit_id).order_by(func.min(BillLine.id)).limit(40)))
        names = owner_names(s, owing)
    chosen = [u for u in owing if names.get(u)][:8]
    if not chosen:
        return
    for uid in chosen:
        services.bank_agreements.save({
            "unit": _unit_code(services, uid), "bank": rng.choice(BANKS), "holder": names[uid][0][0],
            "account_no": "6222" + "".join(str(rng.randint(0, 9)) for _ in range(15)),
            "active_from": f"{today.year}-01-01"})
    services.bank_profiles.save({"name": "工商银行", "columns": DEFAULT_COLUMNS.replace("参考号: 参考号", "参考号: 业务流水号"),
                                 "success_values": "0,成功", "fail_values": "1,失败",
                                 "note": "工商银行批量代扣: 结果列 0 表示成功, 1 表示失败"})
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "托收.csv"
        batch = services.bank.export(last, out)
        lines = out.read_text(encoding="utf-8-sig").splitlines()
        back = [lines[0] + ",扣款结果,失败原因"]
        back += [f"{line},{'失败,余额不足' if n == 2 else '成功,'}" for n, line in enumerate(lines[1:], start=1)]
        answer = Path(folder) / "回盘.csv"
        answer.write_text("\n".join(back), encoding="utf-8-sig")
        services.bank.import_result(answer)
    result.counts["bank_agreements"] = len(chosen)
    result.counts["bank_batch_rows"] = batch.rows


def _unit_code(services: Services, unit_id: int) -> str:
    from app.services.fees_payments import unit_labels

    with services.ctx.read() as s:
        return unit_labels(s, [unit_id])[unit_id][0]
