<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>活动名称或地点</source>
        <translation>Title or place</translation>
    </message>
    <message>
        <source>打印通知</source>
        <translation>Print notice</translation>
    </message>
    <message>
        <source>报名</source>
        <translation>Sign up</translation>
    </message>
    <message>
        <source>签到/取消签到</source>
        <translation>Came / did not come</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>报名/到场</source>
        <translation>Signed up / came</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>活动通知</source>
        <translation>Activity notice</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Attendance</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>编辑活动</source>
        <translation>Edit activity</translation>
    </message>
    <message>
        <source>新增活动</source>
        <translation>New activity</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>活动内容 (通知正文)</source>
        <translation>Content (notice text)</translation>
    </message>
    <message>
        <source>名额 (0=不限)</source>
        <translation>Places (0 = no limit)</translation>
    </message>
    <message>
        <source>费用(元)</source>
        <translation>Cost (yuan)</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>照片文件路径, 每行一个</source>
        <translation>Photo file paths, one a line</translation>
    </message>
</context>
<context>
    <name>AdjustDialog</name>
    <message>
        <source>调整已月结账期 %1</source>
        <translation>Adjust closed period %1</translation>
    </message>
    <message>
        <source>记在该户当前未结账期的账单上: 漏收填正数 (加一行调整), 多收填负数 (冲减该账单未缴的费用)。</source>
        <translation>Goes on the unit&apos;s bill of the current open period: a positive amount for a missed charge (an adjustment line), a negative one for an overcharge (taken off that bill&apos;s unpaid fees).</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>如 3-1-1502</source>
        <translation>e.g. 3-1-1502</translation>
    </message>
    <message>
        <source>收费项目</source>
        <translation>Fee item</translation>
    </message>
    <message>
        <source>金额 (元)</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <source>如 12.50 或 -20</source>
        <translation>e.g. 12.50 or -20</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>AdminForm</name>
    <message>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>管理员用户名</source>
        <translation>Administrator user name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>确认密码</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>用户名不能为空</source>
        <translation>The user name is required</translation>
    </message>
    <message>
        <source>密码至少%1位</source>
        <translation>The password needs at least %1 characters</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>编辑代扣协议</source>
        <translation>Edit withholding agreement</translation>
    </message>
    <message>
        <source>新增代扣协议</source>
        <translation>New withholding agreement</translation>
    </message>
    <message>
        <source>房屋</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>房号, 如 3-1-1502</source>
        <translation>Room, e.g. 3-1-1502</translation>
    </message>
    <message>
        <source>开户行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>如 工商银行</source>
        <translation>e.g. ICBC</translation>
    </message>
    <message>
        <source>户名</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <source>扣款账号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>生效日期</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <source>终止日期</source>
        <translation>Ends on</translation>
    </message>
    <message>
        <source>不填为长期</source>
        <translation>Empty: no end</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>AnnualPlanPage</name>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>设置目标</source>
        <translation>Set targets</translation>
    </message>
    <message>
        <source>实际数截至 %1; 预算单位: 元; 红色为未达标或超支</source>
        <translation>Actuals up to %1; budgets in yuan; red: target missed or budget overrun</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>录入答卷 %1</source>
        <translation>Enter answers %1</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>回收日期</source>
        <translation>Returned on</translation>
    </message>
    <message>
        <source>有不满意 (≤2分) 时开工单跟进</source>
        <translation>Open a work order for a low score (≤ 2)</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>正在填入演示数据…</source>
        <translation>Filling in demo data…</translation>
    </message>
    <message>
        <source>已退出登录</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <source>内部错误</source>
        <translation>Internal error</translation>
    </message>
</context>
<context>
    <name>Archive</name>
    <message>
        <source>待核实</source>
        <translation>To verify</translation>
    </message>
</context>
<context>
    <name>ArchivePage</name>
    <message>
        <source>搜索: 房号 (3-1-1502)、姓名、手机号、身份证尾号或车牌</source>
        <translation>Search: room (3-1-1502), name, phone, ID number tail or plate</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>身份证</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>待核实</source>
        <translation>To verify</translation>
    </message>
    <message>
        <source>新增房屋</source>
        <translation>New unit</translation>
    </message>
    <message>
        <source>编辑房屋</source>
        <translation>Edit unit</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>全部楼栋</source>
        <translation>All buildings</translation>
    </message>
    <message>
        <source>显示完整号码</source>
        <translation>Show full numbers</translation>
    </message>
    <message>
        <source>%1
手机号: %2
身份证号: %3

本次查看已记入审计日志。</source>
        <translation>%1
Mobile: %2
ID number: %3

This view has been recorded in the audit log.</translation>
    </message>
</context>
<context>
    <name>ArrearsPage</name>
    <message>
        <source>全部欠费户</source>
        <translation>All units in arrears</translation>
    </message>
    <message>
        <source>今日待催缴</source>
        <translation>To remind today</translation>
    </message>
    <message>
        <source>全部楼栋</source>
        <translation>All buildings</translation>
    </message>
    <message>
        <source>通知单账期, 如 2026-11</source>
        <translation>Notice period, e.g. 2026-11</translation>
    </message>
    <message>
        <source>登记催缴…</source>
        <translation>Log reminder…</translation>
    </message>
    <message>
        <source>打印本户通知单</source>
        <translation>Print notice for this unit</translation>
    </message>
    <message>
        <source>打印通知单 (所选楼栋/全部)</source>
        <translation>Print notices (building/all)</translation>
    </message>
    <message>
        <source>导出台账…</source>
        <translation>Export ledger…</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>催缴记录: 在上面的列表中点选一户查看</source>
        <translation>Reminder log: click a unit in the list above</translation>
    </message>
    <message>
        <source>催缴记录</source>
        <translation>Reminder log</translation>
    </message>
    <message>
        <source>欠费 %1 户, 合计 %2 元 (%3); 列表 %4 户</source>
        <translation>%1 units in arrears, total ¥%2 (%3); %4 units listed</translation>
    </message>
    <message>
        <source>催缴记录 · %1</source>
        <translation>Reminder log · %1</translation>
    </message>
    <message>
        <source>催缴记录 · %1: 还没有催缴记录</source>
        <translation>Reminder log · %1: no reminders yet</translation>
    </message>
    <message>
        <source>登记催缴</source>
        <translation>Log reminder</translation>
    </message>
    <message>
        <source>请先选择一户</source>
        <translation>Select a unit first</translation>
    </message>
    <message>
        <source>缴费通知单</source>
        <translation>Fee notice</translation>
    </message>
    <message>
        <source>账期: %1</source>
        <translation>Period: %1</translation>
    </message>
    <message>
        <source>该账期没有账单或欠费, 无需通知。</source>
        <translation>No bills or arrears in that period: no notice needed.</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>缴费通知单 (%1 页)</source>
        <translation>Fee notices (%1 pages)</translation>
    </message>
    <message>
        <source>导出台账</source>
        <translation>Export ledger</translation>
    </message>
    <message>
        <source>台账已导出: %1</source>
        <translation>Ledger exported: %1</translation>
    </message>
    <message>
        <source>楼栋 (%1)</source>
        <translation>Building (%1)</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>新增</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>Failed login</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>解锁屏幕</source>
        <translation>Unlock screen</translation>
    </message>
    <message>
        <source>查看完整个人信息</source>
        <translation>Reveal personal data</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>权限变更</source>
        <translation>Permission change</translation>
    </message>
    <message>
        <source>按号码查询</source>
        <translation>Search by number</translation>
    </message>
    <message>
        <source>号码查询被限制</source>
        <translation>Number search limited</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>房屋</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>房屋-人员关系</source>
        <translation>Unit–person link</translation>
    </message>
    <message>
        <source>车辆</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <source>车位</source>
        <translation>Parking space</translation>
    </message>
    <message>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>角色权限</source>
        <translation>Role permission</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>系统设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>岗位定编</source>
        <translation>Required positions</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>Work order</translation>
    </message>
    <message>
        <source>设备台账</source>
        <translation>Equipment ledger</translation>
    </message>
    <message>
        <source>设备履历</source>
        <translation>Equipment history</translation>
    </message>
    <message>
        <source>外包单位</source>
        <translation>Contractor</translation>
    </message>
    <message>
        <source>外包来访</source>
        <translation>Contractor visit</translation>
    </message>
    <message>
        <source>维保计划</source>
        <translation>PM plans</translation>
    </message>
    <message>
        <source>维保任务</source>
        <translation>PM tasks</translation>
    </message>
    <message>
        <source>维保检查项</source>
        <translation>PM check point</translation>
    </message>
    <message>
        <source>大中修计划</source>
        <translation>Major repairs</translation>
    </message>
    <message>
        <source>承接查验</source>
        <translation>Takeover inspection</translation>
    </message>
    <message>
        <source>查验检查项</source>
        <translation>Inspection check</translation>
    </message>
    <message>
        <source>查验问题</source>
        <translation>Inspection defect</translation>
    </message>
    <message>
        <source>库存物品</source>
        <translation>Stock item</translation>
    </message>
    <message>
        <source>出入库</source>
        <translation>Stock move</translation>
    </message>
    <message>
        <source>盘点</source>
        <translation>Stock-take</translation>
    </message>
    <message>
        <source>盘点明细</source>
        <translation>Stock-take line</translation>
    </message>
    <message>
        <source>工具借用</source>
        <translation>Tool loan</translation>
    </message>
    <message>
        <source>工单关联</source>
        <translation>Work order link</translation>
    </message>
    <message>
        <source>工单记录</source>
        <translation>Work order event</translation>
    </message>
    <message>
        <source>收费项目</source>
        <translation>Fee item</translation>
    </message>
    <message>
        <source>账单</source>
        <translation>Bill</translation>
    </message>
    <message>
        <source>账单明细</source>
        <translation>Bill line</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>预存款</source>
        <translation>Prepayment</translation>
    </message>
    <message>
        <source>收款分配</source>
        <translation>Payment allocation</translation>
    </message>
    <message>
        <source>催缴记录</source>
        <translation>Fee reminder</translation>
    </message>
    <message>
        <source>抄表</source>
        <translation>Meter reading</translation>
    </message>
    <message>
        <source>业主花名册</source>
        <translation>Owner roster</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>收费对象</source>
        <translation>Fee target</translation>
    </message>
    <message>
        <source>花名册导入</source>
        <translation>Roster import</translation>
    </message>
    <message>
        <source>工单时限</source>
        <translation>Deadline rule</translation>
    </message>
    <message>
        <source>工单材料</source>
        <translation>Work order material</translation>
    </message>
    <message>
        <source>单据编号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>缴费通知单</source>
        <translation>Fee notice</translation>
    </message>
    <message>
        <source>收费台账</source>
        <translation>Fee ledger</translation>
    </message>
    <message>
        <source>保洁计划</source>
        <translation>Cleaning plans</translation>
    </message>
    <message>
        <source>保洁任务</source>
        <translation>Cleaning task</translation>
    </message>
    <message>
        <source>保洁评分项目</source>
        <translation>Cleaning score item</translation>
    </message>
    <message>
        <source>保洁检查</source>
        <translation>Cleaning inspection</translation>
    </message>
    <message>
        <source>垃圾分类记录</source>
        <translation>Garbage record</translation>
    </message>
    <message>
        <source>绿化任务</source>
        <translation>Greening task</translation>
    </message>
    <message>
        <source>年度计划目标</source>
        <translation>Annual plan target</translation>
    </message>
    <message>
        <source>成本</source>
        <translation>Costs</translation>
    </message>
    <message>
        <source>对外联系</source>
        <translation>Outside contact</translation>
    </message>
    <message>
        <source>社区活动</source>
        <translation>Community activities</translation>
    </message>
    <message>
        <source>活动报名</source>
        <translation>Activity sign-up</translation>
    </message>
    <message>
        <source>满意度调查</source>
        <translation>Surveys</translation>
    </message>
    <message>
        <source>调查答卷</source>
        <translation>Survey answers</translation>
    </message>
    <message>
        <source>经营月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>代扣协议</source>
        <translation>Withholding agreement</translation>
    </message>
    <message>
        <source>银行格式</source>
        <translation>Bank layout</translation>
    </message>
    <message>
        <source>托收批次</source>
        <translation>Bank collection batch</translation>
    </message>
    <message>
        <source>访客</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <source>车辆出入</source>
        <translation>Vehicle passes</translation>
    </message>
    <message>
        <source>巡逻路线</source>
        <translation>Patrol routes</translation>
    </message>
    <message>
        <source>巡逻点</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <source>巡逻记录</source>
        <translation>Patrol rounds</translation>
    </message>
    <message>
        <source>巡逻打卡</source>
        <translation>Checkpoint visits</translation>
    </message>
    <message>
        <source>值班记录</source>
        <translation>Duty log</translation>
    </message>
    <message>
        <source>交接班</source>
        <translation>Shift handovers</translation>
    </message>
    <message>
        <source>应急预案</source>
        <translation>Emergency plans</translation>
    </message>
    <message>
        <source>突发事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>事件处置步骤</source>
        <translation>Incident steps</translation>
    </message>
    <message>
        <source>停水停电通知</source>
        <translation>Outage notices</translation>
    </message>
    <message>
        <source>违章</source>
        <translation>Violations</translation>
    </message>
    <message>
        <source>违章处理</source>
        <translation>Violation actions</translation>
    </message>
    <message>
        <source>钥匙借还</source>
        <translation>Key loans</translation>
    </message>
    <message>
        <source>快递</source>
        <translation>Parcels</translation>
    </message>
    <message>
        <source>培训考核</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>培训人员</source>
        <translation>Trainees</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>搜索摘要、变更内容、操作人</source>
        <translation>Search summary, changes, operator</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <source>已导出 %n 条记录。</source>
        <translation>
            <numerusform>Exported %n record.</numerusform>
            <numerusform>Exported %n records.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>今日自动备份已完成: %1</source>
        <translation>Today&apos;s automatic backup is done: %1</translation>
    </message>
    <message>
        <source>备份…</source>
        <translation>Back up…</translation>
    </message>
    <message>
        <source>恢复…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <source>PostgreSQL 数据库请在服务器上用 pg_restore 恢复</source>
        <translation>Restore a PostgreSQL database on the server with pg_restore</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <source>PropDesk 备份 (*.db *.dump)</source>
        <translation>PropDesk backups (*.db *.dump)</translation>
    </message>
    <message>
        <source>已备份到 %1</source>
        <translation>Backed up to %1</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>PropDesk 备份 (*.db)</source>
        <translation>PropDesk backups (*.db)</translation>
    </message>
    <message>
        <source>用 %1 (数据库版本 %2) 替换当前的全部数据?
当前数据库会先自动另存一份。</source>
        <translation>Replace all current data with %1 (database version %2)?
A copy of the current database is saved first.</translation>
    </message>
    <message>
        <source>已恢复。恢复前的数据已保存为 %1。
程序将关闭, 请重新启动并登录。</source>
        <translation>Restored. The data before the restore was saved as %1.
The program will close; start it again and log in.</translation>
    </message>
</context>
<context>
    <name>Bank</name>
    <message>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>已导入结果</source>
        <translation>Result imported</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>扣款成功</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>扣款失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>有误</source>
        <translation>In error</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>无效</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>未选择文件, 未生成。</source>
        <translation>No file chosen; nothing was made.</translation>
    </message>
</context>
<context>
    <name>BankPage</name>
    <message>
        <source>户名或开户行</source>
        <translation>Holder or bank</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>今天有效</source>
        <translation>Active today</translation>
    </message>
    <message>
        <source>生成托收文件</source>
        <translation>Make collection file</translation>
    </message>
    <message>
        <source>导入银行结果</source>
        <translation>Import bank result</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>代扣协议</source>
        <translation>Agreements</translation>
    </message>
    <message>
        <source>托收批次</source>
        <translation>Batches</translation>
    </message>
    <message>
        <source>银行格式</source>
        <translation>Bank layouts</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>托收截至账期</source>
        <translation>Collect arrears up to</translation>
    </message>
    <message>
        <source>文件格式</source>
        <translation>File format</translation>
    </message>
    <message>
        <source>CSV (UTF-8, Excel 可直接打开)</source>
        <translation>CSV (UTF-8, opens in Excel)</translation>
    </message>
    <message>
        <source>保存托收文件</source>
        <translation>Save collection file</translation>
    </message>
    <message>
        <source>正在生成托收文件…</source>
        <translation>Making the collection file…</translation>
    </message>
    <message>
        <source>已生成托收批次 {0}: {1} 户, 共 {2} 元。
请把文件交给银行; 银行返回结果后用“导入银行结果”导入。</source>
        <translation>Made collection batch {0}: {1} units, {2} yuan in all.
