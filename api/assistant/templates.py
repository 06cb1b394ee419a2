"""The assistant's sentences in the seven languages; every gap is filled from graph facts.

Dates are ISO (2026-11-28), amounts are "12.50 EUR": the same in every language, so the check
on a language model's phrasing (:mod:`api.assistant.grounding`) finds them as written here.
"""

from __future__ import annotations

from typing import Any

STATUS_WORDS: dict[str, dict[str, str]] = {
    "en": {"placed": "placed", "paid": "paid", "shipped": "shipped", "in_customs": "in customs",
           "delivered": "delivered", "returned": "returned", "cancelled": "cancelled"},
    "de": {"placed": "aufgegeben", "paid": "bezahlt", "shipped": "versandt",
           "in_customs": "beim Zoll", "delivered": "zugestellt", "returned": "zurückgesandt",
           "cancelled": "storniert"},
    "es": {"placed": "realizado", "paid": "pagado", "shipped": "enviado",
           "in_customs": "en aduana", "delivered": "entregado", "returned": "devuelto",
           "cancelled": "cancelado"},
    "fr": {"placed": "passée", "paid": "payée", "shipped": "expédiée", "in_customs": "en douane",
           "delivered": "livrée", "returned": "retournée", "cancelled": "annulée"},
    "pt": {"placed": "feita", "paid": "paga", "shipped": "enviada", "in_customs": "na alfândega",
           "delivered": "entregue", "returned": "devolvida", "cancelled": "cancelada"},
    "zh": {"placed": "已下单", "paid": "已付款", "shipped": "已发货", "in_customs": "清关中",
           "delivered": "已送达", "returned": "已退货", "cancelled": "已取消"},
    "ja": {"placed": "注文済み", "paid": "支払済み", "shipped": "発送済み", "in_customs": "通関中",
           "delivered": "配達済み", "returned": "返品済み", "cancelled": "キャンセル済み"},
}
PAYER_WORDS: dict[str, dict[str, str]] = {
    "en": {"shop": "we pay", "shopper": "you pay"},
    "de": {"shop": "wir zahlen", "shopper": "Sie zahlen"},
    "es": {"shop": "lo pagamos nosotros", "shopper": "lo paga usted"},
    "fr": {"shop": "nous payons", "shopper": "vous payez"},
    "pt": {"shop": "nós pagamos", "shopper": "você paga"},
    "zh": {"shop": "由我们承担", "shopper": "由您承担"},
    "ja": {"shop": "当店負担", "shopper": "お客様負担"},
}

