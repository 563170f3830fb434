"""The shapes of the numbers and instants that addresses and query strings carry.

Every route takes its ids, page numbers and ``since`` instants through these types, so a value
the store cannot hold is refused at the edge (a 422 on the API, a "not found" page on the web),
before any permission check or query runs: an id of 2**63 overflowed the 64-bit integers of
SQLite and PostgreSQL and answered 500. They are plain pydantic metadata (the kernel imports no
web framework); FastAPI reads them for path and query parameters alike.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field

MAX_ID = 2**63 - 1
"""The largest value of a 64-bit signed integer column (SQLite INTEGER, PostgreSQL BIGINT)."""

MAX_PER_PAGE = 500
MAX_PAGE = MAX_ID // MAX_PER_PAGE
"""A page beyond which the row offset ``(page - 1) * per_page`` no longer fits the store."""

RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
"""The id of a stored row, in a path or a query string."""

Position = Annotated[int, Field(ge=0, le=MAX_ID)]
"""A 0-based position in an ordered list or feed (an attachment, an event sequence)."""

PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE)]
PerPage = Annotated[int, Field(ge=1, le=MAX_PER_PAGE)]


def _into_pages(page: int) -> int:
    return min(max(page, 1), MAX_PAGE)


LenientPage = Annotated[int, AfterValidator(_into_pages)]
"""A web page's ``p``, from a link or a hand-edited address: brought into 1..MAX_PAGE (a page
past the end shows an empty list) rather than refused."""

Since = AwareDatetime
"""An ISO 8601 instant with its offset (``2026-01-31T09:00:00Z``): one without a time zone is
refused (422), since a bureau's "09:00" is not the store's and guessing would shift results."""
