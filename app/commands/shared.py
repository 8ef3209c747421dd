"""``propdesk shared add|list|reading|preview|post``: 公摊 — shared meters apportioned to the units they serve
(app/services/fees_shared.py). Every one needs a signed-in user (``--user``)."""

from __future__ import annotations

from app.commands import lazy_choices
from app.errors import FieldError, ServiceError
from app.money import format_money


def _bases() -> list[str]:
    from app.models import ShareBasis

    return [b.value for b in ShareBasis]


def register(sub) -> None:
    shared = sub.add_parser("shared", help="公摊: 公摊总表、总表读数、按面积或按户分摊入账").add_subparsers(
        dest="shared_command", required=True, metavar="{add,list,reading,preview,post}")
    add = shared.add_parser("add", help="新增公摊总表 (如 1栋公共用电、电梯、水损)")
    add.add_argument("name", help="总表名称")
    add.add_argument("--item", default="公摊费", help="账单上的收费项目名称, 如 公摊电费 (没有则新建)")
    add.add_argument("--sub-item", default="", help="分户表的抄表项目, 如 电费 (不填: 不扣分户用量)")
    lazy_choices(add.add_argument("--basis", default="area", help="area 按建筑面积, equal 按户均摊"), _bases)
    add.add_argument("--price", required=True, help="单价 (元/度, 元/吨)")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--building", help="楼栋名称, 如 1栋")
    where.add_argument("--all", action="store_true", help="全小区")
    where.add_argument("--units", help="指定房屋, 逗号分隔, 如 1-1-101,1-1-102")
    add.set_defaults(func=add_meter, needs_user=True)
    listing = shared.add_parser("list", help="公摊总表及其最近读数")
    listing.set_defaults(func=list_meters, needs_user=True)
    reading = shared.add_parser("reading", help="录入总表读数")
    reading.add_argument("name")
    reading.add_argument("period", metavar="YYYY-MM")
    reading.add_argument("reading")
    reading.set_defaults(func=save_reading, needs_user=True)
    for name, func, text in (("preview", preview, "试算: 每户的分摊金额和公式, 不入账"),
                             ("post", post, "入账: 每户账单加一行公摊 (重算时替换未缴的, 已缴或已月结则拒绝)")):
        cmd = shared.add_parser(name, help=text)
        cmd.add_argument("name")
        cmd.add_argument("period", metavar="YYYY-MM")
        cmd.set_defaults(func=func, needs_user=True)


def _meter(services, name: str):
    meter = next((m for m in services.shared_meters.meters() if m.name == name.strip()), None)
    if meter is None:
        raise ServiceError(f"公摊总表“{name}”不存在")
    return meter


def _fields(exc: FieldError) -> ServiceError:
    return ServiceError("; ".join(exc.errors.values()))


def add_meter(args) -> int:
    from app.models import ShareScope

    services = args.services
    values = {"name": args.name, "item_name": args.item, "basis": args.basis, "unit_price": args.price}
    if args.sub_item:
        sub = next((i.id for i in services.billing.items() if i.name == args.sub_item.strip()), None)
        if sub is None:
            raise ServiceError(f"收费项目“{args.sub_item}”不存在")
        values["sub_item_id"] = sub
    if args.building:
        building = next((b.id for b in services.archive.buildings() if b.name == args.building.strip()), None)
        if building is None:
            raise ServiceError(f"楼栋“{args.building}”不存在")
        values.update(scope=ShareScope.BUILDING, building_id=building)
    elif args.units:
        values.update(scope=ShareScope.UNITS, rooms=args.units)
    else:
        values["scope"] = ShareScope.ALL
    try:
        services.shared_meters.save_meter(values)
    except FieldError as exc:
        raise _fields(exc) from None
    print(f"已新增公摊总表 {args.name}")
    return 0


def list_meters(args) -> int:
    from app.models import SHARED_LABELS

    meters = args.services.shared_meters.meters()
    for m in meters:
        last = f"{m.last_period} 读数 {m.last_reading}" if m.last_period else "还没有读数"
        subs = f" − {m.sub_item_name}分户" if m.sub_item_name else ""
        print(f"{m.name}  {m.item_name}{subs}  {SHARED_LABELS[m.basis]}  {m.unit_price.normalize():f} 元"
              f"  {m.scope_text}  {last}{'' if m.active else '  (停用)'}")
    if not meters:
        print("还没有公摊总表")
    return 0


def save_reading(args) -> int:
    services = args.services
    try:
        value = services.shared_meters.save_reading(_meter(services, args.name).id, args.period, args.reading)
    except FieldError as exc:
        raise _fields(exc) from None
    print(f"已录入 {args.name} {args.period} 读数 {value}")
    return 0


def _show(result) -> None:
    print(result.headline)
    for part in result.parts:
        posted = "" if part.posted is None else f"  (已入账 {format_money(part.posted)})"
        print(f"  {part.room}  {format_money(part.amount)}  {part.formula}{posted}")
    if result.refusal:
        print(result.refusal)


def preview(args) -> int:
    services = args.services
    try:
        _show(services.shared_meters.preview(_meter(services, args.name).id, args.period))
    except FieldError as exc:
        raise _fields(exc) from None
    return 0


def post(args) -> int:
    services = args.services
    try:
        result = services.shared_meters.post(_meter(services, args.name).id, args.period)
    except FieldError as exc:
        raise _fields(exc) from None
    _show(result)
    print(f"已入账: {len(result.parts)} 户, 合计 {format_money(result.total)} 元")
    return 0