Give the file to the bank; when the bank returns its result, import it with &quot;Import bank result&quot;.</translation>
    </message>
    <message>
        <source>选择银行结果文件</source>
        <translation>Choose the bank result file</translation>
    </message>
    <message>
        <source>银行结果文件 (*.xlsx *.csv)</source>
        <translation>Bank result files (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>结果文件的银行格式</source>
        <translation>Layout of the result file</translation>
    </message>
</context>
<context>
    <name>BatchesPage</name>
    <message>
        <source>批次号或账期</source>
        <translation>Batch no. or period</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>撤销批次</source>
        <translation>Cancel batch</translation>
    </message>
    <message>
        <source>撤销托收批次 {0}</source>
        <translation>Cancel collection batch {0}</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Cancel batch</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>如 银行未处理, 重新生成</source>
        <translation>e.g. not processed by the bank, made again</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>银行格式</source>
        <translation>Bank layouts</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>{0} 导入: 成功 {1} 户 {2} 元, 失败 {3} 户</source>
        <translation>imported {0}: {1} collected ({2} yuan), {3} failed</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>托收批次 {0}</source>
        <translation>Collection batch {0}</translation>
    </message>
</context>
<context>
    <name>BillingRunPage</name>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>生成账单</source>
        <translation>Create bills</translation>
    </message>
    <message>
        <source>重算未缴账单…</source>
        <translation>Recalculate unpaid bills…</translation>
    </message>
    <message>
        <source>补收…</source>
        <translation>Supplementary bill…</translation>
    </message>
    <message>
        <source>导出台账…</source>
        <translation>Export ledger…</translation>
    </message>
    <message>
        <source>导入抄表读数…</source>
        <translation>Import meter readings…</translation>
    </message>
    <message>
        <source>输入账期后点“预览”, 核对合计后再生成账单。重复生成不会产生重复账单。</source>
        <translation>Enter a period and click &quot;Preview&quot;; check the totals, then create the bills. Running it twice never creates duplicate bills.</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>账期 %1: 已生成 %2 张账单, %3 条明细, 合计 %4 元。</source>
        <translation>Period %1: created %2 bills, %3 lines, total ¥%4.</translation>
    </message>
    <message>
        <source>账期 %1: 将生成 %2 张账单, %3 条明细, 合计 %4 元。</source>
        <translation>Period %1: will create %2 bills, %3 lines, total ¥%4.</translation>
    </message>
    <message>
        <source>另有 %1 户本期已有账单, 不重复生成。</source>
        <translation>%1 more units already have bills for this period and are skipped.</translation>
    </message>
    <message>
        <source>注意: </source>
        <translation>Note: </translation>
    </message>
    <message>
        <source>计费</source>
        <translation>Billing</translation>
    </message>
    <message>
        <source>账期: %1</source>
        <translation>Period: %1</translation>
    </message>
    <message>
        <source>计费预览</source>
        <translation>Billing preview</translation>
    </message>
    <message>
        <source>生成账单 %1</source>
        <translation>Create bills %1</translation>
    </message>
    <message>
        <source>已取消, 未生成任何账单。</source>
        <translation>Cancelled; no bills were created.</translation>
    </message>
    <message>
        <source>重算账单</source>
        <translation>Recalculate bills</translation>
    </message>
    <message>
        <source>没有需要重算的未缴账单。</source>
        <translation>There are no unpaid bills to recalculate.</translation>
    </message>
    <message>
        <source>账期 %1 有 %2 张未缴账单将按现行价格重算 (已有收款的 %3 张不变), 未缴合计 %4 → %5 元。继续?</source>
        <translation>Period %1: %2 unpaid bills will be recalculated at current prices (%3 with payments stay as they are); unpaid total ¥%4 → ¥%5. Continue?</translation>
    </message>
    <message>
        <source>已重算 %1 张账单。</source>
        <translation>Recalculated %1 bills.</translation>
    </message>
    <message>
        <source>补收</source>
        <translation>Supplementary bill</translation>
    </message>
    <message>
        <source>为账期 %1 补收的收费项目</source>
        <translation>Fee item to bill additionally for period %1</translation>
    </message>
    <message>
        <source>没有需要补收的账单。</source>
        <translation>No bill lacks this item.</translation>
    </message>
    <message>
        <source>账期 %1 将为 %2 户补收“%3”, 合计 %4 元。继续?</source>
        <translation>Period %1: bill “%3” additionally to %2 units, total ¥%4. Continue?</translation>
    </message>
    <message>
        <source>账期 %1: 已为 %2 户补收“%3”, 合计 %4 元。</source>
        <translation>Period %1: billed “%3” additionally to %2 units, total ¥%4.</translation>
    </message>
    <message>
        <source>导入抄表读数</source>
        <translation>Import meter readings</translation>
    </message>
    <message>
        <source>没有按抄表计费的收费项目, 请先在“收费项目”中添加。</source>
        <translation>No fee item is charged by meter reading; add one under &quot;Fee items&quot; first.</translation>
    </message>
    <message>
        <source>收费项目</source>
        <translation>Fee items</translation>
    </message>
    <message>
        <source>选择抄表文件</source>
        <translation>Choose the meter-reading file</translation>
    </message>
    <message>
        <source>已导入 %1 %2 读数 %3 户。</source>
        <translation>Imported %1 %2 readings for %3 units.</translation>
    </message>
    <message>
        <source>导出台账</source>
        <translation>Export ledger</translation>
    </message>
    <message>
        <source>台账已导出: %1</source>
        <translation>Ledger exported: %1</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
</context>
<context>
    <name>ChargeDatesDialog</name>
    <message>
        <source>计费起止日期</source>
        <translation>Charge dates</translation>
    </message>
    <message>
        <source>计费开始 (交房/收房日期)</source>
        <translation>Charges start (handover date)</translation>
    </message>
    <message>
        <source>计费结束 (迁出/过户日期, 含当天)</source>
        <translation>Charges end (move-out/transfer, inclusive)</translation>
    </message>
    <message>
        <source>如 2026-03-16; 空 = 不限</source>
        <translation>e.g. 2026-03-16; empty = open</translation>
    </message>
    <message>
        <source>已生成的账单不变; 如需按新日期重算请对该账期执行重算。</source>
        <translation>Bills already made stay as they are; recalculate the period to apply new dates.</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>1月</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>2月</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>3月</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>4月</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>5月</source>
        <translation>May</translation>
    </message>
    <message>
        <source>6月</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>7月</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>8月</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>9月</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>10月</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>11月</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>12月</source>
        <translation>Dec</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <source>访客登记</source>
        <translation>Visitor check-in</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>访客姓名</source>
        <translation>Visitor&apos;s name</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>可留空</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>到访房号</source>
        <translation>Visiting unit</translation>
    </message>
    <message>
        <source>例如 3-1-1502</source>
        <translation>e.g. 3-1-1502</translation>
    </message>
    <message>
        <source>到访地点</source>
        <translation>Visiting place</translation>
    </message>
    <message>
        <source>不是住户时填写, 如 物业办公室</source>
        <translation>If not a unit, e.g. management office</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>探亲访友</source>
        <translation>Family/friends</translation>
    </message>
    <message>
        <source>快递外卖</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>装修施工</source>
        <translation>Renovation work</translation>
    </message>
    <message>
        <source>维修服务</source>
        <translation>Repair service</translation>
    </message>
    <message>
        <source>看房</source>
        <translation>Viewing</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>车牌</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>开车来访时填写</source>
        <translation>If coming by car</translation>
    </message>
    <message>
        <source>同行人数</source>
        <translation>Companions</translation>
    </message>
    <message numerus="yes">
        <source>常客 (%n)</source>
        <translation>
            <numerusform>Frequent (%n)</numerusform>
            <numerusform>Frequent (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChecklistDialog</name>
    <message>
        <source>未查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Defective</translation>
    </message>
    <message>
        <source>查验检查表</source>
        <translation>Inspection checklist</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>检查内容</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>CleaningPlansPage</name>
    <message>
        <source>位置、外包公司或作业内容</source>
        <translation>Place, company or duties</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>全部区域</source>
        <translation>All areas</translation>
    </message>
    <message>
        <source>停用/恢复</source>
        <translation>Stop/resume</translation>
    </message>
</context>
<context>
    <name>Column</name>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>响应时限</source>
        <translation>Response time</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>单元</source>
        <translation>Entrance</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>建筑面积(㎡)</source>
        <translation>Floor area (㎡)</translation>
    </message>
    <message>
        <source>业主姓名</source>
        <translation>Owner name</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>入住日期</source>
        <translation>Move-in date</translation>
    </message>
    <message>
        <source>车位号</source>
        <translation>Parking space</translation>
    </message>
    <message>
        <source>车牌号</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Excel行</source>
        <translation>Excel row</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>楼层</source>
        <translation>Floor</translation>
    </message>
    <message>
        <source>面积(㎡)</source>
        <translation type="vanished">Area (㎡)</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>业主</source>
        <translation>Owners</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>核实</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>车牌</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>车主</source>
        <translation>Vehicle owner</translation>
    </message>
    <message>
        <source>车位</source>
        <translation>Parking</translation>
    </message>
    <message>
        <source>品牌</source>
        <translation>Make</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>班组</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>工作时间</source>
        <translation>Working hours</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>Working days</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>安排</source>
        <translation>Arrangement</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>值班人</source>
        <translation>On duty</translation>
    </message>
    <message>
        <source>交班时间</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>交班人</source>
        <translation>Handed over by</translation>
    </message>
    <message>
        <source>交接事项</source>
        <translation>Open matters</translation>
    </message>
    <message>
        <source>接班人</source>
        <translation>Taken over by</translation>
    </message>
    <message>
        <source>接班时间</source>
        <translation>Taken over</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>升级至</source>
        <translation>Escalated to</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>检查次数</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>平均分</source>
        <translation>Average</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>保修截止</source>
        <translation>Warranty until</translation>
    </message>
    <message>
        <source>维保单位</source>
        <translation>Contractor</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>费用</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>规格</source>
        <translation>Spec</translation>
    </message>
    <message>
        <source>结存</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>均价</source>
        <translation>Avg. price</translation>
    </message>
    <message>
        <source>最低库存</source>
        <translation>Min. stock</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>去向/来源</source>
        <translation>To / from</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>物品</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>用量</source>
        <translation>Used</translation>
    </message>
    <message>
        <source>工具</source>
        <translation>Tool</translation>
    </message>
    <message>
        <source>借出日期</source>
        <translation>Lent on</translation>
    </message>
    <message>
        <source>应还日期</source>
        <translation>Due back</translation>
    </message>
    <message>
        <source>导入批次</source>
        <translation>Import batch</translation>
    </message>
    <message>
        <source>变更内容 (前 → 后)</source>
        <translation>Changes (before → after)</translation>
    </message>
    <message>
        <source>欠费合计</source>
        <translation>Total arrears</translation>
    </message>
    <message>
        <source>≤3个月</source>
        <translation>≤3 months</translation>
    </message>
    <message>
        <source>4–6个月</source>
        <translation>4–6 months</translation>
    </message>
    <message>
        <source>7–12个月</source>
        <translation>7–12 months</translation>
    </message>
    <message>
        <source>&gt;12个月</source>
        <translation>&gt;12 months</translation>
    </message>
    <message>
        <source>最早欠费账期</source>
        <translation>Oldest unpaid period</translation>
    </message>
    <message>
        <source>欠费月数</source>
        <translation>Months in arrears</translation>
    </message>
    <message>
        <source>最近催缴</source>
        <translation>Last reminder</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>承诺缴费日</source>
        <translation>Promised payment date</translation>
    </message>
    <message>
        <source>催缴人</source>
        <translation>Reminded by</translation>
    </message>
    <message>
        <source>当时欠费</source>
        <translation>Arrears then</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>收费项目</source>
        <translation>Fee item</translation>
    </message>
    <message>
        <source>计费说明</source>
        <translation>Calculation</translation>
    </message>
    <message>
        <source>应收</source>
        <translation>Billed</translation>
    </message>
    <message>
        <source>已缴</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>未缴</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <source>滞纳金</source>
        <translation>Late fee</translation>
    </message>
    <message>
        <source>业主车辆</source>
        <translation>Owner&apos;s car</translation>
    </message>
    <message>
        <source>入场</source>
        <translation>In</translation>
    </message>
    <message>
        <source>出场</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>停放(分钟)</source>
        <translation>Stay (min)</translation>
    </message>
    <message>
        <source>停车费</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>收据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>收款人</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>户名</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <source>开户行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>扣款账号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>生效</source>
        <translation>From</translation>
    </message>
    <message>
        <source>终止</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>批次号</source>
        <translation>Batch no.</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>金额(元)</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <source>成功</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>参考号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>失败原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>成功值</source>
        <translation>Success values</translation>
    </message>
    <message>
        <source>失败值</source>
        <translation>Failure values</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>计费方式</source>
        <translation>Charging method</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>应完成日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>维保计划</source>
        <translation>PM plan</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Check point</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>计划名称</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>Cycle</translation>
    </message>
    <message>
        <source>检查项数</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>适用范围</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <source>影响楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>告知内容</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>费用类别</source>
        <translation>Fee category</translation>
    </message>
    <message>
        <source>应收(元)</source>
        <translation>Billed (¥)</translation>
    </message>
    <message>
        <source>实收(元)</source>
        <translation>Collected (¥)</translation>
    </message>
    <message>
        <source>未收(元)</source>
        <translation>Outstanding (¥)</translation>
    </message>
    <message>
        <source>收缴率</source>
        <translation>Collection rate</translation>
    </message>
    <message>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>笔数</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>锁定至</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <source>工单编号</source>
        <translation>Work order no.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>房屋</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>合同到期</source>
        <translation>Contract ends</translation>
    </message>
    <message>
        <source>剩余天数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>维保内容</source>
        <translation>Work done</translation>
    </message>
    <message>
        <source>已验收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>来访次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>平均评分</source>
        <translation>Avg. rating</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>查验日期</source>
        <translation>Inspected on</translation>
    </message>
    <message>
        <source>楼栋/房屋</source>
        <translation>Building / unit</translation>
    </message>
    <message>
        <source>移交单位</source>
        <translation>Handed over by</translation>
    </message>
    <message>
        <source>查验人</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>已查项</source>
        <translation>Checked</translation>
    </message>
    <message>
        <source>未销项</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>部位</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>名额</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>报名人数</source>
        <translation>Signed up</translation>
    </message>
    <message>
        <source>到场人数</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>费用(元)</source>
        <translation>Cost (yuan)</translation>
    </message>
    <message>
        <source>报名人</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>到场</source>
        <translation>Came</translation>
    </message>
    <message>
        <source>发放日期</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>调查</source>
        <translation>Survey</translation>
    </message>
    <message>
        <source>抽样户数</source>
        <translation>Sample size</translation>
    </message>
    <message>
        <source>已回收</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>平均满意度</source>
        <translation>Average satisfaction</translation>
    </message>
    <message>
        <source>回收日期</source>
        <translation>Returned on</translation>
    </message>
    <message>
        <source>评分</source>
        <translation>Scores</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>重量(kg)</source>
        <translation>Weight (kg)</translation>
    </message>
    <message>
        <source>桶数</source>
        <translation>Bins</translation>
    </message>
    <message>
        <source>清运单位</source>
        <translation>Collector</translation>
    </message>
    <message>
        <source>签收人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>清运次数</source>
        <translation>Collections</translation>
    </message>
    <message>
        <source>计划日期</source>
        <translation>Planned on</translation>
    </message>
    <message>
        <source>季节</source>
        <translation>Season</translation>
    </message>
    <message>
        <source>作业</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>完成日期</source>
        <translation>Done on</translation>
    </message>
    <message>
        <source>药剂/肥料</source>
        <translation>Agent/fertiliser</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>In charge</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>具体位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>保洁员/外包公司</source>
        <translation>Cleaner / company</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>复查</source>
        <translation>Re-inspect</translation>
    </message>
    <message>
        <source>已复查</source>
        <translation>Re-inspected</translation>
    </message>
    <message>
        <source>评分项目</source>
        <translation>Score item</translation>
    </message>
    <message>
        <source>权重</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>得分(0-10)</source>
        <translation>Mark (0-10)</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>执行中</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>作业内容</source>
        <translation>Duties</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>1月</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>2月</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>3月</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>4月</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>5月</source>
        <translation>May</translation>
    </message>
    <message>
        <source>6月</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>7月</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>8月</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>9月</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>10月</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>11月</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>12月</source>
        <translation>Dec</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>本年累计</source>
        <translation>Year to date</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>后续跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>跟进日期</source>
        <translation>Follow up on</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>演练</source>
        <translation>Drill</translation>
    </message>
    <message>
        <source>发生时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>处置</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>预案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>步骤数</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>钥匙</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>借用人</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>借出</source>
        <translation>Lent</translation>
    </message>
    <message>
        <source>归还</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>归还人</source>
        <translation>Returned by</translation>
    </message>
    <message>
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>快递公司</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <source>收到</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已通知</source>
        <translation>Notified</translation>
    </message>
    <message>
        <source>取件</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <source>取件人</source>
        <translation>Picked up by</translation>
    </message>
    <message>
        <source>巡逻时间</source>
        <translation>Patrol time</translation>
    </message>
    <message>
        <source>路线</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>巡逻人</source>
        <translation>Guard</translation>
    </message>
    <message>
        <source>巡逻点</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <source>漏巡</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>异常</source>
        <translation>Anomaly</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>到达</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>周(周一)</source>
        <translation>Week (Mon)</translation>
    </message>
    <message>
        <source>巡逻次数</source>
        <translation>Rounds</translation>
    </message>
    <message>
        <source>应巡点数</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <source>漏巡点数</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>培训/考核内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>讲师/考核人</source>
        <translation>Trainer/assessor</translation>
    </message>
    <message>
        <source>参加人员</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <source>房号/地点</source>
        <translation>Unit/place</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>访客单号</source>
        <translation>Pass no.</translation>
    </message>
    <message>
        <source>到访</source>
        <translation>Visiting</translation>
    </message>
    <message>
        <source>进入</source>
        <translation>In</translation>
    </message>
    <message>
        <source>离开</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>项目名称</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>预算</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>实际费用</source>
        <translation>Actual cost</translation>
    </message>
    <message>
        <source>外包单位</source>
        <translation>Contractor</translation>
    </message>
    <message>
        <source>入职日期</source>
        <translation>Hired on</translation>
    </message>
    <message>
        <source>登录账户</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>定编</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>在岗</source>
        <translation>Filled</translation>
    </message>
    <message>
        <source>空缺</source>
        <translation>Vacant</translation>
    </message>
    <message>
        <source>月结时间</source>
        <translation>Closed at</translation>
    </message>
    <message>
        <source>月结人</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <source>月结后补收(元)</source>
        <translation>Collected later</translation>
    </message>
    <message>
        <source>重新打开原因</source>
        <translation>Reopen reason</translation>
    </message>
    <message>
        <source>上次读数</source>
        <translation>Last reading</translation>
    </message>
    <message>
        <source>平均用量</source>
        <translation>Average usage</translation>
    </message>
    <message>
        <source>本期读数</source>
        <translation>This reading</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>公摊总表</source>
        <translation>Shared meter</translation>
    </message>
    <message>
        <source>扣除分户表</source>
        <translation>Less sub-meters</translation>
    </message>
    <message>
        <source>分摊方式</source>
        <translation>Split</translation>
    </message>
    <message>
        <source>单价(元)</source>
        <translation>Unit price (¥)</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>最近读数</source>
        <translation>Last reading</translation>
    </message>
    <message>
        <source>面积/户</source>
        <translation>Area/unit</translation>
    </message>
    <message>
        <source>分户用量</source>
        <translation>Own usage</translation>
    </message>
    <message>
        <source>分摊用量</source>
        <translation>Shared usage</translation>
    </message>
    <message>
        <source>已入账(元)</source>
        <translation>Posted (¥)</translation>
    </message>
    <message>
        <source>公式</source>
        <translation>Formula</translation>
    </message>
</context>
<context>
    <name>CompleteDialog</name>
    <message>
        <source>处理情况</source>
        <translation>Work done</translation>
    </message>
    <message>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit of measure</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>单价(元)</source>
        <translation>Unit price (¥)</translation>
    </message>
    <message>
        <source>金额(元)</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <source>添加材料</source>
        <translation>Add material</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>从库存选择</source>
        <translation>From stock</translation>
    </message>
    <message>
        <source>使用材料</source>
        <translation>Materials used</translation>
    </message>
    <message>
        <source>人工费(元)</source>
        <translation>Labour (¥)</translation>
    </message>
    <message>
        <source>向业主收费</source>
        <translation>Charge the owner</translation>
    </message>
    <message>
        <source>公共部位维修, 不向业主收费</source>
        <translation>Common-area repair, not charged to the owner</translation>
    </message>
    <message>
        <source>人工费不是有效金额</source>
        <translation>Labour is not a valid amount</translation>
    </message>
    <message>
        <source>人工费 %1 + 材料费 %2 = %3 元</source>
        <translation>Labour %1 + materials %2 = ¥%3</translation>
    </message>
</context>
<context>
    <name>CorrectDialog</name>
    <message>
        <source>(公共区域)</source>
        <translation>(common area)</translation>
    </message>
    <message>
        <source>(无, 公共区域)</source>
        <translation>(none, common area)</translation>
    </message>
    <message>
        <source>输入房号或业主姓名后回车查找</source>
        <translation>Type a room or owner name and press Enter</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>部位</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>房屋</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>没有找到匹配的房屋</source>
        <translation>No matching unit</translation>
    </message>
</context>
<context>
    <name>CostDialog</name>
    <message>
        <source>编辑成本</source>
        <translation>Edit cost</translation>
    </message>
    <message>
        <source>新增成本</source>
        <translation>New cost</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>金额(元)</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
</context>
<context>
    <name>CostsPage</name>
    <message>
        <source>摘要或单位</source>
        <translation>Description or organisation</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>导入成本</source>
        <translation>Import costs</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>已导入 %1 条, 合计 %2 元</source>
        <translation>Imported %1 entries, %2 yuan in all</translation>
    </message>
</context>
<context>
    <name>DailyTasksPage</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>全部区域</source>
        <translation>All areas</translation>
    </message>
    <message>
        <source>生成当日任务</source>
        <translation>Generate the day&apos;s tasks</translation>
    </message>
    <message>
        <source>标记完成</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>撤销完成</source>
        <translation>Undo done</translation>
    </message>
    <message>
        <source>已完成 %1 / %2</source>
        <translation>Done %1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>新生成 %n 项任务</source>
        <translation>
            <numerusform>%n new task</numerusform>
            <numerusform>%n new tasks</numerusform>
        </translation>
    </message>
    <message>
        <source>保洁任务</source>
        <translation>Cleaning task</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>物业费收缴率</source>
        <translation>Property fee collection</translation>
    </message>
    <message>
        <source>停车费收缴率</source>
        <translation>Parking fee collection</translation>
    </message>
    <message>
        <source>欠费合计(元)</source>
        <translation>Total arrears (¥)</translation>
    </message>
    <message>
        <source>未完成工单</source>
        <translation>Open work orders</translation>
    </message>
    <message>
        <source>超时工单</source>
        <translation>Overdue orders</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>回访满意度</source>
        <translation>Follow-up satisfaction</translation>
    </message>
    <message>
        <source>待经理处理</source>
        <translation>Escalated to manager</translation>
    </message>
    <message>
        <source>按时完成率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <source>返工率</source>
        <translation>Rework rate</translation>
    </message>
    <message>
        <source>收缴率</source>
        <translation>Collection rate</translation>
    </message>
    <message>
        <source>月度收缴率</source>
        <translation>Monthly collection rate</translation>
    </message>
    <message>
        <source>欠费账龄</source>
        <translation>Arrears by age</translation>
    </message>
    <message>
        <source>未完成工单 (按班组)</source>
        <translation>Open orders by team</translation>
    </message>
    <message>
        <source>投诉与回访满意度</source>
        <translation>Complaints and satisfaction</translation>
    </message>
    <message>
        <source>房屋状态</source>
        <translation>Unit status</translation>
    </message>
    <message>
        <source>提示: 点击卡片或柱形可查看对应明细; 欠费和未完成工单为当前数字, 其余按所选账期。</source>
        <translation>Tip: click a card or a bar to see the rows behind it. Arrears and open orders are as of now; the rest follow the chosen period.</translation>
    </message>
    <message>
        <source>房屋</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>入住率</source>
        <translation>Occupancy</translation>
    </message>
    <message>
        <source>业主及住户</source>
        <translation>Owners and residents</translation>
    </message>
    <message>
        <source>登记车辆</source>
        <translation>Registered vehicles</translation>
    </message>
    <message>
        <source>车位</source>
        <translation>Parking spaces</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <source>%1组员工</source>
        <translation>%1 staff</translation>
    </message>
    <message>
        <source>房屋与住户</source>
        <translation>Units and residents</translation>
    </message>
    <message>
        <source>各组在岗员工</source>
        <translation>Active staff per team</translation>
    </message>
    <message>
        <source>更新于 %1</source>
        <translation>Updated %1</translation>
    </message>
    <message>
        <source>已入住 %1 · 空置 %2 · 装修中 %3</source>
        <translation>occupied %1 · vacant %2 · renovating %3</translation>
    </message>
    <message>
        <source>已入住房屋 / 全部房屋</source>
        <translation>occupied units / all units</translation>
    </message>
    <message>
        <source>其中关联房屋的 %1 人</source>
        <translation>%1 of them linked to a unit</translation>
    </message>
    <message>
        <source>还没有房屋。在“客服 → 业主档案”中登记或导入花名册。</source>
        <translation>No units yet. Add them or import the roster under &quot;Service → Owner archive&quot;.</translation>
    </message>
    <message>
        <source>已入住 %1 (%2)</source>
        <translation>Occupied %1 (%2)</translation>
    </message>
    <message>
        <source>空置 %1 (%2)</source>
        <translation>Vacant %1 (%2)</translation>
    </message>
    <message>
        <source>装修中 %1 (%2)</source>
        <translation>Renovating %1 (%2)</translation>
    </message>
    <message>
        <source>没有“查看收费报表”权限, 不显示收费图表。</source>
        <translation>Fee charts need the &quot;View fee reports&quot; permission.</translation>
    </message>
    <message>
        <source>%1 收缴率</source>
        <translation>%1 collection rate</translation>
    </message>
    <message>
        <source>无权查看</source>
        <translation>No permission</translation>
    </message>
    <message>
        <source>维保完成率</source>
        <translation>PM completion</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>%1 应做 %2 项, 完成 %3 项</source>
        <translation>%1: %2 due, %3 done</translation>
    </message>
    <message>
        <source>%1 · 本年累计 %2</source>
        <translation>%1 · year to date %2</translation>
    </message>
    <message>
        <source>%1 尚无账单</source>
        <translation>No bills for %1</translation>
    </message>
    <message>
        <source>账期 %1 尚无账单。先在“计费”页生成账单。</source>
        <translation>No bills for period %1 yet. Create them on the &quot;Billing&quot; page first.</translation>
    </message>
    <message>
        <source>本月 (%1)</source>
        <translation>This month (%1)</translation>
    </message>
    <message>
        <source>本年累计</source>
        <translation>Year to date</translation>
    </message>
    <message>
        <source>近 %1 个月尚无账单。</source>
        <translation>No bills in the last %1 months.</translation>
    </message>
    <message>
        <source>%1 %2: 应收 %3 元, 实收 %4 元, 收缴率 %5</source>
        <translation>%1 %2: billed ¥%3, collected ¥%4, collection rate %5</translation>
    </message>
    <message>
        <source>欠费账龄 (截至 %1)</source>
        <translation>Arrears by age (as of %1)</translation>
    </message>
    <message>
        <source>没有“收费”或“查看收费报表”权限, 不显示欠费。</source>
        <translation>Arrears need the &quot;Take payments&quot; or &quot;View fee reports&quot; permission.</translation>
    </message>
    <message>
        <source>%1 户欠费</source>
        <translation>%1 units in arrears</translation>
    </message>
    <message>
        <source>目前没有欠费。</source>
        <translation>No arrears at the moment.</translation>
    </message>
    <message>
        <source>欠费金额(万元)</source>
        <translation>Arrears (¥10k)</translation>
    </message>
    <message>
        <source>%1: %2 元, %3 户</source>
        <translation>%1: ¥%2, %3 units</translation>
    </message>
    <message>
        <source>万元</source>
        <translation>¥10k</translation>
    </message>
    <message>
        <source>%1 完成 %2 张, 按时 %3 张</source>
        <translation>%1: %2 completed, %3 on time</translation>
    </message>
    <message>
        <source>%1 回访 %2 张, 返工 %3 张</source>
        <translation>%1: %2 visited, %3 reworked</translation>
    </message>
    <message>
        <source>%1: 按时 %2, 返工 %3</source>
        <translation>%1: on time %2, rework %3</translation>
    </message>
    <message>
        <source>当前, 其中超时 %1</source>
        <translation>now, %1 of them overdue</translation>
    </message>
    <message>
        <source>当前未按时响应或完成</source>
        <translation>not answered or finished in time</translation>
    </message>
    <message>
        <source>%1 受理工单 %2 张</source>
        <translation>%1: %2 orders received</translation>
    </message>
    <message>
        <source>%1 回访 %2 次 (满分 5)</source>
        <translation>%1: %2 follow-ups (out of 5)</translation>
    </message>
    <message>
        <source>升级至经理的工单</source>
        <translation>orders escalated to the manager</translation>
    </message>
    <message>
        <source>目前没有未完成的工单。</source>
        <translation>No open work orders at the moment.</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>未超时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>%1: 未完成 %2, 超时 %3</source>
        <translation>%1: %2 open, %3 overdue</translation>
    </message>
    <message>
        <source>近 %1 个月没有工单。</source>
        <translation>No work orders in the last %1 months.</translation>
    </message>
    <message>
        <source>投诉(件)</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>%1: 投诉 %2 件, 受理 %3 件</source>
        <translation>%1: %2 complaints, %3 orders received</translation>
    </message>
    <message>
        <source>满意度(分)</source>
        <translation>Satisfaction (points)</translation>
    </message>
    <message>
        <source>欠费房屋</source>
        <translation>Units in arrears</translation>
    </message>
    <message>
        <source>欠费房屋 · 账龄 %1</source>
        <translation>Units in arrears · age %1</translation>
    </message>
    <message>
        <source>%1 户, 合计 %2 元 (截至 %3)</source>
        <translation>%1 units, total ¥%2 (as of %3)</translation>
    </message>
    <message>
        <source>收缴明细</source>
        <translation>Collection details</translation>
    </message>
    <message>
        <source>应收 %1 元, 实收 %2 元, 未收 %3 元; %4 户未缴清 (含滞纳金)</source>
        <translation>Billed ¥%1, collected ¥%2, outstanding ¥%3; %4 units not fully paid (late fees included)</translation>
    </message>
    <message>
        <source>%1 %2 未缴清房屋</source>
        <translation>%1 %2 units not fully paid</translation>
    </message>
    <message>
        <source>%1 年累计: 应收 %2 元, 实收 %3 元</source>
        <translation>%1 year to date: billed ¥%2, collected ¥%3</translation>
    </message>
    <message>
        <source>%1 本年累计收缴 (逐月)</source>
        <translation>%1 year-to-date collection (by month)</translation>
    </message>
    <message>
        <source>共 %1 张工单; 选中一张可查看详情并催办、派单等</source>
        <translation>%1 work orders; select one to see its details and chase, dispatch…</translation>
    </message>
    <message>
        <source>共 %1 张工单</source>
        <translation type="vanished">%1 work orders</translation>
    </message>
    <message>
        <source>全部班组</source>
        <translation>All teams</translation>
    </message>
    <message>
        <source>%1 · 超时工单</source>
        <translation>%1 · overdue orders</translation>
    </message>
    <message>
        <source>%1 · 未完成工单</source>
        <translation>%1 · open orders</translation>
    </message>
    <message>
        <source>%1 投诉</source>
        <translation>%1 complaints</translation>
    </message>
    <message>
        <source>待经理处理的工单</source>
        <translation>Orders waiting for the manager</translation>
    </message>
</context>
<context>
    <name>DeadlineRulesPage</name>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>保存规则</source>
        <translation>Save rule</translation>
    </message>
    <message>
        <source>修改时限</source>
        <translation>Change deadlines</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>响应时限</source>
        <translation>Response time</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>响应时限: 受理后多久内开始处理; 完成时限: 受理后多久内完成。按服务日历的工作时间计算。</source>
        <translation>Response: how soon work must start after the report; completion: how soon it must be done. Counted in working time of the service calendar.</translation>
    </message>
    <message>
        <source>时限规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>服务日历</source>
        <translation>Service calendar</translation>
    </message>
    <message>
        <source>自动升级</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <source>响应时限: 受理后多久内开始处理; 完成时限: 受理后多久内完成。</source>
        <translation type="vanished">Response time: how soon after intake work must start; due: how soon after intake it must be finished.</translation>
    </message>
    <message>
        <source>已保存。新登记的工单按新时限计算。</source>
        <translation>Saved. New work orders use the new deadlines.</translation>
    </message>
</context>
<context>
    <name>DefectDialog</name>
    <message>
        <source>编辑问题</source>
        <translation>Edit defect</translation>
    </message>
    <message>
        <source>登记问题</source>
        <translation>Record defect</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>部位</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>例如 9栋12层楼梯间</source>
        <translation>e.g. Bldg 9, 12F stairwell</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>照片路径</source>
        <translation>Photo path</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
</context>
<context>
    <name>DeskCloseDialog</name>
    <message>
        <source>答复内容</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>需要回访</source>
        <translation>Return visit wanted</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>在左侧选择一行查看详情</source>
        <translation>Select a row on the left to see its details</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>班组</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>派单说明</source>
        <translation>Dispatch note</translation>
    </message>
    <message>
        <source>改派原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>如 请假、技能不符、离职交接</source>
        <translation>e.g. on leave, other skills, leaving</translation>
    </message>
    <message numerus="yes">
        <source> (在办 %n 单)</source>
        <translation>
            <numerusform> (%n open order)</numerusform>
            <numerusform> (%n open orders)</numerusform>
        </translation>
    </message>
    <message>
        <source> (当前)</source>
        <translation> (current)</translation>
    </message>
    <message>
        <source>(该班组没有在职员工)</source>
        <translation>(no active staff in this team)</translation>
    </message>
    <message>
        <source>请填写改派原因</source>
        <translation>Please give the reason for reassigning</translation>
    </message>
    <message>
        <source>请选择处理人 (↑↓)</source>
        <translation>Choose who handles it (↑↓)</translation>
    </message>
    <message>
        <source>请选择处理人</source>
        <translation>Choose who handles it</translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DutyLogPage</name>
    <message>
        <source>(按岗位筛选)</source>
        <translation>(filter by post)</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>全部岗位</source>
        <translation>All posts</translation>
    </message>
    <message>
        <source>记一笔</source>
        <translation>Add entry</translation>
    </message>
    <message>
        <source>交班</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>交接班</source>
        <translation>Shift handovers</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>例如 10:20 3栋地库监控画面中断, 已通知工程</source>
        <translation>e.g. 10:20 camera in B3 garage down, engineering told</translation>
    </message>
    <message>
        <source>值班记录</source>
        <translation>Duty log</translation>
    </message>
    <message>
        <source>交接事项</source>
        <translation>Open matters</translation>
    </message>
    <message>
        <source>每行一件未了事项; 没有请写“无”</source>
        <translation>One open matter a line; write &quot;none&quot; if there are none</translation>
    </message>
</context>
<context>
    <name>Engineering</name>
    <message>
        <source>房屋本体</source>
        <translation>Building fabric</translation>
    </message>
    <message>
        <source>照明</source>
        <translation>Lighting</translation>
    </message>
    <message>
        <source>给排水</source>
        <translation>Water</translation>
    </message>
    <message>
        <source>供配电</source>
        <translation>Power supply</translation>
    </message>
    <message>
        <source>消防</source>
        <translation>Fire safety</translation>
    </message>
    <message>
        <source>电梯</source>
        <translation>Elevator</translation>
    </message>
    <message>
        <source>暖通空调</source>
        <translation>HVAC</translation>
    </message>
    <message>
        <source>弱电(监控/门禁)</source>
        <translation>Low voltage (CCTV/access)</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>故障</source>
        <translation>Faulty</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <source>报废</source>
        <translation>Scrapped</translation>
    </message>
    <message>
        <source>每天</source>
        <translation>Every day</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>每季度</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>每年</source>
        <translation>Yearly</translation>
    </message>
    <message>
        <source>每N天</source>
        <translation>Every N days</translation>
    </message>
    <message>
        <source>待执行</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>大修</source>
        <translation>Major repair</translation>
    </message>
    <message>
        <source>中修</source>
        <translation>Medium repair</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已验收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>主体结构</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>装饰装修</source>
        <translation>Finishes</translation>
    </message>
    <message>
        <source>电气</source>
        <translation>Electrical</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>待整改</source>
        <translation>To fix</translation>
    </message>
    <message>
        <source>复验未通过</source>
        <translation>Failed re-inspection</translation>
    </message>
    <message>
        <source>已销项</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>更换部件</source>
        <translation>Part replaced</translation>
    </message>
    <message>
        <source>维修</source>
        <translation>Repair</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>维保</source>
        <translation>PM</translation>
    </message>
    <message>
        <source>维修工单</source>
        <translation>Repair order</translation>
    </message>
    <message>
        <source>工程库</source>
        <translation>Engineering store</translation>
    </message>
    <message>
        <source>外包维保</source>
        <translation>Contractors</translation>
    </message>
    <message>
        <source>保洁库</source>
        <translation>Cleaning store</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>备件</source>
        <translation>Spare part</translation>
    </message>
    <message>
        <source>工具</source>
        <translation>Tool</translation>
    </message>
    <message>
        <source>保洁用品</source>
        <translation>Cleaning supplies</translation>
    </message>
    <message>
        <source>清洁药剂</source>
        <translation>Cleaning agent</translation>
    </message>
    <message>
        <source>入库</source>
        <translation>Stock in</translation>
    </message>
    <message>
        <source>领用出库</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>退库</source>
        <translation>Return to store</translation>
    </message>
    <message>
        <source>盘点调整</source>
        <translation>Stock-take adjustment</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>异常</source>
        <translation>Anomaly</translation>
    </message>
    <message>
        <source>借出</source>
        <translation type="vanished">Lent out</translation>
    </message>
    <message>
        <source>归还</source>
        <translation type="vanished">Returned</translation>
    </message>
</context>
<context>
    <name>EquipmentDialog</name>
    <message>
        <source>编辑设备</source>
        <translation>Edit equipment</translation>
    </message>
    <message>
        <source>新增设备</source>
        <translation>New equipment</translation>
    </message>
    <message>
        <source>设备编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>例如 GPS-001</source>
        <translation>e.g. GPS-001</translation>
    </message>
    <message>
        <source>设备名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>所属系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>例如 地下一层泵房</source>
        <translation>e.g. B1 pump room</translation>
    </message>
    <message>
        <source>型号</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>生产厂家</source>
        <translation>Maker</translation>
    </message>
    <message>
        <source>安装日期</source>
        <translation>Installed on</translation>
    </message>
    <message>
        <source>保修截止</source>
        <translation>Warranty until</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>维保单位</source>
        <translation>Contractor</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>EquipmentPage</name>
    <message>
        <source>编号、名称、位置、型号或扫描标签</source>
        <translation>Code, name, location, model or scan a label</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>全部系统</source>
        <translation>All systems</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>打印标签</source>
        <translation>Print labels</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>记录履历</source>
        <translation>Add history</translation>
    </message>
    <message>
        <source>报修</source>
        <translation>Repair</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>型号/厂家</source>
        <translation>Model/maker</translation>
    </message>
    <message>
        <source>安装日期</source>
        <translation>Installed on</translation>
    </message>
    <message>
        <source>保修截止</source>
        <translation>Warranty until</translation>
    </message>
    <message>
        <source>维保单位</source>
        <translation>Contractor</translation>
    </message>
    <message>
        <source>累计费用</source>
        <translation>Total cost</translation>
    </message>
    <message>
        <source>设备标签</source>
        <translation>Equipment labels</translation>
    </message>
    <message>
        <source>导出设备台账</source>
        <translation>Export equipment ledger</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <source>导入设备台账</source>
        <translation>Import equipment ledger</translation>
    </message>
    <message>
        <source>共 %1 行: 新增 %2, 更新 %3</source>
        <translation>%1 rows: %2 added, %3 updated</translation>
    </message>
</context>
<context>
    <name>EscalationListDialog</name>
    <message>
        <source>自动升级清单</source>
        <translation>Escalations</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 步</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EscalationPanel</name>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>超时自动升级</source>
        <translation>Escalate overdue orders</translation>
    </message>
    <message>
        <source>超时多久升级至班组主管</source>
        <translation>Overdue before the supervisor is told</translation>
    </message>
    <message>
        <source>超时多久升级至经理</source>
        <translation>Overdue before the manager is told</translation>
    </message>
    <message>
        <source>按工作时间计; 挂起的工单不升级。每一步都记入工单的处理记录, 并列入当天的升级清单。</source>
        <translation>Working time; orders on hold do not escalate. Each step is logged in the order&apos;s history and listed in the day&apos;s escalations.</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>FeeCounterPage</name>
    <message>
        <source>房号 / 姓名 / 手机号 / 车牌, 回车查找</source>
        <translation>Room / name / mobile / plate, Enter to search</translation>
    </message>
    <message>
        <source>请先查找房屋</source>
        <translation>Find a unit first</translation>
    </message>
    <message>
        <source>在左上角输入房号、业主姓名、手机号或车牌, 按回车查找, 再点选房屋。</source>
        <translation>Type a room, owner name, mobile or plate in the top-left box, press Enter, then click the unit.</translation>
    </message>
    <message>
        <source>只收所选明细</source>
        <translation>Only the selected lines</translation>
    </message>
    <message>
        <source>先用预存款抵扣</source>
        <translation>Use prepayment first</translation>
    </message>
    <message>
        <source>收取滞纳金</source>
        <translation>Charge late fees</translation>
    </message>
    <message>
        <source>收款并打印收据</source>
        <translation>Take payment and print receipt</translation>
    </message>
    <message>
        <source>收款金额(元)</source>
        <translation>Amount received (¥)</translation>
    </message>
    <message>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>交款人</source>
        <translation>Paid by</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>减免…</source>
        <translation>Waive…</translation>
    </message>
    <message>
        <source>退款…</source>
        <translation>Refund…</translation>
    </message>
    <message>
        <source>计费起止日期…</source>
        <translation>Charge dates…</translation>
    </message>
    <message>
        <source>打印我的日结单</source>
        <translation>Print my daily report</translation>
    </message>
    <message>
        <source>打印收据</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>打印缴费通知单</source>
        <translation>Print fee notice</translation>
    </message>
    <message>
        <source>作废收款…</source>
        <translation>Void payment…</translation>
    </message>
    <message>
        <source>收款记录</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>查找房屋</source>
        <translation>Find unit</translation>
    </message>
    <message>
        <source>没有找到房屋。请换一个房号、姓名、手机号或车牌再查。</source>
        <translation>No unit found. Try another room, name, phone or plate.</translation>
    </message>
    <message>
        <source>找到 %1 户, 请在左侧点选要收费的房屋。</source>
        <translation>%1 units found: choose the unit on the left.</translation>
    </message>
    <message>
        <source>收费</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>未缴合计 %1 元 · 其中往期欠费 %2 元 · 预存款余额 %3 元 · 可收滞纳金 %4 元</source>
        <translation>Unpaid ¥%1 · of which earlier periods ¥%2 · prepayment balance ¥%3 · late fees due ¥%4</translation>
    </message>
    <message>
        <source>银行托收失败 (%1): %2</source>
        <translation>Bank collection failed (%1): %2</translation>
    </message>
    <message>
        <source>日结单</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <source>日结单 %1</source>
        <translation>Daily report %1</translation>
    </message>
    <message>
        <source>预存款抵扣 %1 元</source>
        <translation>Prepayment used ¥%1</translation>
    </message>
    <message>
        <source>%1 %2滞纳金:
  本金 %3 × 逾期 %4 天 = %5 元</source>
        <translation>%1 %2 late fee:
  principal %3 × %4 days late = ¥%5</translation>
    </message>
    <message>
        <source>本次滞纳金合计 %1 元</source>
        <translation>Late fees of this payment ¥%1</translation>
    </message>
    <message>
        <source>转预存 %1 元</source>
        <translation>To prepayment ¥%1</translation>
    </message>
    <message>
        <source>请在左侧选择要收的明细</source>
        <translation>Select the lines to collect on the left</translation>
    </message>
    <message>
        <source>收据</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>收据 %1</source>
        <translation>Receipt %1</translation>
    </message>
    <message>
        <source>缴费通知单</source>
        <translation>Fee notice</translation>
    </message>
    <message>
        <source>缴费通知单 %1</source>
        <translation>Fee notice %1</translation>
    </message>
    <message>
        <source>请先选择一条收款记录</source>
        <translation>Select a payment first</translation>
    </message>
    <message>
        <source>作废收款</source>
        <translation>Void payment</translation>
    </message>
    <message>
        <source>该收款已作废</source>
        <translation>This payment is already void</translation>
    </message>
    <message>
        <source>查找房屋 (%1)</source>
        <translation>Find a unit (%1)</translation>
    </message>
</context>
<context>
    <name>FeeFiguresPage</name>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>打印日结单</source>
        <translation>Print daily report</translation>
    </message>
    <message>
        <source>日结 (关闭当日)…</source>
        <translation>Close the day…</translation>
    </message>
    <message>
        <source>收缴率</source>
        <translation>Collection rate</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>日结</source>
        <translation>Daily close</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>本期 %1</source>
        <translation>Period %1</translation>
    </message>
    <message>
        <source>本年累计 (%1 至 %2)</source>
        <translation>Year to date (%1 to %2)</translation>
    </message>
    <message>
        <source>欠费 %1 户, 合计 %2 元: %3</source>
        <translation>%1 units in arrears, total ¥%2: %3</translation>
    </message>
    <message>
        <source>实收合计 %1 元, %2 笔</source>
        <translation>Collected ¥%1 in %2 payments</translation>
    </message>
    <message>
        <source>; 当日作废 %1 张, 冲减 %2 元</source>
        <translation>; %1 voided today, −¥%2</translation>
    </message>
    <message>
        <source>; 当日退款 %1 笔, %2 元</source>
        <translation>; %1 refunds today, ¥%2</translation>
    </message>
    <message>
        <source>收据号 %1 至 %2</source>
        <translation>Receipts %1 to %2</translation>
    </message>
    <message>
        <source>已日结: %1</source>
        <translation>Closed: %1</translation>
    </message>
    <message>
        <source>关闭 %1 的收款? 之后当日不能再收款、作废或退款, 日结单按现在的数字打印。</source>
        <translation>Close %1? No more payments, voids or refunds on that day; its daily report keeps today&apos;s figures.</translation>
    </message>
    <message>
        <source>; 作废 %1 张 (不计入)</source>
        <translation type="vanished">; %1 voided (not counted)</translation>
    </message>
    <message>
        <source>日结单 %1</source>
        <translation>Daily report %1</translation>
    </message>
</context>
<context>
    <name>FeeItemDialog</name>
    <message>
        <source>编辑收费项目</source>
        <translation>Edit fee item</translation>
    </message>
    <message>
        <source>新增收费项目</source>
        <translation>New fee item</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>计费方式</source>
        <translation>Charging method</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit label</translation>
    </message>
    <message>
        <source>如 元/㎡·月 (留空自动)</source>
        <translation>e.g. 元/㎡·月 (empty: automatic)</translation>
    </message>
    <message>
        <source>计费周期</source>
        <translation>Billing cycle</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>留空表示长期</source>
        <translation>empty: no end</translation>
    </message>
    <message>
        <source>适用范围</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <source>适用对象</source>
        <translation>Targets</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Rooms</translation>
    </message>
    <message>
        <source>指定房屋时填写, 如 1-1-101, 3-2-1502</source>
        <translation>For specific units, e.g. 1-1-101, 3-2-1502</translation>
    </message>
    <message>
        <source>空置房收费比例</source>
        <translation>Vacant unit rate</translation>
    </message>
    <message>
        <source>如 0.7 或 70%; 留空按全额</source>
        <translation>e.g. 0.7 or 70%; empty: full price</translation>
    </message>
    <message>
        <source>滞纳金日费率</source>
        <translation>Daily late-fee rate</translation>
    </message>
    <message>
        <source>如 0.0003 (万分之三); 留空不计</source>
        <translation>e.g. 0.0003 (0.03%); empty: none</translation>
    </message>
    <message>
        <source>宽限天数</source>
        <translation>Grace days</translation>
    </message>
    <message>
        <source>滞纳金上限比例</source>
        <translation>Late-fee cap</translation>
    </message>
    <message>
        <source>如 0.3 (不超过本金30%)</source>
        <translation>e.g. 0.3 (at most 30% of the amount)</translation>
    </message>
    <message>
        <source>排序</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>找不到房号: %1</source>
        <translation>Unknown room: %1</translation>
    </message>
</context>
<context>
    <name>FeeItemsPage</name>
    <message>
        <source>新增项目…</source>
        <translation>New item…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>编辑收费项目</source>
        <translation>Edit fee item</translation>
    </message>
    <message>
        <source>请先选择一个项目</source>
        <translation>Select an item first</translation>
    </message>
</context>
<context>
    <name>FeeLabel</name>
    <message>
        <source>物业费</source>
        <translation>Property fee</translation>
    </message>
    <message>
        <source>停车费</source>
        <translation>Parking fee</translation>
    </message>
    <message>
        <source>水电费</source>
        <translation>Utilities</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>按建筑面积</source>
        <translation>By floor area</translation>
    </message>
    <message>
        <source>按车位</source>
        <translation>Per parking space</translation>
    </message>
    <message>
        <source>按户固定</source>
        <translation>Fixed per unit</translation>
    </message>
    <message>
        <source>按抄表用量</source>
        <translation>By meter reading</translation>
    </message>
    <message>
        <source>按月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>按季</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>按年</source>
        <translation>Yearly</translation>
    </message>
    <message>
        <source>全部房屋</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>指定楼栋</source>
        <translation>Chosen buildings</translation>
    </message>
    <message>
        <source>指定用途</source>
        <translation>Chosen use</translation>
    </message>
    <message>
        <source>指定房屋</source>
        <translation>Chosen units</translation>
    </message>
    <message>
        <source>指定车位</source>
        <translation>Chosen parking spaces</translation>
    </message>
    <message>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>支付宝</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <source>转账</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>托收</source>
        <translation>Bank collection</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>催缴通知</source>
        <translation>Written notice</translation>
    </message>
    <message>
        <source>上门</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>短信/微信</source>
        <translation>SMS/WeChat</translation>
    </message>
    <message>
        <source>滞纳金</source>
        <translation>Late fee</translation>
    </message>
</context>
<context>
    <name>Fees</name>
    <message>
        <source>≤3个月</source>
        <translation>≤3 months</translation>
    </message>
    <message>
        <source>4–6个月</source>
        <translation>4–6 months</translation>
    </message>
    <message>
        <source>7–12个月</source>
        <translation>7–12 months</translation>
    </message>
    <message>
        <source>&gt;12个月</source>
        <translation>&gt;12 months</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
</context>
<context>
    <name>FeesStep</name>
    <message>
        <source>第3步: 收费项目</source>
        <translation>Step 3: Fee items</translation>
    </message>
    <message>
        <source>勾选本小区收取的项目并填写单价。以后可在 经理 → 收费项目 中修改或增加。</source>
        <translation>Tick the items this property charges and enter their prices. Change or add items later in Manager → Fee items.</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>计费方式</source>
        <translation>Charging method</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
</context>
<context>
    <name>FigureCard</name>
    <message>
        <source>点击查看明细</source>
        <translation>Click to see the details</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>创建系统管理员</source>
        <translation>Create the administrator</translation>
    </message>
    <message>
        <source>这是一个新的数据库, 还没有任何用户。请创建系统管理员账户, 以后用它登录并添加其他操作员。</source>
        <translation>This is a new database without any users. Create the administrator account; use it to log in and add other operators.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>确认密码</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>至少 %1 位</source>
        <translation>at least %1 characters</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GarbageDialog</name>
    <message>
        <source>编辑垃圾分类记录</source>
        <translation>Edit garbage record</translation>
    </message>
    <message>
        <source>登记垃圾分类</source>
        <translation>Record garbage</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>重量(kg)</source>
        <translation>Weight (kg)</translation>
    </message>
    <message>
        <source>桶数</source>
        <translation>Bins</translation>
    </message>
    <message>
        <source>清运单位</source>
        <translation>Collector</translation>
    </message>
    <message>
        <source>清运签收人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>GarbagePage</name>
    <message>
        <source>清运单位、签收人或备注</source>
        <translation>Collector, signer or note</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>%1 月度合计</source>
        <translation>%1 monthly totals</translation>
    </message>
    <message>
        <source>总重量(kg)</source>
        <translation>Total weight (kg)</translation>
    </message>
    <message>
        <source>可回收物占比</source>
        <translation>Recyclable share</translation>
    </message>
    <message>
        <source>有记录的天数</source>
        <translation>Days recorded</translation>
    </message>
</context>
<context>
    <name>GreeningDialog</name>
    <message>
        <source>编辑绿化任务</source>
        <translation>Edit greening task</translation>
    </message>
    <message>
        <source>新增绿化任务</source>
        <translation>New greening task</translation>
    </message>
    <message>
        <source>作业</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>例如 中心花园草坪</source>
        <translation>e.g. central garden lawn</translation>
    </message>
    <message>
        <source>计划日期</source>
        <translation>Planned on</translation>
    </message>
    <message>
        <source>完成日期</source>
        <translation>Done on</translation>
    </message>
    <message>
        <source>完成后填写</source>
        <translation>Fill in when done</translation>
    </message>
    <message>
        <source>药剂/肥料</source>
        <translation>Agent/fertiliser</translation>
    </message>
    <message>
        <source>病虫害防治须填写所用药剂</source>
        <translation>Pest control needs the agent used</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>In charge</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>GreeningPage</name>
    <message>
        <source>地点、药剂或备注</source>
        <translation>Place, agent or note</translation>
    </message>
    <message>
        <source>季节</source>
        <translation>Season</translation>
    </message>
    <message>
        <source>全部季节</source>
        <translation>All seasons</translation>
    </message>
    <message>
        <source>作业</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>全部作业</source>
        <translation>All work</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>如 离职、调岗、长假</source>
        <translation>e.g. leaving, transfer, long leave</translation>
    </message>
    <message>
        <source>交出人</source>
        <translation>From</translation>
    </message>
    <message>
        <source>接手人</source>
        <translation>To</translation>
    </message>
    <message>
        <source>交接原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>HandoverList</name>
    <message>
        <source>确认接班</source>
        <translation>Acknowledge</translation>
    </message>
</context>
<context>
    <name>HoldDialog</name>
    <message>
        <source>挂起原因</source>
        <translation>Reason for holding</translation>
    </message>
    <message>
        <source>预计恢复日期</source>
        <translation>Expected to resume</translation>
    </message>
    <message>
        <source>挂起期间响应和完成时限暂停计时, 恢复处理后顺延。</source>
        <translation>The deadline clocks stop while on hold and move on when work resumes.</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>IncidentDetail</name>
    <message>
        <source>记录步骤</source>
        <translation>Record step</translation>
    </message>
    <message>
        <source>上报经理</source>
        <translation>Escalate to manager</translation>
    </message>
    <message>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>打印报告</source>
        <translation>Print report</translation>
    </message>
    <message>
        <source>在左侧选择一个事件</source>
        <translation>Select an incident on the left</translation>
    </message>
    <message>
        <source>预案步骤: </source>
        <translation>Plan steps: </translation>
    </message>
    <message>
        <source>结果: </source>
        <translation>Outcome: </translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <source>处置中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已上报经理</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>事件和演练</source>
        <translation>Incidents and drills</translation>
    </message>
    <message>
        <source>突发事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>演练</source>
        <translation>Drill</translation>
    </message>
    <message>
        <source>按预案启动</source>
        <translation>Start from plan</translation>
    </message>
    <message>
        <source>记录演练</source>
        <translation>Record drill</translation>
    </message>
    <message>
        <source>预案库</source>
        <translation>Plan library</translation>
    </message>
    <message>
        <source>预案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>如 3栋12楼电梯厅</source>
        <translation>e.g. Bldg 3, 12F lift lobby</translation>
    </message>
    <message>
        <source>发生时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>留空为现在, 或 14:05</source>
        <translation>Empty for now, or 14:05</translation>
    </message>
    <message>
        <source>情况简述</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>处置内容</source>
        <translation>What was done</translation>
    </message>
    <message>
        <source>如 已疏散12楼住户</source>
        <translation>e.g. 12F residents evacuated</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>记录步骤</source>
        <translation>Record step</translation>
    </message>
    <message>
        <source>上报经理</source>
        <translation>Escalate to manager</translation>
    </message>
    <message>
        <source>参与人员</source>
        <translation>People</translation>
    </message>
    <message>
        <source>处置结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>后续跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>事件报告 %1</source>
        <translation>Incident report %1</translation>
    </message>
</context>
<context>
    <name>InspectionDialog</name>
    <message>
        <source>复查</source>
        <translation>Re-inspect</translation>
    </message>
    <message>
        <source>新检查</source>
        <translation>New inspection</translation>
    </message>
    <message>
        <source>检查日期</source>
        <translation>Inspected on</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>编辑查验批次</source>
        <translation>Edit inspection</translation>
    </message>
    <message>
        <source>新增查验批次</source>
        <translation>New inspection</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>查验日期</source>
        <translation>Inspected on</translation>
    </message>
    <message>
        <source>移交单位(开发商)</source>
        <translation>Handed over by (developer)</translation>
    </message>
    <message>
        <source>查验人</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>保洁计划</source>
        <translation>Cleaning plans</translation>
    </message>
    <message>
        <source>检查人</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>不合格时写明问题, 会写进工单</source>
        <translation>Describe the problem when it fails; it goes into the work order</translation>
    </message>
    <message>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>照片文件路径, 每行一个</source>
        <translation>Photo file paths, one a line</translation>
    </message>
    <message>
        <source>评分表</source>
        <translation>Score sheets</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>不合格时开保洁工单</source>
        <translation>Open a cleaning work order if it fails</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>%1 (权重 %2)</source>
        <translation>%1 (weight %2)</translation>
    </message>
    <message>
        <source>请选择区域 (该区域须已有评分表)</source>
        <translation>Choose an area (it needs a score sheet)</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>InspectionsPage</name>
    <message>
        <source>位置、外包公司、检查人或问题</source>
        <translation>Place, company, inspector or problem</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>全部区域</source>
        <translation>All areas</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>新检查</source>
        <translation>New inspection</translation>
    </message>
    <message>
        <source>复查</source>
        <translation>Re-inspect</translation>
    </message>
    <message>
        <source>开工单</source>
        <translation>Open work order</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>保洁员/外包公司</source>
        <translation>Cleaner / company</translation>
    </message>
    <message>
        <source>检查人</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>只有未复查过的不合格检查才能复查</source>
        <translation>Only a failed inspection not yet re-checked can be re-inspected</translation>
    </message>
    <message>
        <source>已开保洁工单</source>
        <translation>Cleaning work order opened</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>房号、姓名、手机号或车牌</source>
        <translation>Room, name, mobile or plate</translation>
    </message>
    <message>
        <source>未选择房屋 (公共区域报事可不选)</source>
        <translation>No unit selected (optional for common areas)</translation>
    </message>
    <message>
        <source>不关联房屋</source>
        <translation>No unit</translation>
    </message>
    <message>
        <source>双击查看该工单</source>
        <translation>Double-click to open the order</translation>
    </message>
    <message>
        <source>该房屋近期工单</source>
        <translation>Recent orders of this unit</translation>
    </message>
    <message>
        <source>如 厨房、3栋1单元12楼楼道</source>
        <translation>e.g. kitchen, building 3 entrance 1 floor 12 corridor</translation>
    </message>
    <message>
        <source>业主反映的问题</source>
        <translation>The problem as reported</translation>
    </message>
    <message>
        <source>前台办结 (已当场答复)</source>
        <translation>Closed at the desk (answered)</translation>
    </message>
    <message>
        <source>答复内容</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>需要回访</source>
        <translation>Return visit wanted</translation>
    </message>
    <message>
        <source>查找房屋/业主</source>
        <translation>Find unit/owner</translation>
    </message>
    <message>
        <source>登记内容</source>
        <translation>New work order</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>部位</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>具体位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>立即派给</source>
        <translation>Dispatch to</translation>
    </message>
    <message>
        <source>答复</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>登记后打印派工单</source>
        <translation>Print the dispatch slip</translation>
    </message>
    <message>
        <source>登记 (Ctrl+S)</source>
        <translation>Register (Ctrl+S)</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>车牌</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>没有找到匹配的房屋</source>
        <translation>No matching unit</translation>
    </message>
    <message>
        <source>(无业主信息)</source>
        <translation>(no owner on file)</translation>
    </message>
    <message>
        <source>已选: %1  业主 %2</source>
        <translation>Selected: %1  owner %2</translation>
    </message>
    <message>
        <source>(无近期工单)</source>
        <translation>(no recent orders)</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>暂不派单</source>
        <translation>Do not dispatch yet</translation>
    </message>
    <message>
        <source>请检查标红的项目</source>
        <translation>Check the fields marked in red</translation>
    </message>
    <message>
        <source>已登记 %1</source>
        <translation>Registered %1</translation>
    </message>
    <message>
        <source>已登记并办结 %1</source>
        <translation>Registered and closed %1</translation>
    </message>
    <message>
        <source>, 已派给 %1</source>
        <translation>, dispatched to %1</translation>
    </message>
    <message>
        <source> (重复报修, 前单 %1)</source>
        <translation> (repeat of %1)</translation>
    </message>
    <message>
        <source>查找房屋/业主: 回车选第一个, ↑↓ 换一个 (%1)</source>
        <translation>Find the unit or owner: Enter takes the first, ↑↓ another (%1)</translation>
    </message>
    <message>
        <source>登记 (%1)</source>
        <translation>Register (%1)</translation>
    </message>
    <message>
        <source>房号部分</source>
        <translation>part of room no.</translation>
    </message>
    <message>
        <source>身份证</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>更多… (共 %1 个, %2)</source>
        <translation>More… (%1 in all, %2)</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>出现内部错误, 操作未完成: {error}</source>
        <translation>Internal error, the operation was not completed: {error}</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>KeysParcelsPage</name>
    <message>
        <source>钥匙</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>借出未还</source>
        <translation>Lent out</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>借出钥匙</source>
        <translation>Lend key</translation>
    </message>
    <message>
        <source>归还</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>快递</source>
        <translation>Parcels</translation>
    </message>
    <message>
        <source>待取</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>收快递</source>
        <translation>Receive parcel</translation>
    </message>
    <message>
        <source>已通知</source>
        <translation>Notified</translation>
    </message>
    <message>
        <source>取件</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <source>签字人姓名:</source>
        <translation>Signed by:</translation>
    </message>
    <message>
        <source>如 配电房 / 3-1-1502 业主寄存</source>
        <translation>e.g. switch room / 3-1-1502 deposited</translation>
    </message>
    <message>
        <source>借用人(签字)</source>
        <translation>Borrower (signs)</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>可留空</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>归还钥匙</source>
        <translation>Return key</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>如 3-1-1502</source>
        <translation>e.g. 3-1-1502</translation>
    </message>
    <message>
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>快递公司</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <source>单号</source>
        <translation>Tracking no.</translation>
    </message>
</context>
<context>
    <name>Label</name>
    <message>
        <source>已入住</source>
        <translation>Occupied</translation>
    </message>
    <message>
        <source>空置</source>
        <translation>Vacant</translation>
    </message>
    <message>
        <source>装修中</source>
        <translation>Renovating</translation>
    </message>
    <message>
        <source>住宅</source>
        <translation>Residential</translation>
    </message>
    <message>
        <source>商铺</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>办公</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>储藏室</source>
        <translation>Storage</translation>
    </message>
    <message>
        <source>业主</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>租户</source>
        <translation>Tenant</translation>
    </message>
    <message>
        <source>家庭成员</source>
        <translation>Family member</translation>
    </message>
    <message>
        <source>产权车位</source>
        <translation>Owned space</translation>
    </message>
    <message>
        <source>租赁车位</source>
        <translation>Rented space</translation>
    </message>
    <message>
        <source>公共车位</source>
        <translation>Public space</translation>
    </message>
    <message>
        <source>经理</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>客服</source>
        <translation>Customer service</translation>
    </message>
    <message>
        <source>工程</source>
        <translation>Engineering</translation>
    </message>
    <message>
        <source>秩序</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>环境</source>
        <translation>Environment</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>报修</source>
        <translation>Repair</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>咨询</source>
        <translation>Inquiry</translation>
    </message>
    <message>
        <source>来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>巡查发现</source>
        <translation>Found on patrol</translation>
    </message>
    <message>
        <source>公共部位</source>
        <translation>Common area</translation>
    </message>
    <message>
        <source>自用部位</source>
        <translation>Private area</translation>
    </message>
    <message>
        <source>给排水</source>
        <translation>Water</translation>
    </message>
    <message>
        <source>供电</source>
        <translation>Power</translation>
    </message>
    <message>
        <source>照明</source>
        <translation>Lighting</translation>
    </message>
    <message>
        <source>电梯</source>
        <translation>Elevator</translation>
    </message>
    <message>
        <source>消防</source>
        <translation>Fire safety</translation>
    </message>
    <message>
        <source>门禁监控</source>
        <translation>Access/CCTV</translation>
    </message>
    <message>
        <source>房屋本体</source>
        <translation>Building fabric</translation>
    </message>
    <message>
        <source>大堂</source>
        <translation>Lobby</translation>
    </message>
    <message>
        <source>楼道</source>
        <translation>Corridors</translation>
    </message>
    <message>
        <source>电梯轿厢</source>
        <translation>Elevator cars</translation>
    </message>
    <message>
        <source>公共卫生间</source>
        <translation>Public toilets</translation>
    </message>
    <message>
        <source>道路</source>
        <translation>Roads</translation>
    </message>
    <message>
        <source>绿化带</source>
        <translation>Green belts</translation>
    </message>
    <message>
        <source>垃圾站</source>
        <translation>Garbage station</translation>
    </message>
    <message>
        <source>设备房</source>
        <translation>Plant rooms</translation>
    </message>
    <message>
        <source>每日</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>可回收物</source>
        <translation>Recyclables</translation>
    </message>
    <message>
        <source>有害垃圾</source>
        <translation>Hazardous waste</translation>
    </message>
    <message>
        <source>厨余垃圾</source>
        <translation>Kitchen waste</translation>
    </message>
    <message>
        <source>其他垃圾</source>
        <translation>Residual waste</translation>
    </message>
    <message>
        <source>浇水</source>
        <translation>Watering</translation>
    </message>
    <message>
        <source>施肥</source>
        <translation>Fertilising</translation>
    </message>
    <message>
        <source>修剪</source>
        <translation>Pruning</translation>
    </message>
    <message>
        <source>病虫害防治</source>
        <translation>Pest control</translation>
    </message>
    <message>
        <source>春季</source>
        <translation>Spring</translation>
    </message>
    <message>
        <source>夏季</source>
        <translation>Summer</translation>
    </message>
    <message>
        <source>秋季</source>
        <translation>Autumn</translation>
    </message>
    <message>
        <source>冬季</source>
        <translation>Winter</translation>
    </message>
    <message>
        <source>人工</source>
        <translation>Labour</translation>
    </message>
    <message>
        <source>保洁</source>
        <translation>Cleaning</translation>
    </message>
    <message>
        <source>能耗</source>
        <translation>Energy</translation>
    </message>
    <message>
        <source>维修</source>
        <translation>Repair</translation>
    </message>
    <message>
        <source>绿化</source>
        <translation>Landscaping</translation>
    </message>
    <message>
        <source>行政</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>物业费收缴率(%)</source>
        <translation>Property fee collection rate (%)</translation>
    </message>
    <message>
        <source>回访满意度(1-5)</source>
        <translation>Return-visit satisfaction (1-5)</translation>
    </message>
    <message>
        <source>工单及时完成率(%)</source>
        <translation>Work orders on time (%)</translation>
    </message>
    <message>
        <source>业主委员会</source>
        <translation>Owners&apos; committee</translation>
    </message>
    <message>
        <source>街道办</source>
        <translation>Street office</translation>
    </message>
    <message>
        <source>政府部门</source>
        <translation>Government</translation>
    </message>
    <message>
        <source>社区居委会</source>
        <translation>Residents&apos; committee</translation>
    </message>
    <message>
        <source>合作单位</source>
        <translation>Partner company</translation>
    </message>
    <message>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>较急</source>
        <translation>High</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已派单</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>处理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>挂起</source>
        <translation>On hold</translation>
    </message>
    <message>
        <source>经理处理</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>已回访</source>
        <translation>Visited</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>派单</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <source>催办</source>
        <translation>Chase</translation>
    </message>
    <message>
        <source>开始处理</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>恢复处理</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Follow-up visit</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>升级至经理</source>
        <translation>Escalate to manager</translation>
    </message>
    <message>
        <source>接单</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>前台办结</source>
        <translation>Closed at desk</translation>
    </message>
    <message>
        <source>回访未联系上</source>
        <translation>Visit: not reached</translation>
    </message>
    <message>
        <source>返工</source>
        <translation>Rework</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <source>超时升级</source>
        <translation>Escalated (overdue)</translation>
    </message>
</context>
<context>
    <name>LinkedOrderDialog</name>
    <message>
        <source>报修 (生成维修工单)</source>
        <translation>Report a repair (opens a work order)</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>具体位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>生成工单</source>
        <translation>Create work order</translation>
    </message>
</context>
<context>
    <name>LoansDialog</name>
    <message>
        <source>借出未还的工具</source>
        <translation>Tools out on loan</translation>
    </message>
    <message>
        <source>归还所选</source>
        <translation>Give back selected</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>归还</source>
        <translation>Give back</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <source>记录履历</source>
        <translation>Add history</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>例如 更换水泵机械密封</source>
        <translation>e.g. replaced the pump seal</translation>
    </message>
    <message>
        <source>费用(元)</source>
        <translation>Cost (yuan)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 — 物业前台 · PropDesk</source>
        <translation>Log in — PropDesk</translation>
    </message>
    <message>
        <source>物业前台</source>
        <translation>PropDesk</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>请输入用户名</source>
        <translation>Enter the user name</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Enter the password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>经理</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>客服</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>工程</source>
        <translation>Engineering</translation>
    </message>
    <message>
        <source>秩序</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>环境</source>
        <translation>Environment</translation>
    </message>
    <message>
        <source>物业前台 · PropDesk — %1</source>
        <translation type="vanished">PropDesk front desk — %1</translation>
    </message>
    <message>
        <source>物业前台</source>
        <translation>PropDesk</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>账户(&amp;U)</source>
        <translation>&amp;User</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>注销 (切换用户)</source>
        <translation>Sign out (switch user)</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>操作员: %1 (%2)</source>
        <translation>Operator: %1 (%2)</translation>
    </message>
    <message>
        <source>数据: %1</source>
        <translation>Data: %1</translation>
    </message>
    <message>
        <source>您的权限已被管理员修改, 页面已按新权限更新。</source>
        <translation>An administrator changed your rights; the pages now follow them.</translation>
    </message>
    <message>
        <source>密码已修改。</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <source>界面语言已保存, 重新启动后生效。</source>
        <translation>Language saved; it takes effect after a restart.</translation>
    </message>
    <message>
        <source>关于 PropDesk</source>
        <translation>About PropDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;物业前台 · PropDesk %1&lt;/h3&gt;&lt;p&gt;住宅小区物业管理处前台的桌面应用: 业主档案、工单、收费。&lt;/p&gt;&lt;p&gt;数据: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PropDesk %1&lt;/h3&gt;&lt;p&gt;The front-desk application of a residential property-management office: owner archive, work orders, fees.&lt;/p&gt;&lt;p&gt;Data: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 — 物业前台</source>
        <translation>%1 — Front Desk</translation>
    </message>
    <message>
        <source>快捷键(&amp;K)</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
</context>
<context>
    <name>MaintenancePage</name>
    <message>
        <source>计划名称、设备编号、名称或位置</source>
        <translation>Plan, equipment code, name or location</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Range</translation>
    </message>
    <message>
        <source>今日及逾期</source>
        <translation>Today and overdue</translation>
    </message>
    <message>
        <source>7天内到期</source>
        <translation>Due within 7 days</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>记录维保</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>本月完成率 %1 (%2/%3)</source>
        <translation>This month %1 (%2/%3)</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>应完成日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>跳过任务</source>
        <translation>Skip task</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>不能为空</source>
        <translation>is required</translation>
    </message>
    <message>
        <source>应为数字</source>
        <translation>should be a number</translation>
    </message>
    <message>
        <source>应大于0</source>
        <translation>should be more than 0</translation>
    </message>
    <message>
        <source>数值过大</source>
        <translation>the number is too large</translation>
    </message>
    <message>
        <source>应为11位手机号码或带区号的固定电话</source>
        <translation>should be an 11-digit mobile number or a landline with area code</translation>
    </message>
    <message>
        <source>手机号码号段无效</source>
        <translation>not a valid mobile number prefix</translation>
    </message>
    <message>
        <source>含有非数字字符</source>
        <translation>contains characters that are not digits</translation>
    </message>
    <message>
        <source>应为18位数字(最后一位可为X)</source>
        <translation>should be 18 digits (the last may be X)</translation>
    </message>
    <message>
        <source>应为17位数字</source>
        <translation>should be 17 digits</translation>
    </message>
    <message>
        <source>校验位错误</source>
        <translation>wrong check digit</translation>
    </message>
    <message>
        <source>出生日期无效</source>
        <translation>invalid date of birth</translation>
    </message>
    <message>
        <source>15位旧身份证号, 请填写18位号码</source>
        <translation>an old 15-digit ID number: enter the 18-digit one</translation>
    </message>
    <message>
        <source>日期无效</source>
        <translation>invalid date</translation>
    </message>
    <message>
        <source>日期格式应为 2019-05-01</source>
        <translation>dates are written 2019-05-01</translation>
    </message>
    <message>
        <source>姓名不能为空</source>
        <translation>The name is required</translation>
    </message>
    <message>
        <source>姓名过长</source>
        <translation>The name is too long</translation>
    </message>
    <message>
        <source>房号不能为空</source>
        <translation>The room number is required</translation>
    </message>
    <message>
        <source>楼层应为整数</source>
        <translation>The floor should be a whole number</translation>
    </message>
    <message>
        <source>该楼栋单元下已有此房号</source>
        <translation>This building and entrance already have this room number</translation>
    </message>
    <message>
        <source>楼栋名称不能为空</source>
        <translation>The building name is required</translation>
    </message>
    <message>
        <source>请填写问题描述</source>
        <translation>Describe the problem</translation>
    </message>
    <message>
        <source>请选择类别</source>
        <translation>Choose a category</translation>
    </message>
    <message>
        <source>请选择类型(报修/投诉/建议/咨询)</source>
        <translation>Choose a type (repair/complaint/suggestion/inquiry)</translation>
    </message>
    <message>
        <source>请选择来源</source>
        <translation>Choose a source</translation>
    </message>
    <message>
        <source>请选择紧急程度</source>
        <translation>Choose a priority</translation>
    </message>
    <message>
        <source>请选择公共部位或自用部位</source>
        <translation>Choose common area or private part</translation>
    </message>
    <message>
        <source>自用部位报修须选择房屋</source>
        <translation>A private-part repair needs a unit</translation>
    </message>
    <message>
        <source>具体位置过长(最多128字)</source>
        <translation>The location is too long (at most 128 characters)</translation>
    </message>
    <message>
        <source>联系人姓名过长</source>
        <translation>The contact name is too long</translation>
    </message>
    <message>
        <source>请选择处理人</source>
        <translation>Choose who handles it</translation>
    </message>
    <message>
        <source>所选处理人不存在或已停用</source>
        <translation>The chosen person does not exist or is inactive</translation>
    </message>
    <message>
        <source>请填写处理情况</source>
        <translation>Describe the work done</translation>
    </message>
    <message>
        <source>取消工单必须填写原因</source>
        <translation>Cancelling needs a reason</translation>
    </message>
    <message>
        <source>挂起须填写原因(如等待配件、业主不在家)</source>
        <translation>Putting on hold needs a reason (e.g. waiting for parts, owner away)</translation>
    </message>
    <message>
        <source>满意度应为1到5分</source>
        <translation>Satisfaction should be 1 to 5</translation>
    </message>
    <message>
        <source>人工费应为金额数字</source>
        <translation>The labour fee should be an amount</translation>
    </message>
    <message>
        <source>公共部位维修不向业主收费, 人工费应为0</source>
        <translation>Common-area repairs are not charged: the labour fee should be 0</translation>
    </message>
    <message>
        <source>收款金额应为数字, 如 256.80</source>
        <translation>The amount should be a number, e.g. 256.80</translation>
    </message>
    <message>
        <source>收款金额应大于0</source>
        <translation>The amount should be more than 0</translation>
    </message>
    <message>
        <source>收款金额过大, 请核对</source>
        <translation>The amount is too large, please check</translation>
    </message>
    <message>
        <source>请选择付款方式</source>
        <translation>Choose how it is paid</translation>
    </message>
    <message>
        <source>交款人过长</source>
        <translation>The payer&apos;s name is too long</translation>
    </message>
    <message>
        <source>请选择催缴方式</source>
        <translation>Choose how the owner was reminded</translation>
    </message>
    <message>
        <source>承诺缴费日期不能早于今天</source>
        <translation>The promised date cannot be before today</translation>
    </message>
    <message>
        <source>用户名或密码错误</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <source>第一个用户必须是系统管理员</source>
        <translation>The first user must be the system administrator</translation>
    </message>
    <message>
        <source>角色无效</source>
        <translation>Invalid role</translation>
    </message>
    <message>
        <source>所选账单明细已结清或已变化, 请刷新后重试。未收款。</source>
        <translation>The chosen bill lines are settled or have changed: refresh and try again. Nothing was taken.</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>收款金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>人工费</source>
        <translation>Labour fee</translation>
    </message>
    <message>
        <source>请选择楼栋</source>
        <translation>Choose a building</translation>
    </message>
    <message>
        <source>请填写作废原因</source>
        <translation>Enter the reason for voiding</translation>
    </message>
    <message>
        <source>用户名不能为空</source>
        <translation>The user name is required</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>建筑面积</source>
        <translation>Floor area</translation>
    </message>
    <message>
        <source>车牌</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>入住日期</source>
        <translation>Move-in date</translation>
    </message>
</context>
<context>
    <name>MeterChangeDialog</name>
    <message>
        <source>登记换表 - %1</source>
        <translation>Meter change - %1</translation>
    </message>
    <message>
        <source>账期 %1, 上次读数 %2</source>
        <translation>Period %1, last reading %2</translation>
    </message>
    <message>
        <source>换表日期</source>
        <translation>Changed on</translation>
    </message>
    <message>
        <source>旧表止码</source>
        <translation>Old meter final reading</translation>
    </message>
    <message>
        <source>新表起码</source>
        <translation>New meter start reading</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>MonthlyReportPage</name>
    <message>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>选择月份后点“生成”</source>
        <translation>Choose a month, then press Generate</translation>
    </message>
    <message>
        <source>%1 经营月报, 共 %2 页</source>
        <translation>%1 operations report, %2 pages</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 %1</source>
        <translation>Exported %1</translation>
    </message>
</context>
<context>
    <name>MonthlyScoresPage</name>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>按</source>
        <translation>By</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>本组保洁员</source>
        <translation>Our cleaner</translation>
    </message>
    <message>
        <source>外包公司</source>
        <translation>Outsourced company</translation>
    </message>
    <message>
        <source>本月平均分 %1 (只计首次检查)</source>
        <translation>Month average %1 (first inspections only)</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>新增用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>用户名不能为空</source>
        <translation>The user name is required</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>请填写原因</source>
        <translation>Enter a reason</translation>
    </message>
</context>
<context>
    <name>Office</name>
    <message>
        <source>全部月份</source>
        <translation>All months</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>%1预算</source>
        <translation>%1 budget</translation>
    </message>
</context>
<context>
    <name>OrderLabel</name>
    <message>
        <source>门岗</source>
        <translation>Gate</translation>
    </message>
    <message>
        <source>监控中心</source>
        <translation>Monitoring room</translation>
    </message>
    <message>
        <source>停水</source>
        <translation>Water cut</translation>
    </message>
    <message>
        <source>停电</source>
        <translation>Power cut</translation>
    </message>
    <message>
        <source>停气</source>
        <translation>Gas cut</translation>
    </message>
    <message>
        <source>电梯停运</source>
        <translation>Lift out of service</translation>
    </message>
    <message>
        <source>火警火灾</source>
        <translation>Fire</translation>
    </message>
    <message>
        <source>水浸</source>
        <translation>Flooding</translation>
    </message>
    <message>
        <source>电梯困人</source>
        <translation>Lift entrapment</translation>
    </message>
    <message>
        <source>治安事件</source>
        <translation>Public security</translation>
    </message>
    <message>
        <source>自然灾害</source>
        <translation>Natural disaster</translation>
    </message>
    <message>
        <source>违章搭建</source>
        <translation>Illegal building</translation>
    </message>
    <message>
        <source>占用消防通道</source>
        <translation>Blocked fire lane</translation>
    </message>
    <message>
        <source>违规装修</source>
        <translation>Unauthorised renovation</translation>
    </message>
    <message>
        <source>违规饲养宠物</source>
        <translation>Pets</translation>
    </message>
    <message>
        <source>乱倒垃圾</source>
        <translation>Dumping</translation>
    </message>
    <message>
        <source>劝阻</source>
        <translation>Dissuaded</translation>
    </message>
    <message>
        <source>书面整改通知</source>
        <translation>Written notice</translation>
    </message>
    <message>
        <source>复查</source>
        <translation>Recheck</translation>
    </message>
    <message>
        <source>上报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>OrderLink</name>
    <message>
        <source>关联设备: %1</source>
        <translation>Equipment: %1</translation>
    </message>
    <message>
        <source>我的今日维保 (%1)</source>
        <translation>My PM today (%1)</translation>
    </message>
</context>
<context>
    <name>OutageNotice</name>
    <message>
        <source>请告知业主, 与此有关的报修无需重复派单。</source>
        <translation>Tell the owner; reports about it need no new work order.</translation>
    </message>
    <message>
        <source>已知%1: %2 %3–%4</source>
        <translation>Known %1: %2 %3–%4</translation>
    </message>
</context>
<context>
    <name>OutagesPage</name>
    <message>
        <source>范围</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>未结束</source>
        <translation>Not over</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>登记停水停电</source>
        <translation>New outage</translation>
    </message>
    <message>
        <source>取消通知</source>
        <translation>Cancel notice</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>如 2026-12-01 10:00</source>
        <translation>e.g. 2026-12-01 10:00</translation>
    </message>
    <message>
        <source>结束时间</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>如 2026-12-01 14:00</source>
        <translation>e.g. 2026-12-01 14:00</translation>
    </message>
    <message>
        <source>告知内容</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>如 市政管道维修, 请提前储水</source>
        <translation>e.g. mains repair, please store water</translation>
    </message>
    <message>
        <source>影响楼栋(不选为全小区)</source>
        <translation>Buildings (none = whole estate)</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>刷新</source>
        <translation type="vanished">Refresh</translation>
    </message>
    <message>
        <source>房屋</source>
        <translation type="vanished">Units</translation>
    </message>
    <message>
        <source>入住率</source>
        <translation type="vanished">Occupancy</translation>
    </message>
    <message>
        <source>业主及住户</source>
        <translation type="vanished">Owners and residents</translation>
    </message>
    <message>
        <source>登记车辆</source>
        <translation type="vanished">Registered vehicles</translation>
    </message>
    <message>
        <source>车位</source>
        <translation type="vanished">Parking spaces</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation type="vanished">Buildings</translation>
    </message>
    <message>
        <source>%1组员工</source>
        <translation type="vanished">%1 staff</translation>
    </message>
    <message>
        <source>各组在岗员工</source>
        <translation type="vanished">Active staff per team</translation>
    </message>
    <message>
        <source>已入住 %1 · 空置 %2 · 装修中 %3</source>
        <translation type="vanished">occupied %1 · vacant %2 · renovating %3</translation>
    </message>
    <message>
        <source>已入住房屋 / 全部房屋</source>
        <translation type="vanished">occupied units / all units</translation>
    </message>
    <message>
        <source>其中关联房屋的 %1 人</source>
        <translation type="vanished">%1 of them linked to a unit</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>工单</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>维保任务</source>
        <translation>PM tasks</translation>
    </message>
    <message>
        <source>设备台账</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>维保计划</source>
        <translation>PM plans</translation>
    </message>
    <message>
        <source>物料工具</source>
        <translation>Materials and tools</translation>
    </message>
    <message>
        <source>大中修计划</source>
        <translation>Major repairs</translation>
    </message>
    <message>
        <source>承接查验</source>
        <translation>Takeover inspection</translation>
    </message>
    <message>
        <source>外包维保</source>
        <translation>Contractors</translation>
    </message>
    <message>
        <source>本组员工</source>
        <translation>Team staff</translation>
    </message>
    <message>
        <source>培训考核</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>升级工单</source>
        <translation>Escalated orders</translation>
    </message>
    <message>
        <source>年度计划</source>
        <translation>Annual plan</translation>
    </message>
    <message>
        <source>成本</source>
        <translation>Costs</translation>
    </message>
    <message>
        <source>经营月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>对外关系</source>
        <translation>Relations</translation>
    </message>
    <message>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>工单时限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>收缴率/日结</source>
        <translation>Collection/daily</translation>
    </message>
    <message>
        <source>月结</source>
        <translation>Month-end</translation>
    </message>
    <message>
        <source>银行托收</source>
        <translation>Bank collection</translation>
    </message>
    <message>
        <source>抄表录入</source>
        <translation>Meter readings</translation>
    </message>
    <message>
        <source>公摊</source>
        <translation>Shared meters</translation>
    </message>
    <message>
        <source>计费</source>
        <translation>Billing</translation>
    </message>
    <message>
        <source>收费项目</source>
        <translation>Fee items</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>事件上报</source>
        <translation>Escalated incidents</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>用户与权限</source>
        <translation>Users and permissions</translation>
    </message>
    <message>
        <source>业主档案</source>
        <translation>Owner archive</translation>
    </message>
    <message>
        <source>收费</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>催缴</source>
        <translation>Arrears</translation>
    </message>
    <message>
        <source>社区活动</source>
        <translation>Community activities</translation>
    </message>
    <message>
        <source>满意度调查</source>
        <translation>Surveys</translation>
    </message>
    <message>
        <source>每日保洁</source>
        <translation>Daily cleaning</translation>
    </message>
    <message>
        <source>保洁计划</source>
        <translation>Cleaning plans</translation>
    </message>
    <message>
        <source>质量检查</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>月度评分</source>
        <translation>Monthly scores</translation>
    </message>
    <message>
        <source>评分表</source>
        <translation>Score sheets</translation>
    </message>
    <message>
        <source>垃圾分类</source>
        <translation>Garbage sorting</translation>
    </message>
    <message>
        <source>绿化养护</source>
        <translation>Greening</translation>
    </message>
    <message>
        <source>保洁用品</source>
        <translation>Cleaning supplies</translation>
    </message>
    <message>
        <source>访客</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <source>车辆</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <source>值班记录</source>
        <translation>Duty log</translation>
    </message>
    <message>
        <source>应急事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>巡逻</source>
        <translation>Patrols</translation>
    </message>
    <message>
        <source>违章</source>
        <translation>Violations</translation>
    </message>
    <message>
        <source>钥匙/快递</source>
        <translation>Keys/parcels</translation>
    </message>
    <message>
        <source>停水停电</source>
        <translation>Outages</translation>
    </message>
    <message>
        <source>只读: %1</source>
        <translation>Read-only: %1</translation>
    </message>
</context>
<context>
    <name>PatrolsPage</name>
    <message>
        <source>范围</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>全部巡逻</source>
        <translation>All rounds</translation>
    </message>
    <message>
        <source>有漏巡</source>
        <translation>With missed</translation>
    </message>
    <message>
        <source>记录巡逻</source>
        <translation>Record round</translation>
    </message>
    <message>
        <source>异常开工单</source>
        <translation>Work order for anomaly</translation>
    </message>
    <message>
        <source>漏巡报表</source>
        <translation>Missed report</translation>
    </message>
    <message>
        <source>新建路线</source>
        <translation>New route</translation>
    </message>
    <message>
        <source>路线名称</source>
        <translation>Route name</translation>
    </message>
    <message>
        <source>如 夜间外围</source>
        <translation>e.g. night perimeter</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>结束时间</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>巡逻点</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <source>每行一个, 按巡逻顺序</source>
        <translation>One a line, in walking order</translation>
    </message>
    <message>
        <source>巡逻路线</source>
        <translation>Patrol routes</translation>
    </message>
    <message>
        <source>漏巡报表 (近四周)</source>
        <translation>Missed checkpoints (last 4 weeks)</translation>
    </message>
    <message>
        <source>每人每周的巡逻次数和漏巡点数</source>
        <translation>Rounds and missed checkpoints per guard and week</translation>
    </message>
</context>
<context>
    <name>PatternForm</name>
    <message>
        <source>楼栋和房屋</source>
        <translation>Buildings and units</translation>
    </message>
    <message>
        <source>楼栋数</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <source>楼栋名称 ({n} = 序号)</source>
        <translation>Building name ({n} = number)</translation>
    </message>
    <message>
        <source>每栋单元数 (0 = 不分单元)</source>
        <translation>Entrances per building (0 = none)</translation>
    </message>
    <message>
        <source>楼层数</source>
        <translation>Floors</translation>
    </message>
    <message>
        <source>每层户数</source>
        <translation>Flats per floor</translation>
    </message>
    <message>
        <source>每层第1户、第2户…的面积(㎡), 如 89.5, 120</source>
        <translation>Area (m²) of flat 1, flat 2… of each floor, e.g. 89.5, 120</translation>
    </message>
    <message>
        <source>每户面积 (㎡)</source>
        <translation>Area per flat (m²)</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>适合页面</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>缩放</source>
        <translation>Zoom</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 页</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>保存 PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>无法写入文件 %1: %2</source>
        <translation type="vanished">Cannot write the file %1: %2</translation>
    </message>
    <message>
        <source>打印失败</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>无法开始打印, 请检查打印机。</source>
        <translation type="vanished">Cannot start printing; check the printer.</translation>
    </message>
    <message>
        <source>正在打印 %1…</source>
        <translation>Printing %1…</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>PendingHandoverDialog</name>
    <message>
        <source>待确认的交接班</source>
        <translation>Handovers to acknowledge</translation>
    </message>
    <message>
        <source>上一班交接的事项, 请逐条阅读后确认接班</source>
        <translation>Matters handed over by the last shift: read, then acknowledge</translation>
    </message>
    <message>
        <source>稍后处理</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>未确认的交接班会一直显示在这里和“值班记录”页。</source>
        <translation>Unacknowledged handovers stay here and on the Duty log page.</translation>
    </message>
</context>
<context>
    <name>PeopleStep</name>
    <message>
        <source>第4步: 管理员和员工</source>
        <translation>Step 4: Administrator and staff</translation>
    </message>
    <message>
        <source>第一个登录账户 (系统管理员) 和各班组员工; 员工可以以后在 经理 → 员工 中增加。</source>
        <translation>The first login (the administrator) and the staff of each team; add staff later in Manager → Staff.</translation>
    </message>
    <message>
        <source>班组</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>添加员工</source>
        <translation>Add a staff member</translation>
    </message>
    <message>
        <source>管理员本人就是第1行的员工 (用于派单和“我的工单”)</source>
        <translation>The administrator is the staff member in row 1 (for dispatch and “My orders”)</translation>
    </message>
    <message>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>PeriodClosePage</name>
    <message>
        <source>已月结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已重新打开</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>未结</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>月结前须账目检查通过; 月结后该账期的账单、收款、作废、减免、日结不能再改, 更正请在当前账期做调整 (propdesk period adjust)。收缴率按月结时冻结, 之后收回的欠费计入“月结后补收”。</source>
        <translation type="vanished">A period is closed only when the ledger check passes; afterwards its bills, payments, voids, waivers and cash-ups cannot change — correct it with an adjustment in the open period (propdesk period adjust). The collection rate is frozen at the close; arrears paid later show as &quot;Collected later&quot;.</translation>
    </message>
    <message>
        <source>月结前须账目检查通过; 月结后该账期的账单、收款、作废、减免、日结不能再改, 更正请选中该账期点“调整…”, 记在当前未结账期。收缴率按月结时冻结, 之后收回的欠费计入“月结后补收”。</source>
        <translation>A period is closed only when the ledger check passes and its days are cashed up; afterwards its bills, payments, voids, waivers and cash-ups cannot change — to correct it, select it and click &quot;Adjust…&quot;: the adjustment goes into the open period. The collection rate is frozen at the close; arrears paid later show as &quot;Collected later&quot;.</translation>
    </message>
    <message>
        <source>月结所选账期…</source>
        <translation>Close selected period…</translation>
    </message>
    <message>
        <source>调整…</source>
        <translation>Adjust…</translation>
    </message>
    <message>
        <source>重新打开…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>月结</source>
        <translation>Month-end</translation>
    </message>
    <message>
        <source>月结 %1? 之后该账期的账单、收款、作废、减免、日结都不能再改, 收缴率按现在的数字冻结。</source>
        <translation>Close %1? Its bills, payments, voids, waivers and cash-ups can then no longer change; the collection rate is frozen as it is now.</translation>
    </message>
    <message>
        <source>重新打开账期</source>
        <translation>Reopen period</translation>
    </message>
    <message>
        <source>重新打开 %1 的原因 (记入审计日志)</source>
        <translation>Reason for reopening %1 (recorded in the audit log)</translation>
    </message>
</context>
<context>
    <name>Permission</name>
    <message>
        <source>查看业主档案</source>
        <translation>View the owner archive</translation>
    </message>
    <message>
        <source>编辑业主档案</source>
        <translation>Edit the owner archive</translation>
    </message>
    <message>
        <source>查看完整手机号/身份证号</source>
        <translation>See full phone/ID numbers</translation>
    </message>
    <message>
        <source>逐条显示完整号码(留痕)</source>
        <translation>Reveal full numbers one by one (logged)</translation>
    </message>
    <message>
        <source>导入业主花名册</source>
        <translation>Import owner roster</translation>
    </message>
    <message>
        <source>导出业主花名册</source>
        <translation>Export the owner roster</translation>
    </message>
    <message>
        <source>编辑员工</source>
        <translation>Edit staff</translation>
    </message>
    <message>
        <source>登记工单</source>
        <translation>Register work orders</translation>
    </message>
    <message>
        <source>处理工单</source>
        <translation>Work on orders</translation>
    </message>
    <message>
        <source>派单/取消/归档工单</source>
        <translation>Dispatch/cancel/archive orders</translation>
    </message>
    <message>
        <source>收费</source>
        <translation>Take payments</translation>
    </message>
    <message>
        <source>作废收款</source>
        <translation>Void payment</translation>
    </message>
    <message>
        <source>设置收费项目</source>
        <translation>Set up fee items</translation>
    </message>
    <message>
        <source>执行计费</source>
        <translation>Run billing</translation>
    </message>
    <message>
        <source>查看收费报表</source>
        <translation>View fee reports</translation>
    </message>
    <message>
        <source>批准减免/退款</source>
        <translation>Approve waivers/refunds</translation>
    </message>
    <message>
        <source>月结 (关闭账期)</source>
        <translation>Close a period (month-end)</translation>
    </message>
    <message>
        <source>重新打开已月结的账期</source>
        <translation>Reopen a closed period</translation>
    </message>
    <message>
        <source>查看代扣协议和银行托收批次</source>
        <translation>View withholding agreements and bank collection batches</translation>
    </message>
    <message>
        <source>管理代扣协议, 导出托收文件, 导入银行扣款结果</source>
        <translation>Manage withholding agreements, make collection files, import bank results</translation>
    </message>
    <message>
        <source>查看审计日志</source>
        <translation>View the audit log</translation>
    </message>
    <message>
        <source>管理用户和权限</source>
        <translation>Manage users and permissions</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>修改系统设置</source>
        <translation>Change settings</translation>
    </message>
    <message>
        <source>修改物业设置</source>
        <translation>Change property settings</translation>
    </message>
    <message>
        <source>查看设备台账、维保、大中修、承接查验和外包</source>
        <translation>View equipment, maintenance, repair plans, takeover and vendors</translation>
    </message>
    <message>
        <source>管理设备台账、维保计划、大中修、承接查验和外包</source>
        <translation>Manage equipment, maintenance plans, repair plans, takeover and vendors</translation>
    </message>
    <message>
        <source>记录维保任务</source>
        <translation>Record maintenance tasks</translation>
    </message>
    <message>
        <source>审批大中修计划</source>
        <translation>Approve repair plans</translation>
    </message>
    <message>
        <source>查看库存</source>
        <translation>View stock</translation>
    </message>
    <message>
        <source>出入库、盘点和借还工具</source>
        <translation>Stock in/out, stock-take and tool loans</translation>
    </message>
    <message>
        <source>登记保洁/垃圾分类/绿化记录</source>
        <translation>Record cleaning, garbage and greening</translation>
    </message>
    <message>
        <source>保洁质量检查与评分表</source>
        <translation>Cleaning inspections and score sheets</translation>
    </message>
    <message>
        <source>年度计划与成本</source>
        <translation>Annual plan and costs</translation>
    </message>
    <message>
        <source>经营月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>对外关系记录</source>
        <translation>Relations log</translation>
    </message>
    <message>
        <source>社区活动与业主问卷</source>
        <translation>Community activities and owner surveys</translation>
    </message>
    <message>
        <source>秩序登记(访客/车辆/值班/巡逻/事件/违章/钥匙快递)</source>
        <translation>Security desk (visitors, vehicles, duty, patrols, incidents, violations, keys, parcels)</translation>
    </message>
    <message>
        <source>秩序设置(应急预案/巡逻路线/停车收费规则)</source>
        <translation>Security set-up (plans, routes, parking rule)</translation>
    </message>
    <message>
        <source>收取临时停车费</source>
        <translation>Collect parking fees</translation>
    </message>
    <message>
        <source>登记停水停电通知</source>
        <translation>Register outages</translation>
    </message>
    <message>
        <source>登记培训考核</source>
        <translation>Record training</translation>
    </message>
    <message>
        <source>查看上报经理的突发事件</source>
        <translation>View incidents escalated to the manager</translation>
    </message>
</context>
<context>
    <name>PermissionGuard</name>
    <message>
        <source>需要权限: %1</source>
        <translation>Requires permission: %1</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>新增住户</source>
        <translation>New resident</translation>
    </message>
    <message>
        <source>编辑住户</source>
        <translation>Edit resident</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>手机/电话</source>
        <translation>Mobile/phone</translation>
    </message>
    <message>
        <source>例如 13812345678 或 0571-88886666</source>
        <translation>e.g. 13812345678 or 0571-88886666</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>18位, 最后一位可为X</source>
        <translation>18 characters, the last may be X</translation>
    </message>
    <message>
        <source>入住日期</source>
        <translation>Move-in date</translation>
    </message>
    <message>
        <source>例如 2020-05-01, 可留空</source>
        <translation>e.g. 2020-05-01, optional</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>编辑保洁计划</source>
        <translation>Edit cleaning plan</translation>
    </message>
    <message>
        <source>新增保洁计划</source>
        <translation>New cleaning plan</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>具体位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>例如 1-3栋大堂</source>
        <translation>e.g. lobbies of buildings 1-3</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>执行日</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>每周: 0=周一…6=周日; 每月: 1-28号</source>
        <translation>Weekly: 0=Mon…6=Sun; monthly: day 1-28</translation>
    </message>
    <message>
        <source>本组保洁员</source>
        <translation>Our cleaner</translation>
    </message>
    <message>
        <source>外包保洁公司</source>
        <translation>Cleaning company</translation>
    </message>
    <message>
        <source>外包时填写, 本组员工负责时留空</source>
        <translation>For outsourced work; empty when our staff do it</translation>
    </message>
    <message>
        <source>作业内容</source>
        <translation>Duties</translation>
    </message>
    <message>
        <source>编辑维保计划</source>
        <translation>Edit PM plan</translation>
    </message>
    <message>
        <source>新增维保计划</source>
        <translation>New PM plan</translation>
    </message>
    <message>
        <source>计划名称</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>例如 生活水泵月保养</source>
        <translation>e.g. water pump monthly service</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>整个系统 (不指定设备)</source>
        <translation>Whole system (no item)</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>按设备</source>
        <translation>As the item</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>间隔天数</source>
        <translation>Interval (days)</translation>
    </message>
    <message>
        <source>周期为“每N天”时填写</source>
        <translation>For &quot;Every N days&quot;</translation>
    </message>
    <message>
        <source>检查项 (每行一项)</source>
        <translation>Check points (one a line)</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>未指定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Starts on</translation>
    </message>
    <message>
        <source>启用 (自动生成任务)</source>
        <translation>Active (tasks are generated)</translation>
    </message>
</context>
<context>
    <name>PlanLibraryDialog</name>
    <message>
        <source>应急预案库</source>
        <translation>Emergency plan library</translation>
    </message>
    <message>
        <source>新建预案</source>
        <translation>New plan</translation>
    </message>
    <message>
        <source>编辑预案</source>
        <translation>Edit plan</translation>
    </message>
    <message>
        <source>处置步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>职责分工</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>呼叫顺序</source>
        <translation>Call tree</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>预案名称</source>
        <translation>Plan name</translation>
    </message>
    <message>
        <source>每行一步, 按顺序</source>
        <translation>One step a line, in order</translation>
    </message>
    <message>
        <source>如 当班保安→秩序主管→经理→119</source>
        <translation>e.g. guard → supervisor → manager → 119</translation>
    </message>
    <message>
        <source>应急预案</source>
        <translation>Emergency plans</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>计划名称或检查内容</source>
        <translation>Plan name or check point</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>全部系统</source>
        <translation>All systems</translation>
    </message>
    <message>
        <source>生成任务</source>
        <translation>Generate tasks</translation>
    </message>
    <message>
        <source>新生成 %1 项任务</source>
        <translation>%1 new tasks</translation>
    </message>
</context>
<context>
    <name>PositionDialog</name>
    <message>
        <source>修改岗位</source>
        <translation>Edit position</translation>
    </message>
    <message>
        <source>新增岗位</source>
        <translation>New position</translation>
    </message>
    <message>
        <source>班组</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>定编人数</source>
        <translation>People required</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>无法开始打印, 请检查打印机。</source>
        <translation>Cannot start printing; check the printer.</translation>
    </message>
    <message>
        <source>打印队列没有响应: %1</source>
        <translation>The print queue did not respond: %1</translation>
    </message>
    <message>
        <source>打印队列拒绝了打印任务: %1</source>
        <translation>The print queue refused the job: %1</translation>
    </message>
    <message>
        <source>无法读取要打印的文档</source>
        <translation>Cannot read the document to print</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>编辑银行格式</source>
        <translation>Edit bank layout</translation>
    </message>
    <message>
        <source>新增银行格式</source>
        <translation>New bank layout</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>如 工商银行</source>
        <translation>e.g. ICBC</translation>
    </message>
    <message>
        <source>每行一列, 按文件中的顺序: 字段: 表头</source>
        <translation>One column a line, in file order: field: header</translation>
    </message>
    <message>
        <source>列 (字段: 表头)</source>
        <translation>Columns (field: header)</translation>
    </message>
    <message>
        <source>表示成功的值</source>
        <translation>Success values</translation>
    </message>
    <message>
        <source>如 成功, 0</source>
        <translation>e.g. 0 (or the text the bank writes)</translation>
    </message>
    <message>
        <source>表示失败的值</source>
        <translation>Failure values</translation>
    </message>
    <message>
        <source>如 失败, 1</source>
        <translation>e.g. 1 (or the text the bank writes)</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>PropertyForm</name>
    <message>
        <source>物业设置</source>
        <translation>Property settings</translation>
    </message>
    <message>
        <source>小区名称</source>
        <translation>Property name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>服务电话</source>
        <translation>Service phone</translation>
    </message>
    <message>
        <source>物业服务企业</source>
        <translation>Management company</translation>
    </message>
    <message>
        <source>开户行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>银行账号</source>
        <translation>Bank account</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>标志图片 (可选)</source>
        <translation>Logo (optional)</translation>
    </message>
    <message>
        <source>如 翠湖花园</source>
        <translation>e.g. Green Lake Garden</translation>
    </message>
    <message>
        <source>如 0571-88886666</source>
        <translation>e.g. 0571-88886666</translation>
    </message>
    <message>
        <source>缴费通知单上供业主转账</source>
        <translation>Printed on fee notices for owners&apos; transfers</translation>
    </message>
    <message>
        <source>选择标志图片</source>
        <translation>Choose the logo</translation>
    </message>
    <message>
        <source>图片 (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>PropertyStep</name>
    <message>
        <source>第1步: 物业</source>
        <translation>Step 1: The property</translation>
    </message>
    <message>
        <source>小区名称、地址、服务电话、物业公司和收款账户, 印在收据和缴费通知单上。以后可在 经理 → 设置 中修改。</source>
        <translation>Name, address, service phone, management company and bank account, printed on receipts and fee notices. Change them later in Manager → Settings.</translation>
    </message>
</context>
<context>
    <name>ReadingsGridPage</name>
    <message>
        <source>读数无效</source>
        <translation>Invalid reading</translation>
    </message>
    <message>
        <source>全部楼栋</source>
        <translation>All buildings</translation>
    </message>
    <message>
        <source>载入</source>
        <translation>Load</translation>
    </message>
    <message>
        <source>换表…</source>
        <translation>Meter change…</translation>
    </message>
    <message>
        <source>保存读数 (Ctrl+S)</source>
        <translation>Save readings (Ctrl+S)</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>没有按抄表计费的收费项目</source>
        <translation>No metered fee item</translation>
    </message>
    <message>
        <source>输入读数后按回车到下一户; 红色行: 用量为负或超过平均的3倍</source>
        <translation>Type a reading and press Enter for the next unit; red rows: negative usage or more than 3 × the average</translation>
    </message>
    <message>
        <source>已登记换表</source>
        <translation>Meter change recorded</translation>
    </message>
    <message>
        <source>保存读数</source>
        <translation>Save readings</translation>
    </message>
    <message>
        <source>以下读数不能保存, 请更正:</source>
        <translation>These readings cannot be saved; please correct them:</translation>
    </message>
    <message>
        <source>以下用量异常, 仍然保存?</source>
        <translation>Unusual usage below. Save anyway?</translation>
    </message>
    <message>
        <source>已保存 %1 户读数</source>
        <translation>Saved readings of %1 units</translation>
    </message>
</context>
<context>
    <name>RecordTaskDialog</name>
    <message>
        <source>记录维保 %1</source>
        <translation>Record %1</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>异常</source>
        <translation>Anomaly</translation>
    </message>
    <message>
        <source>异常说明</source>
        <translation>What is wrong</translation>
    </message>
    <message>
        <source>照片路径</source>
        <translation>Photo path</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>有异常时生成维修工单</source>
        <translation>Open a repair order for anomalies</translation>
    </message>
    <message>
        <source>工单类别</source>
        <translation>Order category</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>%1 · 预存款余额 %2 元</source>
        <translation>%1 · prepayment balance ¥%2</translation>
    </message>
    <message>
        <source>退款金额(元)</source>
        <translation>Refund (¥)</translation>
    </message>
    <message>
        <source>退款方式</source>
        <translation>Refund method</translation>
    </message>
    <message>
        <source>领款人</source>
        <translation>Paid to</translation>
    </message>
    <message>
        <source>退款原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>没有符合条件的记录。可以清空搜索框或把筛选改为“全部”。</source>
        <translation>Nothing matches. Clear the search box or set the filters to &quot;All&quot;.</translation>
    </message>
    <message>
        <source>共 %1+ 条</source>
        <translation>%1+ rows</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 条</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>搜索 (%1)</source>
        <translation>Search (%1)</translation>
    </message>
</context>
<context>
    <name>RelationDialog</name>
    <message>
        <source>编辑联系记录</source>
        <translation>Edit contact</translation>
    </message>
    <message>
        <source>新增联系记录</source>
        <translation>New contact</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>参与人员</source>
        <translation>People</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>后续跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>跟进日期</source>
        <translation>Follow up on</translation>
    </message>
</context>
<context>
    <name>RelationsPage</name>
    <message>
        <source>事由、单位、人员或结果</source>
        <translation>Subject, organisation, people or outcome</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>全部对象</source>
        <translation>All parties</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>待跟进</source>
        <translation>Follow-up open</translation>
    </message>
    <message>
        <source>跟进办结</source>
        <translation>Follow-up done</translation>
    </message>
</context>
<context>
    <name>ReminderDialog</name>
    <message>
        <source>登记催缴 - %1</source>
        <translation>Log reminder - %1</translation>
    </message>
    <message>
        <source>催缴方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>业主承诺缴费日期</source>
        <translation>Date the owner promised to pay</translation>
    </message>
    <message>
        <source>承诺日期</source>
        <translation>Promised date</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>RepairPlanDialog</name>
    <message>
        <source>编辑大中修计划</source>
        <translation>Edit repair plan</translation>
    </message>
    <message>
        <source>新增大中修计划</source>
        <translation>New repair plan</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>项目名称</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>不指定</source>
        <translation>None</translation>
    </message>
    <message>
        <source>预算(元)</source>
        <translation>Budget (¥)</translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>计划完成</source>
        <translation>Planned end</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>RepairPlansPage</name>
    <message>
        <source>项目名称或说明</source>
        <translation>Project or note</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>验收</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>取消计划</source>
        <translation>Cancel plan</translation>
    </message>
    <message>
        <source>%1年: 计划 %2 项 预算 %3, 已批 %4, 已验收 %5 项 实际 %6</source>
        <translation>%1: %2 plans, budget %3, approved %4, %5 accepted, actual %6</translation>
    </message>
    <message>
        <source>验收 — %1</source>
        <translation>Accept — %1</translation>
    </message>
    <message>
        <source>实际费用(元)</source>
        <translation>Actual cost (¥)</translation>
    </message>
    <message>
        <source>验收日期</source>
        <translation>Accepted on</translation>
    </message>
    <message>
        <source>验收意见</source>
        <translation>Acceptance note</translation>
    </message>
    <message>
        <source>取消计划 — %1</source>
        <translation>Cancel plan — %1</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>为用户 %1 设置新密码 (同时解除锁定)。</source>
        <translation>Set a new password for %1 (also unlocks the account).</translation>
    </message>
</context>
<context>
    <name>ResultImportDialog</name>
    <message>
        <source>导入银行扣款结果</source>
        <translation>Import bank collection result</translation>
    </message>
    <message>
        <source>确认导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>托收批次 {0}: 扣款成功 {1} 户, 共 {2} 元 (将生成收据, 付款方式 托收); 扣款失败 {3} 户 (保留欠费并记录银行的原因)。</source>
        <translation>Batch {0}: {1} units collected, {2} yuan (receipts will be made, method bank collection); {3} failed (their arrears stay, with the bank&apos;s reason).</translation>
    </message>
    <message>
        <source>结果文件有 {0} 处问题, 不能导入。请更正后重新选择文件; 不会导入任何内容。</source>
        <translation>The result file has {0} problems and cannot be imported. Correct it and choose it again; nothing is imported.</translation>
    </message>
    <message>
        <source>正在导入银行扣款结果…</source>
        <translation>Importing the bank result…</translation>
    </message>
</context>
<context>
    <name>RosterActions</name>
    <message>
        <source>导入花名册…</source>
        <translation>Import roster…</translation>
    </message>
    <message>
        <source>导出花名册…</source>
        <translation>Export roster…</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Save import template…</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>导出花名册</source>
        <translation>Export roster</translation>
    </message>
    <message>
        <source>已导出 %1 行到
%2</source>
        <translation>Exported %1 rows to
%2</translation>
    </message>
    <message>
        <source>下载导入模板</source>
        <translation>Save import template</translation>
    </message>
    <message>
        <source>模板已保存到
%1</source>
        <translation>Template saved to
%1</translation>
    </message>
    <message>
        <source>导出当前列表…</source>
        <translation>Export this list…</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>导入业主花名册</source>
        <translation>Import owner roster</translation>
    </message>
    <message>
        <source>请选择 Excel 文件 (.xlsx)</source>
        <translation>Choose an Excel file (.xlsx)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>文件:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>工作表:</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <source>选择花名册文件后, 这里显示将新增、更新的行和有错误的行。什么都不会写入, 直到您点“导入”。</source>
        <translation>After you choose a roster file, the rows to add, update and the rows with errors show here. Nothing is written until you click &quot;Import&quot;.</translation>
    </message>
    <message>
        <source>身份证号仅校验位不符时照原样保留, 标为“待核实” (旧系统的数据)</source>
        <translation>Keep ID numbers whose check digit fails as they are, marked &quot;to verify&quot; (data from the old system)</translation>
    </message>
    <message>
        <source>全部行</source>
        <translation>All rows</translation>
    </message>
    <message>
        <source>只看有错误的行</source>
        <translation>Only rows with errors</translation>
    </message>
    <message>
        <source>只看新增和更新的行</source>
        <translation>Only new and updated rows</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>仅导入正确的行</source>
        <translation>Import only the valid rows</translation>
    </message>
    <message>
        <source>更新已登记的信息…</source>
        <translation>Update registered records…</translation>
    </message>
    <message>
        <source>列出文件将修改的已登记人员姓名、车牌和车位 (原 → 新), 确认后才会导入</source>
        <translation>Lists the registered names, plates and parking spaces the file would change (old → new); nothing is imported until you confirm</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择业主花名册</source>
        <translation>Choose the owner roster</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)</source>
        <translation>Excel workbooks (*.xlsx *.xlsm);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取 %1 …</source>
        <translation>Reading %1 …</translation>
    </message>
    <message>
        <source>读取花名册</source>
        <translation>Read roster</translation>
    </message>
    <message>
        <source>全部工作表</source>
        <translation>All sheets</translation>
    </message>
    <message>
        <source>工作表“%1”, 表头在第%2行。新增 %3 行, 更新 %4 行, 无变化 %5 行, 有错误 %6 行。</source>
        <translation>Sheet &quot;%1&quot;, header in row %2. New %3 rows, updated %4, unchanged %5, with errors %6.</translation>
    </message>
    <message>
        <source>识别为 %1 导入模板。</source>
        <translation>Recognised as the %1 import template. </translation>
    </message>
    <message>
        <source> 将导入: 房屋 %1 套, 人员 %2 人, 车位 %3 个, 车牌 %4 个, 身份证号待核实 %5 个。</source>
        <translation> To import: %1 units, %2 people, %3 parking spaces, %4 plates, %5 ID numbers to verify.</translation>
    </message>
    <message>
        <source> 共 %1 处问题 (红色行), 请在 Excel 中改正后重新导入, 或只导入正确的行。</source>
        <translation> %1 problems (red rows): correct them in Excel and import again, or import only the valid rows.</translation>
    </message>
    <message>
        <source> 其中 %1 处会修改已登记的人员或车辆 (点“更新已登记的信息…”查看并确认)。</source>
        <translation> %1 of them would change registered people or vehicles (click “Update registered records…” to review and confirm).</translation>
    </message>
    <message>
        <source> 已确认更新 %1 处已登记的信息。</source>
        <translation> %1 changes to registered records confirmed.</translation>
    </message>
    <message>
        <source>未识别的列 (已忽略): %1</source>
        <translation>Unknown columns (ignored): %1</translation>
    </message>
    <message>
        <source>旧系统的收费项目 (未自动创建, 请在 收费 → 收费项目 中对应到 PropDesk 的收费项目):</source>
        <translation>Fee items of the old system (not created; map them to PropDesk fee items under Fees → Fee items):</translation>
    </message>
    <message>
        <source>已取消读取。</source>
        <translation>Reading cancelled.</translation>
    </message>
    <message>
        <source>…… 共 %1 处</source>
        <translation>… %1 in all</translation>
    </message>
    <message>
        <source>更新已登记的信息</source>
        <translation>Update registered records</translation>
    </message>
    <message>
        <source>这个文件会修改以下已登记的信息 (原 → 新):

%1

确认这些修改正确吗? 每处修改都会记入审计日志。</source>
        <translation>This file would change these registered records (old → new):

%1

Are these changes correct? Each one is recorded in the audit log.</translation>
    </message>
    <message>
        <source>有错误的 %1 行不会导入, 其余 %2 行将被导入。继续吗?</source>
        <translation>The %1 rows with errors are skipped; the other %2 rows will be imported. Continue?</translation>
    </message>
    <message>
        <source>导入花名册</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>已导入: 新增 %1 行, 更新 %2 行, 无变化 %3 行。</source>
        <translation>Imported: %1 new, %2 updated, %3 unchanged rows.</translation>
    </message>
    <message>
        <source> 跳过有错误的 %1 行。</source>
        <translation> Skipped %1 rows with errors.</translation>
    </message>
    <message>
        <source>已取消导入, 数据库没有任何改动。</source>
        <translation>Import cancelled; the database is unchanged.</translation>
    </message>
</context>
<context>
    <name>RosterPreview</name>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>无变化</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>有错误</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>记录巡逻</source>
        <translation>Record round</translation>
    </message>
    <message>
        <source>路线</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>巡逻人</source>
        <translation>Guard</translation>
    </message>
    <message>
        <source>巡逻时间</source>
        <translation>Patrol time</translation>
    </message>
    <message>
        <source>留空为现在, 或 23:10</source>
        <translation>Empty for now, or 23:10</translation>
    </message>
    <message>
        <source>巡逻点</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <source>异常情况(如有)</source>
        <translation>Anomaly (if any)</translation>
    </message>
    <message>
        <source>开工单</source>
        <translation>Work order</translation>
    </message>
    <message>
        <source>请先在“路线”中建立巡逻路线</source>
        <translation>Create a patrol route first</translation>
    </message>
    <message>
        <source>请先在“本组员工”中添加秩序人员</source>
        <translation>Add security staff first (Team staff)</translation>
    </message>
</context>
<context>
    <name>ScoreDialog</name>
    <message>
        <source>外包单位月度评分</source>
        <translation>Contractors&apos; monthly score</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>月份 (例如 2026-11)</source>
        <translation>Month (e.g. 2026-11)</translation>
    </message>
    <message>
        <source>该月没有来访记录</source>
        <translation>No visits that month</translation>
    </message>
</context>
<context>
    <name>ScoreItemDialog</name>
    <message>
        <source>新增评分项目</source>
        <translation>New score item</translation>
    </message>
    <message>
        <source>评分项目</source>
        <translation>Score item</translation>
    </message>
    <message>
        <source>例如 地面光洁无污渍</source>
        <translation>e.g. floor clean and spotless</translation>
    </message>
    <message>
        <source>权重</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>1-100, 同一区域合计100</source>
        <translation>1-100, an area adds up to 100</translation>
    </message>
</context>
<context>
    <name>ScoreSheetPage</name>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>新增项目</source>
        <translation>Add item</translation>
    </message>
    <message>
        <source>合计权重 %1</source>
        <translation>Total weight %1</translation>
    </message>
</context>
<context>
    <name>ServiceCalendarPanel</name>
    <message>
        <source>24小时值班 (如秩序)</source>
        <translation>24 hours (e.g. security)</translation>
    </message>
    <message>
        <source>保存工作时间</source>
        <translation>Save hours</translation>
    </message>
    <message>
        <source>班组工作时间</source>
        <translation>Team hours</translation>
    </message>
    <message>
        <source>班组</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>上下班</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>如 元旦、春节</source>
        <translation>e.g. New Year</translation>
    </message>
    <message>
        <source>调休上班 (周末照常工作)</source>
        <translation>Worked day (weekend worked)</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>节假日</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>所有工单时限按班组工作时间计算; 紧急工单和24小时班组不受工作时间限制。节假日对非24小时班组为休息日。</source>
        <translation>Every work-order deadline counts the team&apos;s working hours; urgent orders and 24-hour teams count every minute. Holidays are days off for all but 24-hour teams.</translation>
    </message>
    <message>
        <source>已保存。新登记和重新计算的工单时限按新的工作时间。</source>
        <translation>Saved. New and recomputed deadlines use the new hours.</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>请先在列表中选择要删除的日期</source>
        <translation>Select a date in the list first</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>已保存。之后打印的收据、缴费通知单和派工单使用新的信息。</source>
        <translation>Saved. Receipts, fee notices and dispatch slips printed from now on use it.</translation>
    </message>
    <message>
        <source>这些信息印在收据、缴费通知单和派工单的抬头; 银行账号印在缴费通知单上供业主转账。</source>
        <translation>These head receipts, fee notices and dispatch slips; the bank account is printed on fee notices for owners&apos; transfers.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>停车费</source>
        <translation>Parking fee</translation>
    </message>
    <message>
        <source>物业服务费</source>
        <translation>Property service fee</translation>
    </message>
    <message>
        <source>垃圾清运费</source>
        <translation>Refuse collection</translation>
    </message>
    <message>
        <source>公摊电费</source>
        <translation>Shared electricity</translation>
    </message>
    <message>
        <source>水费</source>
        <translation>Water</translation>
    </message>
    <message>
        <source>初始设置 — 物业前台 · PropDesk</source>
        <translation>First set-up — PropDesk</translation>
    </message>
    <message>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>员工第%1行: </source>
        <translation>Staff row %1: </translation>
    </message>
</context>
<context>
    <name>SharedMeterDialog</name>
    <message>
        <source>编辑公摊总表</source>
        <translation>Edit shared meter</translation>
    </message>
    <message>
        <source>新增公摊总表</source>
        <translation>New shared meter</translation>
    </message>
    <message>
        <source>总表名称</source>
        <translation>Meter name</translation>
    </message>
    <message>
        <source>如: 1栋公共用电</source>
        <translation>e.g. Building 1 public power</translation>
    </message>
    <message>
        <source>账单上的收费项目</source>
        <translation>Fee item on the bills</translation>
    </message>
    <message>
        <source>如: 公摊电费 (没有则新建)</source>
        <translation>e.g. shared power (made if missing)</translation>
    </message>
    <message>
        <source>扣除的分户表</source>
        <translation>Less the sub-meters of</translation>
    </message>
    <message>
        <source>不扣 (电梯等没有分户表)</source>
        <translation>None (a lift has no sub-meters)</translation>
    </message>
    <message>
        <source>分摊方式</source>
        <translation>Split</translation>
    </message>
    <message>
        <source>单价 (元/度, 元/吨)</source>
        <translation>Unit price (¥/kWh, ¥/t)</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>指定房号</source>
        <translation>Rooms</translation>
    </message>
    <message>
        <source>逗号分隔, 如 1-1-101, 1-1-102</source>
        <translation>comma-separated, e.g. 1-1-101, 1-1-102</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>SharedMetersPage</name>
    <message>
        <source>按建筑面积</source>
        <translation>By floor area</translation>
    </message>
    <message>
        <source>按户均摊</source>
        <translation>Equally per unit</translation>
    </message>
    <message>
        <source>一栋楼</source>
        <translation>One building</translation>
    </message>
    <message>
        <source>全小区</source>
        <translation>Whole property</translation>
    </message>
    <message>
        <source>指定房屋</source>
        <translation>Chosen units</translation>
    </message>
    <message>
        <source>指定 %1 户</source>
        <translation>%1 chosen units</translation>
    </message>
    <message>
        <source>新增总表…</source>
        <translation>New meter…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>本期总表读数</source>
        <translation>this period&apos;s reading</translation>
    </message>
    <message>
        <source>保存读数</source>
        <translation>Save reading</translation>
    </message>
    <message>
        <source>试算</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>入账…</source>
        <translation>Post…</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>总表读数</source>
        <translation>Master reading</translation>
    </message>
    <message>
        <source>还没有公摊总表: 点“新增总表…”登记一块总表 (如 1栋公共用电)。</source>
        <translation>No shared meter yet: click &quot;New meter…&quot; to add one (e.g. Building 1 public power).</translation>
    </message>
    <message>
        <source>已入账</source>
        <translation>posted</translation>
    </message>
    <message>
        <source>未入账</source>
        <translation>not posted</translation>
    </message>
    <message>
        <source>公摊入账</source>
        <translation>Post shared charges</translation>
    </message>
    <message>
        <source>把 %1 户的公摊 (合计 %2 元) 记入 %3 的账单? 已入账未缴的会被替换。</source>
        <translation>Put the shares of %1 units (¥%2 in all) on the bills of %3? Unpaid shares posted before are replaced.</translation>
    </message>
    <message>
        <source>已入账: %1 户, 合计 %2 元</source>
        <translation>Posted: %1 units, ¥%2 in all</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>光标到本页的搜索框</source>
        <translation>Cursor to this page&apos;s search box</translation>
    </message>
    <message>
        <source>从搜索框进入下面的列表 (上下键选行, 回车打开)</source>
        <translation>From the search box into the list below (arrows choose a row, Enter opens it)</translation>
    </message>
    <message>
        <source>转到当前标签的第 1…9 页 (如 客服: 工单、业主档案、收费、催缴)</source>
        <translation>Go to page 1…9 of the current tab (e.g. Service: Work orders, Owner archive, Fees, Arrears)</translation>
    </message>
    <message>
        <source>转到 经理 / 客服 / 工程 / 秩序 / 环境 标签</source>
        <translation>Go to the Manager / Service / Engineering / Security / Environment tab</translation>
    </message>
    <message>
        <source>工单: 新登记, 光标到查找房屋/业主</source>
        <translation>Work orders: new report, cursor to the unit/owner look-up</translation>
    </message>
    <message>
        <source>工单: 登记; 表单: 保存</source>
        <translation>Work orders: register; forms: save</translation>
    </message>
    <message>
        <source>工单: 显示更多匹配的房屋</source>
        <translation>Work orders: show more matching units</translation>
    </message>
    <message>
        <source>收费: 收款并打印收据</source>
        <translation>Fees: take the payment and print the receipt</translation>
    </message>
    <message>
        <source>催缴: 光标到楼栋选择</source>
        <translation>Arrears: cursor to the building choice</translation>
    </message>
    <message>
        <source>预览中: 用默认打印机打印 (没有默认打印机时先选打印机); 催缴: 所选楼栋的通知单</source>
        <translation>In a preview: print on the default printer (choose one if there is none); Arrears: the chosen building&apos;s notices</translation>
    </message>
    <message>
        <source>预览中: 选择打印机、份数、页码后打印</source>
        <translation>In a preview: choose printer, copies and pages, then print</translation>
    </message>
    <message>
        <source>刷新列表</source>
        <translation>Refresh the list</translation>
    </message>
    <message>
        <source>下一项 / 上一项 (列表也可以用 Tab 离开)</source>
        <translation>Next / previous field (Tab also leaves a list)</translation>
    </message>
    <message>
        <source>关闭对话框或预览, 不保存</source>
        <translation>Close a dialog or preview without saving</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>作用</source>
        <translation>What it does</translation>
    </message>
</context>
<context>
    <name>SignupDialog</name>
    <message>
        <source>活动报名</source>
        <translation>Activity sign-up</translation>
    </message>
    <message>
        <source>报名人</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>例如 1-1-101, 可不填</source>
        <translation>e.g. 1-1-101, optional</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>编辑员工</source>
        <translation>Edit staff</translation>
    </message>
    <message>
        <source>新增员工</source>
        <translation>New staff member</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>班组</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>入职日期</source>
        <translation>Hired on</translation>
    </message>
    <message>
        <source>外包人员填写所属公司, 自有员工留空</source>
        <translation>Contractors: their company; own staff: leave empty</translation>
    </message>
    <message>
        <source>外包单位</source>
        <translation>Contractor</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>在职</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>显示已停用</source>
        <translation>Show inactive</translation>
    </message>
    <message>
        <source>新增员工…</source>
        <translation>New staff member…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>新增岗位…</source>
        <translation>New position…</translation>
    </message>
    <message>
        <source>修改岗位…</source>
        <translation>Edit position…</translation>
    </message>
    <message>
        <source>删除岗位</source>
        <translation>Delete position</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 人</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>定岗定编: 空缺 %n 人</source>
        <translation>
            <numerusform>Required positions: %n vacancy</numerusform>
            <numerusform>Required positions: %n vacancies</numerusform>
        </translation>
    </message>
    <message>
        <source>定岗定编: 尚未设置岗位</source>
        <translation>Required positions: none set yet</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>StockItemDialog</name>
    <message>
        <source>编辑物品</source>
        <translation>Edit item</translation>
    </message>
    <message>
        <source>新增物品</source>
        <translation>New item</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>例如 CL-001</source>
        <translation>e.g. CL-001</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>规格型号</source>
        <translation>Spec / model</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>个、米、桶…</source>
        <translation>pc, m, drum…</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>仓库</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>最低库存</source>
        <translation>Min. stock</translation>
    </message>
    <message>
        <source>低于或等于此数时提醒, 0 不提醒</source>
        <translation>Warn at or below this; 0: never</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <source>编号、名称或规格</source>
        <translation>Code, name or spec</translation>
    </message>
    <message>
        <source>仓库</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>全部仓库</source>
        <translation>All stores</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>低于最低库存</source>
        <translation>Below minimum</translation>
    </message>
    <message>
        <source>入库</source>
        <translation>Stock in</translation>
    </message>
    <message>
        <source>出库</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>退库</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>借出</source>
        <translation>Lent</translation>
    </message>
    <message>
        <source>借还工具</source>
        <translation>Tool loans</translation>
    </message>
    <message>
        <source>盘点</source>
        <translation>Stock-take</translation>
    </message>
    <message>
        <source>月度用量</source>
        <translation>Monthly usage</translation>
    </message>
    <message>
        <source>库存金额 %1 元</source>
        <translation>Stock value ¥%1</translation>
    </message>
    <message>
        <source>%1 项低于最低库存</source>
        <translation>%1 below minimum</translation>
    </message>
    <message>
        <source>结存</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>可用</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>%1 (均价 %2)</source>
        <translation>%1 (avg. price %2)</translation>
    </message>
    <message>
        <source>数量 (%1)</source>
        <translation>Quantity (%1)</translation>
    </message>
    <message>
        <source>单价(元)</source>
        <translation>Unit price (¥)</translation>
    </message>
    <message>
        <source>工单号</source>
        <translation>Work order no.</translation>
    </message>
    <message>
        <source>例如 GD202611280001</source>
        <translation>e.g. GD202611280001</translation>
    </message>
    <message>
        <source>领用人</source>
        <translation>Taken by</translation>
    </message>
    <message>
        <source>工单号与领用人至少填一项</source>
        <translation>Give a work order no. or a person</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>借出 — %1</source>
        <translation>Lend — %1</translation>
    </message>
    <message>
        <source>借用人</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>应还日期</source>
        <translation>Due back</translation>
    </message>
    <message>
        <source>开始盘点</source>
        <translation>Start stock-take</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>StockPickDialog</name>
    <message>
        <source>从库存选择材料</source>
        <translation>Material from stock</translation>
    </message>
    <message>
        <source>库存物品</source>
        <translation>Stock item</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
</context>
<context>
    <name>StockTakeDialog</name>
    <message>
        <source>盘点</source>
        <translation>Stock-take</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>账面数量</source>
        <translation>Book</translation>
    </message>
    <message>
        <source>实盘数量</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>差异</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>保存实盘数</source>
        <translation>Save counts</translation>
    </message>
    <message>
        <source>完成盘点</source>
        <translation>Finish stock-take</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message>
        <source>新建调查</source>
        <translation>New survey</translation>
    </message>
    <message>
        <source>调查名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>发放日期</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>调查项目 (每行一项)</source>
        <translation>Topics (one a line)</translation>
    </message>
    <message>
        <source>客户服务
工程维修
秩序维护
环境保洁</source>
        <translation>Customer service
Engineering and repairs
Order and security
Cleaning and environment</translation>
    </message>
    <message>
        <source>抽样户数</source>
        <translation>Sample size</translation>
    </message>
</context>
<context>
    <name>SurveysPage</name>
    <message>
        <source>调查名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>新建调查</source>
        <translation>New survey</translation>
    </message>
    <message>
        <source>录入答卷</source>
        <translation>Enter answers</translation>
    </message>
    <message>
        <source> (上次 %1)</source>
        <translation> (last time %1)</translation>
    </message>
    <message>
        <source>回收</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>请先在右侧选择一户</source>
        <translation>Choose a household on the right first</translation>
    </message>
    <message>
        <source>这一户的答卷已经录入过了</source>
        <translation>This household&apos;s answers are already entered</translation>
    </message>
</context>
<context>
    <name>TakeoverPage</name>
    <message>
        <source>移交单位、查验人或备注</source>
        <translation>Developer, inspector or notes</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>全部楼栋</source>
        <translation>All buildings</translation>
    </message>
    <message>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>打印问题清单</source>
        <translation>Print defect list</translation>
    </message>
    <message>
        <source>登记问题</source>
        <translation>Record defect</translation>
    </message>
    <message>
        <source>编辑所选问题</source>
        <translation>Edit defect</translation>
    </message>
    <message>
        <source>复验所选问题</source>
        <translation>Re-inspect defect</translation>
    </message>
    <message>
        <source>移交单位</source>
        <translation>Handed over by</translation>
    </message>
    <message>
        <source>查验人</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>检查进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Defects</translation>
    </message>
    <message>
        <source>%1 项, 未销项 %2 项</source>
        <translation>%1, %2 open</translation>
    </message>
    <message>
        <source>复验 — %1</source>
        <translation>Re-inspect — %1</translation>
    </message>
    <message>
        <source>复验结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>通过, 销项</source>
        <translation>Passed, sign off</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <source>复验意见</source>
        <translation>Re-inspection note</translation>
    </message>
    <message>
        <source>承接查验问题清单 %1</source>
        <translation>Takeover defect list %1</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>设置 %1 年目标</source>
        <translation>Targets of %1</translation>
    </message>
</context>
<context>
    <name>TeamQueuePage</name>
    <message>
        <source>我的工单</source>
        <translation>My orders</translation>
    </message>
    <message>
        <source>本班组全部</source>
        <translation>Whole team</translation>
    </message>
    <message>
        <source>未派单</source>
        <translation>Not dispatched</translation>
    </message>
    <message>
        <source>编号、房号、业主姓名或电话</source>
        <translation>Number, room, owner name or phone</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>%1班组工单</source>
        <translation>%1 team orders</translation>
    </message>
    <message>
        <source>没有派给您、尚未完成的工单。派单后会出现在这里。</source>
        <translation>No open work orders are assigned to you. They appear here once dispatched.</translation>
    </message>
    <message>
        <source>本班组目前没有未完成的工单。</source>
        <translation>The team has no open work orders.</translation>
    </message>
    <message>
        <source>没有等待派单的工单。</source>
        <translation>No work orders are waiting to be dispatched.</translation>
    </message>
    <message>
        <source>%1 班组工单</source>
        <translation type="vanished">%1 team orders</translation>
    </message>
    <message>
        <source>当前用户未关联员工档案, 没有“我的工单”</source>
        <translation>This user is not linked to a staff record, so there is no &quot;My orders&quot;</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>班组</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>全部班组</source>
        <translation>All teams</translation>
    </message>
    <message>
        <source>登记培训/考核</source>
        <translation>New training</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>如 2026-11-20</source>
        <translation>e.g. 2026-11-20</translation>
    </message>
    <message>
        <source>培训/考核内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>如 消防器材使用</source>
        <translation>e.g. using fire extinguishers</translation>
    </message>
    <message>
        <source>讲师/考核人</source>
        <translation>Trainer/assessor</translation>
    </message>
    <message>
        <source>参加人员及成绩</source>
        <translation>Attendees and scores</translation>
    </message>
    <message>
        <source>每行一人: 姓名 成绩, 如 张三 95</source>
        <translation>One a line: name score, e.g. Zhang San 95</translation>
    </message>
    <message>
        <source>培训考核记录</source>
        <translation>Training record</translation>
    </message>
</context>
<context>
    <name>UnitDetailPane</name>
    <message>
        <source>建筑面积</source>
        <translation>Floor area</translation>
    </message>
    <message>
        <source>楼层</source>
        <translation>Floor</translation>
    </message>
    <message>
        <source>室内面积</source>
        <translation>Inner area</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>车位</source>
        <translation>Parking</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>新增住户</source>
        <translation>New resident</translation>
    </message>
    <message>
        <source>编辑住户</source>
        <translation>Edit resident</translation>
    </message>
    <message>
        <source>显示完整号码</source>
        <translation>Show full numbers</translation>
    </message>
    <message>
        <source>逐条查看手机号和身份证号; 每次查看都记入审计日志</source>
        <translation>See the mobile and ID numbers one person at a time; every view is recorded in the audit log</translation>
    </message>
    <message>
        <source>住户</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>新增车辆</source>
        <translation>New vehicle</translation>
    </message>
    <message>
        <source>车辆</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <source>在左侧选择一套房屋查看详情</source>
        <translation>Select a unit on the left to see its details</translation>
    </message>
    <message>
        <source> (共 %1 层)</source>
        <translation> (of %1 floors)</translation>
    </message>
    <message>
        <source>有电梯</source>
        <translation>with lift</translation>
    </message>
    <message>
        <source>无电梯</source>
        <translation>no lift</translation>
    </message>
    <message>
        <source>电梯: 未登记</source>
        <translation>lift: not recorded</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>新增房屋</source>
        <translation>New unit</translation>
    </message>
    <message>
        <source>编辑房屋</source>
        <translation>Edit unit</translation>
    </message>
    <message>
        <source>新建楼栋…</source>
        <translation>New building…</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>单元</source>
        <translation>Entrance</translation>
    </message>
    <message>
        <source>例如 1, 无单元可留空</source>
        <translation>e.g. 1, empty if none</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>例如 1502</source>
        <translation>e.g. 1502</translation>
    </message>
    <message>
        <source>楼层</source>
        <translation>Floor</translation>
    </message>
    <message>
        <source>留空则按房号推算</source>
        <translation>empty: taken from the room number</translation>
    </message>
    <message>
        <source>建筑面积(㎡)</source>
        <translation>Floor area (㎡)</translation>
    </message>
    <message>
        <source>例如 89.50</source>
        <translation>e.g. 89.50</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>请选择楼栋</source>
        <translation>Choose a building</translation>
    </message>
    <message>
        <source>新建楼栋</source>
        <translation>New building</translation>
    </message>
    <message>
        <source>楼栋名称 (例如 7栋):</source>
        <translation>Building name (e.g. 7栋):</translation>
    </message>
</context>
<context>
    <name>UnitsStep</name>
    <message>
        <source>第2步: 楼栋和房屋</source>
        <translation>Step 2: Buildings and units</translation>
    </message>
    <message>
        <source>按规律生成楼栋和房屋 (房号 = 楼层 + 两位户号, 如 1502); 也可以改为导入业主花名册。</source>
        <translation>Generate buildings and units from a pattern (room = floor + two-digit flat, e.g. 1502), or import the owner roster instead.</translation>
    </message>
    <message>
        <source>改为导入花名册 (完成后打开“导入花名册”, 房屋从表格中建立)</source>
        <translation>Import the roster instead (opens “Import roster” when done; units come from the sheet)</translation>
    </message>
    <message>
        <source>(填写完整后显示将生成的房屋数)</source>
        <translation>(the number of units appears once every field is filled in)</translation>
    </message>
    <message>
        <source>将生成 %1 栋 (%2), 共 %3 套房屋。</source>
        <translation>%1 buildings (%2) with %3 units in all will be created.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>长时间未操作, 屏幕已锁定。请输入 %1 的密码解锁。</source>
        <translation>The screen was locked after a period of inactivity. Enter the password of %1 to unlock.</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>退出程序</source>
        <translation>Quit the program</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>UsageDialog</name>
    <message>
        <source>月度用量与费用 — %1</source>
        <translation>Monthly usage and cost — %1</translation>
    </message>
    <message>
        <source>近12个月没有领用</source>
        <translation>Nothing used in the last 12 months</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>每月合计 (元):</source>
        <translation>Monthly totals (¥):</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>新增用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>修改角色…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>解除锁定</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>关联员工…</source>
        <translation>Link to staff…</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>角色权限 (勾选即生效, 已登录的用户在一分钟内起作用; 系统管理员总是拥有全部权限)</source>
        <translation>Role rights (a tick applies at once; signed-in users get it within a minute; the administrator always holds every right)</translation>
    </message>
    <message>
        <source>(不关联)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>关联员工</source>
        <translation>Link to staff</translation>
    </message>
    <message>
        <source>用户 %1 是哪位员工 (派单、我的工单、接单据此)</source>
        <translation>Which staff member is user %1 (dispatch, My orders and Take go by it)</translation>
    </message>
    <message>
        <source>角色权限 (勾选即生效, 用户下次登录或解锁时起作用; 系统管理员总是拥有全部权限)</source>
        <translation type="vanished">Role permissions (saved when ticked; apply at the user&apos;s next login or unlock; the administrator always has all)</translation>
    </message>
    <message>
        <source>用户与权限</source>
        <translation>Users and permissions</translation>
    </message>
    <message>
        <source>修改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>用户 %1 的角色</source>
        <translation>Role of user %1</translation>
    </message>
</context>
<context>
    <name>Value</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>VehicleDialog</name>
    <message>
        <source>新增车辆</source>
        <translation>New vehicle</translation>
    </message>
    <message>
        <source>车牌号</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>例如 浙A12345 或 浙AD12345</source>
        <translation>e.g. 浙A12345 or 浙AD12345</translation>
    </message>
    <message>
        <source>(不指定)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>车主</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>品牌</source>
        <translation>Make</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
</context>
<context>
    <name>VehiclesPage</name>
    <message>
        <source>在场车辆</source>
        <translation>Cars inside</translation>
    </message>
    <message>
        <source>在场临时车</source>
        <translation>Visitors&apos; cars inside</translation>
    </message>
    <message>
        <source>超时停放</source>
        <translation>Overstaying</translation>
    </message>
    <message>
        <source>全部记录</source>
        <translation>All records</translation>
    </message>
    <message>
        <source>车牌, 如 粤B12345</source>
        <translation>Plate, e.g. YueB12345</translation>
    </message>
    <message>
        <source>入场</source>
        <translation>In</translation>
    </message>
    <message>
        <source>出场收费</source>
        <translation>Exit and pay</translation>
    </message>
    <message>
        <source>收费规则</source>
        <translation>Fee rule</translation>
    </message>
    <message>
        <source>车牌或收据号</source>
        <translation>Plate or receipt no.</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>打印收据</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>车位 %1 · 业主车在场 %2 · 临时车在场 %3 · 超时 %4 · 空余约 %5</source>
        <translation>Spaces %1 · owners in %2 · visitors in %3 · overstaying %4 · free ~%5</translation>
    </message>
    <message>
        <source>车辆入场</source>
        <translation>Car in</translation>
    </message>
    <message>
        <source>车辆出场</source>
        <translation>Car out</translation>
    </message>
    <message>
        <source>停车费</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>停放</source>
        <translation>Stay</translation>
    </message>
    <message>
        <source>%1 分钟 (入场 %2)</source>
        <translation>%1 min (in %2)</translation>
    </message>
    <message>
        <source>付款方式</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>临时车出场 %1</source>
        <translation>Visitor car out %1</translation>
    </message>
    <message>
        <source>收款并放行</source>
        <translation>Take payment and let out</translation>
    </message>
    <message>
        <source>已收费</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>已收款。打印收据吗?</source>
        <translation>Paid. Print the receipt?</translation>
    </message>
    <message>
        <source>停车收据</source>
        <translation>Parking receipt</translation>
    </message>
    <message>
        <source>免费时长(分钟)</source>
        <translation>Free minutes</translation>
    </message>
    <message>
        <source>每小时(元)</source>
        <translation>Per hour (¥)</translation>
    </message>
    <message>
        <source>每24小时封顶(元)</source>
        <translation>Cap per 24 h (¥)</translation>
    </message>
    <message>
        <source>超时提醒(小时)</source>
        <translation>Overstay after (h)</translation>
    </message>
    <message>
        <source>临时停车收费规则</source>
        <translation>Visitor parking fee rule</translation>
    </message>
</context>
<context>
    <name>VendorDialog</name>
    <message>
        <source>编辑外包单位</source>
        <translation>Edit contractor</translation>
    </message>
    <message>
        <source>新增外包单位</source>
        <translation>New contractor</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>维保系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>服务内容</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>例如 电梯日常维保、年检配合</source>
        <translation>e.g. lift maintenance, annual inspection</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>合同编号</source>
        <translation>Contract no.</translation>
    </message>
    <message>
        <source>合同开始</source>
        <translation>Contract start</translation>
    </message>
    <message>
        <source>合同结束</source>
        <translation>Contract end</translation>
    </message>
    <message>
        <source>合同金额(元)</source>
        <translation>Contract amount (¥)</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>VendorsPage</name>
    <message>
        <source>单位名称、服务内容、联系人或合同编号</source>
        <translation>Company, services, contact or contract no.</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>全部系统</source>
        <translation>All systems</translation>
    </message>
    <message>
        <source>合同</source>
        <translation>Contract</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>60天内到期</source>
        <translation>Ending within 60 days</translation>
    </message>
    <message>
        <source>登记来访</source>
        <translation>Record visit</translation>
    </message>
    <message>
        <source>验收所选来访</source>
        <translation>Accept visit</translation>
    </message>
    <message>
        <source>月度评分</source>
        <translation>Monthly score</translation>
    </message>
    <message>
        <source>%1 份合同60天内到期或已到期</source>
        <translation>%1 contracts end within 60 days or have ended</translation>
    </message>
    <message>
        <source>服务内容</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>登记来访 — %1</source>
        <translation>Record visit — %1</translation>
    </message>
    <message>
        <source>来访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <source>维保人员</source>
        <translation>Technician</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>不指定</source>
        <translation>None</translation>
    </message>
    <message>
        <source>维保内容</source>
        <translation>Work done</translation>
    </message>
    <message>
        <source>验收 %1</source>
        <translation>Accept %1</translation>
    </message>
    <message>
        <source>验收</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>评分</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>验收意见</source>
        <translation>Acceptance note</translation>
    </message>
    <message>
        <source>2分及以下请写明问题</source>
        <translation>For 2 or less, say what was wrong</translation>
    </message>
</context>
<context>
    <name>ViolationDetail</name>
    <message>
        <source>在左侧选择一宗违章</source>
        <translation>Select a case on the left</translation>
    </message>
    <message>
        <source>照片: </source>
        <translation>Photos: </translation>
    </message>
    <message>
        <source>照片: 无</source>
        <translation>Photos: none</translation>
    </message>
</context>
<context>
    <name>ViolationsPage</name>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>未结案</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>登记违章</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>打印整改通知</source>
        <translation>Print notice</translation>
    </message>
    <message>
        <source>添加照片</source>
        <translation>Add photo</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>如 3-1-1502, 公共区域可留空</source>
        <translation>e.g. 3-1-1502; empty for common areas</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>如 3栋消防通道</source>
        <translation>e.g. Bldg 3 fire lane</translation>
    </message>
    <message>
        <source>违章情况</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>如 2026-12-05, 可留空</source>
        <translation>e.g. 2026-12-05, optional</translation>
    </message>
    <message>
        <source>劝阻情况</source>
        <translation>Dissuasion</translation>
    </message>
    <message>
        <source>现场劝阻</source>
        <translation>Dissuaded on site</translation>
    </message>
    <message>
        <source>转为</source>
        <translation>Move to</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>新的整改期限</source>
        <translation>New deadline</translation>
    </message>
    <message>
        <source>可留空</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>违章 %1: 下一步</source>
        <translation>Case %1: next step</translation>
    </message>
    <message>
        <source>整改通知书 %1</source>
        <translation>Rectification notice %1</translation>
    </message>
    <message>
        <source>选择照片</source>
        <translation>Choose photo</translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>已联系上</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>联系不上</source>
        <translation>Not reached</translation>
    </message>
    <message numerus="yes">
        <source>(已尝试 %n 次)</source>
        <translation>
            <numerusform>(%n attempt so far)</numerusform>
            <numerusform>(%n attempts so far)</numerusform>
        </translation>
    </message>
    <message>
        <source>回访结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>2分及以下: 工单将退回原班组返工 (最多两次, 之后转经理)。</source>
        <translation>2 or less: the order goes back to its team as rework (twice at most, then to the manager).</translation>
    </message>
    <message>
        <source>下次回访</source>
        <translation>Next attempt</translation>
    </message>
    <message>
        <source>业主意见/备注</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>业主意见</source>
        <translation type="vanished">Owner&apos;s comments</translation>
    </message>
</context>
<context>
    <name>VisitorsPage</name>
    <message>
        <source>姓名、手机号、车牌或单号</source>
        <translation>Name, mobile, plate or pass no.</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>在场访客</source>
        <translation>Inside now</translation>
    </message>
    <message>
        <source>全部记录</source>
        <translation>All records</translation>
    </message>
    <message>
        <source>登记进入</source>
        <translation>Check in</translation>
    </message>
    <message>
        <source>离开</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>打印访客单(A6)</source>
        <translation>Print pass (A6)</translation>
    </message>
    <message>
        <source>打印访客单(A5)</source>
        <translation>Print pass (A5)</translation>
    </message>
    <message>
        <source>现在没有在场访客。按 Ctrl+N 登记进入。</source>
        <translation>No visitors inside. Press Ctrl+N to check one in.</translation>
    </message>
    <message>
        <source>访客离开</source>
        <translation>Visitor out</translation>
    </message>
    <message>
        <source>访客单 %1</source>
        <translation>Visitor pass %1</translation>
    </message>
</context>
<context>
    <name>VoidPaymentDialog</name>
    <message>
        <source>作废收款</source>
        <translation>Void payment</translation>
    </message>
    <message>
        <source>收据 %1 · %2 · %3 元</source>
        <translation>Receipt %1 · %2 · ¥%3</translation>
    </message>
    <message>
        <source>作废原因</source>
        <translation>Reason for voiding</translation>
    </message>
    <message>
        <source>如: 金额录入错误, 已重新开具</source>
        <translation>e.g. wrong amount entered, receipt re-issued</translation>
    </message>
    <message>
        <source>请填写作废原因</source>
        <translation>Enter the reason for voiding</translation>
    </message>
</context>
<context>
    <name>WaiverDialog</name>
    <message>
        <source>减免</source>
        <translation>Waiver</translation>
    </message>
    <message>
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>收费项目</source>
        <translation>Fee item</translation>
    </message>
    <message>
        <source>减免金额(元)</source>
        <translation>Amount waived (¥)</translation>
    </message>
    <message>
        <source>减免原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>该账期全部未缴明细</source>
        <translation>All unpaid lines of the period</translation>
    </message>
</context>
<context>
    <name>WorkOrderDetailPane</name>
    <message>
        <source>派单</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <source>接单</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>催办</source>
        <translation>Chase</translation>
    </message>
    <message>
        <source>开始处理</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>挂起</source>
        <translation>On hold</translation>
    </message>
    <message>
        <source>恢复处理</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Follow-up visit</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>升级至经理</source>
        <translation>Escalate to manager</translation>
    </message>
    <message>
        <source>取消工单</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <source>打印派工单</source>
        <translation>Print dispatch slip</translation>
    </message>
    <message>
        <source>前台办结</source>
        <translation>Close at desk</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>未选择工单</source>
        <translation>No work order selected</translation>
    </message>
    <message>
        <source>在列表中点选一张工单, 这里显示它的详情、处理记录和可以做的操作 (派单、催办、完成、回访…)。</source>
        <translation>Click a work order in the list to see its details, its history and what can be done next (dispatch, chase, complete, follow up…).</translation>
    </message>
    <message>
        <source>【超时】</source>
        <translation>[OVERDUE]</translation>
    </message>
    <message>
        <source>【将到期】</source>
        <translation>[DUE SOON]</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>部位</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>班组</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>房屋</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>(公共区域)</source>
        <translation>(common area)</translation>
    </message>
    <message>
        <source>具体位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>催办次数</source>
        <translation>Chased</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>派单时间</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>响应时限</source>
        <translation>Response time</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>剩余时间</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source> (已暂停)</source>
        <translation> (paused)</translation>
    </message>
    <message>
        <source>预计恢复</source>
        <translation>Resumes</translation>
    </message>
    <message>
        <source>%1 次</source>
        <translation>%1 times</translation>
    </message>
    <message>
        <source>, 下次 %1</source>
        <translation>, next %1</translation>
    </message>
    <message>
        <source>回访未联系上</source>
        <translation>Visits not reached</translation>
    </message>
    <message>
        <source>返工/升级</source>
        <translation>Rework/escalation</translation>
    </message>
    <message>
        <source>返工 %1 次</source>
        <translation>reworked %1×</translation>
    </message>
    <message>
        <source>已升级至主管</source>
        <translation>escalated to supervisor</translation>
    </message>
    <message>
        <source>已升级至经理</source>
        <translation>escalated to manager</translation>
    </message>
    <message>
        <source>重复报修</source>
        <translation>Repeat report</translation>
    </message>
    <message>
        <source>前单 %1</source>
        <translation>of %1</translation>
    </message>
    <message>
        <source>后续重复</source>
        <translation>Repeated by</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>处理情况</source>
        <translation>Work done</translation>
    </message>
    <message>
        <source>使用材料</source>
        <translation>Materials used</translation>
    </message>
    <message>
        <source>处理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit of measure</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>收费: 人工费 %1 元, 材料费 %2 元, 合计 %3 元</source>
        <translation>Charge: labour ¥%1, materials ¥%2, total ¥%3</translation>
    </message>
    <message>
        <source>回访: 满意度 %1 分 %2</source>
        <translation>Follow-up: satisfaction %1/5 %2</translation>
    </message>
    <message>
        <source>取消原因: %1</source>
        <translation>Cancelled because: %1</translation>
    </message>
    <message>
        <source>处理人 %1</source>
        <translation>Assignee %1</translation>
    </message>
    <message>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>已超时 %1</source>
        <translation>overdue by %1</translation>
    </message>
    <message>
        <source>工单已被修改</source>
        <translation>The order was changed</translation>
    </message>
    <message>
        <source>无法完成操作</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <source>改派 %1</source>
        <translation>Reassign %1</translation>
    </message>
    <message>
        <source>派单 %1</source>
        <translation>Dispatch %1</translation>
    </message>
    <message>
        <source>催办 %1</source>
        <translation>Chase %1</translation>
    </message>
    <message>
        <source>催办说明</source>
        <translation>Chase note</translation>
    </message>
    <message>
        <source>业主来电询问进度</source>
        <translation>The owner called to ask about progress</translation>
    </message>
    <message>
        <source>挂起 %1</source>
        <translation>Put %1 on hold</translation>
    </message>
    <message>
        <source>挂起原因</source>
        <translation type="vanished">Reason for holding</translation>
    </message>
    <message>
        <source>完成 %1</source>
        <translation>Complete %1</translation>
    </message>
    <message>
        <source>回访 %1</source>
        <translation>Follow-up visit %1</translation>
    </message>
    <message>
        <source>前台办结 %1</source>
        <translation>Close at desk %1</translation>
    </message>
    <message>
        <source>更正 %1</source>
        <translation>Correct %1</translation>
    </message>
    <message>
        <source>升级至经理 %1</source>
        <translation>Escalate %1 to the manager</translation>
    </message>
    <message>
        <source>升级说明</source>
        <translation>Escalation note</translation>
    </message>
    <message>
        <source>取消 %1</source>
        <translation>Cancel %1</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Reason for cancelling</translation>
    </message>
    <message>
        <source>无法生成派工单</source>
        <translation>Cannot create the dispatch slip</translation>
    </message>
    <message>
        <source>派工单 %1</source>
        <translation>Dispatch slip %1</translation>
    </message>
</context>
<context>
    <name>WorkOrders</name>
    <message>
        <source>%1 分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 小时</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>已设置</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>默认</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>↑主管</source>
        <translation>↑supervisor</translation>
    </message>
    <message>
        <source>↑经理</source>
        <translation>↑manager</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>repeat</translation>
    </message>
    <message>
        <source>返工</source>
        <translation>rework</translation>
    </message>
    <message>
        <source>一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>24小时</source>
        <translation>24 hours</translation>
    </message>
    <message>
        <source>每天</source>
        <translation>Every day</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Worked day</translation>
    </message>
    <message>
        <source>休息</source>
        <translation>Day off</translation>
    </message>
    <message>
        <source>班组主管</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>经理</source>
        <translation>Manager</translation>
    </message>
</context>
<context>
    <name>WorkOrdersPage</name>
    <message>
        <source>编号、房号、业主姓名或电话</source>
        <translation type="vanished">Number, room, owner name or phone</translation>
    </message>
    <message>
        <source>编号、房号、联系人、电话、位置或描述</source>
        <translation>Number, room, contact, phone, place or description</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>待回访</source>
        <translation>To follow up</translation>
    </message>
    <message>
        <source>重复报修</source>
        <translation>Repeats</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>班组</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>导出Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>升级清单</source>
        <translation>Escalations</translation>
    </message>
    <message>
        <source>交接工单</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>导出工单</source>
        <translation>Export work orders</translation>
    </message>
    <message>
        <source>工单-%1.xlsx</source>
        <translation>workorders-%1.xlsx</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <source>已导出 %n 张工单。</source>
        <translation>
            <numerusform>Exported %n work order.</numerusform>
            <numerusform>Exported %n work orders.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已交接 %n 张工单。</source>
        <translation>
            <numerusform>Handed over %n work order.</numerusform>
            <numerusform>Handed over %n work orders.</numerusform>
        </translation>
    </message>
    <message>
        <source>升级清单 (今日 %1)</source>
        <translation>Escalations (today %1)</translation>
    </message>
</context>
<context>
    <name>_ApprovedDialog</name>
    <message>
        <source>批准人 (经理) 用户名</source>
        <translation>Approved by (manager) user name</translation>
    </message>
    <message>
        <source>批准人密码</source>
        <translation>Approver&apos;s password</translation>
    </message>
    <message>
        <source>%1 没有批准减免/退款的权限</source>
        <translation>%1 may not approve waivers or refunds</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>确认密码</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>密码至少%1位</source>
        <translation>The password needs at least %1 characters</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>导出当前列表…</source>
        <translation type="vanished">Export this list…</translation>
    </message>
</context>
</TS>
