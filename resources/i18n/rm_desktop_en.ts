<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
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
        <source>创建档案库</source>
        <translation>Create vault</translation>
    </message>
    <message>
        <source>选择档案库文件夹</source>
        <translation>Choose the vault folder</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>客户经理桌面档案</source>
        <translation>RM Desktop</translation>
    </message>
    <message>
        <source>这一部分正在开发中，将在后续版本提供。</source>
        <translation>This area is being built and will come in a later version.</translation>
    </message>
    <message>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Clients</translation>
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
        <translation>Plans</translation>
    </message>
    <message>
        <source>导入导出</source>
        <translation>Import/Export</translation>
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
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>已解锁</source>
        <translation>Unlocked</translation>
    </message>
    <message>
        <source>演示档案库（退出后删除），主密码：{}</source>
        <translation>Demo vault (deleted on exit), master password: {}</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
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
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
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
        <translation>An unexpected error occurred: {}</translation>
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
        <source>请输入主密码。</source>
        <translation>Please enter the master password.</translation>
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
        <source>用所选备份替换当前全部数据？当前数据会先另存为一份备份。恢复后需要重新解锁。</source>
        <translation>Replace all current data with the selected backup? The current data is saved as a backup first. You will need to unlock again afterwards.</translation>
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
        <source>主密码已更改。</source>
        <translation>The master password was changed.</translation>
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
</TS>