"""A query's rows for a lazy list: read a keyset page at a time, only a few pages held at once.

The client list grows page by page as the view scrolls (Qt's ``fetchMore``); each page is read
after the cursor the page before ended on (query.py's contract), so the last page of 300k
clients costs what the first does. Only the ``keep`` pages used most recently stay in memory:
holding every row scrolled past cost ~0.8 kB a client (313 MB peak with 100k). A page scrolled
out of the window is read again from the cursor it started after, which the window keeps for
every page (a few dozen bytes each).

Qt-free: the model in ui/clients/client_table.py and the tests drive it alike.
"""

from __future__ import annotations

from collections import OrderedDict

from rm_desktop.services.search.query import ClientPage, ClientQuery, ClientRow, Cursor, search_page

PAGE = 200
KEEP = 12  # pages held: a few screens either side of the view, 2 400 rows (~2 MB)


class RowWindow:
    """Rows 0 .. ``loaded`` of a query, by position; ``total`` counts every match."""

    def __init__(
        self, vault, query: ClientQuery, *, page: int = PAGE, keep: int = KEEP, first: ClientPage | None = None
    ):
        """``first``: the query's first page with its total and end cursor, when it was read
        already (e.g. served before the rest of the app loaded); it must hold ``page`` rows, or
        all of them when fewer match."""
        if page < 1 or keep < 1:
            raise ValueError("a window holds at least one page of at least one row")
        self.vault, self.query, self.page, self.keep = vault, query, page, keep
        if first is None or first.total is None:
            first = search_page(vault, query, 0, page, with_total=True)
        self.total = first.total or 0
        self._pages: OrderedDict[int, list[ClientRow]] = OrderedDict()
        self._starts: list[Cursor | None] = [None]  # page p starts after _starts[p]
        self.loaded = 0
        self._add(first.rows, first.end)

    def can_grow(self) -> bool:
        return self.loaded < self.total

    def read_next(self) -> ClientPage:
        """The page after the rows loaded so far, not added yet (a Qt model announces the new
        rows between reading and adding them)."""
        if not self.can_grow():
            return ClientPage([], None)
        return search_page(self.vault, self.query, 0, self.page, with_total=False, after=self._starts[-1])

    def add(self, page: ClientPage) -> int:
        """Append a page ``read_next`` gave; returns how many rows it added (0: the end reached)."""
        return self._add(page.rows, page.end)

    def grow(self) -> int:
        """Read and add the next page."""
        return self.add(self.read_next())

    def _add(self, rows: list[ClientRow], end: Cursor | None) -> int:
        if rows:
            self._keep(len(self._starts) - 1, rows)
            self._starts.append(end)
            self.loaded += len(rows)
        # Only the last page may be short, or positions would no longer map onto pages: a short
        # page (the book changed since it was counted) ends the list where it is.
        if len(rows) < self.page:
            self.total = self.loaded
        return len(rows)

    def row(self, position: int) -> ClientRow | None:
        """The row at ``position`` (< ``loaded``); None only if the book changed underneath."""
        if not 0 <= position < self.loaded:
            return None
        number, offset = divmod(position, self.page)
        rows = self._pages.get(number)
        if rows is None:
            rows = search_page(self.vault, self.query, 0, self.page, with_total=False, after=self._starts[number]).rows
            self._keep(number, rows)
        else:
            self._pages.move_to_end(number)
        return rows[offset] if offset < len(rows) else None

    def held(self) -> int:
        """How many rows are in memory now (at most ``keep`` pages)."""
        return sum(map(len, self._pages.values()))

    def _keep(self, number: int, rows: list[ClientRow]) -> None:
        self._pages[number] = rows
        self._pages.move_to_end(number)
        while len(self._pages) > self.keep:
            self._pages.popitem(last=False)
