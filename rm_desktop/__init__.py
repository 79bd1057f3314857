"""RM Desktop (客户经理桌面档案): an encrypted client book for bank relationship managers."""

__version__ = "0.1.0"
