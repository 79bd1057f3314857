"""The reports area's table (revision 0014_reports): the RM's daily work log (工作日志).

- ``report_day_logs``: the RM's own words for a day, the free note and tomorrow's plan (a JSON
  list of lines), one row per kept revision. While the day lasts (Asia/Shanghai) a save
  rewrites the latest row and bumps its ``revision``; once the day is over the log is locked and
  a save adds a row with the next revision, so what was reported stays as it was. The figures
  of the report are never stored: they are drafted from the records each time.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from rm_desktop.storage.models import Base


class DayLog(Base):
    __tablename__ = "report_day_logs"
    __table_args__ = (UniqueConstraint("day", "revision", name="uq_report_day_logs_day_revision"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date)
    revision: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    tomorrow: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of plan lines
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime)
