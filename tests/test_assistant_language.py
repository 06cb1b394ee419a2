"""The answer language of a Spanish, Portuguese or French message, told apart by words and spelling."""

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


# Short questions whose words Spanish and Portuguese share ("a", "para", "algo", "devolución"
# and "devolução" fold alike): before, the shared words voted Portuguese and these Spanish ones
# were answered in Portuguese (the first three are from the outside set 2), "Quero devolver" in
# Spanish and "tienen algo similar a ..." in English.
SHORT_SPANISH = [
    "impuestos de aduana e IVA para Noruega?", "me cobran aduana si pido a India",
    "Muéstrame algo parecido a demo-product-540", "política de devolución para Brasil?",
    "cuesta mucho enviarlo a Japón?", "devolución a Francia", "pedido a Brasil",
    "tienen algo similar a Videoconsola Nintendo Glide Lite, negro 512 GB?",
    "puede llegar a Portugal?", "mi pedido no llegó",
    "enviar demo-product-134 a Países Bajos??",  # the country's Spanish name ("Países Baixos")
]
SHORT_PORTUGUESE = [
    "Quero devolver", "impostos e taxas para Noruega?", "política de devolução para o Brasil?",
    "vocês cobram alfândega se eu pedir para a Índia", "Mostre algo parecido com demo-product-540",
    "custa muito enviar para o Japão?", "devolução para França", "encomenda para o Brasil",
    "minha encomenda não chegou", "pode chegar em Portugal?",
    "Me mostra algo parecido com demo-product-18", "outros produtos como demo-product-189 por favor",
]


@pytest.mark.parametrize("message", SHORT_SPANISH)
def test_short_spanish_is_answered_in_spanish(message):
    assert understand(message).language == "es"


@pytest.mark.parametrize("message", SHORT_PORTUGUESE)
def test_short_portuguese_is_answered_in_portuguese(message):
    assert understand(message).language == "pt"


@pytest.mark.parametrize(("message", "lang"), [
    ("Où est mon colis reçu ?", "fr"), ("Ça arrive quand ?", "fr"),  # ç is French too
    ("Can I return the Bell helmet?", "en"), ("Wo ist meine Bestellung?", "de"),
])
def test_iberian_spelling_decides_only_between_spanish_and_portuguese(message, lang):
    assert understand(message).language == lang
