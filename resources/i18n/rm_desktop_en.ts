<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <source>“{}”有未保存的修改。保存这些修改吗？</source>
        <translation>“{}” has unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>有未保存的修改。保存这些修改吗？</source>
        <translation>There are unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>规划书按已保存的版本生成。先把当前修改保存为新版本吗？</source>
        <translation>The plan document is made from a saved version. Save your changes as a new version first?</translation>
    </message>
    <message>
        <source>导出理财规划书</source>
        <translation>Export the plan document</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在生成规划书…</source>
        <translation>Making the plan document…</translation>
    </message>
    <message>
        <source>正在生成规划书</source>
        <translation>Making the plan document</translation>
    </message>
    <message>
        <source>已导出：{}（字体：{}）</source>
        <translation>Exported: {} (fonts: {})</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>出现意外错误：{}</source>
        <translation>Unexpected error: {}</translation>
    </message>
    <message>
        <source>已推迟到 {}。</source>
        <translation>Snoozed until {}.</translation>
    </message>
    <message>
        <source>{} 位客户（{} 项），每位客户各记一条</source>
        <translation>{} clients ({} items), one record each</translation>
    </message>
    <message>
        <source>已记录联系。</source>
        <translation>Contact logged.</translation>
    </message>
    <message>
        <source>忽略所选的 {} 项（同一原因）</source>
        <translation>Dismiss the {} selected items (one reason)</translation>
    </message>
    <message>
        <source>已忽略。</source>
        <translation>Dismissed.</translation>
    </message>
    <message>
        <source>没有可撤销的操作。</source>
        <translation>Nothing to undo.</translation>
    </message>
    <message>
        <source>已标记流失：{}。</source>
        <translation>Marked lost: {}.</translation>
    </message>
    <message>
        <source>推迟 1 天</source>
        <translation>Snooze 1 day</translation>
    </message>
    <message>
        <source>推迟 3 天</source>
        <translation>Snooze 3 days</translation>
    </message>
    <message>
        <source>推迟 1 周</source>
        <translation>Snooze 1 week</translation>
    </message>
    <message>
        <source>推迟到指定日期…</source>
        <translation>Snooze until a date…</translation>
    </message>
    <message>
        <source>恢复未保存的修改</source>
        <translation>Restore unsaved changes</translation>
    </message>
    <message>
        <source>这份规划有 {} 自动保存的未保存修改（基于第 {} 版）。恢复这些修改吗？</source>
        <translation>This plan has unsaved changes autosaved at {} (based on version {}). Restore them?</translation>
    </message>
    <message>
        <source>还不能定稿</source>
        <translation>Cannot finalise yet</translation>
    </message>
    <message>
        <source>还有 {} 处需要修正（已在各栏标红）：{}。修正后再定稿；草稿可以先保存。</source>
        <translation>{} item(s) still need correcting (marked in red): {}. Fix them, then finalise; the draft can be saved meanwhile.</translation>
    </message>
    <message>
        <source>无法更改进展</source>
        <translation>Cannot change the stage</translation>
    </message>
    <message>
        <source>进展已更新：第 {} 版 · {}</source>
        <translation>Stage updated: version {} · {}</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>未更改</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>没有需要保存的修改（仍为第 {} 版）。这份规划还有 {} 处待补（已在各栏标红）：{}。</source>
        <translation>Nothing to save (still version {}). This plan still has {} item(s) to complete (marked in red): {}.</translation>
    </message>
    <message>
        <source>未更改（仍为第 {} 版）</source>
        <translation>Unchanged (still version {})</translation>
    </message>
    <message>
        <source>已定稿：第 {} 版</source>
        <translation>Finalised: version {}</translation>
    </message>
    <message>
        <source>已保存第 {} 版：内容有改动，成为新的草稿（定稿的版本保留在历史中）</source>
        <translation>Saved version {}: the content changed, so it is a new draft (the final version stays in the history)</translation>
    </message>
    <message>
        <source>已保存第 {} 版（{}）</source>
        <translation>Saved version {} ({})</translation>
    </message>
    <message>
        <source>；还有 {} 处待补，定稿前须修正</source>
        <translation>; {} item(s) still to complete before finalising</translation>
    </message>
    <message>
        <source>导入话术</source>
        <translation>Import scripts</translation>
    </message>
    <message>
        <source>话术文件 (*.json *.xlsx *.xls *.csv);;所有文件 (*)</source>
        <translation>Script files (*.json *.xlsx *.xls *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>导出话术</source>
        <translation>Export scripts</translation>
    </message>
    <message>
        <source>话术库.xlsx</source>
        <translation>scripts.xlsx</translation>
    </message>
    <message>
        <source>Excel 表格 (*.xlsx);;JSON (*.json)</source>
        <translation>Excel workbook (*.xlsx);;JSON (*.json)</translation>
    </message>
    <message>
        <source>话术库已导出到 {}</source>
        <translation>Script library exported to {}</translation>
    </message>
    <message>
        <source>已保存为草稿：正文有 {} 处问题，见正文下方。</source>
        <translation>Saved as a draft: the body has {} problems, listed under it.</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>未保存：{}（{}）</source>
        <translation>Not saved: {} ({})</translation>
    </message>
    <message>
        <source>{}（副本）</source>
        <translation>{} (copy)</translation>
    </message>
    <message>
        <source>已另存为“{}”。</source>
        <translation>Saved as “{}”.</translation>
    </message>
    <message>
        <source>恢复原文</source>
        <translation>Reset to original</translation>
    </message>
    <message>
        <source>把“{}”恢复为软件自带的原文吗？您的修改将丢失。</source>
        <translation>Reset “{}” to the shipped wording? Your changes will be lost.</translation>
    </message>
    <message>
        <source>已恢复原文。</source>
        <translation>The original wording is back.</translation>
    </message>
    <message>
        <source>已恢复“{}”。</source>
        <translation>Restored “{}”.</translation>
    </message>
    <message>
        <source>删除话术</source>
        <translation>Delete script</translation>
    </message>
    <message>
        <source>把“{}”移到回收站吗？</source>
        <translation>Move “{}” to the trash?</translation>
    </message>
    <message>
        <source>已把“{}”移到回收站（可在回收站中恢复）。</source>
        <translation>Moved “{}” to the trash (it can be restored from there).</translation>
    </message>
    <message>
        <source>未保存的话术</source>
        <translation>Unsaved script</translation>
    </message>
    <message>
        <source>话术“{}”有未保存的修改（{}），已保存为草稿。恢复吗？</source>
        <translation>The script “{}” has unsaved changes ({}), kept as a draft. Restore them?</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>关于客户经理桌面档案</source>
        <translation>About RM Desktop</translation>
    </message>
    <message>
        <source>&lt;h3&gt;客户经理桌面档案 {version}&lt;/h3&gt;&lt;p&gt;为银行客户经理打造的本地加密客户档案：客户资料、持仓、往来记录、提醒与话术。&lt;/p&gt;&lt;p&gt;所有客户数据均加密保存在本机（SQLCipher，AES-256）。&lt;/p&gt;&lt;p&gt;档案库位置：{path}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;RM Desktop {version}&lt;/h3&gt;&lt;p&gt;An encrypted local client book for bank relationship managers: client files, holdings, contact history, reminders and scripts.&lt;/p&gt;&lt;p&gt;All client data is stored encrypted on this PC (SQLCipher, AES-256).&lt;/p&gt;&lt;p&gt;Vault location: {path}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>AllDayBar</name>
    <message>
        <source>另有 {} 项（点击在右侧列出）：</source>
        <translation>{} more (click to list them on the right):</translation>
    </message>
    <message>
        <source>全天</source>
        <translation>All day</translation>
    </message>
    <message>
        <source>+{} 项</source>
        <translation>+{} more</translation>
    </message>
</context>
<context>
    <name>AllocationChart</name>
    <message>
        <source>目标配置</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>当前持仓</source>
        <translation>Current holdings</translation>
    </message>
    <message>
        <source>填写目标配置后，这里会对比目标与当前持仓</source>
        <translation>Fill in the target allocation to compare it with the current holdings here</translation>
    </message>
</context>
<context>
    <name>AllocationSection</name>
    <message>
        <source>按生命周期与风险等级填入建议配置</source>
        <translation>Fill in the default for the life stage and risk grade</translation>
    </message>
    <message>
        <source>资产类别</source>
        <translation>Asset class</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>当前</source>
        <translation>Current</translation>
    </message>
    <message>
        <source>偏离</source>
        <translation>Drift</translation>
    </message>
    <message>
        <source>建议调整（元，正数为增配）</source>
        <translation>To rebalance (CNY, + buy)</translation>
    </message>
    <message>
        <source>目标配置（%）</source>
        <translation>Target allocation (%)</translation>
    </message>
    <message>
        <source>请先在“概况”中选择生命周期阶段和风险承受能力</source>
        <translation>Choose the life stage and risk grade under "Profile" first</translation>
    </message>
    <message>
        <source>合计：{}</source>
        <translation>Total: {}</translation>
    </message>
</context>
<context>
    <name>AppointmentDialog</name>
    <message>
        <source>新建约见</source>
        <translation>New appointment</translation>
    </message>
    <message>
        <source>例如：到期理财续投面谈</source>
        <translation>e.g. Reinvestment meeting for a maturing product</translation>
    </message>
    <message>
        <source>全天提醒（不定时间）</source>
        <translation>All-day reminder (no time)</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>不重复</source>
        <translation>Does not repeat</translation>
    </message>
    <message>
        <source>自定义规则…</source>
        <translation>Custom rule…</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>未保存的约见</source>
        <translation>Unsaved appointment</translation>
    </message>
    <message>
        <source>约见“{}”有未保存的修改（{}），已保存为草稿。恢复吗？</source>
        <translation>The appointment “{}” has unsaved changes ({}), kept as a draft. Restore them?</translation>
    </message>
</context>
<context>
    <name>AppointmentListModel</name>
    <message>
        <source>{}：{}</source>
        <translation>{}: {}</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>In this vault</translation>
    </message>
    <message>
        <source>全部接收的</source>
        <translation>All received</translation>
    </message>
    <message>
        <source>接收自 {}</source>
        <translation>Received from {}</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>From date</translation>
    </message>
    <message>
        <source>来源：</source>
        <translation>Source:</translation>
    </message>
    <message>
        <source>操作：</source>
        <translation>Action:</translation>
    </message>
    <message>
        <source>客户：</source>
        <translation>Client:</translation>
    </message>
    <message>
        <source>校验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>逐条核对哈希链，找出被改动、删除或调换的记录</source>
        <translation>Check the hash chain entry by entry and find any entry changed, deleted or moved</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>显示最新的 {} 条</source>
        <translation>Showing the latest {}</translation>
    </message>
    <message>
        <source>没有符合筛选条件的记录。试试清除操作、客户或日期筛选。</source>
        <translation>No entries match the filters. Try clearing the action, client or date filter.</translation>
    </message>
    <message>
        <source>还没有审计记录。解锁、导出、导入、搜索、复制等操作都会自动记在这里。</source>
        <translation>No audit entries yet. Unlocking, exports, imports, searches, copies and other actions are recorded here automatically.</translation>
    </message>
    <message>
        <source>正在校验审计日志…</source>
        <translation>Verifying the audit log…</translation>
    </message>
    <message>
        <source>接收自 {}：{}</source>
        <translation>Received from {}: {}</translation>
    </message>
    <message>
        <source>审计日志校验</source>
        <translation>Audit log check</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>审计日志文件密码</source>
        <translation>Audit log file password</translation>
    </message>
    <message>
        <source>导出的审计日志用密码加密，打开时需要这个密码。</source>
        <translation>The exported audit log is encrypted with a password; it is needed to open the file.</translation>
    </message>
    <message>
        <source>正在导出审计日志…</source>
        <translation>Exporting the audit log…</translation>
    </message>
    <message>
        <source>已导出 {} 条记录（已加密，导出登记号 {}）。</source>
        <translation>Exported {} entries (encrypted, export register no. {}).</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
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
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>计数</source>
        <translation>Counts</translation>
    </message>
    <message>
        <source>客户 {}</source>
        <translation>clients {}</translation>
    </message>
    <message>
        <source>行 {}</source>
        <translation>rows {}</translation>
    </message>
    <message>
        <source>字段 {}</source>
        <translation>fields {}</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>In this vault</translation>
    </message>
    <message>
        <source>接收自 {}</source>
        <translation>Received from {}</translation>
    </message>
</context>
<context>
    <name>BalanceSection</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (CNY)</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>余额（元）</source>
        <translation>Balance (CNY)</translation>
    </message>
    <message>
        <source>月供（元）</source>
        <translation>Monthly payment (CNY)</translation>
    </message>
    <message>
        <source>从当前持仓刷新</source>
        <translation>Refresh from holdings</translation>
    </message>
    <message>
        <source>用客户当前持有的产品替换来自持仓的资产行；手工添加的行保留</source>
        <translation>Replace the lines that came from holdings with the client's current holdings; lines added by hand stay</translation>
    </message>
    <message>
        <source>资产</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>添加资产</source>
        <translation>Add asset</translation>
    </message>
    <message>
        <source>负债</source>
        <translation>Liabilities</translation>
    </message>
    <message>
        <source>添加负债</source>
        <translation>Add liability</translation>
    </message>
    <message>
        <source>持仓</source>
        <translation>Holding</translation>
    </message>
    <message>
        <source>手工</source>
        <translation>By hand</translation>
    </message>
    <message>
        <source>总资产 {}    总负债 {}    净资产 {}</source>
        <translation>Total assets {}    Total liabilities {}    Net worth {}</translation>
    </message>
</context>
<context>
    <name>BulkRowsModel</name>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>客户号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>条数</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>缺少字段</source>
        <translation>Missing fields</translation>
    </message>
    <message>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
    <message>
        <source>已记录</source>
        <translation>Logged</translation>
    </message>
</context>
<context>
    <name>BundleExportDialog</name>
    <message>
        <source>导出给主管</source>
        <translation>Send to supervisor</translation>
    </message>
    <message>
        <source>工作日志</source>
        <translation>Work log</translation>
    </message>
    <message>
        <source>周报</source>
        <translation>Weekly report</translation>
    </message>
    <message>
        <source>月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>如 2026-12-02、2026-W49、2026-12</source>
        <translation>e.g. 2026-12-02, 2026-W49, 2026-12</translation>
    </message>
    <message>
        <source>含客户姓名（主管可看到客户明细）</source>
        <translation>Include client names (the supervisor sees the client details)</translation>
    </message>
    <message>
        <source>报告包用密码加密；把密码另行告诉主管（电话或当面），不要和文件一起发送。</source>
        <translation>The bundle is encrypted with a password; tell your supervisor the password separately (by phone or in person), never with the file.</translation>
    </message>
    <message>
        <source>报告类型：</source>
        <translation>Report:</translation>
    </message>
    <message>
        <source>报告期：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>请填写报告期。</source>
        <translation>Enter the period.</translation>
    </message>
</context>
<context>
    <name>CalculatorsSection</name>
    <message>
        <source>当前年龄</source>
        <translation>Current age</translation>
    </message>
    <message>
        <source>退休年龄</source>
        <translation>Retirement age</translation>
    </message>
    <message>
        <source>预期寿命</source>
        <translation>Life expectancy</translation>
    </message>
    <message>
        <source>现有养老储备（元）</source>
        <translation>Current savings (CNY)</translation>
    </message>
    <message>
        <source>每月储蓄（元）</source>
        <translation>Monthly saving (CNY)</translation>
    </message>
    <message>
        <source>年化收益率（如 0.04）</source>
        <translation>Annual return (e.g. 0.04)</translation>
    </message>
    <message>
        <source>退休后月支出（按今天物价，元）</source>
        <translation>Monthly expense in retirement (today's prices, CNY)</translation>
    </message>
    <message>
        <source>通胀率（如 0.03）</source>
        <translation>Inflation (e.g. 0.03)</translation>
    </message>
    <message>
        <source>退休后收益率（如 0.03）</source>
        <translation>Return after retirement (e.g. 0.03)</translation>
    </message>
    <message>
        <source>退休测算（勾选后纳入规划）</source>
        <translation>Retirement projection (tick to include it)</translation>
    </message>
    <message>
        <source>子女</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>入学年龄</source>
        <translation>Start age</translation>
    </message>
    <message>
        <source>学习年限</source>
        <translation>Years of study</translation>
    </message>
    <message>
        <source>每年费用（现值，元）</source>
        <translation>Annual cost (today, CNY)</translation>
    </message>
    <message>
        <source>学费增长率</source>
        <translation>Cost growth</translation>
    </message>
    <message>
        <source>已准备（元）</source>
        <translation>Set aside (CNY)</translation>
    </message>
    <message>
        <source>年化收益率</source>
        <translation>Annual return</translation>
    </message>
    <message>
        <source>所需总额</source>
        <translation>Total needed</translation>
    </message>
    <message>
        <source>缺口</source>
        <translation>Gap</translation>
    </message>
    <message>
        <source>每月需储蓄</source>
        <translation>Monthly saving</translation>
    </message>
    <message>
        <source>子女教育金</source>
        <translation>Education funds</translation>
    </message>
    <message>
        <source>添加子女</source>
        <translation>Add child</translation>
    </message>
    <message>
        <source>请先修正上面标红的输入，再计算退休缺口。</source>
        <translation>Fix the inputs marked in red above to compute the retirement gap.</translation>
    </message>
    <message>
        <source>退休时所需资金 {}；预计届时储备 {}；缺口 {}；补足缺口每月需另储蓄 {}。</source>
        <translation>Needed at retirement {}; projected savings {}; gap {}; extra monthly saving to close it {}.</translation>
    </message>
</context>
<context>
    <name>CalendarExporter</name>
    <message>
        <source>导出日历…</source>
        <translation>Export calendar…</translation>
    </message>
    <message>
        <source>把提醒和约见导出为 .ics 文件，可导入 Outlook 或手机（{}）</source>
        <translation>Export reminders and appointments as an .ics file for Outlook or a phone ({})</translation>
    </message>
    <message>
        <source>IT 策略</source>
        <translation>IT policy</translation>
    </message>
    <message>
        <source>导出日历</source>
        <translation>Export calendar</translation>
    </message>
    <message>
        <source>含客户姓名</source>
        <translation>with client names</translation>
    </message>
    <message>
        <source>仅姓名首字母</source>
        <translation>initials only</translation>
    </message>
    <message>
        <source>正在导出日历</source>
        <translation>Exporting the calendar</translation>
    </message>
    <message>
        <source>已导出 {} 个日历事件到 {}（{}）</source>
        <translation>Exported {} calendar events to {} ({})</translation>
    </message>
    <message>
        <source>导出日历失败：{}</source>
        <translation>Calendar export failed: {}</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>新建约见…</source>
        <translation>New appointment…</translation>
    </message>
    <message>
        <source>在所选日期新建约见或提醒（也可双击日期或周视图中的时段）</source>
        <translation>New appointment or reminder on the selected day (or double-click a day, or a time slot in the week view)</translation>
    </message>
    <message>
        <source>月视图</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>周视图</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>这一天没有提醒或约见。
点“新建约见…”或双击日历中的日期来添加。</source>
        <translation>Nothing on this day.
Click "New appointment…" or double-click a day in the calendar to add one.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>正在加载日历…</source>
        <translation>Loading the calendar…</translation>
    </message>
    <message>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>日历加载失败：{}</source>
        <translation>Could not load the calendar: {}</translation>
    </message>
    <message>
        <source>{} {} · {} 项</source>
        <translation>{} {} · {} items</translation>
    </message>
    <message>
        <source>打开客户</source>
        <translation>Open client</translation>
    </message>
    <message>
        <source>删除约见（含全部重复）…</source>
        <translation>Delete appointment (all repetitions)…</translation>
    </message>
    <message>
        <source>已保存：{}</source>
        <translation>Saved: {}</translation>
    </message>
    <message>
        <source>删除约见</source>
        <translation>Delete appointment</translation>
    </message>
    <message>
        <source>删除这个约见及其全部重复？</source>
        <translation>Delete this appointment and all its repetitions?</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>加入工作清单</source>
        <translation>Add to worklist</translation>
    </message>
    <message>
        <source>为“{}”的 {} 位客户各建一项待办。</source>
        <translation>One worklist item for each client of “{}” ({} clients).</translation>
    </message>
    <message>
        <source>可选，例如：介绍新一期理财，邀请到网点面谈</source>
        <translation>Optional, e.g. present the new wealth product, invite to the branch</translation>
    </message>
    <message>
        <source>已有相同未完成事项的客户会跳过，不会重复添加；流失和回收站中的客户也会跳过。</source>
        <translation>Clients who already have this item open are skipped, so nothing is added twice; lost clients and clients in the trash are skipped too.</translation>
    </message>
    <message>
        <source>撤销（Ctrl+Z）</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>正在加入工作清单</source>
        <translation>Adding to the worklist</translation>
    </message>
    <message>
        <source>。打开“今日工作清单”即可看到。</source>
        <translation>. Open the worklist to see them.</translation>
    </message>
    <message>
        <source>正在撤销</source>
        <translation>Undoing</translation>
    </message>
    <message>
        <source>已撤销：从工作清单移除 {} 项</source>
        <translation>Undone: {} items removed from the worklist</translation>
    </message>
</context>
<context>
    <name>ChaptersSection</name>
    <message>
        <source>本章的分析与建议（写入规划书；留空则不出现在规划书中）</source>
        <translation>This chapter's analysis and advice (goes into the plan document; left out when empty)</translation>
    </message>
</context>
<context>
    <name>ClientFileView</name>
    <message>
        <source>基本资料</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>持仓</source>
        <translation>Holdings</translation>
    </message>
    <message>
        <source>往来记录</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relationships</translation>
    </message>
    <message>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>← 返回列表</source>
        <translation>← Back to list</translation>
    </message>
    <message>
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>移到回收站</source>
        <translation>Move to trash</translation>
    </message>
    <message>
        <source>导出本人数据…</source>
        <translation>Export the client's own data…</translation>
    </message>
    <message>
        <source>保存客户</source>
        <translation>Save client</translation>
    </message>
    <message>
        <source>已保存：{}</source>
        <translation>Saved: {}</translation>
    </message>
    <message>
        <source>未保存的客户资料</source>
        <translation>Unsaved client profile</translation>
    </message>
    <message>
        <source>“{}”的资料有未保存的修改（{}），已保存为草稿。恢复这些修改吗？</source>
        <translation>The profile of “{}” has unsaved changes ({}), kept as a draft. Restore them?</translation>
    </message>
    <message>
        <source>新客户</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>未保存的持仓</source>
        <translation>Unsaved holding</translation>
    </message>
    <message>
        <source>一条持仓有未保存的修改（{}），已保存为草稿。恢复这些修改吗？</source>
        <translation>A holding has unsaved changes ({}), kept as a draft. Restore them?</translation>
    </message>
    <message>
        <source>把“{}”移到回收站？可在回收站中恢复。</source>
        <translation>Move “{}” to the trash? It can be restored from the trash.</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>风险与资产</source>
        <translation>Risk and assets</translation>
    </message>
    <message>
        <source>职业与家庭</source>
        <translation>Work and family</translation>
    </message>
    <message>
        <source>联系与其他</source>
        <translation>Contact and other</translation>
    </message>
    <message>
        <source>多个号码用逗号分隔</source>
        <translation>Separate several numbers with commas</translation>
    </message>
    <message>
        <source>单位：元，如 1,200,000</source>
        <translation>In CNY, e.g. 1,200,000</translation>
    </message>
    <message>
        <source>用逗号分隔</source>
        <translation>Separate with commas</translation>
    </message>
    <message>
        <source>每行一个，如：结婚纪念日:2010-10-01</source>
        <translation>One per line, e.g. Wedding anniversary:2010-10-01</translation>
    </message>
    <message>
        <source>按农历过生日</source>
        <translation>Celebrates the lunar birthday</translation>
    </message>
</context>
<context>
    <name>ClientListView</name>
    <message>
        <source>搜索姓名、拼音、首字母、手机号、证件号或客户号（Ctrl+F）</source>
        <translation>Search name, pinyin, initials, mobile, ID or customer no. (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部风险等级</source>
        <translation>All risk grades</translation>
    </message>
    <message>
        <source>联系逾期</source>
        <translation>Contact overdue</translation>
    </message>
    <message>
        <source>持仓到期于</source>
        <translation>Holdings maturing within</translation>
    </message>
    <message>
        <source> 天内</source>
        <translation> days</translation>
    </message>
    <message>
        <source>显示列</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>新建客户</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>回收站</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>到期保留</source>
        <translation>Past retention</translation>
    </message>
    <message>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <source>全部标签</source>
        <translation>All tags</translation>
    </message>
    <message>
        <source>共 {} 位客户</source>
        <translation>{} clients</translation>
    </message>
    <message>
        <source>没有找到匹配的客户。试试姓名的拼音首字母、手机号后四位，或清除筛选条件。</source>
        <translation>No matching client. Try the pinyin initials of the name, the last four digits of the mobile, or clear the filters.</translation>
    </message>
    <message>
        <source>还没有客户。点“新建客户”录入第一位，或在“导入导出”中导入 Excel 名单。</source>
        <translation>No clients yet. Click “New client” to add the first one, or import an Excel list under “Import/Export”.</translation>
    </message>
</context>
<context>
    <name>ClientPicker</name>
    <message>
        <source>搜索客户：姓名、拼音首字母或手机号</source>
        <translation>Name, initials or phone</translation>
    </message>
    <message>
        <source>不关联客户</source>
        <translation>No client</translation>
    </message>
    <message>
        <source>输入姓名、拼音首字母或手机号查找客户</source>
        <translation>Type a name, pinyin initials or mobile to find a client</translation>
    </message>
    <message>
        <source>选择客户：输入姓名、拼音、首字母或手机号</source>
        <translation>Choose a client: type a name, pinyin, initials or mobile</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>客户号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>金融资产（{}）</source>
        <translation>Assets ({})</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>最近联系</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <source>应联系日</source>
        <translation>Contact due</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>从未联系</source>
        <translation>Never contacted</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <source>读取标签</source>
        <translation>Reading tags</translation>
    </message>
    <message>
        <source>将所选 {} 位客户加入工作清单…</source>
        <translation>Add the {} selected clients to the worklist…</translation>
    </message>
    <message>
        <source>为所选 {} 位客户记录同意…</source>
        <translation>Record consent for the {} selected clients…</translation>
    </message>
    <message>
        <source>导出本人数据…</source>
        <translation>Export the client's own data…</translation>
    </message>
    <message>
        <source>到期保留…</source>
        <translation>Past retention…</translation>
    </message>
    <message>
        <source>所选客户</source>
        <translation>Selected clients</translation>
    </message>
</context>
<context>
    <name>CloseComplaintDialog</name>
    <message>
        <source>结案</source>
        <translation>Close complaint</translation>
    </message>
    <message>
        <source>1 非常不满意</source>
        <translation>1 Very dissatisfied</translation>
    </message>
    <message>
        <source>2 不满意</source>
        <translation>2 Dissatisfied</translation>
    </message>
    <message>
        <source>3 一般</source>
        <translation>3 Neutral</translation>
    </message>
    <message>
        <source>4 满意</source>
        <translation>4 Satisfied</translation>
    </message>
    <message>
        <source>5 非常满意</source>
        <translation>5 Very satisfied</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>如何解决的，客户是否接受</source>
        <translation>How it was resolved, and whether the client accepted it</translation>
    </message>
    <message>
        <source>客户满意度</source>
        <translation>Client satisfaction</translation>
    </message>
    <message>
        <source>尚未记录“48小时内回访”。结案前最好先回访一次。</source>
        <translation>“Follow up within 48 hours” is not recorded yet. Follow up once before closing.</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>处理投诉</source>
        <translation>Handle complaint</translation>
    </message>
    <message>
        <source>处理步骤</source>
        <translation>Handling steps</translation>
    </message>
    <message>
        <source>备注（可选）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>结案…</source>
        <translation>Close complaint…</translation>
    </message>
    <message>
        <source>受理 {}</source>
        <translation>received {}</translation>
    </message>
    <message>
        <source>回访已逾期：截止 {}</source>
        <translation>Follow-up overdue: due {}</translation>
    </message>
    <message>
        <source>回访截止：{}</source>
        <translation>Follow-up due: {}</translation>
    </message>
    <message>
        <source>已于 {} 结案：{}（满意度 {}/5）</source>
        <translation>Closed on {}: {} (satisfaction {}/5)</translation>
    </message>
</context>
<context>
    <name>ComplaintsModel</name>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>回访截止</source>
        <translation>Follow-up due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>服务：投诉与服务请求</source>
        <translation>Service: complaints and service requests</translation>
    </message>
    <message>
        <source>未结</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>新建（Ctrl+Shift+N）</source>
        <translation>New (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Handle</translation>
    </message>
    <message>
        <source>结案…</source>
        <translation>Close complaint…</translation>
    </message>
    <message>
        <source>未结 {} · 逾期 {} · 共 {}</source>
        <translation>{} open · {} overdue · {} in all</translation>
    </message>
    <message>
        <source>没有未结的投诉或服务请求。客户投诉时点“新建”，或在客户档案的“时间线”里新建。</source>
        <translation>No open complaints or service requests. When a client complains, click “New”, or use “New complaint” on the client file's Timeline tab.</translation>
    </message>
    <message>
        <source>还没有已结案的投诉。</source>
        <translation>No closed complaints yet.</translation>
    </message>
    <message>
        <source>还没有投诉或服务请求。客户投诉时点“新建”（Ctrl+Shift+N）登记。</source>
        <translation>No complaints or service requests yet. When a client complains, click “New” (Ctrl+Shift+N) to record it.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>记录已被修改</source>
        <translation>Changed elsewhere</translation>
    </message>
    <message>
        <source>你编辑期间，这条记录已在别处（另一窗口或命令行）被修改。请逐项选择要保留的值：</source>
        <translation>While you were editing, this record was changed elsewhere (another window or the command line). Choose the value to keep for each field:</translation>
    </message>
    <message>
        <source>你编辑期间，这条记录已在别处（另一窗口或命令行）被修改。以下是不同之处：</source>
        <translation>While you were editing, this record was changed elsewhere (another window or the command line). These are the differences:</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>我的修改</source>
        <translation>My change</translation>
    </message>
    <message>
        <source>已保存的值</source>
        <translation>Saved value</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>按所选保存</source>
        <translation>Save as chosen</translation>
    </message>
    <message>
        <source>用我的覆盖</source>
        <translation>Save mine over it</translation>
    </message>
    <message>
        <source>全部用我的</source>
        <translation>Keep all mine</translation>
    </message>
    <message>
        <source>放弃我的修改</source>
        <translation>Discard my changes</translation>
    </message>
</context>
<context>
    <name>ConsentBatchDialog</name>
    <message>
        <source>记录同意</source>
        <translation>Record consent</translation>
    </message>
    <message>
        <source>为所选 {} 位客户记录相同的同意（已有记录将被替换）。</source>
        <translation>Record the same consent for the {} selected clients (existing records are replaced).</translation>
    </message>
</context>
<context>
    <name>ConsentEditor</name>
    <message>
        <source>同意接收营销信息（产品推介、活动邀请、节日问候等）</source>
        <translation>Agrees to receive marketing (product offers, event invitations, festival greetings…)</translation>
    </message>
    <message>
        <source>同意处理敏感个人信息（如金融账户、收入、健康）</source>
        <translation>Agrees to the processing of sensitive personal data (accounts, income, health…)</translation>
    </message>
    <message>
        <source>同意日期</source>
        <translation>Date given</translation>
    </message>
    <message>
        <source>同意方式</source>
        <translation>How given</translation>
    </message>
    <message>
        <source>允许的渠道</source>
        <translation>Allowed channels</translation>
    </message>
    <message>
        <source>敏感信息同意日期</source>
        <translation>Sensitive-data consent date</translation>
    </message>
    <message>
        <source>保存同意(&amp;A)</source>
        <translation>Save consent (&amp;A)</translation>
    </message>
    <message>
        <source>群发短信、微信和活动邀请只发给同意营销且允许该渠道的客户，免打扰时段也会跳过；一对一的服务联系不受影响。</source>
        <translation>Bulk SMS, WeChat messages and event invitations go only to clients who agreed to marketing on that channel, outside their do-not-disturb hours; one-to-one service contacts are not affected.</translation>
    </message>
    <message>
        <source>尚未记录同意：群发短信、微信和活动邀请会跳过该客户。请勾选后保存。</source>
        <translation>Consent not recorded: bulk SMS, WeChat messages and event invitations skip this client. Tick what applies and save.</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>修改往来记录</source>
        <translation>Edit contact record</translation>
    </message>
    <message>
        <source>记录往来</source>
        <translation>Record a contact</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>目的</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>日常维护 / 产品到期 / 生日问候 / 节日问候 …</source>
        <translation>Routine care / Maturity / Birthday greeting / Festival greeting …</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>跟进日期</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>草稿已自动保存 {}</source>
        <translation>Draft saved automatically at {}</translation>
    </message>
    <message>
        <source>请选择客户。</source>
        <translation>Please choose a client.</translation>
    </message>
    <message>
        <source>保留这条草稿，下次继续填写？</source>
        <translation>Keep this draft to finish later?</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>待跟进</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>目的</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>跟进日期</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>修改次数</source>
        <translation>Edits</translation>
    </message>
    <message>
        <source>记录往来（Ctrl+N）</source>
        <translation>Record a contact (Ctrl+N)</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>标记跟进完成</source>
        <translation>Mark follow-up done</translation>
    </message>
</context>
<context>
    <name>DayAgendaModel</name>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <source>今日无记录</source>
        <translation>Nothing recorded today</translation>
    </message>
    <message>
        <source>记录联系后这里会自动生成日志：往来、跟进、新客户、商机和到期都会汇总到这里。</source>
        <translation>Once you record contacts, the log writes itself here: contacts, follow-ups, new clients, opportunities and maturities are gathered on this page.</translation>
    </message>
    <message>
        <source>今天的备注：客户反馈、需要主管协助的事……</source>
        <translation>Today's note: client feedback, what you need your supervisor's help with…</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存日志（Ctrl+S）</source>
        <translation>Save the log (Ctrl+S)</translation>
    </message>
    <message>
        <source>修订记录</source>
        <translation>Revisions</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>明日计划（双击修改）</source>
        <translation>Tomorrow's plan (double-click to edit)</translation>
    </message>
    <message>
        <source>当天无记录</source>
        <translation>Nothing recorded that day</translation>
    </message>
    <message>
        <source>已锁定：修改将另存为修订 {}</source>
        <translation>Locked: changes are saved as revision {}</translation>
    </message>
    <message>
        <source>新计划</source>
        <translation>New item</translation>
    </message>
</context>
<context>
    <name>DismissDialog</name>
    <message>
        <source>忽略提醒</source>
        <translation>Dismiss reminder</translation>
    </message>
    <message>
        <source>已处理</source>
        <translation>Already handled</translation>
    </message>
    <message>
        <source>不再适用</source>
        <translation>No longer relevant</translation>
    </message>
    <message>
        <source>客户不希望被联系</source>
        <translation>Client does not wish to be contacted</translation>
    </message>
    <message>
        <source>重复提醒</source>
        <translation>Duplicate reminder</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>EntryActions</name>
    <message>
        <source>已推迟到 {}。</source>
        <translation>Snoozed until {}.</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>新建活动</source>
        <translation>New event</translation>
    </message>
    <message>
        <source>例如：12月理财沙龙</source>
        <translation>e.g. December wealth salon</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Event name</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>名额</source>
        <translation>Seats</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>邀请 / 名额</source>
        <translation>Invited / seats</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>邀请时间</source>
        <translation>Invited at</translation>
    </message>
    <message>
        <source>（候补）</source>
        <translation> (waiting list)</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>活动</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>流程模板</source>
        <translation>Playbooks</translation>
    </message>
    <message>
        <source>新建活动（Ctrl+Shift+N）</source>
        <translation>New event (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>还没有活动。点“新建活动”，填写时间、地点和名额，再邀请客户。</source>
        <translation>No events yet. Click “New event”, fill in the time, place and seats, then invite clients.</translation>
    </message>
    <message>
        <source>撤销（Ctrl+Z）</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>邀请客户…</source>
        <translation>Invite clients…</translation>
    </message>
    <message>
        <source>邀请话术…</source>
        <translation>Invitations…</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>已出席</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>未出席</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>婉拒</source>
        <translation>Declined</translation>
    </message>
    <message>
        <source>选中客户（可多选）后点状态按钮；出席会记录一条“活动”往来和 48 小时内的回访。</source>
        <translation>Select clients (several at once if you like), then a status button; attending logs an “Event” contact and a follow-up within 48 hours.</translation>
    </message>
    <message>
        <source>在左边选择一个活动，或新建一个。</source>
        <translation>Choose an event on the left, or create one.</translation>
    </message>
    <message>
        <source>名额 {}，已占 {}，候补 {}</source>
        <translation>{} seats, {} taken, {} waiting</translation>
    </message>
    <message>
        <source>已撤销：{} 位客户恢复原状</source>
        <translation>Undone: {} clients as they were</translation>
    </message>
    <message>
        <source>已新建活动：{}</source>
        <translation>Event created: {}</translation>
    </message>
    <message>
        <source>请先在名单中选择客户</source>
        <translation>Select clients in the list first</translation>
    </message>
    <message>
        <source>正在生成邀请话术</source>
        <translation>Rendering the invitations</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>导入导出</source>
        <translation>Import &amp; export</translation>
    </message>
    <message>
        <source>从支行系统或同事的 Excel 名单导入客户；导出全部档案或筛选后的名单；客户经理交接时用加密的移交文件转交客户及其全部往来记录。</source>
        <translation>Import clients from branch-system or colleagues' Excel lists; export the whole book or a filtered list; when RMs hand over, pass clients with their full history in an encrypted handover file.</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>选择文件导入…</source>
        <translation>Choose a file to import…</translation>
    </message>
    <message>
        <source>支持 xlsx、xls、xlsb、ods、csv 及网页导出的表格；表头、列和单位自动识别</source>
        <translation>xlsx, xls, xlsb, ods, csv and web-page tables; header, columns and units are recognised automatically</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>导出全部档案…</source>
        <translation>Export the whole book…</translation>
    </message>
    <message>
        <source>筛选：姓名、拼音、手机或客户编号（留空为全部）</source>
        <translation>Filter: name, pinyin, phone or customer no. (empty for all)</translation>
    </message>
    <message>
        <source>导出客户名单…</source>
        <translation>Export client list…</translation>
    </message>
    <message>
        <source>客户移交（加密文件）</source>
        <translation>Client handover (encrypted file)</translation>
    </message>
    <message>
        <source>导入移交文件…</source>
        <translation>Import handover file…</translation>
    </message>
    <message>
        <source>移交文件用密码加密（Excel/WPS 可输入密码打开），导入时核对回执；合并时保留本机已有的资料和往来记录。</source>
        <translation>Handover files are password-encrypted (Excel/WPS open them with the password) and their receipt is checked on import; merging keeps the data and contacts already here.</translation>
    </message>
    <message>
        <source>已导出到 {}（{}）：客户 {}，持仓 {}，往来记录 {}</source>
        <translation>Exported to {} ({}): {} clients, {} holdings, {} contacts</translation>
    </message>
    <message>
        <source>请设置移交文件的密码，并通过电话等其他途径告诉接收人（不要和文件一起发送）。</source>
        <translation>Set the handover file's password and tell it to the receiver another way, e.g. by phone (never with the file).</translation>
    </message>
    <message>
        <source>尚未进行导入或导出。</source>
        <translation>Nothing imported or exported yet.</translation>
    </message>
    <message>
        <source>选择客户并导出移交文件…</source>
        <translation>Choose clients and export a handover file…</translation>
    </message>
    <message>
        <source>按姓名勾选要移交的客户（可按层级、标签或客户列表中的选择筛选），写入前先看名单</source>
        <translation>Tick the clients to hand over by name (filter by tier, tag or the client list's selection) and see the list before the file is written</translation>
    </message>
    <message>
        <source>合并前按姓名列出新客户、相同客户和有冲突的客户</source>
        <translation>Lists new, matching and conflicting clients by name before the merge</translation>
    </message>
    <message>
        <source>出现意外错误：{}</source>
        <translation>Unexpected error: {}</translation>
    </message>
    <message>
        <source>选择要导入的表格</source>
        <translation>Choose the spreadsheet to import</translation>
    </message>
    <message>
        <source>文件密码</source>
        <translation>File password</translation>
    </message>
    <message>
        <source>这个文件有密码，请输入：</source>
        <translation>This file has a password. Enter it:</translation>
    </message>
    <message>
        <source>IT 策略</source>
        <translation>IT policy</translation>
    </message>
    <message>
        <source>导出全部档案</source>
        <translation>Export the whole book</translation>
    </message>
    <message>
        <source>全部档案含每位客户的证件号码、手机号码和资产。加密后 Excel/WPS 输入密码才能打开，导入时也要输入。</source>
        <translation>The archive holds every client's ID number, phone and assets. Encrypted, Excel/WPS open it only with the password, and importing it asks for it too.</translation>
    </message>
    <message>
        <source>已加密</source>
        <translation>encrypted</translation>
    </message>
    <message>
        <source>未加密：明文文件</source>
        <translation>NOT encrypted: a plaintext file</translation>
    </message>
    <message>
        <source>正在导出档案</source>
        <translation>Exporting the book</translation>
    </message>
    <message>
        <source>导出客户名单</source>
        <translation>Export client list</translation>
    </message>
    <message>
        <source>正在导出名单</source>
        <translation>Exporting the list</translation>
    </message>
    <message>
        <source>已导出 {} 位客户到 {}</source>
        <translation>Exported {} clients to {}</translation>
    </message>
    <message>
        <source>移交文件密码</source>
        <translation>Handover file password</translation>
    </message>
    <message>
        <source>新客户 {}，相同客户 {}，有冲突的客户 {}（冲突处保留本机的值），拒绝 {}</source>
        <translation>{} new clients, {} matching, {} conflicting (your values kept), {} rejected</translation>
    </message>
    <message>
        <source>往来记录 {}，持仓 {}，理财规划 {}，约见 {}，同意记录 {}，商机 {}，推荐 {}，投诉 {}，活动 {}，活动邀请 {}，工作流程 {}；审计日志 {} 条</source>
        <translation>{} contacts, {} holdings, {} plans, {} appointments, {} consent records, {} opportunities, {} referrals, {} complaints, {} events, {} invitations, {} playbook runs; {} audit log entries</translation>
    </message>
    <message>
        <source>导出移交文件</source>
        <translation>Export handover file</translation>
    </message>
    <message>
        <source>正在导出移交文件</source>
        <translation>Exporting the handover file</translation>
    </message>
    <message>
        <source>已写入加密移交文件 {}：客户 {}，往来记录 {}，持仓 {}。
回执 SHA-256：{}</source>
        <translation>Wrote the encrypted handover file {}: {} clients, {} contacts, {} holdings.
Receipt SHA-256: {}</translation>
    </message>
    <message>
        <source>选择移交文件</source>
        <translation>Choose the handover file</translation>
    </message>
    <message>
        <source>正在合并</source>
        <translation>Merging</translation>
    </message>
    <message>
        <source>合并完成：新增客户 {}，合并 {}，往来记录 {}，持仓 {}，理财规划 {}，约见 {}</source>
        <translation>Merged: {} new clients, {} merged, {} contacts, {} holdings, {} plans, {} appointments</translation>
    </message>
    <message>
        <source>同意记录 {}，接收的审计日志 {} 条</source>
        <translation>{} consent records, {} audit log entries received</translation>
    </message>
    <message>
        <source>正在解密并检查</source>
        <translation>Decrypting and checking</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>欢迎使用客户经理桌面档案</source>
        <translation>Welcome to RM Desktop</translation>
    </message>
    <message>
        <source>客户资料将保存在本机的加密档案库中。请设置主密码：忘记主密码将无法找回数据，请妥善保管。</source>
        <translation>Client data is kept in an encrypted vault on this PC. Choose a master password: if it is forgotten, the data cannot be recovered, so keep it safe.</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>至少 8 个字符</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <source>在本机记住（下次启动自动解锁）</source>
        <translation>Remember on this PC (unlock automatically next time)</translation>
    </message>
    <message>
        <source>档案库位置</source>
        <translation>Vault location</translation>
    </message>
    <message>
        <source>主密码</source>
        <translation>Master password</translation>
    </message>
    <message>
        <source>确认主密码</source>
        <translation>Confirm master password</translation>
    </message>
    <message>
        <source>您的信息（用于话术和理财规划书，以后可在 设置 › 个人信息 中修改）</source>
        <translation>About you (used in scripts and financial plans; change it later in Settings › Profile)</translation>
    </message>
    <message>
        <source>创建档案库</source>
        <translation>Create vault</translation>
    </message>
    <message>
        <source>正在创建档案库…</source>
        <translation>Creating the vault…</translation>
    </message>
    <message>
        <source>选择档案库文件夹</source>
        <translation>Choose the vault folder</translation>
    </message>
    <message>
        <source>出现意外错误：{}</source>
        <translation>Unexpected error: {}</translation>
    </message>
</context>
<context>
    <name>FixedNote</name>
    <message>
        <source>由 IT 策略设定：最长 {}</source>
        <translation>Set by IT policy: at most {}</translation>
    </message>
    <message>
        <source>由 IT 策略设定</source>
        <translation>Set by IT policy</translation>
    </message>
</context>
<context>
    <name>GoalsSection</name>
    <message>
        <source>目标名称</source>
        <translation>Goal</translation>
    </message>
    <message>
        <source>目标金额（元）</source>
        <translation>Amount (CNY)</translation>
    </message>
    <message>
        <source>目标日期</source>
        <translation>Target date</translation>
    </message>
    <message>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>已准备（元）</source>
        <translation>Set aside (CNY)</translation>
    </message>
    <message>
        <source>所属章节</source>
        <translation>Chapter</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>完成度</source>
        <translation>Funded</translation>
    </message>
    <message>
        <source>优先级 1 最重要；期限由目标日期推算（1 年内为短期，1–5 年为中期，5 年以上为长期）。</source>
        <translation>Priority 1 is the most important; the term follows from the target date (within a year: short, 1–5 years: mid, beyond: long).</translation>
    </message>
    <message>
        <source>添加目标</source>
        <translation>Add goal</translation>
    </message>
</context>
<context>
    <name>GroupedModel</name>
    <message>
        <source>{}（{}）</source>
        <translation>{} ({})</translation>
    </message>
</context>
<context>
    <name>HandoverImportDialog</name>
    <message>
        <source>导入移交文件</source>
        <translation>Import a handover file</translation>
    </message>
    <message>
        <source>对方提供的 64 位回执（可不填）</source>
        <translation>The sender's 64-character receipt (optional)</translation>
    </message>
    <message>
        <source>填写对方导出时显示的回执 SHA-256，可核对收到的就是对方导出的文件；不填时只核对文件内的回执。</source>
        <translation>Enter the receipt SHA-256 the sender saw when exporting to check that this is the file they exported; left empty, only the receipt inside the file is checked.</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>回执：</source>
        <translation>Receipt:</translation>
    </message>
</context>
<context>
    <name>HandoverPickerDialog</name>
    <message>
        <source>选择要移交的客户</source>
        <translation>Choose the clients to hand over</translation>
    </message>
    <message>
        <source>搜索姓名、拼音、首字母、手机号或客户号（Ctrl+F）</source>
        <translation>Search name, pinyin, initials, phone or customer no. (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <source>全部标签</source>
        <translation>All tags</translation>
    </message>
    <message>
        <source>全部客户</source>
        <translation>All clients</translation>
    </message>
    <message>
        <source>客户列表中选中的（{}）</source>
        <translation>Selected in the client list ({})</translation>
    </message>
    <message>
        <source>全选筛选结果</source>
        <translation>Tick all shown</translation>
    </message>
    <message>
        <source>全不选筛选结果</source>
        <translation>Untick all shown</translation>
    </message>
    <message>
        <source>移交文件将包含这些客户及其全部往来记录、持仓、理财规划和约见</source>
        <translation>The handover file will hold these clients with all their contacts, holdings, plans and appointments</translation>
    </message>
    <message>
        <source>下一步：设置密码…</source>
        <translation>Next: set the password…</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>正在查找客户</source>
        <translation>Looking up clients</translation>
    </message>
    <message>
        <source>查找失败：{}</source>
        <translation>The look-up failed: {}</translation>
    </message>
    <message>
        <source>筛选出 {} 位</source>
        <translation>{} shown</translation>
    </message>
    <message>
        <source>没有符合筛选条件的客户。试试姓名的拼音首字母、手机号后四位，或清除筛选条件。</source>
        <translation>No client matches the filters. Try the pinyin initials of the name, the last four digits of the phone, or clear the filters.</translation>
    </message>
    <message>
        <source>还没有客户可以移交。</source>
        <translation>There are no clients to hand over yet.</translation>
    </message>
    <message>
        <source>{}（{}）</source>
        <translation>{} ({})</translation>
    </message>
    <message>
        <source>将移交 {} 位客户：</source>
        <translation>{} clients will be handed over:</translation>
    </message>
    <message>
        <source>（尚未选择：在左侧勾选客户）</source>
        <translation>(none yet: tick clients on the left)</translation>
    </message>
</context>
<context>
    <name>HeaderCard</name>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>显示该客户的资产和持仓金额</source>
        <translation>Show this client's assets and holding amounts</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>金融资产</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>最近联系</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>证件</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>修改持仓</source>
        <translation>Edit holding</translation>
    </message>
    <message>
        <source>客户在场时不显示金额：关闭“客户在场”后再修改持仓。</source>
        <translation>Amounts stay hidden while the client is present: turn off Client present to edit a holding.</translation>
    </message>
    <message>
        <source>新客户</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>（测评已过期）</source>
        <translation> (assessment expired)</translation>
    </message>
    <message>
        <source>从未联系</source>
        <translation>Never contacted</translation>
    </message>
    <message>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
</context>
<context>
    <name>HoldingDialog</name>
    <message>
        <source>修改持仓</source>
        <translation>Edit holding</translation>
    </message>
    <message>
        <source>添加持仓</source>
        <translation>Add holding</translation>
    </message>
    <message>
        <source>产品类型</source>
        <translation>Product type</translation>
    </message>
    <message>
        <source>产品名称</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>产品代码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (CNY)</translation>
    </message>
    <message>
        <source>如 500,000</source>
        <translation>e.g. 500,000</translation>
    </message>
    <message>
        <source>产品风险等级</source>
        <translation>Product risk</translation>
    </message>
    <message>
        <source>起始日</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Maturity date</translation>
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
    <name>HoldingsTab</name>
    <message>
        <source>还没有持仓。点“添加持仓”登记客户的存款、理财、基金或保险。</source>
        <translation>No holdings yet. Use “Add holding” to record the client's deposits, wealth products, funds or insurance.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>产品名称</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (CNY)</translation>
    </message>
    <message>
        <source>风险</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>起始日</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Maturity date</translation>
    </message>
    <message>
        <source>剩余天数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>添加持仓</source>
        <translation>Add holding</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>持有中合计：{}</source>
        <translation>Total held: {}</translation>
    </message>
    <message>
        <source>删除持仓</source>
        <translation>Delete holding</translation>
    </message>
    <message>
        <source>删除持仓“{}”？</source>
        <translation>Delete the holding “{}”?</translation>
    </message>
</context>
<context>
    <name>HourGrid</name>
    <message>
        <source>这一周没有定时的约见 · 双击任一时段新建</source>
        <translation>No timed appointments this week · double-click a time slot to add one</translation>
    </message>
</context>
<context>
    <name>IcsExportDialog</name>
    <message>
        <source>导出日历</source>
        <translation>Export calendar</translation>
    </message>
    <message>
        <source>含客户姓名(&amp;N)</source>
        <translation>Include client &amp;names</translation>
    </message>
    <message>
        <source>客户在场时不导出姓名</source>
        <translation>No names are exported while the client is present</translation>
    </message>
    <message>
        <source>开始日期(&amp;F)：</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>结束日期(&amp;T)：</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>下一步(&amp;X)…</source>
        <translation>Ne&amp;xt…</translation>
    </message>
    <message>
        <source>把这段时间的提醒和约见写成 .ics 文件，可导入 Outlook 或手机日历。</source>
        <translation>Writes this period's reminders and appointments to an .ics file that Outlook or a phone calendar can import.</translation>
    </message>
    <message>
        <source>含客户姓名：这是个人信息导出，下一步会询问用途，并记入导出登记。</source>
        <translation>With client names this is a personal-data export: the next step asks its purpose, and it goes into the export register.</translation>
    </message>
    <message>
        <source>不含姓名：只写客户姓名的拼音首字母，不写备注和地点。</source>
        <translation>Without names: only the clients' pinyin initials, no notes and no locations.</translation>
    </message>
    <message>
        <source>结束日期不能早于开始日期。</source>
        <translation>The end date cannot be before the start date.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>更新已有客户</source>
        <translation>Update existing clients</translation>
    </message>
    <message>
        <source>只补充空白字段</source>
        <translation>Only fill empty fields</translation>
    </message>
    <message>
        <source>跳过重复客户</source>
        <translation>Skip duplicates</translation>
    </message>
    <message>
        <source>作为新客户添加</source>
        <translation>Add as new clients</translation>
    </message>
    <message>
        <source>导入客户</source>
        <translation>Import clients</translation>
    </message>
    <message>
        <source>记住此列映射</source>
        <translation>Remember this column mapping</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>表头所在行</source>
        <translation>Header row</translation>
    </message>
    <message>
        <source>重复客户</source>
        <translation>Duplicate clients</translation>
    </message>
    <message>
        <source>按此设置重新检查</source>
        <translation>Check again with these settings</translation>
    </message>
    <message>
        <source>列映射（可调整）</source>
        <translation>Column mapping (adjustable)</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>按客户</source>
        <translation>By client</translation>
    </message>
    <message>
        <source>逐行检查</source>
        <translation>Row by row</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>保存被拒绝的行…</source>
        <translation>Save rejected rows…</translation>
    </message>
    <message>
        <source>文件：{}</source>
        <translation>File: {}</translation>
    </message>
    <message>
        <source>读取表格</source>
        <translation>Reading the spreadsheet</translation>
    </message>
    <message>
        <source>无法读取：{}</source>
        <translation>Cannot read: {}</translation>
    </message>
    <message>
        <source>（隐藏）</source>
        <translation> (hidden)</translation>
    </message>
    <message>
        <source>正在检查各行…</source>
        <translation>Checking the rows…</translation>
    </message>
    <message>
        <source>正在检查各行</source>
        <translation>Checking the rows</translation>
    </message>
    <message>
        <source>检查已取消；可调整设置后点“按此设置重新检查”</source>
        <translation>Check cancelled: adjust the settings and click “Check again with these settings”</translation>
    </message>
    <message>
        <source>正在按客户整理</source>
        <translation>Grouping by client</translation>
    </message>
    <message>
        <source>共 {} 行：可导入 {}（新增 {}，更新 {}，跳过重复 {}），拒绝 {}，跳过 {}</source>
        <translation>{} rows: {} can be imported ({} new, {} updates, {} duplicates skipped), {} rejected, {} skipped</translation>
    </message>
    <message>
        <source>；其中 {} 行的处理方式已手动更改</source>
        <translation>; {} row(s) changed by hand</translation>
    </message>
    <message>
        <source>正在导入</source>
        <translation>Importing</translation>
    </message>
    <message>
        <source>导入完成：新增 {}，更新 {}，跳过 {}，拒绝 {}；持仓 {}，往来记录 {}</source>
        <translation>Import finished: {} new, {} updated, {} skipped, {} rejected; {} holdings, {} contacts</translation>
    </message>
    <message>
        <source>导入已取消，客户档案未做任何改动</source>
        <translation>Import cancelled: the vault was not changed</translation>
    </message>
    <message>
        <source>保存被拒绝的行</source>
        <translation>Save rejected rows</translation>
    </message>
    <message>
        <source>已保存 {} 行到 {}，改正后可再次导入</source>
        <translation>Saved {} rows to {}: correct them and import again</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>可导入</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>跳过（重复）</source>
        <translation>Skip (duplicate)</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>双击可更改这一行的处理方式</source>
        <translation>Double-click to change what happens to this row</translation>
    </message>
</context>
<context>
    <name>InsightsPage</name>
    <message>
        <source>档案库还没有客户：导入名单或新建客户后，这里显示经营分析。</source>
        <translation>The vault has no clients yet: import a list or add clients, and the book's figures appear here.</translation>
    </message>
    <message>
        <source>还没有足够早的资产快照：记录客户资产后，这里显示层级升降。</source>
        <translation>No asset snapshots old enough yet: as assets are recorded, tier moves appear here.</translation>
    </message>
    <message>
        <source>没有设定联系周期的层级客户。</source>
        <translation>No clients in tiers with a contact cadence.</translation>
    </message>
    <message>
        <source>没有在有效期内的风险测评：没有可按风险等级推荐的产品。</source>
        <translation>No valid risk assessment: nothing can be suggested by risk grade.</translation>
    </message>
    <message>
        <source>近12个月没有登记过到期承接：在今日工作清单登记到期产品的去向后，这里显示留存率。</source>
        <translation>No maturity outcome recorded in the last 12 months: record where maturing money went on the worklist, and the retention rate appears here.</translation>
    </message>
    <message>
        <source>二八：资产集中度</source>
        <translation>80/20: concentration of assets</translation>
    </message>
    <message>
        <source>各层级客户数</source>
        <translation>Clients per tier</translation>
    </message>
    <message>
        <source>各层级金融资产</source>
        <translation>Assets per tier</translation>
    </message>
    <message>
        <source>层级迁移（按资产快照）</source>
        <translation>Tier migration (from asset snapshots)</translation>
    </message>
    <message>
        <source>RFM 客户分群</source>
        <translation>RFM segments</translation>
    </message>
    <message>
        <source>维护覆盖（按联系周期，点击看逾期客户）</source>
        <translation>Coverage by contact cadence (click for the overdue clients)</translation>
    </message>
    <message>
        <source>产品缺口（按风险等级可推荐）</source>
        <translation>Product gaps (suitable by risk grade)</translation>
    </message>
    <message>
        <source>到期承接（按月留存率）</source>
        <translation>Maturity retention (rate per month)</translation>
    </message>
    <message>
        <source>经营洞察</source>
        <translation>Insights</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>正在更新…（显示上次的结果）</source>
        <translation>Updating… (showing the last figures)</translation>
    </message>
    <message>
        <source>计算失败：{}</source>
        <translation>Computation failed: {}</translation>
    </message>
    <message>
        <source>截至 {}，共 {} 位客户</source>
        <translation>As of {}, {} clients</translation>
    </message>
    <message>
        <source>万</source>
        <translation> (10k)</translation>
    </message>
    <message>
        <source>前 20% 的客户（{} 位）持有 {} 的金融资产，共 {}。点击曲线查看这些客户。</source>
        <translation>The top 20% of clients ({}) hold {} of the assets, {} in all. Click the curve to list them.</translation>
    </message>
    <message>
        <source>{} 位</source>
        <translation>{}</translation>
    </message>
    <message>
        <source>客户在场：金额已隐藏</source>
        <translation>Client present: amounts hidden</translation>
    </message>
    <message>
        <source>{} 位 · {}</source>
        <translation>{} · {}</translation>
    </message>
    <message>
        <source>覆盖 {:.1f}% · 逾期 {} 位</source>
        <translation>covered {:.1f}% · {} overdue</translation>
    </message>
    <message>
        <source>留存 {:.1f}% · {} / {}</source>
        <translation>kept {:.1f}% · {} / {}</translation>
    </message>
</context>
<context>
    <name>InvitationsDialog</name>
    <message>
        <source>邀请话术：{}</source>
        <translation>Invitations: {}</translation>
    </message>
    <message>
        <source>（有缺项）</source>
        <translation> (incomplete)</translation>
    </message>
    <message>
        <source>复制（Ctrl+C）</source>
        <translation>Copy (Ctrl+C)</translation>
    </message>
    <message>
        <source>全部复制</source>
        <translation>Copy all</translation>
    </message>
    <message>
        <source>还没有邀请任何客户：先在活动页点“邀请客户…”。</source>
        <translation>No client is invited yet: click “Invite clients…” on the events page first.</translation>
    </message>
    <message>
        <source>{} 字 · {} 条短信</source>
        <translation>{} characters · {} SMS</translation>
    </message>
    <message>
        <source> · 缺少：{}</source>
        <translation> · missing: {}</translation>
    </message>
    <message>
        <source>已复制 {} 的邀请</source>
        <translation>Copied the invitation for {}</translation>
    </message>
    <message>
        <source>已复制全部 {} 条邀请</source>
        <translation>Copied all {} invitations</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <source>邀请客户</source>
        <translation>Invite clients</translation>
    </message>
    <message>
        <source>“{}”：名额 {}，已邀请 {}。超出名额的客户列入候补名单。</source>
        <translation>“{}”: {} seats, {} invited. Clients beyond the seats go on the waiting list.</translation>
    </message>
    <message>
        <source>按客户筛选</source>
        <translation>By client filter</translation>
    </message>
    <message>
        <source>按经营洞察分组</source>
        <translation>By insights segment</translation>
    </message>
    <message>
        <source>逐个选择</source>
        <translation>One by one</translation>
    </message>
    <message>
        <source>邀请</source>
        <translation>Invite</translation>
    </message>
    <message>
        <source>姓名、拼音或手机号（可留空）</source>
        <translation>Name, pinyin or mobile (optional)</translation>
    </message>
    <message>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <source>全部风险等级</source>
        <translation>All risk grades</translation>
    </message>
    <message>
        <source>标签（可留空）</source>
        <translation>Tag (optional)</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>层级：{}</source>
        <translation>Tier: {}</translation>
    </message>
    <message>
        <source>经营洞察页上的任一分组都可以在这里选择或输入其键，例如 gap:fund。</source>
        <translation>Any segment of the insights page can be chosen here or typed by its key, e.g. gap:fund.</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>加入名单</source>
        <translation>Add to the list</translation>
    </message>
    <message>
        <source>没有符合条件的客户</source>
        <translation>No client matches</translation>
    </message>
    <message>
        <source>正在邀请</source>
        <translation>Inviting</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <source>上期 {}</source>
        <translation>Previous {}</translation>
    </message>
    <message>
        <source>{} {} 较上期</source>
        <translation>{} {} vs previous</translation>
    </message>
    <message>
        <source>无目标</source>
        <translation>No target</translation>
    </message>
    <message>
        <source>目标 {}</source>
        <translation>Target {}</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>右下角数字：当天事项数（&lt;span style='color:{}'&gt;红色&lt;/span&gt;＝有逾期）；方框：今天</source>
        <translation>Number at the bottom right: the day's items (&lt;span style='color:{}'&gt;red&lt;/span&gt; = something overdue); frame: today</translation>
    </message>
</context>
<context>
    <name>LogContactDialog</name>
    <message>
        <source>记录联系</source>
        <translation>Log contact</translation>
    </message>
    <message>
        <source>联系内容和结果，例如：电话回访，客户同意到期后续投。</source>
        <translation>What was said and the result, e.g. Called back; the client agrees to reinvest at maturity.</translation>
    </message>
    <message>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
</context>
<context>
    <name>LostDialog</name>
    <message>
        <source>标记客户流失</source>
        <translation>Mark client as lost</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>客户经理桌面档案</source>
        <translation>RM Desktop</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>这一部分正在开发中，将在后续版本提供。</source>
        <translation>This area is being built and will come in a later version.</translation>
    </message>
    <message>
        <source>今日工作清单</source>
        <translation>Today's worklist</translation>
    </message>
    <message>
        <source>经营洞察</source>
        <translation>Insights</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>商机</source>
        <translation>Opportunities</translation>
    </message>
    <message>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>话术</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <source>理财规划</source>
        <translation>Financial plans</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>导入导出</source>
        <translation>Import &amp; export</translation>
    </message>
    <message>
        <source>工作报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>客户(&amp;C)</source>
        <translation>&amp;Clients</translation>
    </message>
    <message>
        <source>记录往来…</source>
        <translation>Record a contact…</translation>
    </message>
    <message>
        <source>客户在场</source>
        <translation>Client present</translation>
    </message>
    <message>
        <source>客户在场时隐藏资产、备注和证件号码</source>
        <translation>Hide assets, notes and ID numbers while the client is present</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>首选项…</source>
        <translation>Preferences…</translation>
    </message>
    <message>
        <source>更改主密码…</source>
        <translation>Change master password…</translation>
    </message>
    <message>
        <source>审计日志…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>正在解锁…</source>
        <translation>Unlocking…</translation>
    </message>
    <message>
        <source>已将该窗口显示在前面。</source>
        <translation>That window was brought to the front.</translation>
    </message>
    <message>
        <source>出现意外错误：{}</source>
        <translation>Unexpected error: {}</translation>
    </message>
    <message>
        <source>已解锁</source>
        <translation>Unlocked</translation>
    </message>
    <message>
        <source>IT 策略</source>
        <translation>IT policy</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>有 {} 条未保存的往来记录草稿，已为您打开。</source>
        <translation>{} unsaved contact drafts were found and reopened.</translation>
    </message>
    <message>
        <source>撤销：{}（Ctrl+Z）</source>
        <translation>Undo: {} (Ctrl+Z)</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>客户经理桌面档案 — 演示档案库</source>
        <translation>RM Desktop — demo vault</translation>
    </message>
    <message>
        <source>演示档案库 · 主密码：{} · 退出后删除</source>
        <translation>Demo vault · master password: {} · deleted on exit</translation>
    </message>
    <message>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>已从备份恢复，请解锁。</source>
        <translation>Restored from the backup; please unlock.</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>界面语言将在重新启动后生效。</source>
        <translation>The interface language changes after a restart.</translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>表格中的列</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <source>元</source>
        <translation>CNY</translation>
    </message>
    <message>
        <source>万元</source>
        <translation>10k CNY</translation>
    </message>
</context>
<context>
    <name>MergePlanModel</name>
    <message>
        <source>新客户（将新增）</source>
        <translation>New clients (to be added)</translation>
    </message>
    <message>
        <source>相同客户（资料一致）</source>
        <translation>Matching clients (same details)</translation>
    </message>
    <message>
        <source>有冲突的客户（资料不同）</source>
        <translation>Conflicting clients (details differ)</translation>
    </message>
    <message>
        <source>重复、跳过的客户</source>
        <translation>Duplicates, skipped</translation>
    </message>
    <message>
        <source>被拒绝的行</source>
        <translation>Rejected rows</translation>
    </message>
    <message>
        <source>客户 / 字段</source>
        <translation>Client / field</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>In this vault</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>In the file</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>{}（{}）</source>
        <translation>{} ({})</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>第 {} 行：{}</source>
        <translation>Row {}: {}</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>{} 处不同</source>
        <translation>{} field(s) differ</translation>
    </message>
    <message>
        <source>补充 {} 项</source>
        <translation>{} field(s) filled in</translation>
    </message>
    <message>
        <source>无变化</source>
        <translation>No change</translation>
    </message>
    <message>
        <source>补充文件中的值</source>
        <translation>Filled in from the file</translation>
    </message>
    <message>
        <source>保留本机的值</source>
        <translation>Your value kept</translation>
    </message>
    <message>
        <source>改为文件中的值</source>
        <translation>Replaced by the file's value</translation>
    </message>
</context>
<context>
    <name>MergePreviewDialog</name>
    <message>
        <source>合并移交文件：预览</source>
        <translation>Merge handover file: preview</translation>
    </message>
    <message>
        <source>合并时保留本机已有的资料（冲突处以本机为准），只补充空白字段；往来记录和持仓只增不减。</source>
        <translation>The merge keeps the details this vault has (your value wins in a conflict) and only fills empty fields; contacts and holdings are only added, never removed.</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
</context>
<context>
    <name>NewComplaintDialog</name>
    <message>
        <source>新建投诉/服务请求</source>
        <translation>New complaint / service request</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>受理渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>客户反映的问题，尽量用客户的原话</source>
        <translation>What the client reported, in the client's own words where possible</translation>
    </message>
    <message>
        <source>处理步骤：安抚情绪 → 真诚致歉 → 寻找解决方案 → 能当场答复的当场答复 → 48小时内回访。</source>
        <translation>Steps: calm the client → apologise → find the solution → answer on the spot where possible → follow up within 48 hours.</translation>
    </message>
    <message>
        <source>请选择客户。</source>
        <translation>Please choose a client.</translation>
    </message>
</context>
<context>
    <name>NewFilePasswordDialog</name>
    <message>
        <source>用密码加密（推荐）</source>
        <translation>Encrypt with a password (recommended)</translation>
    </message>
    <message>
        <source>不加密：文件是明文，任何拿到它的人都能读取其中全部客户资料。</source>
        <translation>Not encrypted: the file is plaintext, and anyone who gets it can read every client's data in it.</translation>
    </message>
    <message>
        <source>导出明文文件</source>
        <translation>Export a plaintext file</translation>
    </message>
    <message>
        <source>这个文件将不加密：姓名、证件号码、手机号码、资产和往来记录都以明文保存，任何拿到文件的人都能读取。

确定以明文导出吗？</source>
        <translation>This file will not be encrypted: names, ID numbers, phones, assets and contacts are stored as plain text that anyone who gets the file can read.

Export it as plaintext?</translation>
    </message>
</context>
<context>
    <name>NewPassword</name>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>再次输入：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <source>请设置密码：至少 8 个字符，混合字母、数字或符号。</source>
        <translation>Set a password: at least 8 characters, mixing letters, digits or symbols.</translation>
    </message>
    <message>
        <source>密码太弱：{}。</source>
        <translation>The password is too weak: {}.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>OpportunityDialog</name>
    <message>
        <source>修改商机</source>
        <translation>Edit opportunity</translation>
    </message>
    <message>
        <source>新建商机</source>
        <translation>New opportunity</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>客户：{}</source>
        <translation>Client: {}</translation>
    </message>
    <message>
        <source>产品类型</source>
        <translation>Product type</translation>
    </message>
    <message>
        <source>产品名称</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>产品代码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <source>产品风险等级</source>
        <translation>Product risk</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (CNY)</translation>
    </message>
    <message>
        <source>如 200000 或 20万</source>
        <translation>e.g. 200000</translation>
    </message>
    <message>
        <source>预计成交日</source>
        <translation>Expected close</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>如 电话确认方案</source>
        <translation>e.g. call to confirm the proposal</translation>
    </message>
    <message>
        <source>下一步日期</source>
        <translation>Next step on</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>推荐同事岗位</source>
        <translation>Referring colleague's role</translation>
    </message>
    <message>
        <source>推荐同事姓名</source>
        <translation>Referring colleague's name</translation>
    </message>
    <message>
        <source>没有推荐人可留空</source>
        <translation>Leave empty when nobody referred it</translation>
    </message>
    <message>
        <source>或由客户推荐</source>
        <translation>Or referred by a client</translation>
    </message>
    <message>
        <source>请先选择客户</source>
        <translation>Choose a client first</translation>
    </message>
    <message>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>记录到期去向</source>
        <translation>Record maturity outcome</translation>
    </message>
    <message>
        <source>元，也可写 50万；0 表示全部取出</source>
        <translation>CNY, e.g. 500000; 0 means all withdrawn</translation>
    </message>
    <message>
        <source>留空表示原产品续作</source>
        <translation>Leave empty to roll over into the same product</translation>
    </message>
    <message>
        <source>留存金额</source>
        <translation>Amount kept</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>转入产品</source>
        <translation>Moved into product</translation>
    </message>
    <message>
        <source>未留存原因</source>
        <translation>Reason money left</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>回到今天（Alt+Home）</source>
        <translation>Back to today (Alt+Home)</translation>
    </message>
    <message>
        <source>{year}年 {first} – {last}</source>
        <translation>{first} – {last}, {year}</translation>
    </message>
    <message>
        <source>上一周（Alt+←，PgUp）</source>
        <translation>Previous week (Alt+←, PgUp)</translation>
    </message>
    <message>
        <source>下一周（Alt+→，PgDown）</source>
        <translation>Next week (Alt+→, PgDown)</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{month_name} {year}</translation>
    </message>
    <message>
        <source>上个月（Alt+←，PgUp）</source>
        <translation>Previous month (Alt+←, PgUp)</translation>
    </message>
    <message>
        <source>下个月（Alt+→，PgDown）</source>
        <translation>Next month (Alt+→, PgDown)</translation>
    </message>
</context>
<context>
    <name>PeriodView</name>
    <message>
        <source>这一期没有可计算的指标。</source>
        <translation>No KPI can be computed for this period.</translation>
    </message>
</context>
<context>
    <name>PersonExportDialog</name>
    <message>
        <source>导出本人数据</source>
        <translation>Export the client's own data</translation>
    </message>
    <message>
        <source>导出“{}”在本档案中的全部资料（档案、持仓、往来记录、规划、商机、投诉、活动、约见等），供客户本人查阅或复制。两个文件都用下面的密码加密，请另行告知客户密码。</source>
        <translation>Export everything this vault holds about "{}" (profile, holdings, contacts, plans, opportunities, complaints, events, appointments and more) for the client to read or keep. Both files are encrypted with the password below; tell the client the password separately.</translation>
    </message>
    <message>
        <source>本人数据</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <source>Excel 文件</source>
        <translation>Excel file</translation>
    </message>
    <message>
        <source>PDF 文件</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>请至少选择一个文件。</source>
        <translation>Choose at least one file.</translation>
    </message>
    <message>
        <source>正在导出本人数据…</source>
        <translation>Exporting the client's own data…</translation>
    </message>
    <message>
        <source>已导出 {} 条记录（已加密）。</source>
        <translation>{} rows exported (encrypted).</translation>
    </message>
</context>
<context>
    <name>PipelineBoard</name>
    <message>
        <source>{}（{}）</source>
        <translation>{} ({})</translation>
    </message>
    <message>
        <source>{} 万 · 加权 {} 万（{}%）</source>
        <translation>{} ×10k CNY · weighted {} ({}%)</translation>
    </message>
    <message>
        <source>{} 万</source>
        <translation>{} ×10k CNY</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>移动到</source>
        <translation>Move to</translation>
    </message>
</context>
<context>
    <name>PlanCompareDialog</name>
    <message>
        <source>对比版本</source>
        <translation>Compare versions</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <source>两个版本相同。</source>
        <translation>The two versions are the same.</translation>
    </message>
    <message>
        <source>共 {} 处不同。</source>
        <translation>{} difference(s).</translation>
    </message>
</context>
<context>
    <name>PlanDiffModel</name>
    <message>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原版本</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>新版本</source>
        <translation>After</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <source>概况与收支</source>
        <translation>Profile and cash flow</translation>
    </message>
    <message>
        <source>资产负债</source>
        <translation>Balance sheet</translation>
    </message>
    <message>
        <source>理财目标</source>
        <translation>Goals</translation>
    </message>
    <message>
        <source>资产配置</source>
        <translation>Allocation</translation>
    </message>
    <message>
        <source>退休与教育</source>
        <translation>Retirement and education</translation>
    </message>
    <message>
        <source>规划章节</source>
        <translation>Chapters</translation>
    </message>
    <message>
        <source>推荐产品</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>进展</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>定稿</source>
        <translation>Finalise</translation>
    </message>
    <message>
        <source>检查通过后把这一版定为给客户的正式规划</source>
        <translation>Once the checks pass, make this version the plan agreed with the client</translation>
    </message>
    <message>
        <source>保存（Ctrl+S）：内容有改动时生成新版本</source>
        <translation>Save (Ctrl+S): a new version when the content changed</translation>
    </message>
    <message>
        <source>修改内容后保存会生成新的草稿版本，定稿的这一版保留在历史中。</source>
        <translation>Saving changed content makes a new draft version; this final version stays in the history.</translation>
    </message>
    <message>
        <source>草稿可随时保存；检查全部通过后点“定稿”。</source>
        <translation>A draft can be saved at any time; click “Finalise” once every check passes.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source> 等 {} 项</source>
        <translation> ({} in all)</translation>
    </message>
    <message>
        <source>请先保存修改</source>
        <translation>Save your changes first</translation>
    </message>
    <message>
        <source>只有最新版本可以更改进展</source>
        <translation>Only the latest version's stage can change</translation>
    </message>
    <message>
        <source>有 {} 处需要修正（已标红）；草稿可以先保存，定稿前须全部修正。</source>
        <translation>{} item(s) to correct (marked in red); a draft can be saved now, but everything must be fixed before finalising.</translation>
    </message>
    <message>
        <source>填写时逐项检查；点“保存”或“定稿”会列出所有待补项。</source>
        <translation>Each field is checked as you fill it in; “Save” or “Finalise” lists everything still missing.</translation>
    </message>
    <message>
        <source>检查通过，可以定稿并向客户展示。</source>
        <translation>All checks pass: the plan can be finalised and shown to the client.</translation>
    </message>
    <message>
        <source>检查通过。</source>
        <translation>All checks pass.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>{} 元</source>
        <translation>{} CNY</translation>
    </message>
</context>
<context>
    <name>PlanPrint</name>
    <message>
        <source>打印预览 - {}</source>
        <translation>Print preview - {}</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>新建规划</source>
        <translation>New plan</translation>
    </message>
    <message>
        <source>对比版本…</source>
        <translation>Compare versions…</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>打印预览…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>为该客户新建理财规划</source>
        <translation>Create a financial plan for this client</translation>
    </message>
    <message>
        <source>还没有理财规划</source>
        <translation>No financial plan yet</translation>
    </message>
    <message>
        <source>理财规划按客户的生命周期与家庭财务制定：收支、资产负债、短中长期目标、资产配置、退休与教育测算和产品建议。新建后会自动带入客户的风险等级和当前持仓。</source>
        <translation>A financial plan follows the client's life stage and family finances: income and expenses, balance sheet, short-, mid- and long-term goals, asset allocation, retirement and education projections and product recommendations. A new plan starts from the client's risk grade and current holdings.</translation>
    </message>
    <message>
        <source>理财规划</source>
        <translation>Financial plans</translation>
    </message>
    <message>
        <source>在上方输入客户姓名、拼音首字母或手机号，选择客户后即可查看、新建或修订其理财规划，并导出给客户的理财规划书（PDF）。</source>
        <translation>Type a client's name, pinyin initials or phone number above and choose the client to view, create or revise their financial plan and export the plan document (PDF) for them.</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>规划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>【{}】{}</source>
        <translation>[{}] {}</translation>
    </message>
    <message>
        <source>正在查看第 {} 版（最新为第 {} 版）。保存会以此内容生成第 {} 版。</source>
        <translation>Viewing version {} (the latest is version {}). Saving makes this content version {}.</translation>
    </message>
</context>
<context>
    <name>PlaybookEditDialog</name>
    <message>
        <source>编辑流程模板</source>
        <translation>Edit playbook</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>第 0 天是</source>
        <translation>Day 0 is</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>话术</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <source>添加步骤</source>
        <translation>Add step</translation>
    </message>
    <message>
        <source>删除选中步骤</source>
        <translation>Remove selected steps</translation>
    </message>
    <message>
        <source>天数：相对第 0 天，负数为之前（例如 -7 即 T-7）。</source>
        <translation>Day: counted from day 0; negative is before (-7 is T-7).</translation>
    </message>
    <message>
        <source>天数须为整数：{}</source>
        <translation>The day must be a whole number: {}</translation>
    </message>
</context>
<context>
    <name>PlaybooksTab</name>
    <message>
        <source>天数</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>话术</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>编辑步骤…</source>
        <translation>Edit steps…</translation>
    </message>
    <message>
        <source>为客户启动…</source>
        <translation>Start for a client…</translation>
    </message>
    <message>
        <source>撤销启动（Ctrl+Z）</source>
        <translation>Undo the start (Ctrl+Z)</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>流程</source>
        <translation>Playbook</translation>
    </message>
    <message>
        <source>完成并记录往来</source>
        <translation>Done, log the contact</translation>
    </message>
    <message>
        <source>还没有进行中的流程：选择一个模板，点“为客户启动…”。</source>
        <translation>No playbook started yet: choose one and click “Start for a client…”.</translation>
    </message>
    <message>
        <source>进行中的步骤</source>
        <translation>Open steps</translation>
    </message>
    <message>
        <source>请先选择一个步骤</source>
        <translation>Select a step first</translation>
    </message>
    <message>
        <source>（内置）</source>
        <translation> (built-in)</translation>
    </message>
    <message>
        <source>第 0 天：{}。内置模板不能修改：点“复制”后编辑副本。</source>
        <translation>Day 0: {}. A built-in playbook cannot be changed: click “Copy” and edit the copy.</translation>
    </message>
    <message>
        <source>第 0 天：{}。</source>
        <translation>Day 0: {}.</translation>
    </message>
    <message>
        <source>已复制为“{}”，可以编辑步骤</source>
        <translation>Copied as “{}”; its steps can be edited</translation>
    </message>
    <message>
        <source>已保存“{}”</source>
        <translation>Saved “{}”</translation>
    </message>
    <message>
        <source>已撤销启动：移除 {} 个步骤</source>
        <translation>Start undone: {} steps removed</translation>
    </message>
</context>
<context>
    <name>PolicySummary</name>
    <message>
        <source>IT 策略文件：{}（以下各项由 IT 设定，不能在此修改）</source>
        <translation>IT policy file: {} (IT sets the values below; they cannot be changed here)</translation>
    </message>
</context>
<context>
    <name>ProductsSection</name>
    <message>
        <source>产品风险等级不得高于客户风险承受能力（C1 只能购买 R1，依此类推）。客户购买后，在“已购持仓”中选择对应持仓。</source>
        <translation>A product's risk level may not exceed the client's risk grade (C1 may only buy R1, and so on). Once the client buys, choose the holding under "Bought as".</translation>
    </message>
    <message>
        <source>未购买</source>
        <translation>Not bought</translation>
    </message>
    <message>
        <source>产品名称</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>建议金额（元）</source>
        <translation>Amount (CNY)</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>所属章节</source>
        <translation>Chapter</translation>
    </message>
    <message>
        <source>推荐理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>已购持仓</source>
        <translation>Bought as</translation>
    </message>
    <message>
        <source>添加产品</source>
        <translation>Add product</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <source>如：张敏</source>
        <translation>e.g. Zhang Min</translation>
    </message>
    <message>
        <source>如：城西支行</source>
        <translation>e.g. West City Sub-branch</translation>
    </message>
    <message>
        <source>如：138 0013 8000 或 0755-12345678</source>
        <translation>e.g. 138 0013 8000 or 0755-12345678</translation>
    </message>
    <message>
        <source>如：理财经理</source>
        <translation>e.g. Wealth manager</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>网点</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>话术中的【客户经理】【网点】【客户经理电话】【客户经理职务】和理财规划书都取自这里；留空的项在话术中会标出，复制前会提醒。</source>
        <translation>Scripts' RM fields (your name, branch, phone and title) and the financial plan take these values; an empty one is marked in scripts, and copying asks first.</translation>
    </message>
</context>
<context>
    <name>ProfileSection</name>
    <message>
        <source>（未填写）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>（未测评）</source>
        <translation>(not assessed)</translation>
    </message>
    <message>
        <source>子女、老人等</source>
        <translation>children, parents…</translation>
    </message>
    <message>
        <source>规划书开头给客户看的一段话：现状、主要目标与总体建议</source>
        <translation>The opening paragraph of the plan document: the situation, main goals and overall advice</translation>
    </message>
    <message>
        <source>元</source>
        <translation>CNY</translation>
    </message>
    <message>
        <source>月</source>
        <translation>months</translation>
    </message>
    <message>
        <source>规划标题</source>
        <translation>Plan title</translation>
    </message>
    <message>
        <source>生命周期阶段</source>
        <translation>Life stage</translation>
    </message>
    <message>
        <source>风险承受能力</source>
        <translation>Risk grade</translation>
    </message>
    <message>
        <source>家庭情况</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>需抚养/赡养人数</source>
        <translation>Dependants</translation>
    </message>
    <message>
        <source>规划摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>月收入（元）</source>
        <translation>Monthly income (CNY)</translation>
    </message>
    <message>
        <source>其他年收入（奖金等，元）</source>
        <translation>Other annual income (bonus etc., CNY)</translation>
    </message>
    <message>
        <source>月生活支出（不含月供，元）</source>
        <translation>Monthly living expenses (excl. loan payments, CNY)</translation>
    </message>
    <message>
        <source>其他年支出（学费、旅行等，元）</source>
        <translation>Other annual expenses (tuition, travel…, CNY)</translation>
    </message>
    <message>
        <source>收入与支出</source>
        <translation>Income and expenses</translation>
    </message>
    <message>
        <source>下次回顾日期</source>
        <translation>Next review</translation>
    </message>
    <message>
        <source>回顾间隔（月）</source>
        <translation>Review every (months)</translation>
    </message>
    <message>
        <source>回顾安排</source>
        <translation>Review schedule</translation>
    </message>
    <message>
        <source>年收入 {}；年支出（含月供）{}；年结余 {}；结余比例 {}</source>
        <translation>Annual income {}; annual spending (incl. loan payments) {}; surplus {}; savings rate {}</translation>
    </message>
</context>
<context>
    <name>PurposeDialog</name>
    <message>
        <source>导出用途</source>
        <translation>Export purpose</translation>
    </message>
    <message>
        <source>{}：请选择用途。文件会带上客户经理、网点、时间和用途的水印，并记入导出登记。</source>
        <translation>{}: choose its purpose. The file is watermarked with the RM, branch, time and purpose, and entered in the export register.</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>用途(&amp;P)：</source>
        <translation>&amp;Purpose:</translation>
    </message>
    <message>
        <source>用途为“其他”时必填，例如：网点检查</source>
        <translation>Required for “other”, e.g. branch inspection</translation>
    </message>
    <message>
        <source>说明(&amp;N)：</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>导出的字段（已勾选用途所需的最少字段，可加选）：</source>
        <translation>Fields exported (the minimum the purpose needs is ticked; tick more if needed):</translation>
    </message>
    <message>
        <source>导出(&amp;E)</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>客户编号</source>
        <translation>Customer no.</translation>
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
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>金融资产(元)</source>
        <translation>Financial assets (yuan)</translation>
    </message>
    <message>
        <source>客户层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>最近联系</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>查看原因</source>
        <translation>Reason to reveal</translation>
    </message>
    <message>
        <source>查看“{}”的完整手机号码，请选择原因：</source>
        <translation>Why do you need {}'s full phone number?</translation>
    </message>
    <message>
        <source>查看“{}”的完整证件号码，请选择原因：</source>
        <translation>Why do you need {}'s full ID number?</translation>
    </message>
    <message>
        <source>查看“{}”的资产金额，请选择原因：</source>
        <translation>Why do you need {}'s balance?</translation>
    </message>
    <message>
        <source>简要说明原因（不要填写证件号或电话）</source>
        <translation>Say briefly why (no ID or phone numbers)</translation>
    </message>
    <message>
        <source>本次查看及原因将记入审计日志（不含号码或金额本身）。</source>
        <translation>This reveal and its reason go into the audit log (never the number or amount itself).</translation>
    </message>
    <message>
        <source>本次登录期间查看该客户不再询问。</source>
        <translation>You will not be asked again for this client until the vault locks.</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>关系结束</source>
        <translation>Relationship ended</translation>
    </message>
    <message>
        <source>往来记录</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>理财规划</source>
        <translation>Plans</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>保留到期</source>
        <translation>Retention ran out</translation>
    </message>
    <message>
        <source>流失</source>
        <translation>lost</translation>
    </message>
    <message>
        <source>回收站</source>
        <translation>trash</translation>
    </message>
    <message>
        <source>{}（{}）</source>
        <translation>{} ({})</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <source>，由 IT 策略设定</source>
        <translation>, set by IT policy</translation>
    </message>
    <message>
        <source>{} {} 天{}</source>
        <translation>{} {} days{}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>客户关系结束（流失或移入回收站）后，各类记录按各自的期限保留：{}。到期的记录列在这里，只在您确认后删除；客户本身到期时请在“客户”页处理。</source>
        <translation>After a relationship ends (the client is lost or in the trash), each kind of record is kept for its own period: {}. Records past it are listed here and deleted only when you confirm; a client itself past retention is on the Clients tab.</translation>
    </message>
    <message>
        <source>没有超过保留期限的记录。客户关系结束后超过上述期限的往来记录、理财规划和投诉会出现在这里。</source>
        <translation>No records are past retention. Contacts, plans and complaints appear here once a relationship has ended longer ago than the periods above.</translation>
    </message>
    <message>
        <source>{} {} 条</source>
        <translation>{1} {0}</translation>
    </message>
    <message>
        <source>删除记录</source>
        <translation>Delete records</translation>
    </message>
    <message>
        <source>删除 {} 位客户的到期记录（{}）？此操作不可撤销，审计日志只记录数量。</source>
        <translation>Delete the expired records of {} clients ({})? This cannot be undone; the audit log records the counts only.</translation>
    </message>
    <message>
        <source>正在删除到期记录…</source>
        <translation>Deleting the expired records…</translation>
    </message>
</context>
<context>
    <name>ReferralsView</name>
    <message>
        <source>输送新客户…</source>
        <translation>Walk-in client…</translation>
    </message>
    <message>
        <source>还没有推荐记录：新建商机时填写推荐人，或用“输送新客户”登记大堂经理、柜员转来的客户。</source>
        <translation>No referrals yet: name the referrer when you add an opportunity, or use “Walk-in client” for a client a lobby manager or teller brings over.</translation>
    </message>
    <message>
        <source>推荐人</source>
        <translation>Referrer</translation>
    </message>
    <message>
        <source>推荐客户数</source>
        <translation>Clients referred</translation>
    </message>
    <message>
        <source>商机数</source>
        <translation>Opportunities</translation>
    </message>
    <message>
        <source>成交数</source>
        <translation>Won</translation>
    </message>
    <message>
        <source>成交金额（万元）</source>
        <translation>Won (10k CNY)</translation>
    </message>
    <message>
        <source>转化率</source>
        <translation>Conversion</translation>
    </message>
    <message>
        <source>选择一位推荐人，查看其推荐的客户。</source>
        <translation>Select a referrer to see the clients they referred.</translation>
    </message>
    <message>
        <source>{} 推荐的客户：{}</source>
        <translation>Clients referred by {}: {}</translation>
    </message>
</context>
<context>
    <name>RelationDialog</name>
    <message>
        <source>添加关系</source>
        <translation>Add relationship</translation>
    </message>
    <message>
        <source>对方客户</source>
        <translation>Other client</translation>
    </message>
    <message>
        <source>对方是本客户的</source>
        <translation>The other client is this client's</translation>
    </message>
</context>
<context>
    <name>RelationsTab</name>
    <message>
        <source>还没有关系。点“添加关系”关联家人、同事或介绍人的档案。</source>
        <translation>No relationships yet. Use “Add relationship” to link the files of family, colleagues or referrers.</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relationships</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>添加关系</source>
        <translation>Add relationship</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>ReminderNotifier</name>
    <message>
        <source>{}：{}</source>
        <translation>{}: {}</translation>
    </message>
    <message>
        <source>打开今日提醒</source>
        <translation>Open today's reminders</translation>
    </message>
    <message>
        <source>客户经理桌面档案</source>
        <translation>RM Desktop</translation>
    </message>
    <message>
        <source>提醒通知</source>
        <translation>Reminder notification</translation>
    </message>
    <message>
        <source>今日提醒</source>
        <translation>Today's reminders</translation>
    </message>
    <message>
        <source>今天没有待处理的提醒。</source>
        <translation>Nothing is due today.</translation>
    </message>
    <message>
        <source>逾期 {}，今天 {}，约见 {}</source>
        <translation>Overdue {}, today {}, appointments {}</translation>
    </message>
    <message>
        <source>，提前准备 {}</source>
        <translation>, ahead {}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>其中：{}</source>
        <translation>By kind: {}</translation>
    </message>
    <message>
        <source>（解锁后查看）</source>
        <translation> (unlock to see them)</translation>
    </message>
    <message>
        <source>客户经理桌面档案 · 逾期 {}，今天 {}</source>
        <translation>RM Desktop · overdue {}, today {}</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>约见</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <source>产品到期</source>
        <translation>Maturity</translation>
    </message>
    <message>
        <source>风险测评到期</source>
        <translation>Risk assessment</translation>
    </message>
    <message>
        <source>定期联系</source>
        <translation>Regular contact</translation>
    </message>
    <message>
        <source>规划回顾</source>
        <translation>Plan review</translation>
    </message>
    <message>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>节日问候</source>
        <translation>Festival greetings</translation>
    </message>
    <message>
        <source>自定义提醒</source>
        <translation>Custom reminder</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>提前准备</source>
        <translation>Ahead</translation>
    </message>
    <message>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>{}月{}日</source>
        <translation>{}/{}</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>含客户姓名的完整报告，仅供本人留存</source>
        <translation>The full report with client names, for your own records only</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>复制简报</source>
        <translation>Copy summary</translation>
    </message>
    <message>
        <source>只含汇总数字，可直接粘贴到工作群</source>
        <translation>Counts only, ready to paste into a work group</translation>
    </message>
    <message>
        <source>导出简报 PDF…</source>
        <translation>Export summary PDF…</translation>
    </message>
    <message>
        <source>只含汇总数字，不含客户信息</source>
        <translation>Counts only, no client information</translation>
    </message>
    <message>
        <source>导出给主管…</source>
        <translation>Send to supervisor…</translation>
    </message>
    <message>
        <source>加密的报告包，发给主管汇总</source>
        <translation>An encrypted report bundle for your supervisor's summary</translation>
    </message>
    <message>
        <source>汇总下属报告…</source>
        <translation>Collect team reports…</translation>
    </message>
    <message>
        <source>主管用：把几位客户经理的报告包汇总成一个表格</source>
        <translation>For supervisors: several RMs' report bundles in one workbook</translation>
    </message>
    <message>
        <source>不能导出</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <source>已导出到 {}</source>
        <translation>Exported to {}</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>正在导出 PDF</source>
        <translation>Exporting PDF</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>正在导出 Excel</source>
        <translation>Exporting Excel</translation>
    </message>
    <message>
        <source>已复制简报（只含汇总数字），{} 秒后自动清除</source>
        <translation>Summary copied (counts only); cleared in {} seconds</translation>
    </message>
    <message>
        <source>_简报</source>
        <translation>_summary</translation>
    </message>
    <message>
        <source>导出简报 PDF</source>
        <translation>Export summary PDF</translation>
    </message>
    <message>
        <source>导出给主管</source>
        <translation>Send to supervisor</translation>
    </message>
    <message>
        <source>报告包</source>
        <translation>Report bundle</translation>
    </message>
    <message>
        <source>正在导出报告包</source>
        <translation>Exporting the report bundle</translation>
    </message>
    <message>
        <source>保存汇总表</source>
        <translation>Save the summary workbook</translation>
    </message>
    <message>
        <source>下属报告汇总.xlsx</source>
        <translation>team_reports_summary.xlsx</translation>
    </message>
    <message>
        <source>已取消：没有写入汇总表。</source>
        <translation>Cancelled: no summary workbook was written.</translation>
    </message>
    <message>
        <source>正在汇总</source>
        <translation>Collecting</translation>
    </message>
    <message>
        <source>已写入汇总表 {}</source>
        <translation>Summary workbook written: {}</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>日</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>工作日志</source>
        <translation>Work log</translation>
    </message>
    <message>
        <source>周</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>周报</source>
        <translation>Weekly report</translation>
    </message>
    <message>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>上一期（Alt+← 或 PageUp）</source>
        <translation>Previous period (Alt+← or PageUp)</translation>
    </message>
    <message>
        <source>下一期（Alt+→ 或 PageDown）</source>
        <translation>Next period (Alt+→ or PageDown)</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>回到当前这一期（Alt+Home）</source>
        <translation>Back to the current period (Alt+Home)</translation>
    </message>
    <message>
        <source>选择日期：显示这一天所在的一期</source>
        <translation>Pick a date: shows the period that holds it</translation>
    </message>
    <message>
        <source>目标…</source>
        <translation>Targets…</translation>
    </message>
    <message>
        <source>周报、月报的指标目标（Ctrl+T）</source>
        <translation>KPI targets of the weekly and monthly reports (Ctrl+T)</translation>
    </message>
    <message>
        <source>已取消：报告未更新。</source>
        <translation>Cancelled: the report was not updated.</translation>
    </message>
    <message>
        <source>正在生成……</source>
        <translation>Building…</translation>
    </message>
    <message>
        <source>正在生成报告</source>
        <translation>Building the report</translation>
    </message>
    <message>
        <source>（{} – {}）</source>
        <translation> ({} – {})</translation>
    </message>
    <message>
        <source>生成于 {}</source>
        <translation>Built at {}</translation>
    </message>
    <message>
        <source>修订 {} · {}</source>
        <translation>Revision {} · {}</translation>
    </message>
    <message>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>已保存：修订 {}</source>
        <translation>Saved: revision {}</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>到期保留</source>
        <translation>Past retention</translation>
    </message>
    <message>
        <source>匿名化…</source>
        <translation>Anonymise…</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>删除记录…</source>
        <translation>Delete records…</translation>
    </message>
    <message>
        <source>删除回执…</source>
        <translation>Deletion receipt…</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>（由 IT 策略设定）</source>
        <translation>(set by IT policy)</translation>
    </message>
    <message>
        <source>客户流失或移入回收站 {} 天后，超过保留期限，应匿名化（保留金额，去掉姓名、证件、电话和文字记录）或彻底删除。{}</source>
        <translation>{} days after a client is lost or moved to the trash, the retention period is over: anonymise the client (amounts are kept; name, ID, phones and written records go) or delete them for good. {}</translation>
    </message>
    <message>
        <source>没有超过保留期限的客户。客户标记为流失或移入回收站 {} 天后会出现在这里。</source>
        <translation>No client is past retention. Clients appear here {} days after they are marked lost or moved to the trash.</translation>
    </message>
    <message>
        <source>客户（{}）</source>
        <translation>Clients ({})</translation>
    </message>
    <message>
        <source>记录（{}）</source>
        <translation>Records ({})</translation>
    </message>
    <message>
        <source>匿名化</source>
        <translation>Anonymise</translation>
    </message>
    <message>
        <source>彻底删除</source>
        <translation>Delete for good</translation>
    </message>
    <message>
        <source>{} {} 位客户？此操作不可撤销，审计日志只记录数量。</source>
        <translation>{} {} clients? This cannot be undone; the audit log keeps the count only.</translation>
    </message>
    <message>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>删除回执</source>
        <translation>Deletion receipt</translation>
    </message>
    <message>
        <source>保存删除回执</source>
        <translation>Save the deletion receipt</translation>
    </message>
    <message>
        <source>正在生成删除回执…</source>
        <translation>Making the deletion receipt…</translation>
    </message>
</context>
<context>
    <name>RetentionModel</name>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>关系结束原因</source>
        <translation>Relationship ended</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <source>保留到期</source>
        <translation>Retention ran out</translation>
    </message>
    <message>
        <source>已流失</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>在回收站</source>
        <translation>In the trash</translation>
    </message>
</context>
<context>
    <name>RevealGate</name>
    <message>
        <source>查看完整信息</source>
        <translation>Reveal</translation>
    </message>
</context>
<context>
    <name>SalesPage</name>
    <message>
        <source>新建商机</source>
        <translation>New opportunity</translation>
    </message>
    <message>
        <source>全部产品</source>
        <translation>All products</translation>
    </message>
    <message>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <source>新建商机（Ctrl+Shift+N）</source>
        <translation>New opportunity (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>还没有商机：点“新建商机”（Ctrl+Shift+N）登记客户的意向；拖动卡片或按 Ctrl+←/→ 移动阶段。</source>
        <translation>No opportunities yet: press “New opportunity” (Ctrl+Shift+N) to record a client's interest; drag a card or press Ctrl+←/→ to move it between stages.</translation>
    </message>
    <message>
        <source>商机看板</source>
        <translation>Pipeline board</translation>
    </message>
    <message>
        <source>推荐</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>产品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>全部月份</source>
        <translation>All months</translation>
    </message>
    <message>
        <source>商机</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>进行中 {} 个 · 加权 {} 万元</source>
        <translation>{} open · weighted {} ×10k CNY</translation>
    </message>
    <message>
        <source>不能成交</source>
        <translation>Cannot close as won</translation>
    </message>
    <message>
        <source>客户书面确认</source>
        <translation>Client's written acknowledgement</translation>
    </message>
    <message>
        <source>如 客户已签署风险揭示书，自愿购买</source>
        <translation>e.g. the client signed the risk disclosure and buys of their own will</translation>
    </message>
    <message>
        <source>未成交原因</source>
        <translation>Why it was lost</translation>
    </message>
    <message>
        <source>写明未成交的原因：</source>
        <translation>Write down why it was lost:</translation>
    </message>
    <message>
        <source>如 利率不如他行</source>
        <translation>e.g. another bank's rate was better</translation>
    </message>
    <message>
        <source>未移动</source>
        <translation>Not moved</translation>
    </message>
    <message>
        <source>已成交：已为{}建立持仓“{}”。</source>
        <translation>Won: holding “{1}” added for {0}.</translation>
    </message>
</context>
<context>
    <name>ScriptBulkDialog</name>
    <message>
        <source>批量发送话术</source>
        <translation>Bulk send a script</translation>
    </message>
    <message>
        <source>指定名单：{}（{} 位客户）</source>
        <translation>Given list: {} ({} clients)</translation>
    </message>
    <message>
        <source>传入的客户</source>
        <translation>the given clients</translation>
    </message>
    <message>
        <source>按条件筛选客户</source>
        <translation>Filter clients</translation>
    </message>
    <message>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <source>姓名、拼音或手机号（可留空）</source>
        <translation>Name, pinyin or mobile (optional)</translation>
    </message>
    <message>
        <source>节日</source>
        <translation>Festival</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Event name</translation>
    </message>
    <message>
        <source>活动地点</source>
        <translation>Event place</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>选择话术和客户名单，然后点“生成”。</source>
        <translation>Choose a script and a client list, then click “Generate”.</translation>
    </message>
    <message>
        <source>复制所选</source>
        <translation>Copy selected</translation>
    </message>
    <message>
        <source>复制下一条</source>
        <translation>Copy next</translation>
    </message>
    <message>
        <source>已发送（记录联系）</source>
        <translation>Sent (log contact)</translation>
    </message>
    <message>
        <source>把所选行的内容记入客户的往来记录</source>
        <translation>Record the selected rows in the clients' contact history</translation>
    </message>
    <message>
        <source>全部标记为已发送…</source>
        <translation>Mark all as sent…</translation>
    </message>
    <message>
        <source>导出短信平台表格…</source>
        <translation>Export for SMS platform…</translation>
    </message>
    <message>
        <source>Excel：客户号、姓名、手机、短信内容、条数</source>
        <translation>Excel: customer no., name, mobile, message, SMS count</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>话术</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>已复制 {} 的内容。</source>
        <translation>Copied the message for {}.</translation>
    </message>
    <message>
        <source>每一条都已复制。</source>
        <translation>Every row has been copied.</translation>
    </message>
    <message>
        <source>已记录 {} 条联系。</source>
        <translation>Logged {} contacts.</translation>
    </message>
    <message>
        <source>把 {} 条内容都记入客户的往来记录吗？（请在短信平台确认发送后再做）</source>
        <translation>Log all {} messages in the clients' contact history? (Do this after the SMS platform has sent them.)</translation>
    </message>
    <message>
        <source>正在记录…</source>
        <translation>Logging…</translation>
    </message>
    <message>
        <source>导出短信平台表格</source>
        <translation>Export for the SMS platform</translation>
    </message>
    <message>
        <source>短信发送名单.xlsx</source>
        <translation>sms-list.xlsx</translation>
    </message>
    <message>
        <source>Excel 表格 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出到 {}。短信平台发送后，可点“全部标记为已发送”记录联系。</source>
        <translation>Exported to {}. Once the SMS platform has sent them, click “Mark all as sent” to log the contacts.</translation>
    </message>
    <message>
        <source>共 {} 位客户 · 已复制 {} · 已记录 {}</source>
        <translation>{} clients · {} copied · {} logged</translation>
    </message>
    <message>
        <source>{} 条缺少字段（红色标出）</source>
        <translation>{} rows lack fields (marked in red)</translation>
    </message>
</context>
<context>
    <name>ScriptEditor</name>
    <message>
        <source>话术名称，如“生日祝福·短信”</source>
        <translation>Script name, e.g. “Birthday · SMS”</translation>
    </message>
    <message>
        <source>插入字段</source>
        <translation>Insert field</translation>
    </message>
    <message>
        <source>在光标处插入 {字段}；写成 {称谓|客户} 可在缺少时用“客户”代替</source>
        <translation>Insert a {field} at the cursor; write {称谓|客户} to use the text after the bar when the value is missing</translation>
    </message>
    <message>
        <source>在此输入话术正文，用 {姓名}、{称谓|客户} 等字段自动填入客户信息。要写大括号本身请输入 {{ 或 }}。</source>
        <translation>Type the script here; fields such as {姓名} and {称谓|客户} are filled in from the client file. For a literal brace type {{ or }}.</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>产品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>节日与活动</source>
        <translation>Festivals and events</translation>
    </message>
    <message>
        <source>客户经理</source>
        <translation>RM</translation>
    </message>
    <message>
        <source>…还有 {} 处</source>
        <translation>…and {} more</translation>
    </message>
</context>
<context>
    <name>ScriptLibrary</name>
    <message>
        <source>全部分类</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部渠道</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>搜索名称或正文</source>
        <translation>Search name or text</translation>
    </message>
    <message>
        <source>回收站</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>新建话术</source>
        <translation>New script</translation>
    </message>
    <message>
        <source>新建话术（Ctrl+Shift+N）</source>
        <translation>New script (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>批量发送…</source>
        <translation>Bulk send…</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>从 JSON 或 Excel 文件导入话术</source>
        <translation>Import scripts from a JSON or Excel file</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>把话术库导出为 JSON 或 Excel，分享给同事</source>
        <translation>Export the script library as JSON or Excel to share with colleagues</translation>
    </message>
    <message>
        <source>回收站是空的。</source>
        <translation>The trash is empty.</translation>
    </message>
    <message>
        <source>没有符合条件的话术。
清除筛选，或点“新建话术”。</source>
        <translation>No script matches.
Clear the filters, or click “New script”.</translation>
    </message>
    <message>
        <source>话术库是空的。
点“新建话术”或“导入…”。</source>
        <translation>The script library is empty.
Click “New script” or “Import…”.</translation>
    </message>
</context>
<context>
    <name>ScriptListModel</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已修改</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>内置话术</source>
        <translation>Shipped script</translation>
    </message>
    <message>
        <source>自建话术</source>
        <translation>Your own script</translation>
    </message>
</context>
<context>
    <name>ScriptPreview</name>
    <message>
        <source>如：季度投资策略沙龙</source>
        <translation>e.g. Quarterly investment salon</translation>
    </message>
    <message>
        <source>预览将显示在这里</source>
        <translation>The preview appears here</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>复制到剪贴板（到时自动清除）</source>
        <translation>Copy to the clipboard (cleared after the timeout)</translation>
    </message>
    <message>
        <source>复制并记录联系</source>
        <translation>Copy and log contact</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>节日</source>
        <translation>Festival</translation>
    </message>
    <message>
        <source>产品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Event name</translation>
    </message>
    <message>
        <source>活动时间</source>
        <translation>Event time</translation>
    </message>
    <message>
        <source>活动地点</source>
        <translation>Event place</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>最近到期的产品（自动）</source>
        <translation>Next product to mature (automatic)</translation>
    </message>
    <message>
        <source>无到期日</source>
        <translation>no maturity date</translation>
    </message>
    <message>
        <source>复制，并把这段文字记入该客户的往来记录</source>
        <translation>Copy, and record this text in the client's contact history</translation>
    </message>
    <message>
        <source>先选择客户；邮件渠道暂不能记入往来记录</source>
        <translation>Choose a client first; email cannot be logged in the contact history yet</translation>
    </message>
    <message>
        <source>{} 字 · 短信 {} 条</source>
        <translation>{} characters · {} SMS</translation>
    </message>
    <message>
        <source>{} 字（按短信发送为 {} 条）</source>
        <translation>{} characters ({} SMS if sent as text message)</translation>
    </message>
    <message>
        <source>70 字以内按 1 条短信计；超过 70 字的长短信每 67 字计 1 条</source>
        <translation>Up to 70 characters is 1 SMS; longer messages count 1 SMS per 67 characters</translation>
    </message>
    <message>
        <source>您的个人信息中缺少：{}。请在 &lt;a href="profile"&gt;设置 › 个人信息&lt;/a&gt; 中填写。</source>
        <translation>Your profile lacks: {}. Fill it in under &lt;a href="profile"&gt;Settings › Profile&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>客户档案中缺少：{}。请在该客户的档案中补充，或改用 {{字段|备用文字}}。</source>
        <translation>The client's file lacks: {}. Add it to the client's file, or write {{field|fallback}}.</translation>
    </message>
    <message>
        <source>缺少产品信息：{}。请在上方选择产品，或在客户档案的持仓中补充。</source>
        <translation>Product details missing: {}. Choose a product above, or add it to the client's holdings.</translation>
    </message>
    <message>
        <source>请在上方填写：{}。</source>
        <translation>Fill in above: {}.</translation>
    </message>
    <message>
        <source>未选择客户：以上为示例内容。</source>
        <translation>No client chosen: the text above uses example values.</translation>
    </message>
    <message>
        <source>内容不完整</source>
        <translation>Incomplete message</translation>
    </message>
    <message>
        <source>内容中还有未填写的字段：{}（已用【字段?】标出）。仍要复制吗？</source>
        <translation>Some fields are still empty: {} (marked in the text). Copy anyway?</translation>
    </message>
</context>
<context>
    <name>ScriptsPage</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>另存为新话术</source>
        <translation>Save as new script</translation>
    </message>
    <message>
        <source>恢复原文</source>
        <translation>Reset to original</translation>
    </message>
    <message>
        <source>把这条内置话术恢复为软件自带的原文</source>
        <translation>Reset this shipped script to its original wording</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>从左侧选择一条话术进行编辑和预览，或点“新建话术”。
话术中的 {姓名}、{称谓|客户} 等字段会按所选客户自动填写。</source>
        <translation>Choose a script on the left to edit and preview it, or click “New script”.
Fields such as {姓名} and {称谓|客户} are filled in from the chosen client.</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>已复制，{} 秒后从剪贴板清除。</source>
        <translation>Copied; cleared from the clipboard in {} seconds.</translation>
    </message>
    <message>
        <source>注意：缺少 {}。</source>
        <translation> Note: {} missing.</translation>
    </message>
    <message>
        <source>内容不完整</source>
        <translation>Incomplete message</translation>
    </message>
    <message>
        <source>内容中还有未填写的字段：{}。仍要复制并记录吗？</source>
        <translation>The message still has unfilled fields: {}. Copy and log it anyway?</translation>
    </message>
    <message>
        <source>已复制，并记入 {} 的往来记录。</source>
        <translation>Copied, and logged in {}'s contact history.</translation>
    </message>
    <message>
        <source>没有“{}”类的话术，请新建一条。</source>
        <translation>There is no “{}” script; please create one.</translation>
    </message>
</context>
<context>
    <name>SectionsModel</name>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>金额（万元）</source>
        <translation>Amount (10k CNY)</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>SegmentDialog</name>
    <message>
        <source>批量生成话术…</source>
        <translation>Render a script for all…</translation>
    </message>
    <message>
        <source>导出名单…</source>
        <translation>Export list…</translation>
    </message>
    <message>
        <source>加入工作清单…</source>
        <translation>Add to worklist…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在读取客户</source>
        <translation>Reading clients</translation>
    </message>
    <message>
        <source>{} 位客户 · 金融资产 {}</source>
        <translation>{} clients · assets {}</translation>
    </message>
    <message>
        <source>已撤销：从工作清单移除 {} 项</source>
        <translation>Undone: {} items removed from the worklist</translation>
    </message>
    <message>
        <source>导出客户名单</source>
        <translation>Export client list</translation>
    </message>
    <message>
        <source>正在导出名单</source>
        <translation>Exporting the list</translation>
    </message>
    <message>
        <source>已导出 {} 位客户到 {}</source>
        <translation>Exported {} clients to {}</translation>
    </message>
</context>
<context>
    <name>SegmentModel</name>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>金融资产（万元）</source>
        <translation>Assets (10k CNY)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>个人信息</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>安全</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <source>客户分层</source>
        <translation>Client tiers</translation>
    </message>
    <message>
        <source>导入导出</source>
        <translation>Import &amp; export</translation>
    </message>
    <message>
        <source>外观</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>跟随系统</source>
        <translation>As the system</translation>
    </message>
    <message>
        <source>浅色</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>深色</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>配色</source>
        <translation>Colours</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>已保存的导入列映射</source>
        <translation>Saved import column mappings</translation>
    </message>
    <message>
        <source>{} 套（导入时自动套用相同表头）</source>
        <translation>{} (applied to imports with the same headers)</translation>
    </message>
    <message>
        <source>简体中文</source>
        <translation>Chinese (Simplified)</translation>
    </message>
    <message>
        <source>将在确定后清除（下次导入时重新选择列）</source>
        <translation>Cleared on OK (the next import asks for the columns again)</translation>
    </message>
    <message>
        <source>个人信息中有无效的项，请按提示修改。</source>
        <translation>Some profile fields are not valid; correct them as shown.</translation>
    </message>
</context>
<context>
    <name>SnoozeDateDialog</name>
    <message>
        <source>推迟到…</source>
        <translation>Snooze until…</translation>
    </message>
</context>
<context>
    <name>StageModel</name>
    <message>
        <source>万</source>
        <translation> (10k)</translation>
    </message>
    <message>
        <source>{}：{} {} {}</source>
        <translation>{}: {} {} {}</translation>
    </message>
    <message>
        <source>来源：{}</source>
        <translation>Source: {}</translation>
    </message>
    <message>
        <source>下一步：{} {}</source>
        <translation>Next step: {} {}</translation>
    </message>
    <message>
        <source>未成交原因：{}</source>
        <translation>Lost because: {}</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>为客户启动：{}</source>
        <translation>Start for a client: {}</translation>
    </message>
    <message>
        <source>（不关联活动）</source>
        <translation>(no event)</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>关联活动</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>第 0 天（{}）</source>
        <translation>Day 0 ({})</translation>
    </message>
    <message>
        <source>每个步骤按日期加入今日工作清单；已过去的步骤不加入。</source>
        <translation>Each step goes on the worklist on its day; steps already past are left out.</translation>
    </message>
    <message>
        <source>启动</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>请选择客户</source>
        <translation>Choose a client</translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <source>出现问题</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>{}：{}</source>
        <translation>{}: {}</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <source>汇总下属报告</source>
        <translation>Collect team reports</translation>
    </message>
    <message>
        <source>报告包</source>
        <translation>Report bundle</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>添加报告包…</source>
        <translation>Add a bundle…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>逐个添加下属发来的报告包，填写各自的密码；汇总表写入一个新的 Excel 文件。</source>
        <translation>Add each bundle your team sent and its password; the summary is written to a new Excel file.</translation>
    </message>
    <message>
        <source>选择下属的报告包</source>
        <translation>Choose a team member's report bundle</translation>
    </message>
    <message>
        <source>请添加至少一个报告包。</source>
        <translation>Add at least one report bundle.</translation>
    </message>
    <message>
        <source>每个报告包都要填写密码。</source>
        <translation>Every bundle needs its password.</translation>
    </message>
</context>
<context>
    <name>TableBox</name>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>指标目标</source>
        <translation>KPI targets</translation>
    </message>
    <message>
        <source>留空表示无目标。比例可写 90% 或 0.9，金额可写 200万 或 2000000，次数为整数。比例和小时数的周目标留空时沿用月目标。</source>
        <translation>Leave empty for no target. A share as 90% or 0.9, an amount as 200万 or 2000000, a count as a whole number. An empty week target of a share or of hours takes the month's.</translation>
    </message>
    <message>
        <source>周目标</source>
        <translation>Week target</translation>
    </message>
    <message>
        <source>月目标</source>
        <translation>Month target</translation>
    </message>
    <message>
        <source>无目标</source>
        <translation>No target</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>出现意外错误：{}</source>
        <translation>Unexpected error: {}</translation>
    </message>
</context>
<context>
    <name>TierEditor</name>
    <message>
        <source>中文名称</source>
        <translation>Chinese name</translation>
    </message>
    <message>
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <source>起点（万元）</source>
        <translation>From (10k CNY)</translation>
    </message>
    <message>
        <source>联系周期（天）</source>
        <translation>Contact cadence (days)</translation>
    </message>
    <message>
        <source>负责</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>按金融资产（万元）从低到高分层，最低一层从 0 开始。联系周期留空表示不设；修改后所有客户立即按新标准重新分层。</source>
        <translation>Tiers go by financial assets (10k CNY), lowest first; the lowest starts at 0. An empty cadence means none; after a change every client is re-tiered at once.</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>Restore defaults</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>往来</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>商机</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>推荐</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>工作流程</source>
        <translation>Playbook</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <source>还没有往来或投诉记录。往来记录、投诉和其他事项会按时间排在这里。</source>
        <translation>No contacts or complaints yet. Contacts, complaints and other items are listed here by time.</translation>
    </message>
    <message>
        <source>新建投诉</source>
        <translation>New complaint</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新计算提醒（F5）</source>
        <translation>Recompute the reminders (F5)</translation>
    </message>
    <message>
        <source>今天没有需要处理的提醒。
客户生日、产品到期、定期联系和跟进会自动出现在这里；在“日历”页可以新建约见。</source>
        <translation>Nothing needs doing today.
Birthdays, maturities, regular contacts and follow-ups appear here by themselves; add appointments on the Calendar page.</translation>
    </message>
    <message>
        <source>打开客户</source>
        <translation>Open client</translation>
    </message>
    <message>
        <source>记录联系…</source>
        <translation>Log contact…</translation>
    </message>
    <message>
        <source>推迟</source>
        <translation>Snooze</translation>
    </message>
    <message>
        <source>忽略…</source>
        <translation>Dismiss…</translation>
    </message>
    <message>
        <source>打开客户档案（Enter）</source>
        <translation>Open the client file (Enter)</translation>
    </message>
    <message>
        <source>记录一次联系并完成这条提醒（Ctrl+R）</source>
        <translation>Log a contact and complete this reminder (Ctrl+R)</translation>
    </message>
    <message>
        <source>推迟这条提醒（Ctrl+D）</source>
        <translation>Snooze this reminder (Ctrl+D)</translation>
    </message>
    <message>
        <source>不再提醒，并写明原因（Delete）</source>
        <translation>Stop reminding, with a reason (Delete)</translation>
    </message>
    <message>
        <source>今天没有约见。
在“日历”页选中一天即可新建约见。</source>
        <translation>No appointments today.
Select a day on the Calendar page to add one.</translation>
    </message>
    <message>
        <source>今日约见</source>
        <translation>Today's appointments</translation>
    </message>
    <message>
        <source>正在计算提醒…</source>
        <translation>Computing reminders…</translation>
    </message>
    <message>
        <source>今日提醒</source>
        <translation>Today's reminders</translation>
    </message>
    <message>
        <source>提醒计算失败：{}</source>
        <translation>Could not compute the reminders: {}</translation>
    </message>
    <message>
        <source>{}  {}</source>
        <translation>{}  {}</translation>
    </message>
    <message>
        <source>&lt;span style='color:{}'&gt;逾期 &lt;b&gt;{}&lt;/b&gt;&lt;/span&gt; · &lt;span style='color:{}'&gt;今天 &lt;b&gt;{}&lt;/b&gt;&lt;/span&gt; · 提前准备 &lt;b&gt;{}&lt;/b&gt; · 约见 &lt;b&gt;{}&lt;/b&gt;</source>
        <translation>&lt;span style='color:{}'&gt;Overdue &lt;b&gt;{}&lt;/b&gt;&lt;/span&gt; · &lt;span style='color:{}'&gt;Today &lt;b&gt;{}&lt;/b&gt;&lt;/span&gt; · Ahead &lt;b&gt;{}&lt;/b&gt; · Appointments &lt;b&gt;{}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>已记录联系。</source>
        <translation>Contact logged.</translation>
    </message>
    <message>
        <source>已忽略。</source>
        <translation>Dismissed.</translation>
    </message>
</context>
<context>
    <name>TodayTreeModel</name>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>回收站</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>回收站里没有客户。</source>
        <translation>The trash is empty.</translation>
    </message>
    <message>
        <source>选中客户后可恢复，或彻底删除。</source>
        <translation>Select a client to restore it or delete it for good.</translation>
    </message>
</context>
<context>
    <name>TrashTab</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>客户号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>删除时间</source>
        <translation>Deleted at</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>彻底删除</source>
        <translation>Delete for good</translation>
    </message>
    <message>
        <source>彻底删除“{}”及其持仓、往来记录？此操作不能撤销（备份中仍保留）。</source>
        <translation>Delete “{}” with its holdings and contact history for good? This cannot be undone (backups still hold it).</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>客户经理桌面档案</source>
        <translation>RM Desktop</translation>
    </message>
    <message>
        <source>档案库已锁定，请输入主密码解锁。</source>
        <translation>The vault is locked. Enter the master password to unlock it.</translation>
    </message>
    <message>
        <source>主密码</source>
        <translation>Master password</translation>
    </message>
    <message>
        <source>在本机记住（保存在系统钥匙串中）</source>
        <translation>Remember on this PC (kept in the system keyring)</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>从最新备份恢复…</source>
        <translation>Restore from the latest backup…</translation>
    </message>
    <message>
        <source>正在解锁…</source>
        <translation>Unlocking…</translation>
    </message>
    <message>
        <source>请输入主密码。</source>
        <translation>Please enter the master password.</translation>
    </message>
    <message>
        <source>这是演示档案库（退出后删除），主密码：{}</source>
        <translation>This is a demo vault (deleted on exit); master password: {}</translation>
    </message>
    <message>
        <source>档案库的数据库文件 vault.db 不见了。为免变成一个空档案库，没有打开。</source>
        <translation>The vault's database file vault.db is missing. It was not opened, so that it does not become an empty vault.</translation>
    </message>
    <message>
        <source>档案库数据库已损坏，部分页面无法读取。为免损坏的数据覆盖好的备份，本次没有备份。</source>
        <translation>The vault's database is damaged: some pages cannot be read. No backup was made this time, so that damaged data does not replace good backups.</translation>
    </message>
    <message>
        <source>没有可用的备份。</source>
        <translation>There is no backup to restore.</translation>
    </message>
    <message>
        <source>可从最新备份恢复（{}）。</source>
        <translation>You can restore the latest backup ({}).</translation>
    </message>
</context>
<context>
    <name>VaultPage</name>
    <message>
        <source>设置与档案库维护</source>
        <translation>Settings and vault maintenance</translation>
    </message>
    <message>
        <source>首选项…</source>
        <translation>Preferences…</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>从所选备份恢复…</source>
        <translation>Restore from the selected backup…</translation>
    </message>
    <message>
        <source>每次解锁时自动备份一次（加密保存），可在首选项中设置保留份数。</source>
        <translation>An encrypted backup is made at every unlock; set how many to keep in Preferences.</translation>
    </message>
    <message>
        <source>安全</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>更改主密码…</source>
        <translation>Change master password…</translation>
    </message>
    <message>
        <source>更换加密密钥…</source>
        <translation>Change encryption key…</translation>
    </message>
    <message>
        <source>用新的随机密钥重新加密整个数据库（怀疑密钥泄露时使用）</source>
        <translation>Re-encrypt the whole database with a new random key (use when the key may have leaked)</translation>
    </message>
    <message>
        <source>检查完整性</source>
        <translation>Check integrity</translation>
    </message>
    <message>
        <source>审计日志…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <source>谁在何时做了什么：解锁、导出、导入、搜索、复制等（Ctrl+Shift+U）</source>
        <translation>Who did what, when: unlock, export, import, search, copy and more (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <source>档案库位置：{}</source>
        <translation>Vault location: {}</translation>
    </message>
    <message>
        <source>还没有备份。点“立即备份”创建第一份。</source>
        <translation>No backups yet. Click “Back up now” to make the first one.</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>备份已完成：{}</source>
        <translation>Backup finished: {}</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>请先在列表中选择一份备份。</source>
        <translation>Select a backup in the list first.</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>主密码</source>
        <translation>Master password</translation>
    </message>
    <message>
        <source>当前主密码：</source>
        <translation>Current master password:</translation>
    </message>
    <message>
        <source>新主密码（至少 8 个字符）：</source>
        <translation>New master password (at least 8 characters):</translation>
    </message>
    <message>
        <source>再次输入新主密码：</source>
        <translation>New master password again:</translation>
    </message>
    <message>
        <source>更改主密码</source>
        <translation>Change master password</translation>
    </message>
    <message>
        <source>更换密钥前请输入主密码：</source>
        <translation>Enter the master password to change the key:</translation>
    </message>
    <message>
        <source>正在重新加密…</source>
        <translation>Re-encrypting…</translation>
    </message>
    <message>
        <source>更换加密密钥</source>
        <translation>Change encryption key</translation>
    </message>
    <message>
        <source>{}
请输入该备份制作时的主密码：</source>
        <translation>{}
Enter the master password that was valid when this backup was made:</translation>
    </message>
    <message>
        <source>恢复另一个档案库的备份？</source>
        <translation>Restore another vault's backup?</translation>
    </message>
    <message>
        <source>恢复后需要重新解锁。</source>
        <translation>You unlock again after the restore.</translation>
    </message>
    <message>
        <source>主密码已更改，数据库已用新密钥重新加密。此前的备份仍需用旧密码打开。</source>
        <translation>The master password was changed and the database re-encrypted with a new key. Earlier backups still need the old password.</translation>
    </message>
    <message>
        <source>正在更改主密码并重新加密…</source>
        <translation>Changing the master password and re-encrypting…</translation>
    </message>
    <message>
        <source>数据库已使用新密钥重新加密。</source>
        <translation>The database was re-encrypted with a new key.</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>档案库完好。</source>
        <translation>The vault is intact.</translation>
    </message>
    <message>
        <source>发现问题：{}</source>
        <translation>Problems found: {}</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>输送新客户</source>
        <translation>Walk-in client</translation>
    </message>
    <message>
        <source>客户姓名</source>
        <translation>Client name</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>需求记录</source>
        <translation>What the client asked about</translation>
    </message>
    <message>
        <source>如 咨询大额存单，下午再来</source>
        <translation>e.g. asked about large CDs, back this afternoon</translation>
    </message>
    <message>
        <source>推荐同事岗位</source>
        <translation>Referring colleague's role</translation>
    </message>
    <message>
        <source>推荐同事姓名</source>
        <translation>Referring colleague's name</translation>
    </message>
    <message>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
</context>
<context>
    <name>Worklist</name>
    <message>
        <source>今日计划</source>
        <translation>Today's plan</translation>
    </message>
    <message>
        <source>流失预警</source>
        <translation>Churn risk</translation>
    </message>
    <message>
        <source>到期承接</source>
        <translation>Maturity outcome</translation>
    </message>
    <message>
        <source>投诉回访</source>
        <translation>Complaint follow-up</translation>
    </message>
    <message>
        <source>商机跟进</source>
        <translation>Opportunity next step</translation>
    </message>
    <message>
        <source>流程步骤</source>
        <translation>Playbook step</translation>
    </message>
</context>
<context>
    <name>WorklistBand</name>
    <message>
        <source>点击类别跳到该组</source>
        <translation>Click a kind to jump to its group</translation>
    </message>
    <message>
        <source>今天没有待办事项。</source>
        <translation>Nothing to do today.</translation>
    </message>
    <message>
        <source>新增客户、持仓、跟进或约见后，到期、跟进、生日和流失预警会按优先级汇总在这里。</source>
        <translation>Once you add clients, holdings, follow-ups or appointments, maturities, follow-ups, birthdays and churn risks are summed up here by priority.</translation>
    </message>
    <message>
        <source>共 {} 项 · 逾期 {} · 今天 {} · 约见 {} · 提前准备 {} · 硬期限 {}</source>
        <translation>{} in all · {} overdue · {} today · {} appointments · {} ahead · {} hard deadlines</translation>
    </message>
    <message>
        <source>今日约见：无</source>
        <translation>Appointments today: none</translation>
    </message>
    <message>
        <source>今日约见：{}</source>
        <translation>Appointments today: {}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source> 等 {} 个</source>
        <translation> ({} in all)</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>到期</source>
        <translation>Due</translation>
    </message>
</context>
<context>
    <name>WorklistPage</name>
    <message>
        <source>今日已完成 %v / %m</source>
        <translation>Done today %v / %m</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新计算工作清单（F5）</source>
        <translation>Recompute the worklist (F5)</translation>
    </message>
    <message>
        <source>今天的工作清单是空的。
产品到期、跟进、定期联系、流失预警和到期承接会按优先级出现在这里。</source>
        <translation>Today's worklist is empty.
Maturities, follow-ups, regular contacts, churn risks and maturity outcomes appear here by priority.</translation>
    </message>
    <message>
        <source>打开客户</source>
        <translation>Open client</translation>
    </message>
    <message>
        <source>记录联系…</source>
        <translation>Log contact…</translation>
    </message>
    <message>
        <source>推迟</source>
        <translation>Snooze</translation>
    </message>
    <message>
        <source>忽略…</source>
        <translation>Dismiss…</translation>
    </message>
    <message>
        <source>到期去向…</source>
        <translation>Maturity outcome…</translation>
    </message>
    <message>
        <source>标记流失…</source>
        <translation>Mark lost…</translation>
    </message>
    <message>
        <source>为所选的每位客户记录一次联系并完成这些项（Ctrl+R；单项时已填入建议话术）</source>
        <translation>Log one contact for each selected client and complete the items (Ctrl+R; one item gets its suggested script)</translation>
    </message>
    <message>
        <source>推迟所选各项（Ctrl+D；Shift/Ctrl 多选），可撤销（Ctrl+Z）</source>
        <translation>Snooze the selected items (Ctrl+D; select several with Shift/Ctrl), undo with Ctrl+Z</translation>
    </message>
    <message>
        <source>以同一原因忽略所选各项（Delete），可撤销（Ctrl+Z）</source>
        <translation>Dismiss the selected items with one reason (Delete), undo with Ctrl+Z</translation>
    </message>
    <message>
        <source>记录到期资金的去向：续作、转投、部分留存或取出</source>
        <translation>Record where the matured money went: rolled over, moved, partly kept or withdrawn</translation>
    </message>
    <message>
        <source>工作清单</source>
        <translation>Worklist</translation>
    </message>
    <message>
        <source>全部提醒</source>
        <translation>All reminders</translation>
    </message>
    <message>
        <source>正在计算工作清单…</source>
        <translation>Computing the worklist…</translation>
    </message>
    <message>
        <source>今日工作清单</source>
        <translation>Today's worklist</translation>
    </message>
    <message>
        <source>工作清单计算失败：{}</source>
        <translation>The worklist could not be computed: {}</translation>
    </message>
    <message>
        <source>今日工作清单  {}  {}</source>
        <translation>Today's worklist  {}  {}</translation>
    </message>
    <message>
        <source>已选 {} 项</source>
        <translation>{} selected</translation>
    </message>
</context>
<context>
    <name>_SubmitDialog</name>
    <message>
        <source>{}：{}</source>
        <translation>{}: {}</translation>
    </message>
</context>
</TS>