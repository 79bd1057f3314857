"""The export register (revision 0017_export_register, issue 18.3): one row per file let out.

- ``export_register``: what was exported (``kind``: a security/policy EXPORT_KINDS code), why
  (``purpose``: services/export_controls/purposes code, with the RM's ``note`` for 其他), which
  client fields (comma-separated codes), how many clients, the file's base name (masked like the
  audit log's) and when (UTC). Its id is the hidden mark stamped into the file, so a file found
  later names its row. Written in the export's own transaction: no row for a file never written.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from rm_desktop.storage.models import Base


class ExportRegisterRow(Base):
    __tablename__ = "export_register"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    purpose: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(200))
    fields: Mapped[str] = mapped_column(Text, default="")
    client_count: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = mapped_column(String(120), default="")