T: dict[str, dict[str, str]] = {
    "status": {
        "en": "Order {order} is {status} (since {at}).",
        "de": "Bestellung {order} ist {status} (seit {at}).",
        "es": "El pedido {order} está {status} (desde {at}).",
        "fr": "La commande {order} est {status} (depuis {at}).",
        "pt": "A encomenda {order} está {status} (desde {at}).",
        "zh": "订单 {order} 状态：{status}（自 {at} 起）。",
        "ja": "注文 {order} は{status}です（{at} から）。"},
    "tracking": {
        "en": " Carrier {carrier}, tracking number {tracking}.",
        "de": " Versand mit {carrier}, Sendungsnummer {tracking}.",
        "es": " Transportista {carrier}, número de seguimiento {tracking}.",
        "fr": " Transporteur {carrier}, numéro de suivi {tracking}.",
        "pt": " Transportadora {carrier}, código de rastreio {tracking}.",
        "zh": " 承运商 {carrier}，运单号 {tracking}。",
        "ja": " 配送業者 {carrier}、追跡番号 {tracking}。"},
    "note": {"en": " Note: {note}.", "de": " Hinweis: {note}.", "es": " Nota: {note}.",
             "fr": " Remarque : {note}.", "pt": " Nota: {note}.", "zh": " 备注：{note}。",
             "ja": " 備考：{note}。"},
    "estimate": {
        "en": " Expected by {estimated} (promised by {promised}).",
        "de": " Erwartet bis {estimated} (zugesagt bis {promised}).",
        "es": " Llegada prevista el {estimated} (prometida para el {promised}).",
        "fr": " Arrivée prévue le {estimated} (promise pour le {promised}).",
        "pt": " Chegada prevista a {estimated} (prometida até {promised}).",
        "zh": " 预计 {estimated} 送达（承诺 {promised} 前）。",
        "ja": " お届け予定は {estimated} です（お約束は {promised} まで）。"},
    "steps": {
        "en": " Steps: {steps}.", "de": " Verlauf: {steps}.", "es": " Pasos: {steps}.",
        "fr": " Étapes : {steps}.", "pt": " Etapas: {steps}.", "zh": " 进度：{steps}。",
        "ja": " 経過：{steps}。"},
    "step": {"en": "{status} {at}", "de": "{status} {at}", "es": "{status} {at}",
             "fr": "{status} le {at}", "pt": "{status} {at}", "zh": "{at} {status}",
             "ja": "{at} {status}"},
    "promised": {
        "en": " It was promised by {promised}.", "de": " Zugesagt war {promised}.",
        "es": " Estaba prometido para el {promised}.", "fr": " Elle était promise pour le {promised}.",
        "pt": " Estava prometida até {promised}.", "zh": " 承诺送达日期为 {promised}。",
        "ja": " お約束の日付は {promised} でした。"},
    "order_not_found": {
        "en": "I found no order {order} of yours.",
        "de": "Ich finde keine Bestellung {order} von Ihnen.",
        "es": "No encuentro ningún pedido {order} suyo.",
        "fr": "Je ne trouve aucune commande {order} à votre nom.",
        "pt": "Não encontro nenhuma encomenda {order} sua.",
        "zh": "没有找到您的订单 {order}。",
        "ja": "お客様の注文 {order} は見つかりません。"},
    "no_orders": {
        "en": "You have no orders yet.", "de": "Sie haben noch keine Bestellungen.",
        "es": "Todavía no tiene pedidos.", "fr": "Vous n'avez pas encore de commande.",
        "pt": "Ainda não tem encomendas.", "zh": "您还没有订单。", "ja": "まだ注文がありません。"},
    "sign_in": {
        "en": "Please sign in so I can look up your orders.",
        "de": "Bitte melden Sie sich an, damit ich Ihre Bestellungen finden kann.",
        "es": "Inicie sesión para que pueda consultar sus pedidos.",
        "fr": "Connectez-vous pour que je puisse consulter vos commandes.",
        "pt": "Inicie sessão para eu poder consultar as suas encomendas.",
        "zh": "请先登录，以便查询您的订单。", "ja": "注文を確認するにはサインインしてください。"},
    "ships_yes": {
        "en": "Yes, {product} ships to {country} in {days} days; shipping costs {cost}.",
        "de": "Ja, {product} wird nach {country} geliefert, in {days} Tagen; Versand kostet {cost}.",
        "es": "Sí, {product} se envía a {country} en {days} días; el envío cuesta {cost}.",
        "fr": "Oui, {product} est livré en {country} en {days} jours ; la livraison coûte {cost}.",
        "pt": "Sim, {product} é enviado para {country} em {days} dias; o envio custa {cost}.",
        "zh": "可以，{product} 可寄到 {country}，{days} 天送达，运费 {cost}。",
        "ja": "はい、{product} は {country} へ {days} 日で発送できます。送料は {cost} です。"},
    "price": {
        "en": " Price: {price}.", "de": " Preis: {price}.", "es": " Precio: {price}.",
        "fr": " Prix : {price}.", "pt": " Preço: {price}.", "zh": " 价格：{price}。",
        "ja": " 価格：{price}。"},
    "ships_restricted": {
        "en": "No, {product} cannot be sent to {country}: {reason}.",
        "de": "Nein, {product} kann nicht nach {country} geliefert werden: {reason}.",
        "es": "No, {product} no se puede enviar a {country}: {reason}.",
        "fr": "Non, {product} ne peut pas être livré en {country} : {reason}.",
        "pt": "Não, {product} não pode ser enviado para {country}: {reason}.",
        "zh": "不可以，{product} 无法寄到 {country}：{reason}。",
        "ja": "いいえ、{product} は {country} へ発送できません：{reason}。"},
    "ships_no": {
        "en": "No, {product} does not ship to {country}.",
        "de": "Nein, {product} wird nicht nach {country} geliefert.",
        "es": "No, {product} no se envía a {country}.",
        "fr": "Non, {product} n'est pas livré en {country}.",
        "pt": "Não, {product} não é enviado para {country}.",
        "zh": "不可以，{product} 不寄往 {country}。", "ja": "いいえ、{product} は {country} へ発送していません。"},
    "returns": {
        "en": "Returns to {country}: within {days} days; return shipping: {payer}.",
        "de": "Rücksendungen aus {country}: innerhalb von {days} Tagen; Rückversand: {payer}.",
        "es": "Devoluciones desde {country}: en {days} días; envío de devolución: {payer}.",
        "fr": "Retours depuis {country} : sous {days} jours ; frais de retour : {payer}.",
        "pt": "Devoluções de {country}: em {days} dias; envio da devolução: {payer}.",
        "zh": "{country} 退货：{days} 天内；退货运费：{payer}。",
        "ja": "{country} からの返品：{days} 日以内、返送料：{payer}。"},
    "not_returnable": {
        "en": "Items of this kind sent to {country} cannot be returned.",
        "de": "Artikel dieser Art können aus {country} nicht zurückgegeben werden.",
        "es": "Los artículos de este tipo enviados a {country} no se pueden devolver.",
        "fr": "Les articles de ce type livrés en {country} ne peuvent pas être retournés.",
        "pt": "Artigos deste tipo enviados para {country} não podem ser devolvidos.",
        "zh": "寄往 {country} 的此类商品不可退货。", "ja": "{country} へ発送したこの種の商品は返品できません。"},
    "exceptions": {
        "en": " Exceptions: {items}.", "de": " Ausnahmen: {items}.", "es": " Excepciones: {items}.",
        "fr": " Exceptions : {items}.", "pt": " Exceções: {items}.", "zh": " 例外：{items}。",
        "ja": " 例外：{items}。"},
    "reason_en": {  # the catalog gives the restriction's reason in English only: said so
        "en": "{reason}", "de": "{reason} (auf Englisch)", "es": "{reason} (en inglés)",
        "fr": "{reason} (en anglais)", "pt": "{reason} (em inglês)", "zh": "{reason}（英文）",
        "ja": "{reason}（英語）"},
    "exceptions_en": {  # the catalog gives them in English only: said so, in the asker's words
        "en": " Exceptions: {items}.", "de": " Ausnahmen (auf Englisch): {items}.",
        "es": " Excepciones (en inglés): {items}.", "fr": " Exceptions (en anglais) : {items}.",
        "pt": " Exceções (em inglês): {items}.", "zh": " 例外（英文）：{items}。",
        "ja": " 例外（英語）：{items}。"},
    "no_policy": {
        "en": "I have no return policy for {country}; a colleague will answer.",
        "de": "Für {country} habe ich keine Rückgaberegel; ein Kollege antwortet Ihnen.",
        "es": "No tengo política de devolución para {country}; le responderá un compañero.",
        "fr": "Je n'ai pas de politique de retour pour {country} ; un collègue vous répondra.",
        "pt": "Não tenho política de devolução para {country}; um colega responderá.",
        "zh": "没有 {country} 的退货政策，同事会答复您。",
        "ja": "{country} の返品規定がありません。担当者が回答します。"},
    "duties": {
        "en": "Into {country}: {duty}% import duty and {vat}% VAT on orders worth more than {threshold}.",
        "de": "Nach {country}: {duty}% Einfuhrzoll und {vat}% MwSt. auf Bestellungen über {threshold}.",
        "es": "A {country}: {duty}% de arancel y {vat}% de IVA en pedidos de más de {threshold}.",
        "fr": "Vers {country} : {duty}% de droits et {vat}% de TVA sur les commandes de plus de {threshold}.",
        "pt": "Para {country}: {duty}% de direitos e {vat}% de IVA em encomendas acima de {threshold}.",
        "zh": "寄往 {country}：超过 {threshold} 的订单需缴 {duty}% 关税和 {vat}% 增值税。",
        "ja": "{country} 宛て：{threshold} を超える注文には関税 {duty}% と付加価値税 {vat}% がかかります。"},
    "no_duties": {
        "en": "I have no duty information for {country}; a colleague will answer.",
        "de": "Für {country} habe ich keine Zollangaben; ein Kollege antwortet Ihnen.",
        "es": "No tengo datos de aranceles para {country}; le responderá un compañero.",
        "fr": "Je n'ai pas d'information de douane pour {country} ; un collègue vous répondra.",
        "pt": "Não tenho informação de direitos para {country}; um colega responderá.",
        "zh": "没有 {country} 的关税信息，同事会答复您。",
        "ja": "{country} の関税情報がありません。担当者が回答します。"},
    "product": {
        "en": "{product}: {attributes}.", "de": "{product}: {attributes}.",
        "es": "{product}: {attributes}.", "fr": "{product} : {attributes}.",
        "pt": "{product}: {attributes}.", "zh": "{product}：{attributes}。",
        "ja": "{product}：{attributes}。"},
    "rating": {
        "en": " Rated {rating} of 5 in {count} reviews.",
        "de": " Bewertet mit {rating} von 5 in {count} Bewertungen.",
        "es": " Valoración {rating} de 5 en {count} reseñas.",
        "fr": " Noté {rating} sur 5 dans {count} avis.",
        "pt": " Avaliado com {rating} de 5 em {count} avaliações.",
        "zh": " 评分 {rating}/5，共 {count} 条评价。", "ja": " 評価 {rating}/5（レビュー {count} 件）。"},
    "aspect": {
        "en": " Reviews on {aspect}: {count} mention it, {positive} positive, {neutral} neutral,"
              " {negative} negative.",
        "de": " Bewertungen zu {aspect}: {count} erwähnen es, {positive} positiv, {neutral} neutral,"
              " {negative} negativ.",
        "es": " Reseñas sobre {aspect}: {count} lo mencionan, {positive} positivas,"
              " {neutral} neutras, {negative} negativas.",
        "fr": " Avis sur {aspect} : {count} en parlent, {positive} positifs, {neutral} neutres,"
              " {negative} négatifs.",
        "pt": " Avaliações sobre {aspect}: {count} mencionam, {positive} positivas,"
              " {neutral} neutras, {negative} negativas.",
        "zh": " 关于{aspect}的评价：{count} 条提到，{positive} 条好评，{neutral} 条中评，{negative} 条差评。",
        "ja": " {aspect}についてのレビュー：{count} 件が言及、肯定的 {positive} 件、"
              "中立 {neutral} 件、否定的 {negative} 件。"},
    "aspect_none": {
        "en": " No review mentions {aspect}.", "de": " Keine Bewertung erwähnt {aspect}.",
        "es": " Ninguna reseña menciona {aspect}.", "fr": " Aucun avis ne parle de {aspect}.",
        "pt": " Nenhuma avaliação menciona {aspect}.", "zh": " 没有评价提到{aspect}。",
        "ja": " {aspect}に触れたレビューはありません。"},
    "similar": {
        "en": "Here are products like {product}.", "de": "Hier sind Produkte wie {product}.",
        "es": "Aquí tiene productos como {product}.", "fr": "Voici des produits comme {product}.",
        "pt": "Aqui estão produtos como {product}.", "zh": "以下是与 {product} 类似的商品。",
        "ja": "{product} に似た商品はこちらです。"},
    "which_product": {
        "en": "Which product do you mean? Please give its product id.",
        "de": "Welches Produkt meinen Sie? Bitte nennen Sie die Produktnummer.",
        "es": "¿Qué producto? Indique su referencia, por favor.",
        "fr": "Quel produit ? Donnez sa référence, s'il vous plaît.",
        "pt": "Que produto? Indique a referência, por favor.",
        "zh": "您指的是哪个商品？请提供商品编号。", "ja": "どの商品ですか？商品番号を教えてください。"},
    "which_of_yours": {
        "en": "Which product do you mean? Your recent ones: {products}.",
        "de": "Welches Produkt meinen Sie? Ihre letzten: {products}.",
        "es": "¿Qué producto? Sus compras recientes: {products}.",
        "fr": "Quel produit ? Vos achats récents : {products}.",
        "pt": "Que produto? As suas compras recentes: {products}.",
        "zh": "您指的是哪个商品？您最近购买的：{products}。",
        "ja": "どの商品ですか？最近ご購入の商品：{products}。"},
    "about": {
        "en": "About {product}, from your order {order}: ",
        "de": "Zu {product} aus Ihrer Bestellung {order}: ",
        "es": "Sobre {product}, de su pedido {order}: ",
        "fr": "À propos de {product}, de votre commande {order} : ",
        "pt": "Sobre {product}, da sua encomenda {order}: ",
        "zh": "关于您订单 {order} 中的 {product}：", "ja": "ご注文 {order} の {product} について："},
    "which_country": {
        "en": "To which country?", "de": "In welches Land?", "es": "¿A qué país?",
        "fr": "Vers quel pays ?", "pt": "Para que país?", "zh": "寄往哪个国家？",
        "ja": "どの国宛てですか？"},
    "cannot_help": {
        "en": "Sorry, I can't help with that: I hold no facts about it.",
        "de": "Dabei kann ich leider nicht helfen: dazu habe ich keine Angaben.",
        "es": "Lo siento, no puedo ayudar con eso: no tengo datos al respecto.",
        "fr": "Désolé, je ne peux pas vous aider sur ce point : je n'ai aucune information à ce sujet.",
        "pt": "Desculpe, não posso ajudar com isso: não tenho dados sobre o assunto.",
        "zh": "抱歉，这个问题我无法回答：我没有相关信息。",
        "ja": "申し訳ありませんが、その件にはお答えできません。該当する情報がありません。"},
    "handoff": {
        "en": "I have passed this to a colleague (ticket {ticket}); we answer within one day.",
        "de": "Ich habe das an einen Kollegen weitergegeben (Ticket {ticket}); wir antworten binnen eines Tages.",
        "es": "Lo he pasado a un compañero (ticket {ticket}); respondemos en un día.",
        "fr": "J'ai transmis à un collègue (ticket {ticket}) ; nous répondons sous un jour.",
        "pt": "Passei a um colega (ticket {ticket}); respondemos num dia.",
        "zh": "已转给同事处理（工单 {ticket}），我们会在一天内回复。",
        "ja": "担当者に引き継ぎました（チケット {ticket}）。一日以内に回答します。"},
}


def say(name: str, lang: str, **facts: Any) -> str:
    """Sentence ``name`` in ``lang`` with its gaps filled from ``facts``."""
    return T[name][lang].format(**facts)
