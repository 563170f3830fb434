"""The page modules. Each exports ``router`` and ``NAV`` (and optionally ``HOME`` sections);
a feature's pages are added by adding its module here."""

from __future__ import annotations

from amana.web.pages import (
    admin,
    auth,
    batch,
    hits,
    home,
    message_compose,
    messages,
    notice_request,
    notice_review,
    notices,
    records,
    screening,
)

MODULES = (
    auth,
    home,
    screening,
    batch,
    records,
    hits,
    notices,
    notice_request,
    notice_review,
    message_compose,  # before messages: /messages/new is not a message id
    messages,
    admin,
)
