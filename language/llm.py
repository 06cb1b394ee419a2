"""Language-model backends that complete a short chat: a local causal LM, or an OpenAI-compatible API.

Both answer :meth:`LanguageModel.complete` with plain text; callers validate it (an intent against
its JSON schema, Cypher against the guards) and never trust it. The API key is a ``SecretStr`` and
appears in no message or log line.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

import httpx

from borderless.errors import ConfigError, ModelError
from borderless.settings import Settings

log = logging.getLogger(__name__)


class LanguageModel(Protocol):
    """A chat model that answers one system + user message with text."""

    name: str
    model_id: str  # what wrote an answer, for provenance ("openai:gpt-x", "local:qwen...")

    def complete(self, system: str, user: str, *, max_tokens: int, timeout_s: float,
                 examples: tuple[tuple[str, str], ...] = ()) -> str:
        """The model's reply; ``examples`` are (user, assistant) turns shown first.

        Raises:
            ModelError: the model could not answer (unreachable, refused, malformed reply).
        """


def _messages(system: str, user: str, examples: tuple[tuple[str, str], ...]) -> list[dict]:
    messages = [{"role": "system", "content": system}]
    for question, answer in examples:
        messages += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    return [*messages, {"role": "user", "content": user}]


class OpenAICompatible:
    """Any server speaking ``POST {base_url}/chat/completions`` (vLLM, Ollama, llama.cpp, hosted)."""

    name = "openai"

    def __init__(self, base_url: str, api_key: str | None, model: str) -> None:
        self._url = base_url.rstrip("/") + "/chat/completions"
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._model = model
        self.model_id = f"openai:{model}"

    def complete(self, system: str, user: str, *, max_tokens: int, timeout_s: float,
                 examples: tuple[tuple[str, str], ...] = ()) -> str:
        body = {"model": self._model, "messages": _messages(system, user, examples),
                "max_tokens": max_tokens, "temperature": 0}
        try:
            response = httpx.post(self._url, json=body, headers=self._headers, timeout=timeout_s)
        except httpx.HTTPError as e:
            raise ModelError(f"language model at {self._url} unreachable: {e.__class__.__name__}") from e
        if response.status_code != 200:
            raise ModelError(f"language model at {self._url} answered HTTP {response.status_code}")
        try:
            return str(response.json()["choices"][0]["message"]["content"])
        except (ValueError, KeyError, IndexError, TypeError) as e:
            raise ModelError(f"language model at {self._url} sent a reply without choices") from e


class LocalCausalLM:
    """A causal LM run in-process through ``transformers`` (greedy, bounded by ``max_time``)."""

    name = "local"

    def __init__(self, settings: Settings) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        from language.local_model import model_folder

        folder = model_folder(settings)
        # On a GPU float16 halves memory traffic at no loss that matters for greedy decoding;
        # CPU matmuls are fastest (and only exact) in float32.
        self._device = "cuda" if torch.cuda.is_available() else "cpu"
        dtype = torch.float16 if self._device == "cuda" else torch.float32
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(folder)
            self._model = AutoModelForCausalLM.from_pretrained(folder, dtype=dtype).to(self._device).eval()
        except Exception as e:  # any failure here means the folder does not hold a usable model
            raise ModelError(f"cannot load the local language model from {folder}: {e}") from e
        self.model_id = f"local:{folder.name.removesuffix('-f16-safetensors')}"
        self._torch = torch
        self._lock = threading.Lock()  # one generation at a time: it uses every core anyway

    def complete(self, system: str, user: str, *, max_tokens: int, timeout_s: float,
                 examples: tuple[tuple[str, str], ...] = ()) -> str:
        prompt = self._tokenizer.apply_chat_template(
            _messages(system, user, examples), tokenize=False, add_generation_prompt=True)
        inputs = self._tokenizer(prompt, return_tensors="pt").to(self._device)
        with self._lock, self._torch.inference_mode():
            output = self._model.generate(
                **inputs, max_new_tokens=max_tokens, do_sample=False, max_time=timeout_s,
                pad_token_id=self._tokenizer.eos_token_id)
        new_tokens = output[0, inputs["input_ids"].shape[1]:]
        return self._tokenizer.decode(new_tokens, skip_special_tokens=True)


# Loaded models by (model path, state folder): loading takes seconds and a GB of memory.
_LOCAL_MODELS: dict[tuple, LocalCausalLM] = {}


def language_model(settings: Settings, backend: str | None = None) -> LanguageModel | None:
    """The backend ``backend`` names (default: the query backend), built once per process;
    ``None`` for ``rules``.

    Raises:
        ConfigError: ``openai`` without ``BORDERLESS_OPENAI_BASE_URL``.
    """
    backend = backend or settings.nlq_backend
    if backend == "rules":
        return None
    if backend == "openai":
        if not settings.openai_base_url:
            raise ConfigError("BORDERLESS_NLQ_BACKEND=openai needs BORDERLESS_OPENAI_BASE_URL")
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        return OpenAICompatible(settings.openai_base_url, key, settings.openai_model)
    key = (settings.local_model_path, settings.local_model, settings.state_dir)
    if key not in _LOCAL_MODELS:
        _LOCAL_MODELS[key] = LocalCausalLM(settings)
    return _LOCAL_MODELS[key]
