"""``propdesk meter change|max``: 换表 (a unit's meter replaced) and 表满量程 (meters that wrap to 0)."""

from __future__ import annotations

from app.errors import FieldError, ServiceError


def register(sub) -> None:
    meter = sub.add_parser("meter", help="水电表: 登记换表, 设置表满量程").add_subparsers(
        dest="meter_command", required=True, metavar="{change,max}")
    change = meter.add_parser("change", help="登记换表: 旧表止码、新表起码、换表日期; 本期用量 = 旧表用量 + 新表用量")
    change.add_argument("--item", required=True, metavar="NAME", help="按抄表计费的收费项目名称, 如 水费")
    change.add_argument("--unit", required=True, metavar="ROOM", help="房号, 如 3-1-1502")
    change.add_argument("--period", required=True, metavar="YYYY-MM", help="换表后第一次抄表的账期")
    change.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="换表日期")
    change.add_argument("--old-final", required=True, help="旧表止码")
    change.add_argument("--new-start", required=True, help="新表起码")
    change.add_argument("--note", default="")
    change.set_defaults(func=record_change, needs_user=True)
    top = meter.add_parser("max", help="设置表满量程 (如 4 位表填 10000; 空 = 不归零): 读数小于上次时按归零计算")
    top.add_argument("--item", required=True, metavar="NAME")
    top.add_argument("--max", required=True, help="表满量程, 空字符串表示清除")
    top.set_defaults(func=set_max, needs_user=True)


def _item_id(services, name: str) -> int:
    item = next((i.id for i in services.billing.items() if i.name == name.strip()), None)
    if item is None:
        raise ServiceError(f"收费项目“{name}”不存在")
    return item


def record_change(args) -> int:
    from app.commands.fees import unit_id

    services = args.services
    try:
        services.meters.record_change(_item_id(services, args.item), unit_id(services, args.unit), args.period,
                                      args.date, args.old_final, args.new_start, args.note)
    except FieldError as exc:
        raise ServiceError("换表未登记: " + "; ".join(exc.errors.values())) from None
    print(f"已登记换表 {args.unit} {args.item} {args.period}: 旧表止码 {args.old_final}, 新表起码 {args.new_start}")
    return 0


def set_max(args) -> int:
    services = args.services
    value = services.meters.set_meter_max(_item_id(services, args.item), args.max)
    print(f"{args.item} 表满量程: {value if value is not None else '不归零'}")
    return 0
