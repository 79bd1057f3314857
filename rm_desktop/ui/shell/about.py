"""About: version, what the app is, where the vault is."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from rm_desktop import __version__


def show_about(parent: QWidget, vault_path: str) -> None:
    QMessageBox.about(
        parent,
        QCoreApplication.translate("About", "关于客户经理桌面档案"),
        QCoreApplication.translate(
            "About",
            "<h3>客户经理桌面档案 {version}</h3>"
            "<p>为银行客户经理打造的本地加密客户档案：客户资料、持仓、往来记录、提醒与话术。</p>"
            "<p>所有客户数据均加密保存在本机（SQLCipher，AES-256）。</p>"
            "<p>档案库位置：{path}</p>",
        ).format(version=__version__, path=vault_path),
    )
