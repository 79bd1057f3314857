"""The client list's search, filters, sorting and paging (for a lazy-fetching Qt model).

One search box: what the text looks like decides where it is looked up (``classify``):
  * Chinese (or anything else) → name substring;
  * ASCII letters (``zhangwei``, ``zw``, ``zhang wei``) → prefix of any full-pinyin or
    initials reading of the name (polyphonic surnames read as surnames: 单 shan, 曾 zeng …);
  * digits, or letters with digits, 4+ characters → fragment of a phone, the ID number or the
    customer number;
  * 1–3 characters with a digit → customer number as stored, exact or prefix.
Matches rank exact (0) > prefix (1) > substring (2). The SQL and why it is fast: sql.py.

The order and paging contract (what any other reader of the list's pages, e.g. a first page
served before SQLAlchemy loads, must follow to show the same rows):
  * order: ``match_rank`` ascending first, only for the relevance sort with search text; then the
    sort's column (``sql.sort_column``: relevance and name → ``name_pinyin``, tier → ``aum`` …)
    ascending or descending; then ``id`` in the same direction. NULLs of the column come first
    ascending and last descending, except ``next_follow_up``: last both ways (``sql.nulls_first``);
  * pages are keyset, not OFFSET: ``search_page(after=cursor)`` returns the rows strictly after
    ``cursor`` (``ClientPage.end`` of the page before: the last row's rank, stored sort value and
    id). Pages walked this way are exactly the one un-paged ORDER BY (tests/services/search/
    test_keyset.py), and the last page of 300k costs what the first does. ``offset`` still works
    for callers that need it, at a cost growing with the offset. A first page read elsewhere
    can seed the list's window (``window.RowWindow(first=ClientPage(rows, total, end))``) when it
    gives the same rows and the ``Cursor`` of its last one.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rm_desktop.domain.identity import mask_id_number
from rm_desktop.domain.money import from_cents
from rm_desktop.domain.phones import mask_phone
from rm_desktop.domain.pinyin import query_is_pinyin
from rm_desktop.domain.search_keys import fragment_form
from rm_desktop.domain.textnorm import fold_text
from rm_desktop.domain.tiers import Tier
from rm_desktop.services.clients.tiers import contact_due, tier_by_code, tiers_on
from rm_desktop.services.search.driver import OnDriver
from rm_desktop.services.search.sql import RELEVANCE, SORTS, Shape, compiled, nulls_first

if TYPE_CHECKING:  # the command line's list runs without SQLAlchemy (issue 19.2)
    from sqlalchemy.engine import Connection

MIN_FRAGMENT = 4
_FRAGMENT_CHARS = re.compile(r"[0-9A-Za-z\s\-+()./]+")


@dataclass(frozen=True)
class ClientQuery:
    """What the list shows. ``today`` is injected for the date filters (default: today)."""

    text: str = ""
    tiers: tuple[str, ...] = ()
    risk_grades: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    overdue: bool = False
    maturing_within_days: int | None = None
    trashed: bool = False
    sort: str = RELEVANCE
    descending: bool = False
    today: dt.date | None = None


@dataclass(frozen=True)
class TextMatch:
    kind: str  # "name" | "pinyin" | "fragment" | "customer_no"
    value: str


@dataclass(frozen=True)
class ClientRow:
    """One line of the client list (raw values, for sorting and display)."""

    id: int
    customer_no: str | None
    name: str
    name_pinyin: str | None
    gender: str | None
    birth_date: dt.date | None
    phones: tuple[str, ...]
    id_number: str | None
    aum: Decimal | None
    tier: str | None
    tier_name: str
    risk_grade: str | None
    risk_expires_on: dt.date | None
    occupation: str | None
    responsible_role: str | None
    last_contact_at: dt.datetime | None
    next_follow_up: dt.date | None
    contact_due: dt.date | None  # date.min: never contacted but a cadence applies
    tags: tuple[str, ...]
    deleted_at: dt.datetime | None
    match_rank: int | None  # 0 exact, 1 prefix, 2 substring; None without search text

    @property
    def phone(self) -> str | None:
        return self.phones[0] if self.phones else None

    @property
    def phone_masked(self) -> str | None:
        return mask_phone(self.phones[0]) if self.phones else None

    @property
    def id_number_masked(self) -> str | None:
        return mask_id_number(self.id_number) if self.id_number else None

    def contact_overdue(self, today: dt.date) -> bool:
        return self.contact_due is not None and self.contact_due < today

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready; ``phone`` is every number comma-separated, as ``--set phone=`` takes it."""
        # (records, the client file's module, is not imported for the list's pages: issue 19.1)
        from rm_desktop.services.clients.records import jsonable

        data = {f.name: jsonable(getattr(self, f.name)) for f in fields(self)}
        data["phone"] = ",".join(self.phones)
        return data


