"""A fake OpenAI-compatible chat endpoint on loopback whose answers a test function writes.

``FakeChat(answer)`` serves ``POST /v1/chat/completions``; ``answer(system, user)`` returns the
assistant's text, or ``None`` to answer HTTP 500 (an overloaded or broken endpoint). Every user
message is kept in ``asked``, so tests can count what a job asked.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from language.llm import OpenAICompatible

Answer = Callable[[str, str], "str | None"]


class FakeChat:
    """An OpenAI-compatible endpoint whose replies come from ``answer``."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.asked: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                messages = body["messages"]
                user = messages[-1]["content"]
                fake.asked.append(user)
                reply = fake.answer(messages[0]["content"], user)
                if reply is None:
                    return self._send(500, {"error": {"message": "overloaded"}})
                self._send(200, {"id": "fake", "object": "chat.completion", "model": body["model"],
                                 "choices": [{"index": 0, "finish_reason": "stop",
                                              "message": {"role": "assistant", "content": reply}}]})

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def model(self, name: str = "fake-enricher") -> OpenAICompatible:
        """A client of this endpoint, as ``borderless enrich --backend openai`` builds one."""
        return OpenAICompatible(f"http://127.0.0.1:{self.server.server_address[1]}/v1", None, name)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
