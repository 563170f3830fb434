"""The API's interactive documentation at ``/docs``: Swagger UI served from Amana's own static
files, so it works without internet and under the same Content-Security-Policy as the pages.

FastAPI's own ``/docs`` loads Swagger UI from a CDN and starts it with an inline script; the
composition root turns it (and ReDoc, which would need a CDN too) off, and this serves one that
starts from ``init.js`` instead.
"""

from __future__ import annotations

from html import escape

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

VENDOR = "/static/vendor/swagger-ui"


def install(app: FastAPI) -> None:
    page = _page(escape(app.title))

    async def docs() -> HTMLResponse:
        return HTMLResponse(page)

    app.add_api_route("/docs", docs, include_in_schema=False)


def _page(title: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} API</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{VENDOR}/swagger-ui.css">
<script src="{VENDOR}/swagger-ui-bundle.js" defer></script>
<script src="{VENDOR}/init.js" defer></script>
</head>
<body>
<div id="swagger-ui"></div>
</body>
</html>
"""