@functools.lru_cache(maxsize=256)  # a page asks it three times; a typed text is asked again and again
def classify(text: str) -> TextMatch | None:
    """Where a search text is looked up; None for an empty text (no text filter)."""
    value = " ".join(fold_text(text or "").split())
    if not value:
        return None
    if query_is_pinyin(value):
        return TextMatch("pinyin", re.sub(r"[\s']", "", value).lower())
    compact = fragment_form(value)
    for country in ("+86", "0086"):  # stored mainland numbers carry no country code
        if value.startswith(country) and len(compact) > 11:
            compact = compact[len(country.lstrip("+")) :]
    if _FRAGMENT_CHARS.fullmatch(value) and any(ch.isdigit() for ch in compact):
        if len(compact) >= MIN_FRAGMENT:
            return TextMatch("fragment", compact)
        # Too short for a fragment: the start of a customer number as stored (c-1 → C-1…).
        return TextMatch("customer_no", "".join(value.split()).upper())
    return TextMatch("name", value)


def _successor(prefix: str) -> str:
    """The smallest string above every string that starts with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _shape_and_params(query: ClientQuery, tiers: tuple[Tier, ...], what: str) -> tuple[Shape, dict[str, Any]]:
    if query.sort != RELEVANCE and query.sort not in SORTS:
        raise ValueError(f"unknown sort {query.sort!r}; one of {RELEVANCE}, {', '.join(SORTS)}")
    today = query.today or dt.date.today()
    match = classify(query.text)
    params: dict[str, Any] = {"today": today.isoformat()}
    if match is not None:
        params.update(q=match.value, q_len=len(match.value), q_next=_successor(match.value), phrase=f'"{match.value}"')
    for name, values in (("tier", query.tiers), ("risk", query.risk_grades), ("tag", query.tags)):
        params.update({f"{name}{i}": value for i, value in enumerate(values)})
    if query.maturing_within_days is not None:
        params["until"] = (today + dt.timedelta(days=max(0, query.maturing_within_days))).isoformat()
    shape = Shape(
        kind=match.kind if match else None,
        tiers=len(query.tiers),
        risks=len(query.risk_grades),
        tags=len(query.tags),
        maturing=query.maturing_within_days is not None,
        trashed=query.trashed,
        cadences=tuple((t.code, t.cadence_days) for t in tiers if t.cadence_days is not None)
        if query.overdue
        else None,
        sort=query.sort,
        descending=query.descending,
        what=what,
    )
    return shape, params


def _run(conn: Connection, shape: Shape, params: dict[str, Any]):
    sql, names, constants = compiled(shape)
    values = {**constants, **params}
    return conn.exec_driver_sql(sql, tuple(values[name] for name in names))


def count_clients(vault, query: ClientQuery) -> int:
    """How many clients the query matches (the model's row count)."""
    with vault.engine.connect() as conn:
        driver: Any = OnDriver(conn)  # tiers_on and _run call only its exec_driver_sql
        return _run(driver, *_shape_and_params(query, tiers_on(driver), "count")).scalar_one()


def search_clients(vault, query: ClientQuery, offset: int = 0, limit: int = 100) -> list[ClientRow]:
    """Rows ``offset`` .. ``offset+limit`` of the query's result, in its sort order."""
    return search_page(vault, query, offset, limit, with_total=False).rows


@dataclass(frozen=True)
class Cursor:
    """A place in a query's order: just after the row with this key (see the module's contract).

    ``key`` is the sort column's value as stored (text, integer fen, ISO date), None for NULL."""

    rank: int | None
    key: Any
    id: int


@dataclass(frozen=True)
class ClientPage:
    rows: list[ClientRow]
    total: int | None  # every match, not just this page; None when not asked for
    end: Cursor | None = None  # after the last row: where the next page starts; None when empty


def search_page(
    vault,
    query: ClientQuery,
    offset: int = 0,
    limit: int = 100,
    *,
    with_total: bool = True,
    after: Cursor | None = None,
) -> ClientPage:
    """A page of rows and the total match count: what the list needs when the search changes.

    ``after``: the rows after that cursor (keyset paging; ``offset`` must then be 0). With
    search text, the first page's total comes from the page query itself (``count(*) OVER ()``):
    the text look-up runs once instead of twice. Without text, a separate count reads a narrow
    index, which is cheaper than numbering every client in the window. The statements run on
    the connection's DB-API cursor (driver.OnDriver), in one transaction unless the page is
    one statement (the first page of a text search, its total in it)."""
    with vault.engine.connect() as conn:
        driver = OnDriver(conn, one_snapshot=not _windowed(query, max(0, limit), with_total, after))
        return page_on(driver, query, offset, limit, with_total=with_total, after=after)


def page_on(
    conn, query: ClientQuery, offset: int = 0, limit: int = 100, *, with_total: bool = True, after: Cursor | None = None
) -> ClientPage:
    """:func:`search_page` on an open connection: anything with SQLAlchemy's ``exec_driver_sql``
    (a Connection, or services/search/driver's wrappers of a DB-API connection), so every reader
    of the list's pages runs these very statements."""
    offset, limit = max(0, offset), max(0, limit)
    if after is not None and offset:
        raise ValueError("a keyset page starts after its cursor, not at an offset")
    tiers = tiers_on(conn)
    windowed = _windowed(query, limit, with_total, after)
    raws: list[tuple] = []
    if limit:
        what = "page+total" if windowed else "page"
        for shape, params in _seeks(query, tiers, what, after, offset):
            raws += _run(conn, shape, {**params, "limit": limit - len(raws)}).fetchall()
            if len(raws) == limit:
                break
    rows = [_row(raw, tiers) for raw in raws]
    total = raws[-1][-2] if windowed and raws else None
    if with_total and total is None:
        total = _run(conn, *_shape_and_params(query, tiers, "count")).scalar_one()
    end = None
    if raws:  # (id, …, match_rank, total, sort_key): the order's key of the last row
        last = raws[-1]
        ranked = query.sort == RELEVANCE and classify(query.text) is not None
        end = Cursor(last[-3] if ranked else None, last[-1], last[0])
    return ClientPage(rows, total, end)


def _windowed(query: ClientQuery, limit: int, with_total: bool, after: Cursor | None) -> bool:
    """Whether the page is one statement with its total in it (``count(*) OVER ()``): the first
    page of a text search. (When it finds nothing, the count after it reads a snapshot of its own:
    the page was empty either way.)"""
    return with_total and after is None and limit > 0 and classify(query.text) is not None


def _seeks(query: ClientQuery, tiers: tuple[Tier, ...], what: str, after: Cursor | None, offset: int):
    """The statements a page reads, in order, until it has its rows (sql.SEEKS says what each
    seek selects). The first page is the plain ORDER BY; a keyset page in a relevance order is
    one statement; any other keyset page reads the rest of its cursor's segment (NULL keys or
    values), then the next segment from its start."""
    shape, params = _shape_and_params(query, tiers, what)
    if after is None:
        yield shape, {**params, "offset": offset}
        return
    params = {**params, "offset": 0, "after_key": after.key, "after_id": after.id, "after_rank": after.rank}
    if shape.sort == RELEVANCE and shape.kind is not None:
        yield replace(shape, seek="rank>null" if after.key is None else "rank>value"), params
        return
    segments = ("nulls", "values") if nulls_first(query.sort, query.descending) else ("values", "nulls")
    current = "nulls" if after.key is None else "values"
    yield replace(shape, seek=current + ">"), params
    if current == segments[0]:
        yield replace(shape, seek=segments[1]), params


def iter_clients(vault, query: ClientQuery, limit: int | None = None, page: int = 1000):
    """Every row of the query (or the first ``limit``) in order, read a keyset page at a time."""
    after, given = None, 0
    while limit is None or given < limit:
        size = page if limit is None else min(page, limit - given)
        chunk = search_page(vault, query, 0, size, with_total=False, after=after)
        yield from chunk.rows
        given += len(chunk.rows)
        if len(chunk.rows) < size:
            return
        after = chunk.end


# The statements run as plain SQL, so stored values are converted here, as storage/types.py
# and SQLAlchemy's SQLite types store them: dates ISO text, money integer fen.
def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _row(raw: tuple, tiers: tuple[Tier, ...]) -> ClientRow:
    (
        cid,
        customer_no,
        name,
        name_pinyin,
        gender,
        birth_date,
        phone_text,
        id_number,
        aum,
        tier_code,
        risk_grade,
        risk_expires_on,
        occupation,
        responsible_role,
        last_contact_at,
        next_follow_up,
        cadence_days,
        tag_text,
        deleted_at,
        created_at,
        match_rank,
        _total,
        _sort_key,
    ) = raw
    tier = tier_by_code(tier_code, tiers)
    last_contact = _datetime(last_contact_at)
    return ClientRow(
        cid,
        customer_no,
        name,
        name_pinyin,
        gender,
        _date(birth_date),
        tuple(phone_text.split(",")) if phone_text else (),
        id_number,
        None if aum is None else from_cents(aum),
        tier_code,
        tier.name() if tier else (tier_code or ""),
        risk_grade,
        _date(risk_expires_on),
        occupation,
        responsible_role,
        last_contact,
        _date(next_follow_up),
        contact_due(last_contact, cadence_days, tier, _datetime(created_at)),
        tuple(sorted(tag_text.split("\n"))) if tag_text else (),
        _datetime(deleted_at),
        match_rank,
    )


def list_trash(vault) -> list[ClientRow]:
    """Clients in the trash, the most recently deleted first."""
    query = ClientQuery(trashed=True, sort="deleted_at", descending=True)
    return search_clients(vault, query, 0, count_clients(vault, query))
