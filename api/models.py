"""The language models ``search`` and ``ask`` need, loaded in a worker thread, never on the loop.

Loading the text embedder takes about a second; the local language model may first be joined
and converted (minutes on a cold state folder). The app starts :meth:`ModelWarmup.start` in its
lifespan, so the process serves catalog reads, ``/healthz`` and ``/readyz`` (which reports
``models: loading``) meanwhile; a ``search`` or ``ask`` arriving early awaits the same load
instead of starting its own. A failed load is logged, reported as ``models: failed``, answered
``FEATURE_UNAVAILABLE``, and tried again (in the thread) by the next request that needs it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable

from api import errors
from borderless.errors import ApiError
from borderless.settings import Settings

log = logging.getLogger("borderless.api")


def load_models(settings: Settings) -> None:
    """Build (and cache in-process) the embedder and the configured language model."""
    from language.embedders import get_embedder
    from language.llm import language_model

    get_embedder(settings)
    language_model(settings)


class ModelWarmup:
    """One load of the models at a time, in a daemon thread, awaited by requests that need them.

    Args:
        load: the blocking load (by default :func:`load_models` with the app's settings).
    """

    def __init__(self, load: Callable[[], None]) -> None:
        self._load = load
        self._done: asyncio.Future[BaseException | None] | None = None
        self.state = "off"  # off (not started), loading, ready or failed

    def start(self) -> None:
        """Start loading in a thread unless a load is running or has succeeded."""
        if self.state in ("loading", "ready"):
            return
        loop = asyncio.get_running_loop()
        self._done = loop.create_future()
        self.state = "loading"
        # A daemon thread, not the loop's executor: a shutdown must not wait for a conversion.
        threading.Thread(target=self._run, args=(loop, self._done), daemon=True,
                         name="borderless-model-load").start()

    def _run(self, loop: asyncio.AbstractEventLoop,
             done: asyncio.Future[BaseException | None]) -> None:
        failure: BaseException | None = None
        try:
            self._load()
        except Exception as e:  # noqa: BLE001 - any failure means "not available", logged below
            failure = e
        with contextlib.suppress(RuntimeError):  # the app stopped meanwhile; nobody waits
            loop.call_soon_threadsafe(self._finish, done, failure)

    def _finish(self, done: asyncio.Future[BaseException | None],
                failure: BaseException | None) -> None:
        if failure is None:
            self.state = "ready"
        else:
            self.state = "failed"
            log.error("loading the search models failed", exc_info=failure)
        if not done.done():
            done.set_result(failure)

    async def wait(self) -> None:
        """Return once the models are loaded (starting a load if none ran or the last failed).

        Raises:
            ApiError: ``FEATURE_UNAVAILABLE`` when loading fails.
        """
        if self.state == "ready":
            return
        self.start()
        assert self._done is not None  # noqa: S101 - start() made it
        if await asyncio.shield(self._done) is not None:
            raise ApiError(errors.FEATURE_UNAVAILABLE,
                           "search and ask are unavailable: their language models failed to "
                           "load (the server log says why); retry later")
