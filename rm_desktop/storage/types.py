"""Column types: money as exact integer fen (cents), exposed as Decimal 元.

SQLite has no decimal type; SQLAlchemy's Numeric on SQLite goes through float. Integer fen keep
amounts exact and sort correctly on the raw value.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer
from sqlalchemy.types import TypeDecorator

CENT = Decimal("0.01")


class Money(TypeDecorator):
    impl = Integer
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return int((Decimal(value) * 100).to_integral_value())

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return (Decimal(value) / 100).quantize(CENT)
