"""The demo shop's help articles (topic, then title and text in each of the seven languages), and
its return exceptions and restriction reasons in those languages."""

from __future__ import annotations

HELP_ARTICLES: tuple[tuple[str, dict[str, str], dict[str, str]], ...] = (
    ("returns",
     {"en": "Returning an item", "de": "Einen Artikel zurücksenden", "es": "Devolver un artículo",
      "fr": "Retourner un article", "pt": "Devolver um artigo", "zh": "退货", "ja": "返品について"},
     {"en": "Open the order, choose Return and print the label. Refunds go to the original "
            "payment within 5 days of our receiving the parcel.",
      "de": "Öffnen Sie die Bestellung, wählen Sie Rücksendung und drucken Sie das Etikett. "
            "Die Erstattung erfolgt binnen 5 Tagen nach Eingang des Pakets.",
      "es": "Abra el pedido, elija Devolver e imprima la etiqueta. El reembolso llega en 5 días "
            "desde que recibimos el paquete.",
      "fr": "Ouvrez la commande, choisissez Retour et imprimez l'étiquette. Le remboursement "
            "arrive sous 5 jours après réception du colis.",
      "pt": "Abra a encomenda, escolha Devolver e imprima a etiqueta. O reembolso chega em 5 dias "
            "após recebermos a encomenda.",
      "zh": "打开订单，选择退货并打印标签。我们收到包裹后5天内退款。",
      "ja": "注文を開き、返品を選んでラベルを印刷してください。荷物の受領後5日以内に返金します。"}),
    ("duties",
     {"en": "Duties and taxes", "de": "Zölle und Steuern", "es": "Aranceles e impuestos",
      "fr": "Droits et taxes", "pt": "Direitos e impostos", "zh": "关税和税费", "ja": "関税と税金"},
     {"en": "Orders above the destination's duty-free threshold pay import duty and VAT.",
      "de": "Bestellungen über der Zollfreigrenze des Ziellandes zahlen Einfuhrzoll und MwSt.",
      "es": "Los pedidos por encima del umbral libre de aranceles pagan arancel e IVA.",
      "fr": "Les commandes au-dessus du seuil de franchise paient droits et TVA.",
      "pt": "Encomendas acima do limite de isenção pagam direitos e IVA.",
      "zh": "超过目的地免税额的订单需缴纳进口关税和增值税。",
      "ja": "仕向国の免税額を超える注文には輸入関税と付加価値税がかかります。"}),
    ("delivery",
     {"en": "Delivery times", "de": "Lieferzeiten", "es": "Plazos de entrega",
      "fr": "Délais de livraison", "pt": "Prazos de entrega", "zh": "配送时间", "ja": "配送日数"},
     {"en": "Delivery time depends on the destination; customs can add days.",
      "de": "Die Lieferzeit hängt vom Zielland ab; der Zoll kann Tage hinzufügen.",
      "es": "El plazo depende del destino; la aduana puede añadir días.",
      "fr": "Le délai dépend de la destination ; la douane peut ajouter des jours.",
      "pt": "O prazo depende do destino; a alfândega pode acrescentar dias.",
      "zh": "配送时间取决于目的地；海关可能会增加天数。",
      "ja": "配送日数は仕向国によります。税関で日数が延びることがあります。"}),
    ("contact",
     {"en": "Talking to a person", "de": "Mit einem Menschen sprechen",
      "es": "Hablar con una persona", "fr": "Parler à une personne", "pt": "Falar com uma pessoa",
      "zh": "联系人工客服", "ja": "担当者と話す"},
     {"en": "Ask the assistant for a person and we open a ticket; we answer within one day.",
      "de": "Bitten Sie den Assistenten um einen Menschen; wir antworten binnen eines Tages.",
      "es": "Pida una persona al asistente; respondemos en un día.",
      "fr": "Demandez une personne à l'assistant ; nous répondons sous un jour.",
      "pt": "Peça uma pessoa ao assistente; respondemos num dia.",
      "zh": "向助手要求人工服务，我们会在一天内回复。",
      "ja": "アシスタントに担当者を依頼すると、1日以内に返信します。"}),
)

