"""The navigation's pages by key, each built the first time it is needed (issue 19.1).

Building the hidden pages (and importing what they use: openpyxl, fpdf, icalendar …) cost the
start-up ~80 ms of widgets plus their imports. A page factory may give a page (built at once) or
a zero-argument callable that builds it; asking for a key (``pages["plans"]``) builds that page,
so callers that need a page still get one. Iterating gives the keys in navigation order and
never builds anything; :meth:`built` is what exists so far.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QWidget

from rm_desktop.ui.widgets.pages import Page

PageMaker = Callable[[], Page]


class LazyPages(Mapping[str, Page]):
    """``on_built(key, page)`` runs once per page, right after it is made (the window wires it)."""

    def __init__(self, on_built: Callable[[str, Page], None]):
        self._makers: dict[str, PageMaker] = {}
        self._pages: dict[str, Page] = {}
        self._on_built = on_built

    def add(self, key: str, page: Page | PageMaker) -> None:
        if isinstance(page, QWidget):  # built by the factory already: wired on first use too
            built: Page = page
            self._makers[key] = lambda: built
        else:
            self._makers[key] = page

    def __getitem__(self, key: str) -> Page:
        page = self._pages.get(key)
        if page is None:
            page = self._pages[key] = self._makers[key]()  # KeyError for an unknown area, as a dict

            self._on_built(key, page)
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)

    def is_built(self, key: str) -> bool:
        return key in self._pages

    def built(self) -> list[Page]:
        """The pages that exist, in navigation order."""
        return [self._pages[key] for key in self._makers if key in self._pages]

    def build_all(self) -> list[Page]:
        return [self[key] for key in self._makers]
