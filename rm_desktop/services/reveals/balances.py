"""Which balances are masked until a reveal, and how a masked one reads (issue 18.2).

The rule, decided once here (JR/T 0171-2020 treats a client's balances as C2 data, masked by
default):

- **One client's exact balances are C2.** In the client file, the header's 金融资产 (AUM), the
  profile's AUM field and the 持仓 tab's amounts (each holding's amount and their total), and on
  the command line ``client show`` (text and ``--json``), read as :data:`BALANCE_MASK` until the
  RM reveals them: the 显示 beside the AUM (GUI) or ``--reveal --reason`` (CLI), which asks the
  reason by the ``reveal_reason_mode`` setting and writes a ``reveal`` entry of kind ``balance``
  (services/reveals/recording). The reveal lasts until that file is closed or another client is
  opened, as the phone's and ID's do. Under 客户在场 they stay hidden and 显示 is off.
- **Book-level working figures stay as they are.** The client list's AUM column, the worklist's
  reasons, insights and reports are aggregates or working lists the RM needs to do the job; they
  are not masked here (客户在场 hides them, as before).

:func:`balance_text` is the one formatting of a balance that may be masked: every masked figure
above goes through it, so they all read the same."""

from __future__ import annotations

from decimal import Decimal

from rm_desktop.domain.money import amount_with_unit, format_amount

# Asterisks like the phone's and ID's masks (139****5678); the amount's length is not hinted at.
BALANCE_MASK = "****"


def balance_text(amount: Decimal | None, unit: str, *, shown: bool, with_unit: bool = True, empty: str = "") -> str:
    """The amount in ``unit`` (with the unit's word unless ``with_unit`` is False) when
    ``shown``, else :data:`BALANCE_MASK`; ``empty`` when there is no amount (nothing to hide)."""
    if amount is None:
        return empty
    if not shown:
        return BALANCE_MASK
    return amount_with_unit(amount, unit) if with_unit else format_amount(amount, unit)