# What a return policy does not take back, in every served language (``exceptions_<lang>``).
RETURN_EXCEPTIONS: dict[str, dict[str, str]] = {
    "gift cards": {"en": "gift cards", "de": "Geschenkkarten", "es": "tarjetas regalo",
                   "fr": "cartes cadeaux", "pt": "cartões-presente", "zh": "礼品卡",
                   "ja": "ギフトカード"},
    "personalised items": {"en": "personalised items", "de": "personalisierte Artikel",
                           "es": "artículos personalizados", "fr": "articles personnalisés",
                           "pt": "artigos personalizados", "zh": "个性化定制商品",
                           "ja": "名入れ・カスタマイズ商品"},
    "opened or used blades": {"en": "opened or used blades",
                              "de": "geöffnete oder benutzte Klingen",
                              "es": "cuchillas abiertas o usadas",
                              "fr": "lames ouvertes ou utilisées",
                              "pt": "lâminas abertas ou usadas", "zh": "已拆封或已使用的刀具",
                              "ja": "開封済みまたは使用済みの刃物"},
}


def exceptions_row(*exceptions: str) -> dict[str, list[str]]:
    """A return policy's ``exceptions`` (English) and ``exceptions_<lang>`` fields."""
    row = {"exceptions": list(exceptions)}
    for lang in RETURN_EXCEPTIONS[exceptions[0]]:
        if lang != "en":
            row[f"exceptions_{lang}"] = [RETURN_EXCEPTIONS[e][lang] for e in exceptions]
    return row


# Why a product may not go to a country, in every served language (``reason_<lang>``), keyed by
# the English reason ``loaders.demo_world.HAZARD_RULES`` and ``CERTIFICATION_REASON`` give.
RESTRICTION_REASONS: dict[str, dict[str, str]] = {
    "bladed article: age-verified delivery or import licence required": {
        "de": "Artikel mit Klinge: Zustellung mit Altersprüfung oder Einfuhrlizenz erforderlich",
        "es": "artículo con hoja de cuchilla: se requiere entrega con verificación de edad o "
              "licencia de importación",
        "fr": "article à lame : livraison avec vérification de l'âge ou licence d'importation "
              "requise",
        "pt": "artigo com lâmina: exige entrega com verificação de idade ou licença de importação",
        "zh": "带刀刃物品：需要年龄验证配送或进口许可证",
        "ja": "刃物のため、年齢確認付きの配達または輸入許可が必要です"},
    "contains a lithium battery: no carrier accepts it for this destination": {
        "de": "enthält einen Lithium-Akku: kein Versanddienst nimmt ihn für dieses Ziel an",
        "es": "contiene una batería de litio: ningún transportista la acepta para este destino",
        "fr": "contient une batterie au lithium : aucun transporteur ne l'accepte pour cette "
              "destination",
        "pt": "contém uma bateria de lítio: nenhuma transportadora a aceita para este destino",
        "zh": "含锂电池：没有承运商接受寄往该目的地",
        "ja": "リチウム電池を含むため、この仕向地へ運ぶ配送業者がありません"},
    "alcohol-based perfume is a flammable liquid: no air freight to this country": {
        "de": "Parfum auf Alkoholbasis ist eine entzündliche Flüssigkeit: keine Luftfracht in "
              "dieses Land",
        "es": "el perfume a base de alcohol es un líquido inflamable: no hay transporte aéreo a "
              "este país",
        "fr": "le parfum à base d'alcool est un liquide inflammable : pas de fret aérien vers ce "
              "pays",
        "pt": "perfume à base de álcool é um líquido inflamável: não há frete aéreo para este país",
        "zh": "酒精香水属于易燃液体：无法空运到该国",
        "ja": "アルコール系の香水は引火性液体のため、この国へは航空輸送できません"},
    "no local radio/electrical certification for this model": {
        "de": "für dieses Modell fehlt die örtliche Funk- und Elektrozertifizierung",
        "es": "este modelo no tiene la certificación local de radio y electricidad",
        "fr": "ce modèle n'a pas la certification radio et électrique locale",
        "pt": "este modelo não tem a certificação local de rádio e eletricidade",
        "zh": "该型号没有当地的无线电和电气认证",
        "ja": "このモデルは現地の無線・電気の認証を受けていません"},
}


def reason_row(reason: str) -> dict[str, str]:
    """A restriction's ``reason`` (English) and its ``reason_<lang>`` fields."""
    return {"reason": reason} | {f"reason_{lang}": text
                                 for lang, text in RESTRICTION_REASONS.get(reason, {}).items()}
