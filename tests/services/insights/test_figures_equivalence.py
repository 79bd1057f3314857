"""The insights figures give exactly what they gave before their speed work (issue 15): on a
seeded constructed book (AUM with ties, None and 0; snapshots missing, lower, higher; purchases,
contacts, risk grades and expiries, held types) the JSON of ``figures.build`` in both languages,
every bar's client ids in order and the Lorenz points equal the golden file written by the code
before it.

Regenerate the golden file only on purpose (a rule change, not a speed change):
``RM_WRITE_GOLDEN=1 pytest tests/services/insights/test_figures_equivalence.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from decimal import Decimal
from pathlib import Path

from rm_desktop.domain.insights.migration import HORIZONS, months_before
from rm_desktop.domain.tiers import DEFAULT_TIERS
from rm_desktop.i18n import set_language
from rm_desktop.services.insights import figures
from rm_desktop.services.insights._facts import BookFacts, ClientRow, HoldingRow

TODAY = dt.date(2026, 3, 31)  # a month end: 3/6/12 months back are clamped days
GOLDEN = Path(__file__).with_name("data") / "insights_golden.json"
TYPES = ("deposit", "wealth_management", "fund", "insurance", "bond", "trust", "private_fund")
AUMS = (0, 1, 50_000, 300_000, 1_000_000, 6_000_000, 12_345_678)


def book(seed: int = 15, size: int = 1500) -> BookFacts:
    """Rows in the shape the SQL of services/insights/_facts returns them (AUM in fen, days as
    text), so the test covers their conversion too."""
    rng = random.Random(seed)
    clients: list[ClientRow] = []
    holdings: list[HoldingRow] = [(0, TODAY.isoformat(), 3, "fund")]  # a trashed client's: ignored
    then: dict[dt.date, dict[int, int]] = {months_before(TODAY, m): {} for m in HORIZONS}
    for cid in rng.sample(range(1, 10 * size), size):  # ids out of order, as the SQL returns them
        aum = None if rng.random() < 0.08 else Decimal(rng.choice(AUMS) + rng.choice((0, 0, rng.randrange(10**6))))
        day = lambda span: (TODAY - dt.timedelta(days=rng.randrange(-20, span))).isoformat()  # noqa: E731 - some in the future
        fen = None if aum is None else int(aum.quantize(Decimal("0.01")).scaleb(2))
        grade = rng.choice((None, "C1", "C2", "C3", "C4", "C5"))
        expires = None if rng.random() < 0.2 else day(400)
        contact = None if rng.random() < 0.25 else day(500)
        clients.append((cid, fen, grade, expires, contact, rng.choice((None, None, 30, 90))))
        last = None if rng.random() < 0.3 else day(800)
        count = rng.choice((0, 0, 1, 2, 5))
        types = rng.sample(TYPES, rng.randrange(4))
        if last is not None or count or types:  # the SQL has a row only for a client with holdings
            holdings.append((cid, last, count, ",".join(types) or None))
        for since in then:
            if aum is not None and rng.random() < 0.7:
                then[since][cid] = int(aum * 100 * Decimal(rng.choice(("0.3", "0.9", "1", "1.2", "4"))))
    return BookFacts(TODAY, DEFAULT_TIERS, clients, holdings, then)


def snapshot() -> list[object]:
    found = []
    facts = book()
    for language in ("zh_CN", "en"):
        set_language(language)
        result = figures.build(facts)
        bars = {key: list(bar.client_ids) for key, bar in result.bars().items()}
        found.append([result.as_json(), bars, [list(point) for point in result.lorenz], str(result.pareto_share)])
    set_language("zh_CN")
    return json.loads(json.dumps(found, ensure_ascii=False))


def test_figures_equal_the_golden_file():
    found = snapshot()
    if os.environ.get("RM_WRITE_GOLDEN"):
        GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=None), encoding="utf-8")
    assert found == json.loads(GOLDEN.read_text(encoding="utf-8"))
