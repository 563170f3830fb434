"""The page modules. Each exports ``router`` and ``NAV`` (and optionally ``HOME`` sections);
a feature's pages are added by adding its module here (notices and messages will be)."""

from __future__ import annotations

from amana.web.pages import admin, auth, batch, hits, home, records, screening

MODULES = (auth, home, screening, batch, records, hits, admin)
