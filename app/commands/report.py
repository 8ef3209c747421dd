"""``propdesk report monthly --period YYYY-MM --out FILE.pdf|FILE.xlsx``: the monthly operations report."""

from __future__ import annotations


def register(sub) -> None:
    report = sub.add_parser("report", help="报表: 经营月报").add_subparsers(
        dest="report_command", required=True, metavar="{monthly}")
    monthly = report.add_parser("monthly", help="生成经营月报 (PDF 或 Excel, 按文件扩展名)")
    monthly.add_argument("--period", required=True, metavar="YYYY-MM", help="月份, 如 2026-11")
    monthly.add_argument("--out", required=True, metavar="FILE", help="输出文件 (.pdf 或 .xlsx)")
    monthly.set_defaults(func=run_monthly)


def run_monthly(args) -> int:
    path = args.services.monthly_report.write(args.period, args.out)
    print(f"已生成经营月报 {args.period}: {path}")
    return 0
