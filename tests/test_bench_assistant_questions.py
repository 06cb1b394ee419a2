"""``bench/assistant.py --questions FILE``: a question set written apart from the code is read in
the documented format, a bad phrasing is left out by name, and the good ones are asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.assistant_questions import PHRASES, load_phrases


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "questions.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_builtin_phrasings_are_a_valid_question_file(tmp_path):
    assert load_phrases(_write(tmp_path, PHRASES)) == PHRASES


def test_a_bad_phrasing_is_left_out_by_name_and_the_good_ones_kept(tmp_path, capsys):
    path = _write(tmp_path, {
        "_about": "written blind",
        "duties": {"de": ["Was kostet der Zoll nach {country}?", "Was kostet der Zoll?"]},
        "returns": {"en": ["Can I return {product} to {country}?"]},
        "cannot_help": {"en": ["What's the weather like?"]},
    })
    phrases = load_phrases(path)
    assert phrases == {"duties": {"de": ["Was kostet der Zoll nach {country}?"]},
                       "cannot_help": {"en": ["What's the weather like?"]}}
    warnings = capsys.readouterr().err
    assert f"{path}: duties.de[1]" in warnings and "needs {country}" in warnings
    assert f"{path}: returns.en[0]" in warnings and "['product']" in warnings


@pytest.mark.parametrize(("data", "says"), [
    ({"shipping": {"en": ["Ship {product} to {country}?"]}}, "unknown intent 'shipping'"),
    ({"duties": {"xx": ["Zoll {country}?"]}}, "unknown language 'xx'"),
    ({"duties": {"de": "Zoll {country}?"}}, "duties.de: expected a list of strings"),
    (["not", "an", "object"], "expected an object of intents"),
])
def test_a_file_of_the_wrong_shape_is_refused_whole(tmp_path, data, says):
    with pytest.raises(ValueError, match=r"questions\.json") as raised:
        load_phrases(_write(tmp_path, data))
    assert says in str(raised.value)

