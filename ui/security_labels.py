"""Security-related labels for the GUI, translated: permissions, audit actions, audited entities.

``app/`` keeps the Chinese source texts (``app.permissions.PERMISSIONS``, ``app.services.audit.ACTIONS``
and ``ENTITY_LABELS``) for the CLI and the services' messages; this module marks the same texts for
``pyside6-lupdate`` and translates them (contexts "Permission" and "Audit").
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.permissions import PERMISSIONS
from app.services.audit import ACTIONS, ENTITY_LABELS

_MARKED = (
    QT_TRANSLATE_NOOP("Permission", "查看业主档案"),
    QT_TRANSLATE_NOOP("Permission", "编辑业主档案"),
    QT_TRANSLATE_NOOP("Permission", "查看完整手机号/身份证号"),
    QT_TRANSLATE_NOOP("Permission", "逐条显示完整号码(留痕)"),
    QT_TRANSLATE_NOOP("Permission", "导入业主花名册"),
    QT_TRANSLATE_NOOP("Permission", "导出业主花名册"),
    QT_TRANSLATE_NOOP("Permission", "编辑员工"),
    QT_TRANSLATE_NOOP("Permission", "登记工单"),
    QT_TRANSLATE_NOOP("Permission", "处理工单"),
    QT_TRANSLATE_NOOP("Permission", "派单/取消/归档工单"),
    QT_TRANSLATE_NOOP("Permission", "收费"),
    QT_TRANSLATE_NOOP("Permission", "作废收款"),
    QT_TRANSLATE_NOOP("Permission", "设置收费项目"),
    QT_TRANSLATE_NOOP("Permission", "执行计费"),
    QT_TRANSLATE_NOOP("Permission", "查看收费报表"),
    QT_TRANSLATE_NOOP("Permission", "批准减免/退款"),
    QT_TRANSLATE_NOOP("Permission", "查看审计日志"),
    QT_TRANSLATE_NOOP("Permission", "管理用户和权限"),
    QT_TRANSLATE_NOOP("Permission", "备份与恢复"),
    QT_TRANSLATE_NOOP("Permission", "修改系统设置"),
    QT_TRANSLATE_NOOP("Permission", "修改物业设置"),
    QT_TRANSLATE_NOOP("Permission", "查看设备台账、维保、大中修、承接查验和外包"),
    QT_TRANSLATE_NOOP("Permission", "管理设备台账、维保计划、大中修、承接查验和外包"),
    QT_TRANSLATE_NOOP("Permission", "记录维保任务"),
    QT_TRANSLATE_NOOP("Permission", "审批大中修计划"),
    QT_TRANSLATE_NOOP("Permission", "查看库存"),
    QT_TRANSLATE_NOOP("Permission", "出入库、盘点和借还工具"),
    QT_TRANSLATE_NOOP("Permission", "登记保洁/垃圾分类/绿化记录"),
    QT_TRANSLATE_NOOP("Permission", "保洁质量检查与评分表"),
    QT_TRANSLATE_NOOP("Permission", "年度计划与成本"),
    QT_TRANSLATE_NOOP("Permission", "经营月报"),
    QT_TRANSLATE_NOOP("Permission", "对外关系记录"),
    QT_TRANSLATE_NOOP("Permission", "社区活动与业主问卷"),
    QT_TRANSLATE_NOOP("Audit", "新增"),
    QT_TRANSLATE_NOOP("Audit", "修改"),
    QT_TRANSLATE_NOOP("Audit", "删除"),
    QT_TRANSLATE_NOOP("Audit", "登录"),
    QT_TRANSLATE_NOOP("Audit", "登录失败"),
    QT_TRANSLATE_NOOP("Audit", "退出"),
    QT_TRANSLATE_NOOP("Audit", "解锁屏幕"),
    QT_TRANSLATE_NOOP("Audit", "查看完整个人信息"),
    QT_TRANSLATE_NOOP("Audit", "导出"),
    QT_TRANSLATE_NOOP("Audit", "打印"),
    QT_TRANSLATE_NOOP("Audit", "导入"),
    QT_TRANSLATE_NOOP("Audit", "备份"),
    QT_TRANSLATE_NOOP("Audit", "恢复"),
    QT_TRANSLATE_NOOP("Audit", "权限变更"),
    QT_TRANSLATE_NOOP("Audit", "按号码查询"),
    QT_TRANSLATE_NOOP("Audit", "号码查询被限制"),
    QT_TRANSLATE_NOOP("Audit", "楼栋"),
    QT_TRANSLATE_NOOP("Audit", "房屋"),
    QT_TRANSLATE_NOOP("Audit", "人员"),
    QT_TRANSLATE_NOOP("Audit", "房屋-人员关系"),
    QT_TRANSLATE_NOOP("Audit", "车辆"),
    QT_TRANSLATE_NOOP("Audit", "车位"),
    QT_TRANSLATE_NOOP("Audit", "员工"),
    QT_TRANSLATE_NOOP("Audit", "用户"),
    QT_TRANSLATE_NOOP("Audit", "角色权限"),
    QT_TRANSLATE_NOOP("Audit", "审计日志"),
    QT_TRANSLATE_NOOP("Audit", "系统设置"),
    QT_TRANSLATE_NOOP("Audit", "岗位定编"),
    QT_TRANSLATE_NOOP("Audit", "工单"),
    QT_TRANSLATE_NOOP("Audit", "工单记录"),
    QT_TRANSLATE_NOOP("Audit", "收费项目"),
    QT_TRANSLATE_NOOP("Audit", "账单"),
    QT_TRANSLATE_NOOP("Audit", "账单明细"),
    QT_TRANSLATE_NOOP("Audit", "收款"),
    QT_TRANSLATE_NOOP("Audit", "预存款"),
    QT_TRANSLATE_NOOP("Audit", "收款分配"),
    QT_TRANSLATE_NOOP("Audit", "催缴记录"),
    QT_TRANSLATE_NOOP("Audit", "抄表"),
    QT_TRANSLATE_NOOP("Audit", "业主花名册"),
    QT_TRANSLATE_NOOP("Audit", "数据库"),
    QT_TRANSLATE_NOOP("Audit", "收费对象"),
    QT_TRANSLATE_NOOP("Audit", "花名册导入"),
    QT_TRANSLATE_NOOP("Audit", "工单时限"),
    QT_TRANSLATE_NOOP("Audit", "工单材料"),
    QT_TRANSLATE_NOOP("Audit", "单据编号"),
    QT_TRANSLATE_NOOP("Audit", "缴费通知单"),
    QT_TRANSLATE_NOOP("Audit", "收费台账"),
    QT_TRANSLATE_NOOP("Audit", "保洁计划"),
    QT_TRANSLATE_NOOP("Audit", "保洁任务"),
    QT_TRANSLATE_NOOP("Audit", "保洁评分项目"),
    QT_TRANSLATE_NOOP("Audit", "保洁检查"),
    QT_TRANSLATE_NOOP("Audit", "垃圾分类记录"),
    QT_TRANSLATE_NOOP("Audit", "绿化任务"),
    QT_TRANSLATE_NOOP("Audit", "年度计划目标"),
    QT_TRANSLATE_NOOP("Audit", "成本"),
    QT_TRANSLATE_NOOP("Audit", "对外联系"),
    QT_TRANSLATE_NOOP("Audit", "社区活动"),
    QT_TRANSLATE_NOOP("Audit", "活动报名"),
    QT_TRANSLATE_NOOP("Audit", "满意度调查"),
    QT_TRANSLATE_NOOP("Audit", "调查答卷"),
    QT_TRANSLATE_NOOP("Audit", "经营月报"),
)


def permission_label(code: str) -> str:
    return QCoreApplication.translate("Permission", PERMISSIONS.get(code, code))


def action_label(code: str) -> str:
    return QCoreApplication.translate("Audit", ACTIONS.get(code, code))


def entity_label(code: str) -> str:
    return QCoreApplication.translate("Audit", ENTITY_LABELS.get(code, code))
