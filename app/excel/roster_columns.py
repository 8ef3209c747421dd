"""The roster's columns: their headers in exports and the template, the names offices use for them, and the
relation labels. Apart from the parser (``app.excel.roster``) so that writing a roster loads no parser."""

from __future__ import annotations

from dataclasses import dataclass

from app.models import Relation


@dataclass(frozen=True)
class Column:
    """A roster field: its header in exports/templates and the names offices use for it."""

    key: str
    header: str
    aliases: tuple[str, ...]
    note: str = ""
    width: int = 12


COLUMNS: tuple[Column, ...] = (
    Column("seq", "序号", ("序号", "编号", "no", "no.", "序", "行号", "顺序号"), "可留空, 导入时忽略", 6),
    Column("building", "楼栋", ("楼栋", "楼号", "栋号", "栋", "楼", "幢", "幢号", "楼栋号", "楼幢", "楼幢号", "座",
                                "楼座", "楼宇", "楼栋名称", "楼栋编号", "所属楼栋", "栋别", "楼号栋号"),
           "必填。如 3、3栋、3号楼 (统一保存为“3栋”)", 8),
    Column("unit", "单元", ("单元", "单元号", "单元名称", "所属单元", "单元编号"),
           "有单元的小区必填。如 1 或 1单元", 6),
    Column("room", "房号", ("房号", "房间号", "门牌号", "室", "室号", "房间", "房屋号", "户号", "房间编号",
                            "房号(室)", "门牌"), "必填。如 1502", 8),
    Column("address", "房屋", ("房屋", "房屋编号", "房屋地址", "地址", "房产", "房产信息", "房屋名称", "房屋代码",
                               "楼栋单元房号", "楼号房号", "楼栋房号", "栋单元房号", "房屋信息", "住址", "资源编号"),
           "楼栋-单元-房号合在一格, 如 3-1-1502 或 3栋1单元1502室", 16),
    Column("area", "建筑面积(㎡)", ("建筑面积", "面积", "房屋面积", "产权面积", "建面", "计费面积", "收费面积",
                                    "建筑面积㎡", "建筑面积m2", "建筑面积平方米", "面积㎡", "面积m2", "面积平方米"),
           "数字, 单位平方米, 如 118.75", 12),
    Column("name", "业主姓名", ("业主姓名", "业主", "姓名", "产权人", "业主名称", "户主", "房主", "客户名称",
                                "客户姓名", "住户姓名", "业主名字", "产权人姓名", "业主(产权人)", "住户", "名字",
                                "联系人", "住户名称"),
           "必填。一行一人; 一套房有多位业主时写多行", 10),
    Column("relation", "身份", ("身份", "人员类型", "人员身份", "住户类型", "与业主关系", "关系", "类型", "业主类型",
                                "住户身份", "成员关系", "人员关系"), "业主 / 租户 / 家庭成员, 留空为业主", 8),
    Column("phone", "联系电话", ("联系电话", "手机", "手机号码", "手机号", "电话", "联系方式", "电话号码", "联系号码",
                                 "业主电话", "移动电话", "固定电话", "手机/电话", "电话/手机", "联系手机", "手机电话"),
           "手机 13812345678 或固话 0571-88886666", 14),
    Column("id_number", "身份证号码", ("身份证号码", "身份证号", "身份证", "证件号码", "证件号", "身份证件号码",
                                       "业主身份证号", "身份证件号", "业主身份证号码", "证件编号"),
           "18位, 末位可为X; 请以文本格式填写", 21),
    Column("move_in", "入住日期", ("入住日期", "交房日期", "入伙日期", "交付日期", "收房日期", "入住时间", "交房时间",
                                   "入伙时间", "交付时间", "收房时间", "入住日", "入户日期"),
           "日期, 如 2019-05-01", 12),
    Column("space", "车位号", ("车位号", "车位", "车位编号", "停车位", "车位号码", "产权车位", "车位号码"),
           "多个用顿号分隔, 如 B1-001、B1-002", 12),
    Column("plate", "车牌号", ("车牌号", "车牌", "车牌号码", "车辆号牌", "车牌照", "车辆牌照", "车号"),
           "多个用顿号分隔, 如 浙A12345、浙AD12345", 16),
    Column("notes", "备注", ("备注", "说明", "备注信息", "其他"), "", 20),
    # Kept from the systems offices used before (app.excel.legacy)
    Column("gender", "性别", ("性别",), "男 / 女", 6),
    Column("floor", "楼层", ("楼层", "所在楼层", "房屋楼层"), "数字; 留空时按房号推算", 6),
    Column("inner_area", "室内面积(㎡)", ("室内面积", "室内面积㎡"), "数字, 单位平方米", 12),
    Column("floors", "总层数", ("总层数", "楼栋总层数", "楼层数"), "楼栋的总层数", 8),
    Column("elevator", "是否有电梯", ("是否有电梯", "有无电梯", "电梯"), "有 / 无", 10),
    Column("id_unverified", "身份证待核实", ("身份证待核实", "待核实"),
           "“是”: 身份证号校验位不符, 照原样保留并标为待核实", 12),
)
BY_KEY = {c.key: c for c in COLUMNS}
# What exports and the template write: every field except the combined address.
EXPORT_KEYS = ("seq", "building", "unit", "room", "area", "name", "relation", "phone", "id_number", "move_in",
               "space", "plate", "notes", "gender", "floor", "inner_area", "floors", "elevator", "id_unverified")
RELATION_LABELS = {Relation.OWNER: "业主", Relation.TENANT: "租户", Relation.FAMILY: "家庭成员"}
