"""Jinja2 rendering: autoescaped templates, the user's language and the page frame."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

import amana.web.labels as labels
from amana.core.principal import Permission, Principal
from amana.web.i18n import NATIVE_NAMES, Translator, explain
from amana.web.nav import HomeSection, NavItem, current, menu
from amana.web.security import CSRF_FIELD, csrf_token, persist_presession

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Data in plain text (a page title, a sentence's value): Unicode's first-strong isolate,
    # the text equivalent of <bdi>, so a Latin name does not scramble a right-to-left line.
    env.filters["isolate"] = lambda value: f"\u2068{value}\u2069"
    env.globals.update(Permission=Permission, CSRF_FIELD=CSRF_FIELD, languages=NATIVE_NAMES)
    return env


@dataclass
class WebState:
    """The web application's part of ``app.state``."""

    env: Environment = field(default_factory=environment)
    nav: list[NavItem] = field(default_factory=list)
    home: list[HomeSection] = field(default_factory=list)


def render(
    request: Request,
    template: str,
    *,
    tr: Translator,
    principal: Principal | None = None,
    status_code: int = 200,
    **values: Any,
) -> HTMLResponse:
    web: WebState = request.app.state.web
    path = request.url.path
    nav = menu(web.nav, principal)
    context = {
        "request": request,
        "_": tr,
        "tr": tr,
        "ngettext": tr.ngettext,
        "explain": lambda word: explain(tr, word),
        "label": lambda code: labels.label(tr, code),
        "field_label": lambda name: labels.field_label(tr, name),
        "colour": lambda value: labels.colour(tr, value),
        "eye_colour": lambda code: labels.eye_colour(tr, code),
        "hair_colour": lambda code: labels.hair_colour(tr, code),
        "language_name": lambda code: labels.language_name(tr, code),
        "script_name": lambda code: labels.script_name(tr, code),
        "notice_flag": lambda flag: labels.notice_flag(
            tr, str(flag.notice_type), str(flag.action_requested)
        ),
        "stored_explanation": labels.stored_explanation,
        "lang": tr.language,
        "dir": tr.direction,
        # "from → to" reads the other way right to left: the arrow points to what follows.
        "arrow": "←" if tr.direction == "rtl" else "→",
        "principal": principal,
        "csrf_token": csrf_token(request),
        "nav": nav,
        "current_nav": current(nav, path),
        "path": path,
        "here": path + (f"?{request.url.query}" if request.url.query else ""),
        "errors": {},
        **values,
    }
    html = web.env.get_template(template).render(context)
    # Pages hold police data: never kept in shared or browser caches.
    response = HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-store"})
    persist_presession(request, response)
    return response
