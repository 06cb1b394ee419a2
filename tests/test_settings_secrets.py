"""No settings error ever repeats a value: not pydantic's ``input_value``, not a secret.

Every field of every settings class is given random secret-looking values of several shapes
(plain, JSON object, JSON list, broken JSON, too short); whatever is refused must be refused with
a message that names the environment variable and holds none of the value, in the message or in
the traceback a server would log.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator

import pytest
from pydantic_settings import BaseSettings

from api.settings import ApiSettings, get_api_settings
from borderless.errors import ConfigError
from borderless.settings import REPO_ROOT, Settings, env_name, get_settings
from gnn.settings import GnnSettings, get_gnn_settings

GETTERS: dict[type[BaseSettings], Callable[[], BaseSettings]] = {
    Settings: get_settings, ApiSettings: get_api_settings, GnnSettings: get_gnn_settings,
}


def _fresh(getter: Callable[[], BaseSettings]) -> BaseSettings:
    clear = getattr(getter, "cache_clear", None)
    if clear is not None:
        clear()
    try:
        return getter()
    finally:
        if clear is not None:
            clear()  # never leave a test's settings cached for the next test


def _shapes(secret: str) -> dict[str, str]:
    return {
        "plain": secret,
        "short": secret[:12],
        "object": json.dumps({secret: secret[::-1]}),
        "short key": json.dumps({secret[:10]: "admin"}),
        "list": json.dumps([secret, 7]),
        "broken json": '{"' + secret + '": ',
        "number and secret": f"12{secret}",
    }


def _cases() -> Iterator[tuple[type[BaseSettings], str]]:
    for model in GETTERS:
        for field in model.model_fields:
            yield model, field


@pytest.mark.parametrize(("model", "field"), list(_cases()),
                         ids=[f"{m.__name__}.{f}" for m, f in _cases()])
def test_no_settings_error_repeats_a_value(monkeypatch, tmp_path, model, field):
    monkeypatch.chdir(tmp_path)  # no stray .env file
    variable = env_name(model, field)
    refused = 0
    for shape, value in _shapes("Zq" + secrets.token_urlsafe(30)).items():
        monkeypatch.setenv(variable, value)
        try:
            _fresh(GETTERS[model])
        except ConfigError as e:
            refused += 1
            message = str(e)
            logged = "".join(traceback.format_exception(e))
            assert variable in message, (shape, message)
            for text in {value, *(json.loads(value) if shape in ("object", "short key") else {})}:
                assert text not in logged, (shape, logged)
            if shape == "broken json" or shape == "plain":
                assert value[2:20] not in logged, (shape, logged)
    if field in {"port", "batch_size", "jwt_secret", "api_keys", "epochs", "nlq_backend"}:
        assert refused, f"{variable} accepted every value: the test proves nothing for it"


def test_the_message_says_what_is_wrong(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BORDERLESS_JWT_SECRET", "short-" + secrets.token_hex(4))
    with pytest.raises(ConfigError) as caught:
        _fresh(get_api_settings)
    assert "BORDERLESS_JWT_SECRET: a placeholder or shorter than 32 characters" in str(caught.value)
    monkeypatch.delenv("BORDERLESS_JWT_SECRET")
    monkeypatch.setenv("BORDERLESS_API_KEYS", '{"k": ')
    with pytest.raises(ConfigError, match="BORDERLESS_API_KEYS: not valid JSON"):
        _fresh(get_api_settings)


def test_serve_refuses_a_bad_setting_without_printing_it(tmp_path):
    key = "Zq" + secrets.token_urlsafe(30)
    jwt_secret = "Zq" + secrets.token_urlsafe(8)  # too short
    env = {**os.environ, "BORDERLESS_API_KEYS": json.dumps({key: "superuser"}),
           "BORDERLESS_JWT_SECRET": jwt_secret, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run([sys.executable, "-m", "borderless.cli", "serve"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "BORDERLESS_API_KEYS" in output and "BORDERLESS_JWT_SECRET" in output, output
    assert key not in output and jwt_secret not in output and "superuser" not in output, output
    assert "input_value" not in output


def test_no_settings_object_shows_a_secret_when_printed(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    key, jwt_secret, password, openai = ("Zq" + secrets.token_urlsafe(30) for _ in range(4))
    monkeypatch.setenv("BORDERLESS_API_KEYS", json.dumps({key: "admin"}))
    monkeypatch.setenv("BORDERLESS_JWT_SECRET", jwt_secret)
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    monkeypatch.setenv("BORDERLESS_OPENAI_API_KEY", openai)
    shown = " ".join(f"{s!r} {s}" for s in (_fresh(get_api_settings), _fresh(get_settings)))
    assert _fresh(get_api_settings).api_keys == {key: "admin"}
    for secret in (key, jwt_secret, password, openai):
        assert secret not in shown
