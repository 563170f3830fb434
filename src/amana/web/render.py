"""Jinja2 rendering: autoescaped templates, the user's language and the page frame."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from amana.core.principal import Permission, Principal
from amana.web.i18n import NATIVE_NAMES, Translator, explain
from amana.web.labels import field_label, label
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
        "label": lambda code: label(tr, code),
        "field_label": lambda name: field_label(tr, name),
        "lang": tr.language,
        "dir": tr.direction,
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
