"""The service's messages in the interface language.

``app/`` speaks Chinese (the CLI, the logs and the importer's reports use it as is). The forms pass what
they show through :func:`ui_message`: a whole message found in the catalogue is translated; otherwise
its known pieces are (field names and rules, longest first), so "联系电话应为11位手机号码或带区号的固定电话"
reads "Contact phone: should be an 11-digit mobile number or a landline with area code" in English.
In Chinese every message comes back unchanged. Add a message here when a form shows it often.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Messages"

CATALOGUE = (
    # whole messages (rules)
    QT_TRANSLATE_NOOP("Messages", "不能为空"), QT_TRANSLATE_NOOP("Messages", "应为数字"),
    QT_TRANSLATE_NOOP("Messages", "应大于0"), QT_TRANSLATE_NOOP("Messages", "数值过大"),
    QT_TRANSLATE_NOOP("Messages", "应为11位手机号码或带区号的固定电话"),
    QT_TRANSLATE_NOOP("Messages", "手机号码号段无效"), QT_TRANSLATE_NOOP("Messages", "含有非数字字符"),
    QT_TRANSLATE_NOOP("Messages", "应为18位数字(最后一位可为X)"), QT_TRANSLATE_NOOP("Messages", "应为17位数字"),
    QT_TRANSLATE_NOOP("Messages", "校验位错误"), QT_TRANSLATE_NOOP("Messages", "出生日期无效"),
    QT_TRANSLATE_NOOP("Messages", "15位旧身份证号, 请填写18位号码"),
    QT_TRANSLATE_NOOP("Messages", "日期无效"), QT_TRANSLATE_NOOP("Messages", "日期格式应为 2019-05-01"),
    QT_TRANSLATE_NOOP("Messages", "姓名不能为空"), QT_TRANSLATE_NOOP("Messages", "姓名过长"),
    QT_TRANSLATE_NOOP("Messages", "房号不能为空"), QT_TRANSLATE_NOOP("Messages", "楼层应为整数"),
    QT_TRANSLATE_NOOP("Messages", "该楼栋单元下已有此房号"), QT_TRANSLATE_NOOP("Messages", "请选择楼栋"),
    QT_TRANSLATE_NOOP("Messages", "楼栋名称不能为空"),
    QT_TRANSLATE_NOOP("Messages", "请填写问题描述"), QT_TRANSLATE_NOOP("Messages", "请选择类别"),
    QT_TRANSLATE_NOOP("Messages", "请选择类型(报修/投诉/建议/咨询)"), QT_TRANSLATE_NOOP("Messages", "请选择来源"),
    QT_TRANSLATE_NOOP("Messages", "请选择紧急程度"), QT_TRANSLATE_NOOP("Messages", "请选择公共部位或自用部位"),
    QT_TRANSLATE_NOOP("Messages", "自用部位报修须选择房屋"), QT_TRANSLATE_NOOP("Messages", "具体位置过长(最多128字)"),
    QT_TRANSLATE_NOOP("Messages", "联系人姓名过长"), QT_TRANSLATE_NOOP("Messages", "请选择处理人"),
    QT_TRANSLATE_NOOP("Messages", "所选处理人不存在或已停用"), QT_TRANSLATE_NOOP("Messages", "请填写处理情况"),
    QT_TRANSLATE_NOOP("Messages", "取消工单必须填写原因"),
    QT_TRANSLATE_NOOP("Messages", "挂起须填写原因(如等待配件、业主不在家)"),
    QT_TRANSLATE_NOOP("Messages", "满意度应为1到5分"), QT_TRANSLATE_NOOP("Messages", "人工费应为金额数字"),
    QT_TRANSLATE_NOOP("Messages", "公共部位维修不向业主收费, 人工费应为0"),
    QT_TRANSLATE_NOOP("Messages", "收款金额应为数字, 如 256.80"), QT_TRANSLATE_NOOP("Messages", "收款金额应大于0"),
    QT_TRANSLATE_NOOP("Messages", "收款金额过大, 请核对"), QT_TRANSLATE_NOOP("Messages", "请选择付款方式"),
    QT_TRANSLATE_NOOP("Messages", "交款人过长"), QT_TRANSLATE_NOOP("Messages", "请填写作废原因"),
    QT_TRANSLATE_NOOP("Messages", "请选择催缴方式"), QT_TRANSLATE_NOOP("Messages", "承诺缴费日期不能早于今天"),
    QT_TRANSLATE_NOOP("Messages", "用户名不能为空"), QT_TRANSLATE_NOOP("Messages", "用户名或密码错误"),
    QT_TRANSLATE_NOOP("Messages", "第一个用户必须是系统管理员"), QT_TRANSLATE_NOOP("Messages", "角色无效"),
    QT_TRANSLATE_NOOP("Messages", "所选账单明细已结清或已变化, 请刷新后重试。未收款。"),
    # pieces: the field a rule is about, put in front of it by the service
    QT_TRANSLATE_NOOP("Messages", "联系电话"), QT_TRANSLATE_NOOP("Messages", "手机号"),
    QT_TRANSLATE_NOOP("Messages", "身份证号"), QT_TRANSLATE_NOOP("Messages", "收款金额"),
    QT_TRANSLATE_NOOP("Messages", "人工费"), QT_TRANSLATE_NOOP("Messages", "建筑面积"),
    QT_TRANSLATE_NOOP("Messages", "车牌"), QT_TRANSLATE_NOOP("Messages", "入住日期"),
)

_BY_LENGTH = sorted(CATALOGUE, key=len, reverse=True)


def ui_message(text: str) -> str:
    """``text`` (a service's Chinese message) in the interface language."""
    whole = QCoreApplication.translate(CONTEXT, text)
    if whole != text or not text:
        return whole
    out = text
    for piece in _BY_LENGTH:
        if piece in out:
            translated = QCoreApplication.translate(CONTEXT, piece)
            if translated != piece:
                out = out.replace(piece, f"{translated}: " if out.startswith(piece) and out != piece else translated)
    return out


def ui_errors(errors: dict[str, str]) -> dict[str, str]:
    return {field: ui_message(message) for field, message in errors.items()}
