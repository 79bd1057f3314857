"""The SQL of the client search, built and compiled once per query *shape*.

A shape is everything that changes the statement's text (what the search text is matched
against, which filters are on, the sort); values (the text, today, the page) are parameters.
The text is written here as SQL, not built with SQLAlchemy: building and cache-keying a
statement cost ~1–2 ms a call, more than the whole search on the indexes below, and importing
SQLAlchemy to compile it cost a command-line ``client list`` ~200 ms (issue 19.2), while the
statements are a handful of fixed patterns. Values are always parameters (``:name`` below, sent
in order as ``?``); the only text a shape adds is column names from :data:`SORTS` and counts.

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
import re
from dataclasses import dataclass
from typing import Any

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


# The display columns, read from the copy ``r`` of clients for the page's rows only.
ROW_COLUMNS = ", ".join(
    (
        "r.id, r.customer_no, r.name, r.name_pinyin, r.gender, r.birth_date",
        "(SELECT group_concat(client_phones.number, ',' ORDER BY client_phones.position, client_phones.id)"
        " FROM client_phones WHERE client_phones.client_id = r.id)",
        "r.id_number, r.aum, r.tier, r.risk_grade, r.risk_expires_on, r.occupation, r.responsible_role",
        "r.last_contact_at, r.next_follow_up, r.cadence_days",
        "(SELECT group_concat(client_tags.tag, char(10)) FROM client_tags WHERE client_tags.client_id = r.id)",
        "r.deleted_at",
        "r.created_at",  # a never-contacted client's contact is due one cadence after it was added
    )
)
_PARAM = re.compile(r":([a-z_][a-z_0-9]*)")


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
    """(SQL text with ``?`` placeholders, the parameter name of each in order, the constants'
    values) for a shape."""
    text, constants = _statement(shape)
    return _PARAM.sub("?", text), tuple(_PARAM.findall(text)), constants


def _statement(shape: Shape) -> tuple[str, dict[str, Any]]:
    conds, rank, constants = _conditions(shape)
    if shape.what == "count":
        return f"SELECT count(*) FROM clients WHERE {' AND '.join(conds)}", constants
    key = sort_column(shape.sort)
    conds += _seek(shape, f"clients.{key}", rank)
    total = ", count(*) OVER () AS total" if shape.what == "page+total" else ""
    inner = (
        f"SELECT clients.id AS id, {rank or 'NULL'} AS match_rank, clients.{key} AS sort_key{total}"
        f" FROM clients WHERE {' AND '.join(conds)}"
        f" ORDER BY {_order(shape, 'clients', 'match_rank' if rank else None)} LIMIT :limit OFFSET :offset"
    )
    return (
        f"SELECT {ROW_COLUMNS}, page.match_rank, {'page.total' if total else 'NULL'}, page.sort_key"
        f" FROM ({inner}) AS page JOIN clients AS r ON r.id = page.id"
        f" ORDER BY {_order(shape, 'r', 'page.match_rank' if rank else None)}"
    ), constants


def _order(shape: Shape, clients: str, rank: str | None) -> str:
    order = [rank] if shape.sort == RELEVANCE and rank is not None else []
    key = f"{clients}.{sort_column(shape.sort)}"
    if shape.descending:  # SQLite puts NULLs last when descending
        return ", ".join([*order, f"{key} DESC", f"{clients}.id DESC"])
    return ", ".join([*order, f"{key} NULLS LAST" if shape.sort in _NULLS_LAST else key, f"{clients}.id"])


def _seek(shape: Shape, key: str, rank: str | None) -> list[str]:
    """The WHERE terms of a keyset seek (none without one): the rows after (rank, key, id)."""
    if shape.seek is None:
        return []
    desc = shape.descending
    id_after = "clients.id < :after_id" if desc else "clients.id > :after_id"
    if shape.seek == "nulls":
        return [f"{key} IS NULL"]
    if shape.seek == "nulls>":
        return [f"{key} IS NULL", id_after]
    if shape.seek == "values":
        return [f"{key} IS NOT NULL"]
    if shape.seek == "values>":
        op = "<" if desc else ">"
        return [f"{key} {op}= :after_key", f"({key} {op} :after_key OR {id_after})"]
    if rank is None or shape.sort != RELEVANCE:
        raise ValueError(f"seek {shape.seek!r} needs a relevance order with search text")
    first = nulls_first(shape.sort, desc)
    if shape.seek == "rank>null":  # after a NULL key: the values (when they come later), then NULLs by id
        after_null = f"({key} IS NULL AND {id_after})"
        within = f"({key} IS NOT NULL OR {after_null})" if first else after_null
    else:
        beyond = f"{key} {'<' if desc else '>'} :after_key"
        tie = f"({key} = :after_key AND {id_after})"
        within = f"({beyond} OR {tie})" if first else f"({beyond} OR {key} IS NULL OR {tie})"
    return [f"({rank} > :after_rank OR ({rank} = :after_rank AND {within}))"]


def _conditions(shape: Shape) -> tuple[list[str], str | None, dict[str, Any]]:
    """WHERE terms on clients, the rank expression (None without search text) and the values
    of the constants they name. ``+col`` keeps SQLite from driving the query by col's index."""
    conds: list[str] = []
    constants: dict[str, Any] = {}
    rank = None
    if shape.kind is not None:
        ids, rank = _text_match(shape.kind)
        conds.append(f"clients.id IN ({ids})")
    # Nearly every client has deleted_at NULL; without statistics the planner would take it for
    # a selective term and walk all clients through ix_clients_deleted_at (40x slower).
    conds.append("clients.deleted_at IS NOT NULL" if shape.trashed else "(+ clients.deleted_at) IS NULL")
    if shape.tiers:
        conds.append(f"clients.tier IN ({_params('tier', shape.tiers)})")
    if shape.risks:
        conds.append(f"clients.risk_grade IN ({_params('risk', shape.risks)})")
    # Tags and maturities can match thousands: probed while walking the sort order (+id), so a
    # first page stops early instead of fetching and sorting every match.
    if shape.tags:
        conds.append(
            f"(+ clients.id) IN (SELECT client_tags.client_id FROM client_tags"
            f" WHERE client_tags.tag IN ({_params('tag', shape.tags)}))"
        )
    if shape.cadences is not None:
        whens = ""
        for i, (code, days) in enumerate(shape.cadences):
            constants[f"cadence_tier{i}"], constants[f"cadence_days{i}"] = code, days
            whens += f" WHEN clients.tier = :cadence_tier{i} THEN :cadence_days{i}"
        cadence = f"coalesce(clients.cadence_days, CASE{whens} ELSE NULL END)" if whens else "clients.cadence_days"
        # services/clients/tiers.contact_due in SQL: from the last contact, or (never contacted) from when the client was added
        start = "coalesce(clients.last_contact_at, clients.created_at)"
        conds.append(f"{cadence} IS NOT NULL AND date({start}, printf('+%d days', {cadence})) < :today")
    if shape.maturing:
        conds.append(
            "(+ clients.id) IN (SELECT holdings.client_id FROM holdings WHERE holdings.status = 'holding'"
            " AND holdings.maturity_date >= :today AND holdings.maturity_date <= :until)"
        )
    return conds, rank, constants


