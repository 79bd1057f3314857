"""The SQL of the client search, built and compiled once per query *shape*.

A shape is everything that changes the statement's text (what the search text is matched
against, which filters are on, the sort); values (the text, today, the page) are parameters.
Building and cache-keying a SQLAlchemy statement costs ~1–2 ms a call, more than the whole
search on the indexes below, so search.py runs the cached SQL text on the connection.

Plans (checked with EXPLAIN QUERY PLAN on 100k clients):
  * text matches are ``id IN (look-up)``: SQLite runs the look-up on its narrow index first
    (ix_clients_name_search scan, client_keys range, FTS5 trigram) and fetches the few matching
    rows by primary key; a join let the planner walk all clients instead (5x slower);
  * ``+deleted_at IS NULL`` and ``+id IN (…)`` keep the planner from driving a query by an index
    that selects nearly everything, so a page sorted by an indexed column stops at its limit;
  * the page's ids come from an inner query; the display columns are read for those rows only;
  * keyset pages (``Shape.seek``, see query.py) seek with ``key >= :v AND (key > :v OR id > :i)``:
    its first term is a range on the sort column's index (which ends in the rowid, so it walks
    in (key, id) order), and each NULL placement is its own segment, so no page sorts the book.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, and_, bindparam, case, column, func, literal, null, or_, select, table
from sqlalchemy.dialects import sqlite
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from rm_desktop.storage.models import Client, ClientKey, ClientPhone, ClientTag, Holding

# The mapped classes' tables, never their ORM attributes: a statement naming one goes through
# the ORM's compile plugin, which configures every mapper first (~20 ms a CLI run, issue 19.2).
C = Client.__table__
K = ClientKey.__table__
P = ClientPhone.__table__
T = ClientTag.__table__
H = Holding.__table__
R = C.alias("r")  # the copy of clients the display columns are read from
FTS = table("client_search_fts", column("rowid"), column("client_search_fts"))
RELEVANCE = "relevance"

# Sort keys → column; each has an index, so a page never sorts 100k rows. The tier is ordered
# by AUM: tiers are AUM bands, so AUM order is tier order (with the amount inside a tier as the
# natural tie-break). Never-contacted clients come first by last contact (the most neglected);
# clients without a follow-up come last by next follow-up, either direction.
SORTS: dict[str, str] = {
    "name": "name_pinyin",
    "aum": "aum",
    "tier": "aum",
    "last_contact": "last_contact_at",
    "next_follow_up": "next_follow_up",
    "customer_no": "customer_no",
    "risk_grade": "risk_grade",
    "birth_date": "birth_date",
    "deleted_at": "deleted_at",
}
_NULLS_LAST = {"next_follow_up"}

# Keyset seeks (query.py pages with them; "after" is the previous page's last row):
#   "nulls" / "values": the rows whose sort key is NULL / not NULL, from the start of that segment;
#   "nulls>" / "values>": the same segment, after the row (key, id);
#   "rank>null" / "rank>value": a relevance order (rank, name key, id), after a row whose key is
#   NULL / a value: one statement, as the rank is worked out (and sorted) for every match anyway.
SEEKS = ("nulls", "nulls>", "values", "values>", "rank>null", "rank>value")


def sort_column(sort: str) -> str:
    """The clients column a sort orders by (after the match rank, before the id)."""
    return SORTS.get(sort, "name_pinyin")


def nulls_first(sort: str, descending: bool) -> bool:
    """Where a sort puts clients without a value: first ascending (SQLite's NULL is the
    smallest), last descending, and last either way for the next follow-up."""
    return not descending and sort not in _NULLS_LAST


ROW_COLUMNS = (
    R.c.id,
    R.c.customer_no,
    R.c.name,
    R.c.name_pinyin,
    R.c.gender,
    R.c.birth_date,
    select(func.group_concat(P.c.number, ",").aggregate_order_by(P.c.position, P.c.id))
    .where(P.c.client_id == R.c.id)
    .scalar_subquery(),
    R.c.id_number,
    R.c.aum,
    R.c.tier,
    R.c.risk_grade,
    R.c.risk_expires_on,
    R.c.occupation,
    R.c.responsible_role,
    R.c.last_contact_at,
    R.c.next_follow_up,
    R.c.cadence_days,
    select(func.group_concat(T.c.tag, "\n")).where(T.c.client_id == R.c.id).scalar_subquery(),
    R.c.deleted_at,
    R.c.created_at,  # a never-contacted client's contact is due one cadence after it was added
)


@dataclass(frozen=True)
class Shape:
    kind: str | None = None  # text match: "name" | "pinyin" | "customer_no" | "fragment" | None
    tiers: int = 0  # how many tier codes the filter lists (each is a parameter)
    risks: int = 0
    tags: int = 0
    cadences: tuple[tuple[str, int], ...] | None = None  # (tier, cadence days) when "overdue" is on
    maturing: bool = False
    trashed: bool = False
    sort: str = RELEVANCE
    descending: bool = False
    what: str = "page"  # "page", "page+total" or "count"
    seek: str | None = None  # one of SEEKS: keyset paging (parameters after_key, after_id, after_rank)


@functools.lru_cache(maxsize=256)
def compiled(shape: Shape) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """(SQL text, parameter names in order, the constants' values) for a shape."""
    comp = _statement(shape).compile(dialect=sqlite.dialect())
    return str(comp), tuple(comp.positiontup), dict(comp.params)


def _statement(shape: Shape):
    conds, rank = _conditions(shape)
    if shape.what == "count":
        return select(func.count()).select_from(C).where(*conds)
    ranked = rank is not None
    key = C.c[sort_column(shape.sort)]
    conds += _seek(shape, key, rank)
    rank = (rank if ranked else literal(None)).label("match_rank")
    inner = select(C.c.id, rank, key.label("sort_key")).where(*conds)
    if shape.what == "page+total":
        inner = inner.add_columns(func.count().over().label("total"))
    page = (
        inner.order_by(*_order(shape, C, rank if ranked else None))
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
        .subquery("page")
    )
    total = page.c.total if shape.what == "page+total" else literal(None)
    return (
        select(*ROW_COLUMNS, page.c.match_rank, total, page.c.sort_key)
        .join_from(page, R, R.c.id == page.c.id)
        .order_by(*_order(shape, R, page.c.match_rank if ranked else None))
    )


def _order(shape: Shape, clients, rank) -> list:
    order = [rank] if shape.sort == RELEVANCE and rank is not None else []
    key = clients.c[sort_column(shape.sort)]
    if shape.descending:
        return order + [key.desc(), clients.c.id.desc()]  # SQLite puts NULLs last when descending
    return order + [key.nulls_last() if shape.sort in _NULLS_LAST else key, clients.c.id]


def _seek(shape: Shape, key, rank) -> list:
    """The WHERE terms of a keyset seek (none without one): the rows after (rank, key, id)."""
    if shape.seek is None:
        return []
    value: BindParameter[Any] = bindparam("after_key")
    after_id: BindParameter[int] = bindparam("after_id")
    desc = shape.descending
    id_after = C.c.id < after_id if desc else C.c.id > after_id
    if shape.seek == "nulls":
        return [key.is_(None)]
    if shape.seek == "nulls>":
        return [key.is_(None), id_after]
    if shape.seek == "values":
        return [key.is_not(None)]
    if shape.seek == "values>":
        return [key <= value, or_(key < value, id_after)] if desc else [key >= value, or_(key > value, id_after)]
    if rank is None or shape.sort != RELEVANCE:
        raise ValueError(f"seek {shape.seek!r} needs a relevance order with search text")
    first = nulls_first(shape.sort, desc)
    if shape.seek == "rank>null":  # after a NULL key: the values (when they come later), then NULLs by id
        within = or_(key.is_not(None), and_(key.is_(None), id_after)) if first else and_(key.is_(None), id_after)
    else:
        beyond = key < value if desc else key > value
        tie = and_(key == value, id_after)
        within = or_(beyond, tie) if first else or_(beyond, key.is_(None), tie)
    after_rank: BindParameter[int] = bindparam("after_rank")
    return [or_(rank > after_rank, and_(rank == after_rank, within))]


def _not_indexed(col):
    """``+col``: SQLite will not drive the query by this column's index."""
    return UnaryExpression(col, operator=custom_op("+"), type_=col.type)


def _conditions(shape: Shape) -> tuple[list, Any]:
    """WHERE terms on clients, and the rank expression (None without search text)."""
    conds: list = []
    rank = None
    if shape.kind is not None:
        ids, rank = _text_match(shape.kind)
        conds.append(C.c.id.in_(ids))
    # Nearly every client has deleted_at NULL; without statistics the planner would take it for
    # a selective term and walk all clients through ix_clients_deleted_at (40x slower).
    conds.append(C.c.deleted_at.is_not(None) if shape.trashed else _not_indexed(C.c.deleted_at).is_(None))
    if shape.tiers:
        conds.append(C.c.tier.in_([bindparam(f"tier{i}") for i in range(shape.tiers)]))
    if shape.risks:
        conds.append(C.c.risk_grade.in_([bindparam(f"risk{i}") for i in range(shape.risks)]))
    # Tags and maturities can match thousands: probed while walking the sort order (+id), so a
    # first page stops early instead of fetching and sorting every match.
    if shape.tags:
        tags: list[BindParameter[str]] = [bindparam(f"tag{i}") for i in range(shape.tags)]
        conds.append(_not_indexed(C.c.id).in_(select(T.c.client_id).where(T.c.tag.in_(tags))))
    if shape.cadences is not None:
        whens = [(C.c.tier == code, days) for code, days in shape.cadences]
        cadence = func.coalesce(C.c.cadence_days, case(*whens, else_=null()) if whens else null())
        # records.contact_due in SQL: from the last contact, or (never contacted) from when the client was added
        start = func.coalesce(C.c.last_contact_at, C.c.created_at)
        due = func.date(start, func.printf("+%d days", cadence))
        conds.append(and_(cadence.is_not(None), due < bindparam("today")))
    if shape.maturing:
        conds.append(
            _not_indexed(C.c.id).in_(
                select(H.c.client_id).where(
                    H.c.status == "holding",
                    H.c.maturity_date >= bindparam("today"),
                    H.c.maturity_date <= bindparam("until"),
                )
            )
        )
    return conds, rank


def _text_match(kind: str):
    """(ids subquery, rank) for the parameters ``q`` (the value), ``q_len``, ``q_next`` (the
    smallest string above every string starting with q) and ``phrase`` (the FTS5 query)."""
    q: BindParameter[str] = bindparam("q")
    if kind == "name":
        ids = select(C.c.id).where(func.instr(C.c.name, q) > 0)  # scans ix_clients_name_search alone
        rank = case((C.c.name == q, 0), (func.substr(C.c.name, 1, bindparam("q_len")) == q, 1), else_=2)
    elif kind == "pinyin":
        ids = select(K.c.client_id).where(K.c.key >= q, K.c.key < bindparam("q_next"))
        exact = select(K.c.client_id).where(K.c.key == q, K.c.client_id == C.c.id).exists()
        rank = case((exact, 0), else_=1)
    elif kind == "customer_no":
        ids = select(C.c.id).where(C.c.customer_no >= q, C.c.customer_no < bindparam("q_next"))
        rank = case((C.c.customer_no == q, 0), else_=1)
    else:
        ids = select(FTS.c.rowid).where(FTS.c.client_search_fts.match(bindparam("phrase")))
        padded = literal(" ").concat(C.c.search_digits)
        rank = case(
            (func.instr(padded.concat(" "), literal(" ").concat(q).concat(" ")) > 0, 0),
            (func.instr(padded, literal(" ").concat(q)) > 0, 1),
            else_=2,
        )
    return ids, rank
