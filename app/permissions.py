"""The permission catalogue and each role's default grants; services check them, the UI only mirrors."""

from __future__ import annotations

from app.roles import Role

# code → label (Chinese source text; the UI translates it)
PERMISSIONS: dict[str, str] = {
    "archive.view": "查看业主档案",
    "archive.edit": "编辑业主档案",
    "pii.view_full": "查看完整手机号/身份证号",
    "pii.reveal": "逐条显示完整号码(留痕)",
    "roster.import": "导入业主花名册",
    "roster.export": "导出业主花名册",
    "staff.edit": "编辑员工",
    "workorder.create": "登记工单",
    "workorder.handle": "处理工单",
    "workorder.manage": "派单/取消/归档工单",
    "fees.collect": "收费",
    "fees.void": "作废收款",
    "fees.items": "设置收费项目",
    "fees.billing": "执行计费",
    "fees.reports": "查看收费报表",
    "fees.waive": "批准减免/退款",
    "fees.close": "月结 (关闭账期)",
    "fees.reopen": "重新打开已月结的账期",
    "bank.view": "查看代扣协议和银行托收批次",
    "bank.collect": "管理代扣协议, 导出托收文件, 导入银行扣款结果",
    "audit.view": "查看审计日志",
    "users.manage": "管理用户和权限",
    "backup.manage": "备份与恢复",
    "settings.edit": "修改系统设置",
    "settings.manage": "修改物业设置",
    "equipment.view": "查看设备台账、维保、大中修、承接查验和外包",
    "equipment.manage": "管理设备台账、维保计划、大中修、承接查验和外包",
    "maintenance.record": "记录维保任务",
    "repairplan.approve": "审批大中修计划",
    "inventory.view": "查看库存",
    "inventory.manage": "出入库、盘点和借还工具",
    "environment.record": "登记保洁/垃圾分类/绿化记录",
    "environment.inspect": "保洁质量检查与评分表",
    "management.plan": "年度计划与成本",
    "management.report": "经营月报",
    "relations.edit": "对外关系记录",
    "community.edit": "社区活动与业主问卷",
    "order.desk": "秩序登记(访客/车辆/值班/巡逻/事件/违章/钥匙快递)",
    "order.setup": "秩序设置(应急预案/巡逻路线/停车收费规则)",
    "parking.collect": "收取临时停车费",
    "outage.edit": "登记停水停电通知",
    "training.edit": "登记培训考核",
    "incident.review": "查看上报经理的突发事件",
}

_ALL = frozenset(PERMISSIONS)
_TEAM_BASE = frozenset({"archive.view", "workorder.create", "workorder.handle"})

DEFAULT_ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: _ALL,
    Role.MANAGER: _ALL - {"users.manage", "fees.reopen"},
    Role.SERVICE: frozenset({
        "archive.view", "archive.edit", "pii.reveal", "roster.import", "workorder.create", "workorder.handle",
        "workorder.manage", "fees.collect", "community.edit", "outage.edit",
    }),
    Role.ENGINEERING: _TEAM_BASE | {"equipment.view", "equipment.manage", "maintenance.record", "inventory.view",
                                    "inventory.manage", "outage.edit", "training.edit"},
    Role.SECURITY: _TEAM_BASE | {"order.desk", "order.setup", "parking.collect", "outage.edit", "training.edit"},
    Role.ENVIRONMENT: _TEAM_BASE | {"inventory.view", "inventory.manage", "environment.record",
                                    "environment.inspect", "training.edit"},
}
