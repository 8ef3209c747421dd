"""Prints and exports of owners' data leave a trace: receipts, fee notices, the ledger (issue 5 §3)."""

from app.services.audit import AuditFilter
from tests.fees_setup import add_items, build_property, fee_services


def test_receipt_notice_and_ledger_export_are_logged(db, tmp_path):
    services, _clock = fee_services(db)
    ids = build_property(services)
    add_items(services)
    services.billing.run("2026-11")
    payment = services.payments.pay(ids["a"], "100", "cash")

    services.payments.receipt(payment.id)
    services.fee_reports.notices("2026-11", [ids["a"], ids["b"]])
    path, ledger = services.fee_reports.export_ledger(tmp_path / "ledger.xlsx", "2026-11")

    assert path.exists() and ledger.unit_count  # the rows streamed into the file, not kept
    prints = services.audit.search(AuditFilter(action="print"))
    assert {r.entity for r in prints} == {"payments", "notices"}
    receipt = next(r for r in prints if r.entity == "payments")
    assert receipt.entity_id == payment.id and payment.receipt_no in receipt.summary
    notice = next(r for r in prints if r.entity == "notices")
    assert notice.changes["units"] == 2
    (export,) = services.audit.search(AuditFilter(action="export"))
    assert export.entity == "ledger" and export.changes["rows"] == ledger.unit_count == 5
