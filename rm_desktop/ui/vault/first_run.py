"""First run: choose where the vault lives, set the master password, and say who the RM is
(name, branch, phone, title: the scripts' and the plan's RM fields; 设置 › 个人信息 later)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.services.settings import profile as rm_profile
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault.paths import location_warning
from rm_desktop.ui.settings.profile_form import ProfileForm
from rm_desktop.ui.widgets import file_dialogs
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.tasks import Job, run_task
from rm_desktop.ui.widgets.theme import themed


class FirstRunDialog(QDialog):
    """Creates the vault itself (through the services) so errors stay in the dialog. The key
    derivation and the schema are done off the UI thread, with a moving bar meanwhile."""

    def __init__(self, default_dir: Path, parent: QWidget | None = None, *, create=vs.create_vault):
        super().__init__(parent)
        self._create = create
        self._creating: Job | None = None
        self.vault: vs.Vault | None = None
        self.setWindowTitle(self.tr("欢迎使用客户经理桌面档案"))
        self.setMinimumWidth(520)

        intro = QLabel(
            self.tr("客户资料将保存在本机的加密档案库中。请设置主密码：忘记主密码将无法找回数据，请妥善保管。")
        )
        intro.setWordWrap(True)
        self.folder = QLineEdit(str(default_dir))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("至少 8 个字符"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("在本机记住（下次启动自动解锁）"))
        self.remember.setChecked(True)
        self.error = QLabel()
        themed(self.error, "color: $error;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        # A network, mapped or OneDrive folder: said while the folder is chosen (not refused).
        self.location_warning = QLabel()
        themed(self.location_warning, "color: $warning;")
        self.location_warning.setWordWrap(True)
        self.folder.textChanged.connect(self._check_location)
        self._check_location(self.folder.text())

        form = QFormLayout()
        form.addRow(self.tr("档案库位置"), folder_row)
        form.addRow(self.tr("主密码"), self.password)
        form.addRow(self.tr("确认主密码"), self.confirm)
        form.addRow("", self.remember)
        # Asked now, so the first script copied does not read 【网点?】【客户经理?】 (each may stay empty).
        profile_title = QLabel(self.tr("您的信息（用于话术和理财规划书，以后可在 设置 › 个人信息 中修改）"))
        profile_title.setWordWrap(True)
        set_role(profile_title, "strong")
        self.profile = ProfileForm()
        self._profile_values: dict[str, str] = {}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建档案库"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons = buttons
        self.busy_label = QLabel(self.tr("正在创建档案库…"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no known length: a moving bar
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(6)
        self._browse_button = browse

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(profile_title)
        layout.addWidget(self.profile)
        layout.addWidget(self.location_warning)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy_bar)
        layout.addWidget(buttons)
        self._set_busy(False)

    def _browse(self) -> None:
        current = Path(self.folder.text().strip())
        # The nearest existing folder of the one typed; none typed (or relative): the remembered one.
        start = (
            next((str(p) for p in (current, *current.parents) if p.is_dir()), None) if current.is_absolute() else None
        )
        chosen = file_dialogs.get_folder(self, file_dialogs.VAULT, self.tr("选择档案库文件夹"), start)
        if chosen:
            self.folder.setText(str(Path(chosen) / "vault"))

    def _check_location(self, text: str) -> None:
        warning = location_warning(Path(text.strip())) if text.strip() else None
        self.location_warning.setText(warning or "")
        self.location_warning.setVisible(bool(warning))

    def _accept(self) -> None:
        if self._creating is not None:
            return
        try:
            vs.check_new_password(self.password.text(), self.confirm.text())
        except UserError as exc:
            self._show_error(str(exc))
            return
        checked = self.profile.checked()  # said under its field, before anything is created
        if checked is None:
            return
        self._profile_values = checked
        create, folder = self._create, Path(self.folder.text().strip())
        password, remember = self.password.text(), self.remember.isChecked()
        self._set_busy(True)
        self._creating = run_task(
            self,
            self.tr("正在创建档案库…"),
            lambda _progress: create(folder, password, remember=remember),
            self._created,
            on_error=self._failed,
            modal=False,
            cancellable=False,
        )

    def _created(self, vault: vs.Vault) -> None:
        self._creating = None
        self.vault = vault
        try:
            rm_profile.save(vault.settings, self._profile_values)
        except UserError as exc:  # the vault exists: the profile can be filled in 设置 › 个人信息
            vault.notice = (vault.notice + " " if vault.notice else "") + str(exc)
        self.password.clear()  # the dialog outlives the first run: the password does not stay in it
        self.confirm.clear()
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._creating = None
        self._set_busy(False)
        self._show_error(
            str(exc) if isinstance(exc, UserError) else self.tr("出现意外错误：{}").format(type(exc).__name__)
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
        for widget in (
            self.folder,
            self._browse_button,
            self.password,
            self.confirm,
            self.remember,
            self.profile,
            self.buttons,
        ):
            widget.setEnabled(not busy)
        if busy:
            self.error.setVisible(False)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def reject(self) -> None:
        if self._creating is None:  # once started, the vault is created; the dialog waits for it
            super().reject()
