"""``GET /experiments/{key}/report``: an experiment's report page for staff (API key header).

The same page ``borderless experiment report KEY`` writes, built on request. Rendering the PNG
is CPU work (matplotlib), so it runs in a worker thread, off the event loop.
"""

from __future__ import annotations

import asyncio

from fastapi import Request
from fastapi.responses import HTMLResponse

from api import experiments, limits
from api.auth import Role, authenticate
from api.context import RequestContext


async def report_page(request: Request) -> HTMLResponse:
    """The HTML report of experiment ``key`` (401/403 without a staff key, 404 for no such key)."""
    from experiments.report import render_html, render_png  # matplotlib loads on first use

    state = request.app.state
    principal = authenticate(request.headers.get("x-api-key"),
                             request.headers.get("authorization"), state.api)
    principal.require(Role.CATALOG_MANAGER, "experiment report")
    key = limits.check_id(request.path_params["key"], "key")
    ctx = RequestContext(settings=state.settings, api=state.api, driver=state.driver,
                         metrics=state.metrics, principal=principal,
                         request_id=request.state.request_id, rates=state.rates)
    experiment, analysis, rows = await experiments.analysis(ctx, key)
    png = await asyncio.to_thread(render_png, experiment, rows)
    return HTMLResponse(render_html(experiment, analysis, png))
