"""fee_summaries: fee figures at a million lines (issue 18)

Two tables the fee figures read instead of 1.4M bill lines, kept exact by triggers in the transaction of every
write (services, Core bulk inserts, imports — whoever writes):

- ``fee_sums``: per period, item and 滞纳金 flag, the number of lines and Σ billed / paid / live 减免 in fen
  (收缴率, the dashboard's trend, the month-end close). PostgreSQL: each connection adds into its own ``slot``
  (its backend pid), so two counters paying the same period at once never wait on or deadlock over one row;
  ``app.services.fee_sums.fold`` folds the slots into slot 0 (billing run, month-end close, rebuild).
- ``fee_owing``: per unit and period with something open, Σ (amount − paid) of its open lines and the bill's
  due date (the aging: ~70k rows instead of 213k open lines joined to their bills). Its rows belong to one
  unit, whose lock every money write already takes.

Both are backfilled from the lines here; ``propdesk fees check`` compares them with the lines and
``propdesk fees rebuild-sums`` rebuilds them.

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

SUM_KEY = "period, item_id, late_fee, slot"


def _sqlite_cents(expr: str) -> str:
    return f"CAST(round(({expr}) * 100) AS INTEGER)"


def _sqlite_line(sign: str, r: str) -> str:
    """Add (sign "") or take away (sign "-") the line ``r`` (new/old) in both tables."""
    amount, paid = _sqlite_cents(f"{r}.amount"), _sqlite_cents(f"{r}.paid")
    return (
        f"INSERT INTO fee_sums ({SUM_KEY}, lines, billed, paid, waived) "
        f"VALUES ({r}.period, {r}.item_id, {r}.late_fee, 0, {sign}1, {sign}{amount}, {sign}{paid}, 0) "
        f"ON CONFLICT ({SUM_KEY}) DO UPDATE SET lines = lines + excluded.lines, "
        "billed = billed + excluded.billed, paid = paid + excluded.paid;\n"
        "INSERT INTO fee_owing (unit_id, period, due_date, owed) "
        f"SELECT {r}.unit_id, {r}.period, b.due_date, {sign}({amount} - {paid}) FROM bills b "
        f"WHERE b.id = {r}.bill_id AND {r}.amount > {r}.paid "
        "ON CONFLICT (unit_id, period) DO UPDATE SET owed = owed + excluded.owed;\n"
    )


def _sqlite_drop_zero(r: str) -> str:
    return f"DELETE FROM fee_owing WHERE unit_id = {r}.unit_id AND period = {r}.period AND owed = 0;\n"


def _sqlite_waiver(sign: str, r: str) -> str:
    return (
        f"INSERT INTO fee_sums ({SUM_KEY}, lines, billed, paid, waived) "
        f"SELECT l.period, l.item_id, l.late_fee, 0, 0, 0, 0, {sign}{_sqlite_cents(f'{r}.amount')} "
        f"FROM bill_lines l WHERE l.id = {r}.line_id AND {r}.waiver_id IS NOT NULL AND NOT {r}.voided "
        f"ON CONFLICT ({SUM_KEY}) DO UPDATE SET waived = waived + excluded.waived;\n"
    )


SQLITE_TRIGGERS = {
    "fee_sums_line_ins": "AFTER INSERT ON bill_lines BEGIN\n" + _sqlite_line("", "new") + "END",
    "fee_sums_line_upd": (
        "AFTER UPDATE OF amount, paid, period, item_id, late_fee, unit_id, bill_id ON bill_lines BEGIN\n"
        + _sqlite_line("-", "old") + _sqlite_line("", "new") + _sqlite_drop_zero("old") + _sqlite_drop_zero("new")
        + "END"
    ),
    "fee_sums_line_del": "AFTER DELETE ON bill_lines BEGIN\n" + _sqlite_line("-", "old") + _sqlite_drop_zero("old")
    + "END",
    "fee_sums_waiver_ins": "AFTER INSERT ON allocations WHEN new.waiver_id IS NOT NULL BEGIN\n"
    + _sqlite_waiver("", "new") + "END",
    "fee_sums_waiver_upd": (
        "AFTER UPDATE OF amount, voided, waiver_id, line_id ON allocations "
        "WHEN old.waiver_id IS NOT NULL OR new.waiver_id IS NOT NULL BEGIN\n"
        + _sqlite_waiver("-", "old") + _sqlite_waiver("", "new") + "END"
    ),
    "fee_sums_waiver_del": "AFTER DELETE ON allocations WHEN old.waiver_id IS NOT NULL BEGIN\n"
    + _sqlite_waiver("-", "old") + "END",
    "fee_owing_due": (
        "AFTER UPDATE OF due_date ON bills WHEN old.due_date IS NOT new.due_date BEGIN\n"
        "UPDATE fee_owing SET due_date = new.due_date WHERE unit_id = new.unit_id AND period = new.period;\nEND"
    ),
}


# PostgreSQL: statement-level triggers over the transition tables (a bulk insert or update is one grouped
# upsert, not one per row)
def _pg_lines(sign: str, table: str) -> str:
    return (f"SELECT period, item_id, late_fee, unit_id, bill_id, {sign}1 AS n, {sign}amount AS billed, "
            f"{sign}paid AS paid, {sign}GREATEST(amount - paid, 0) AS owed FROM {table}")


def _pg_waivers(sign: str, table: str) -> str:
    return f"SELECT line_id, {sign}amount AS waived FROM {table} WHERE waiver_id IS NOT NULL AND NOT voided"


def _changes(part) -> dict[str, str]:
    return {"INSERT": part("", "new_rows"), "DELETE": part("-", "old_rows"),
            "UPDATE": f"{part('-', 'old_rows')} UNION ALL {part('', 'new_rows')}"}


def _pg_lines_body(changes: str) -> str:
    return f"""
    INSERT INTO fee_sums ({SUM_KEY}, lines, billed, paid, waived)
    SELECT period, item_id, late_fee, pg_backend_pid(), sum(n), (sum(billed) * 100)::bigint,
           (sum(paid) * 100)::bigint, 0
    FROM ({changes}) d GROUP BY period, item_id, late_fee
    HAVING sum(n) <> 0 OR sum(billed) <> 0 OR sum(paid) <> 0
    ON CONFLICT ({SUM_KEY}) DO UPDATE SET lines = fee_sums.lines + excluded.lines,
        billed = fee_sums.billed + excluded.billed, paid = fee_sums.paid + excluded.paid;
    INSERT INTO fee_owing (unit_id, period, due_date, owed)
    SELECT d.unit_id, d.period, min(b.due_date), (sum(d.owed) * 100)::bigint
    FROM ({changes}) d JOIN bills b ON b.id = d.bill_id
    GROUP BY d.unit_id, d.period HAVING sum(d.owed) <> 0
    ON CONFLICT (unit_id, period) DO UPDATE SET owed = fee_owing.owed + excluded.owed;
    DELETE FROM fee_owing f USING ({changes}) d
    WHERE f.owed = 0 AND f.unit_id = d.unit_id AND f.period = d.period;
    """


def _pg_waivers_body(changes: str) -> str:
    return f"""
    INSERT INTO fee_sums ({SUM_KEY}, lines, billed, paid, waived)
    SELECT l.period, l.item_id, l.late_fee, pg_backend_pid(), 0, 0, 0, (sum(d.waived) * 100)::bigint
    FROM ({changes}) d JOIN bill_lines l ON l.id = d.line_id
    GROUP BY l.period, l.item_id, l.late_fee HAVING sum(d.waived) <> 0
    ON CONFLICT ({SUM_KEY}) DO UPDATE SET waived = fee_sums.waived + excluded.waived;
    """


def _pg_function(name: str, body: str) -> str:
    return f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{body}\nRETURN NULL;\nEND\n$$"


def _pg_statements() -> list[str]:
    out = []
    for table, part, body in (("bill_lines", _pg_lines, _pg_lines_body),
                              ("allocations", _pg_waivers, _pg_waivers_body)):
        for event, changes in _changes(part).items():
            name = f"fee_sums_{table}_{event.lower()}"
            tables = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows",
                      "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}[event]
            out.append(_pg_function(name, body(changes)))
            out.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {tables} "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()")
    out.append(_pg_function("fee_owing_due", "UPDATE fee_owing SET due_date = NEW.due_date "
                                             "WHERE unit_id = NEW.unit_id AND period = NEW.period;"))
    out.append("CREATE TRIGGER fee_owing_due AFTER UPDATE OF due_date ON bills FOR EACH ROW "
               "WHEN (OLD.due_date IS DISTINCT FROM NEW.due_date) EXECUTE FUNCTION fee_owing_due()")
    return out


PG_FUNCTIONS = [f"fee_sums_{t}_{e}" for t in ("bill_lines", "allocations") for e in ("insert", "delete", "update")]


def upgrade() -> None:
    op.create_table(
        "fee_sums",
        sa.Column("period", sa.String(7), primary_key=True),
        sa.Column("item_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("late_fee", sa.Boolean(), primary_key=True),
        sa.Column("slot", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("lines", sa.BigInteger(), nullable=False),
        sa.Column("billed", sa.BigInteger(), nullable=False),
        sa.Column("paid", sa.BigInteger(), nullable=False),
        sa.Column("waived", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "fee_owing",
        sa.Column("unit_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("period", sa.String(7), primary_key=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("owed", sa.BigInteger(), nullable=False),
        sqlite_with_rowid=False,
    )
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        for statement in _pg_statements():
            op.execute(statement)
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    from app.services.fee_sums import rebuild

    rebuild(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute("DROP TRIGGER fee_owing_due ON bills")
        op.execute("DROP FUNCTION fee_owing_due()")
        for name in PG_FUNCTIONS:
            op.execute(f"DROP TRIGGER {name} ON {'bill_lines' if 'bill_lines' in name else 'allocations'}")
            op.execute(f"DROP FUNCTION {name}()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("fee_owing")
    op.drop_table("fee_sums")