def _params(prefix: str, count: int) -> str:
    return ", ".join(f":{prefix}{i}" for i in range(count))


def _text_match(kind: str) -> tuple[str, str]:
    """(ids subquery, rank) for the parameters ``q`` (the value), ``q_len``, ``q_next`` (the
    smallest string above every string starting with q) and ``phrase`` (the FTS5 query)."""
    if kind == "name":  # the look-up scans a covering index of the names, never the table rows
        ids = "SELECT clients.id FROM clients WHERE instr(clients.name, :q) > 0"
        rank = "CASE WHEN clients.name = :q THEN 0 WHEN substr(clients.name, 1, :q_len) = :q THEN 1 ELSE 2 END"
    elif kind == "pinyin":
        ids = 'SELECT client_keys.client_id FROM client_keys WHERE client_keys."key" >= :q AND client_keys."key" < :q_next'
        exact = 'SELECT client_keys.client_id FROM client_keys WHERE client_keys."key" = :q AND client_keys.client_id = clients.id'
        rank = f"CASE WHEN EXISTS ({exact}) THEN 0 ELSE 1 END"
    elif kind == "customer_no":
        ids = "SELECT clients.id FROM clients WHERE clients.customer_no >= :q AND clients.customer_no < :q_next"
        rank = "CASE WHEN clients.customer_no = :q THEN 0 ELSE 1 END"
    else:
        ids = "SELECT client_search_fts.rowid FROM client_search_fts WHERE client_search_fts.client_search_fts MATCH :phrase"
        rank = (
            "CASE WHEN instr(' ' || clients.search_digits || ' ', ' ' || :q || ' ') > 0 THEN 0"
            " WHEN instr(' ' || clients.search_digits, ' ' || :q) > 0 THEN 1 ELSE 2 END"
        )
    return ids, rank
