"""The answer language of a Spanish, Portuguese or French message, told apart by words and letters."""

from __future__ import annotations

import pytest

from api.assistant.understand import understand

CASES = [
    ("Quando chega?", "pt"), ("Tem taxas?", "pt"), ("Vocês entregam em Espanha?", "pt"),
    ("Não chegou ainda", "pt"), ("Aceitam devoluções?", "pt"), ("Onde está?", "pt"),
    ("Todavía no llegó", "es"), ("¿Cuándo llega?", "es"), ("¿Hay impuestos?", "es"),
    ("¿Aceptan devoluciones?", "es"), ("Lo puedo devolver?", "es"),
    ("Quand arrive ma commande ?", "fr"), ("Où est mon colis ?", "fr"),
    ("Wo ist meine Bestellung?", "de"), ("Can I return it?", "en"),
]


@pytest.mark.parametrize(("message", "lang"), CASES)
def test_spanish_portuguese_and_french_are_told_apart(message, lang):
    assert understand(message).language == lang
