"""Running a coroutine against the test Neo4j through the project's own async access layer."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from api.db import api_session
from borderless.settings import Settings
from graph.session import GraphSession, open_async_driver

T = TypeVar("T")


def run_with_session(settings: Settings, work: Callable[[GraphSession], Awaitable[T]]) -> T:
    """``work(session)`` on a fresh async driver (closed afterwards), as the API would run it."""
    async def go() -> T:
        driver = open_async_driver(settings, connect_timeout_s=5, retry_time_s=5)
        try:
            return await work(api_session(driver, settings))
        finally:
            await driver.close()
    return asyncio.run(go())
