"""The navigation: each page module declares its entries, shown to those allowed to use them.

Adding a feature's pages (notices, messages) is adding a module to ``web.pages.MODULES`` that
exports ``router`` and ``NAV`` (and, if it has something for the home page, ``HOME``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from amana.core.principal import Permission, Principal


@dataclass(frozen=True)
class NavItem:
    path: str
    label: str
    """A message id, translated when the menu is drawn (mark it with ``N_``)."""
    order: int
    permissions: tuple[Permission, ...] = ()
    """Shown when the user holds any of these (none: every signed-in user)."""

    def allowed(self, principal: Principal) -> bool:
        return not self.permissions or any(principal.can(p) for p in self.permissions)

    def covers(self, path: str) -> bool:
        return path == self.path or (self.path != "/" and path.startswith(self.path + "/"))


@dataclass(frozen=True)
class HomeBlock:
    """A section of the home page: a template fragment and what it shows."""

    template: str
    values: dict[str, Any]


HomeSection = Callable[[Any], HomeBlock | None]
"""Called with the home page's ``web.context.Page`` (typed ``Any`` here: the context module
draws pages with this one, so naming it would make the two import each other)."""


def menu(items: Sequence[NavItem], principal: Principal | None) -> list[NavItem]:
    if principal is None:
        return []
    return sorted((i for i in items if i.allowed(principal)), key=lambda i: i.order)


def current(items: Sequence[NavItem], path: str) -> NavItem | None:
    """The entry the page belongs to: the closest one (``/screening/batch`` is the manifest's,
    not also screening's)."""
    return max((i for i in items if i.covers(path)), key=lambda i: len(i.path), default=None)
