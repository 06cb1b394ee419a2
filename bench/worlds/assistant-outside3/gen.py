"""Build questions.jsonl for the eval13c world (seed 9090, 600 products) from the graph's facts.
Own templates, written by hand per language. Facts are read with our own Cypher (cy.py)."""
import json, random
from cy import q

R = random.Random(1313)
LANGS = ["en", "de", "es", "fr", "pt", "zh", "ja"]

CN = {  # country names as shoppers write them
 "DE": dict(en="Germany", de="Deutschland", es="Alemania", fr="Allemagne", pt="Alemanha", zh="德国", ja="ドイツ"),
 "FR": dict(en="France", de="Frankreich", es="Francia", fr="France", pt="França", zh="法国", ja="フランス"),
 "ES": dict(en="Spain", de="Spanien", es="España", fr="Espagne", pt="Espanha", zh="西班牙", ja="スペイン"),
 "US": dict(en="the US", de="die USA", es="Estados Unidos", fr="les États-Unis", pt="Estados Unidos", zh="美国", ja="アメリカ"),
 "GB": dict(en="the UK", de="Großbritannien", es="Reino Unido", fr="Royaume-Uni", pt="Reino Unido", zh="英国", ja="イギリス"),
 "JP": dict(en="Japan", de="Japan", es="Japón", fr="Japon", pt="Japão", zh="日本", ja="日本"),
 "CN": dict(en="China", de="China", es="China", fr="Chine", pt="China", zh="中国", ja="中国"),
 "BR": dict(en="Brazil", de="Brasilien", es="Brasil", fr="Brésil", pt="Brasil", zh="巴西", ja="ブラジル"),
 "MX": dict(en="Mexico", de="Mexiko", es="México", fr="Mexique", pt="México", zh="墨西哥", ja="メキシコ"),
 "IT": dict(en="Italy", de="Italien", es="Italia", fr="Italie", pt="Itália", zh="意大利", ja="イタリア"),
 "AT": dict(en="Austria", de="Österreich", es="Austria", fr="Autriche", pt="Áustria", zh="奥地利", ja="オーストリア"),
 "CA": dict(en="Canada", de="Kanada", es="Canadá", fr="Canada", pt="Canadá", zh="加拿大", ja="カナダ"),
 "AU": dict(en="Australia", de="Australien", es="Australia", fr="Australie", pt="Austrália", zh="澳大利亚", ja="オーストラリア"),
 "NL": dict(en="the Netherlands", de="die Niederlande", es="Países Bajos", fr="Pays-Bas", pt="Holanda", zh="荷兰", ja="オランダ"),
 "CH": dict(en="Switzerland", de="die Schweiz", es="Suiza", fr="Suisse", pt="Suíça", zh="瑞士", ja="スイス"),
 "KR": dict(en="South Korea", de="Südkorea", es="Corea del Sur", fr="Corée du Sud", pt="Coreia do Sul", zh="韩国", ja="韓国"),
 "SE": dict(en="Sweden", de="Schweden", es="Suecia", fr="Suède", pt="Suécia", zh="瑞典", ja="スウェーデン"),
 "PT": dict(en="Portugal", de="Portugal", es="Portugal", fr="Portugal", pt="Portugal", zh="葡萄牙", ja="ポルトガル"),
 "SA": dict(en="Saudi Arabia", de="Saudi-Arabien", es="Arabia Saudita", fr="Arabie saoudite", pt="Arábia Saudita", zh="沙特阿拉伯", ja="サウジアラビア"),
 "IN": dict(en="India", de="Indien", es="India", fr="Inde", pt="Índia", zh="印度", ja="インド"),
 "TR": dict(en="Turkey", de="die Türkei", es="Turquía", fr="Turquie", pt="Turquia", zh="土耳其", ja="トルコ"),
 "ZA": dict(en="South Africa", de="Südafrika", es="Sudáfrica", fr="Afrique du Sud", pt="África do Sul", zh="南非", ja="南アフリカ"),
 "PL": dict(en="Poland", de="Polen", es="Polonia", fr="Pologne", pt="Polônia", zh="波兰", ja="ポーランド"),
 "SG": dict(en="Singapore", de="Singapur", es="Singapur", fr="Singapour", pt="Singapura", zh="新加坡", ja="シンガポール"),
}
COUNTRIES = list(CN)

T = {  # hand-written phrasings; {o} order id, {p} product (title or id), {c} country
 "order_status": {
  "en": ["where is my order {o}??", "hi, any update on {o}? its been ages", "has {o} shipped yet", "whats the status of order {o} pls", "can you track my parcel for order {o}", "i ordered {o} and nothing arrived, where is it", "order {o} - where is it now?"],
  "de": ["Wo ist meine Bestellung {o}?", "hallo, was ist mit {o} los? warte schon ewig", "Ist {o} schon verschickt worden", "Status von Bestelung {o} bitte", "Können Sie mein Paket {o} verfolgen?", "Meine Lieferung {o} ist immer noch nicht da, wo steckt sie?", "Sendungsstatus {o}?"],
  "es": ["¿Dónde está mi pedido {o}?", "hola, alguna novedad de {o}? llevo semanas esperando", "ya enviaron el pedido {o}?", "estado del pedido {o} porfa", "¿Me pueden rastrear el paquete {o}?", "no me ha llegado nada del pedido {o}, donde esta?", "quiero saber dónde anda mi pedido {o}"],
  "fr": ["Où en est ma commande {o} ?", "bonjour, des nouvelles de {o} ? j'attends depuis longtemps", "est-ce que la commande {o} est partie", "statut de la comande {o} svp", "Pouvez-vous suivre mon colis {o} ?", "je n'ai toujours rien reçu pour {o}, il est où ?", "suivi de ma commande {o}"],
  "pt": ["Onde está o meu pedido {o}?", "oi, alguma novidade do pedido {o}? tô esperando faz tempo", "o pedido {o} já foi enviado?", "qual o status do pedido {o}", "Vocês podem rastrear a minha encomenda {o}?", "não recebi nada do pedido {o}, cadê?", "quero saber onde está meu pedido {o}"],
  "zh": ["我的订单{o}到哪了？", "你好，订单 {o} 有什么进展吗？等了好久了", "{o} 发货了吗", "请问订单{o}现在是什么状态", "帮我查一下订单{o}的物流", "订单{o}一直没收到，包裹在哪里？", "查询订单 {o}"],
  "ja": ["注文{o}はどこにありますか？", "こんにちは、注文 {o} の状況を教えてください。ずっと待ってます", "{o} はもう発送されましたか", "注文{o}のステータスを知りたいです", "注文{o}の荷物を追跡してもらえますか", "注文{o}がまだ届きません、今どこですか？", "{o}の配送状況"],
 },
 "delivery_estimate": {
  "en": ["when will order {o} arrive?", "when do i get {o}", "whats the delivery date for {o}", "how long until {o} gets here", "is {o} going to arrive this week? when exactly"],
  "de": ["Wann kommt meine Bestellung {o} an?", "wann wird {o} geliefert", "Liefertermin für {o}?", "wie lange dauert es noch bis {o} da ist", "Wann kann ich mit {o} rechnen?"],
  "es": ["¿Cuándo llega mi pedido {o}?", "cuando me entregan {o}", "fecha de entrega de {o}?", "cuanto falta para que llegue {o}", "¿Para cuándo está prevista la entrega de {o}?"],
  "fr": ["Quand ma commande {o} va-t-elle arriver ?", "quand est-ce que je reçois {o}", "date de livraison de {o} ?", "dans combien de temps {o} arrive", "{o} sera livré quand exactement ?"],
  "pt": ["Quando chega o meu pedido {o}?", "quando vou receber {o}", "qual a data de entrega do pedido {o}?", "quanto tempo falta pra {o} chegar", "Qual a previsão de entrega de {o}?"],
  "zh": ["订单{o}什么时候到？", "{o} 预计几号送达", "我的订单{o}什么时候能收到", "{o}还要多久才到", "请问{o}的预计送达日期"],
  "ja": ["注文{o}はいつ届きますか？", "{o}の到着予定日は？", "{o}はいつ配達されますか", "{o}が届くまであとどのくらい？", "注文{o}のお届け予定を教えて"],
 },
 "ships_to": {
  "en": ["can you ship {p} to {c}? how much in my currency", "does {p} deliver to {c}", "Is shipping to {c} possible for {p}? what's the total cost", "{p} to {c} - possible? price?", "how much would {p} cost me shipped to {c}", "do u send {p} to {c}"],
  "de": ["Kann ich {p} nach {c} liefern lassen? Was kostet das in meiner Währung?", "Versendet ihr {p} nach {c}?", "Ist Versand von {p} nach {c} möglich und was kostet es?", "{p} nach {c} – geht das? Preis?", "Was kostet {p} mit Versand nach {c}?", "liefert ihr {p} auch nach {c}"],
  "es": ["¿Pueden enviar {p} a {c}? ¿Cuánto cuesta en mi moneda?", "¿hacen envíos de {p} a {c}?", "Se puede mandar {p} a {c}? cuánto sale", "{p} a {c}, es posible? precio?", "¿Cuánto me costaría {p} con envío a {c}?", "envían {p} a {c}?"],
  "fr": ["Pouvez-vous livrer {p} en {c} ? Combien dans ma devise ?", "Est-ce que vous expédiez {p} vers {c} ?", "Livraison de {p} possible vers {c} ? quel prix", "{p} vers {c}, c'est possible ? prix ?", "Combien me coûterait {p} livré en {c} ?", "vous envoyez {p} en {c} ?"],
  "pt": ["Vocês enviam {p} para {c}? Quanto custa na minha moeda?", "dá pra mandar {p} pro {c}?", "É possível enviar {p} para {c}? qual o preço", "{p} para {c}, pode? preço?", "Quanto fica {p} com frete para {c}?", "entregam {p} em {c}?"],
  "zh": ["{p}能寄到{c}吗？用我的货币多少钱？", "{p}可以发货到{c}吗", "请问{p}寄{c}要多少钱", "{p} 送到{c}可以吗？价格呢", "{p}运到{c}一共多少钱", "{c}能买{p}吗，能配送吗"],
  "ja": ["{p}を{c}に発送できますか？私の通貨でいくらですか？", "{p}は{c}に配送できますか", "{p}を{c}へ送ると送料込みでいくら？", "{p}、{c}まで届けられますか？値段は？", "{c}に{p}を送ってもらえますか", "{p}の{c}への配送は可能ですか"],
 },
 "restricted": {
  "en": ["why can't I order {p} to {c}?", "why is {p} not available for {c}", "{p} says it can't ship to {c}, why??", "whats the restriction on {p} for {c}"],
  "de": ["Warum kann ich {p} nicht nach {c} bestellen?", "wieso ist {p} für {c} nicht verfügbar", "{p} kann nicht nach {c} verschickt werden – warum?", "Welche Einschränkung gibt es für {p} nach {c}?"],
  "es": ["¿Por qué no puedo pedir {p} a {c}?", "por que {p} no está disponible para {c}", "{p} no se puede enviar a {c}, por qué?", "¿Qué restricción tiene {p} para {c}?"],
  "fr": ["Pourquoi je ne peux pas commander {p} vers {c} ?", "pourquoi {p} n'est pas dispo pour {c}", "{p} ne peut pas être envoyé en {c}, pourquoi ?", "Quelle restriction pour {p} vers {c} ?"],
  "pt": ["Por que não consigo pedir {p} para {c}?", "pq {p} não está disponível para {c}", "{p} não pode ser enviado para {c}, por quê?", "Qual é a restrição de {p} para {c}?"],
  "zh": ["为什么{p}不能寄到{c}？", "{p}为什么不能发往{c}", "{p}寄{c}被限制了，什么原因", "{p}对{c}有什么限制吗"],
  "ja": ["なぜ{p}を{c}に注文できないのですか？", "{p}が{c}に送れないのはなぜ？", "{p}の{c}への発送制限の理由は？", "{c}に{p}を送れない理由を教えて"],
 },
 "returns": {
  "en": ["how do i return {p}? who pays for shipping back", "can I send back {p}, I live in {c}", "return policy for {p} in {c}?", "i want a refund for {p}, how many days do i have", "is return of {p} free to {c}"],
  "de": ["Wie kann ich {p} zurückschicken und wer zahlt den Rückversand?", "Kann ich {p} zurückgeben, ich wohne in {c}", "Rückgaberecht für {p} in {c}?", "Ich möchte {p} retournieren, wie viele Tage habe ich?", "Ist die Rücksendung von {p} aus {c} kostenlos?"],
  "es": ["¿Cómo devuelvo {p}? ¿Quién paga el envío de vuelta?", "puedo devolver {p}? vivo en {c}", "política de devolución de {p} en {c}?", "quiero el reembolso de {p}, cuántos días tengo", "¿La devolución de {p} desde {c} es gratis?"],
  "fr": ["Comment retourner {p} ? Qui paie le retour ?", "je peux renvoyer {p}, j'habite en {c}", "politique de retour pour {p} en {c} ?", "je veux être remboursé pour {p}, j'ai combien de jours", "Le retour de {p} depuis {c} est-il gratuit ?"],
  "pt": ["Como devolvo {p}? Quem paga o frete de volta?", "posso devolver {p}? moro em {c}", "política de devolução de {p} em {c}?", "quero reembolso de {p}, quantos dias eu tenho", "A devolução de {p} para {c} é grátis?"],
  "zh": ["{p}怎么退货？退货运费谁出？", "我住在{c}，{p}可以退吗", "{p}在{c}的退货政策是什么", "{p}想退款，有几天时间", "从{c}退{p}免费吗"],
  "ja": ["{p}の返品方法は？返送料は誰が払いますか？", "{c}に住んでいますが、{p}は返品できますか", "{c}での{p}の返品ポリシーは？", "{p}を返金してほしい、何日以内ですか", "{c}から{p}を返品するのは無料ですか"],
 },
 "duties": {
  "en": ["what import duties do i pay in {c}?", "customs fees for {c}? vat?", "will I be charged duty when ordering to {c}", "how much tax and duty to {c}"],
  "de": ["Welche Zölle fallen in {c} an?", "Zoll und Mehrwertsteuer für {c}?", "Muss ich bei Lieferung nach {c} Einfuhrabgaben zahlen?", "wie hoch sind zoll und steuern nach {c}"],
  "es": ["¿Qué aranceles pago en {c}?", "impuestos de aduana para {c}? iva?", "¿Me cobrarán aduana si pido a {c}?", "cuanto es de impuestos y aduana a {c}"],
  "fr": ["Quels droits de douane dois-je payer en {c} ?", "frais de douane pour {c} ? tva ?", "Vais-je payer des droits d'importation en {c} ?", "combien de taxes et douane vers {c}"],
  "pt": ["Quais impostos de importação eu pago no {c}?", "taxas alfandegárias para {c}? iva?", "Vou pagar alfândega pedindo para {c}?", "quanto de imposto e taxa para {c}"],
  "zh": ["寄到{c}要交多少关税？", "{c}的进口税和增值税是多少", "买东西寄{c}会被收关税吗", "{c}清关要交什么税"],
  "ja": ["{c}への輸入関税はいくらですか？", "{c}の関税と消費税は？", "{c}に注文すると関税がかかりますか", "{c}で払う税金と関税を教えて"],
 },
 "product_question": {
  "en": ["what is {p} made of?", "is {p} any good? what do reviews say", "what colour is {p} exactly", "tell me more about {p}", "how is the quality of {p} according to reviews"],
  "de": ["Aus welchem Material ist {p}?", "Ist {p} gut? Was sagen die Bewertungen?", "Welche Farbe hat {p} genau", "Erzähl mir mehr über {p}", "Wie ist die Qualität von {p} laut Bewertungen"],
  "es": ["¿De qué material es {p}?", "¿{p} es bueno? qué dicen las reseñas", "de qué color es {p} exactamente", "cuéntame más sobre {p}", "qué tal la calidad de {p} según las opiniones"],
  "fr": ["En quelle matière est {p} ?", "{p} est bien ? que disent les avis", "quelle couleur exactement pour {p}", "dites-m'en plus sur {p}", "la qualité de {p} d'après les avis ?"],
  "pt": ["De que material é {p}?", "{p} é bom? o que dizem as avaliações", "qual é a cor de {p}", "me fala mais sobre {p}", "como é a qualidade de {p} segundo as avaliações"],
  "zh": ["{p}是什么材质的？", "{p}好用吗？评价怎么样", "{p}是什么颜色", "介绍一下{p}", "评论里{p}的质量怎么样"],
  "ja": ["{p}の素材は何ですか？", "{p}の評判はどうですか？", "{p}の色は何色ですか", "{p}について詳しく教えて", "レビューでは{p}の品質はどうですか"],
 },
 "similar": {
  "en": ["show me something like {p}", "do you have anything similar to {p}?", "any alternatives to {p}"],
  "de": ["Zeig mir etwas Ähnliches wie {p}", "Habt ihr was Vergleichbares zu {p}?", "Alternativen zu {p}?"],
  "es": ["Muéstrame algo parecido a {p}", "¿tienen algo similar a {p}?", "alternativas a {p}?"],
  "fr": ["Montrez-moi quelque chose comme {p}", "vous avez un article similaire à {p} ?", "des alternatives à {p} ?"],
  "pt": ["Me mostra algo parecido com {p}", "tem alguma coisa semelhante a {p}?", "alternativas para {p}?"],
  "zh": ["有没有类似{p}的商品", "给我推荐和{p}差不多的", "{p}有什么替代品"],
  "ja": ["{p}に似た商品を見せて", "{p}のような商品はありますか", "{p}の代わりになるものは？"],
 },
 "human": {
  "en": ["I want to talk to a real person", "can i speak to an agent please", "get me a human, this bot is useless"],
  "de": ["Ich möchte mit einem Menschen sprechen", "Bitte verbinden Sie mich mit einem Mitarbeiter", "kann ich mit jemandem vom kundenservice reden"],
  "es": ["Quiero hablar con una persona", "pásame con un agente por favor", "necesito hablar con alguien de atención al cliente"],
  "fr": ["Je veux parler à un humain", "passez-moi un conseiller s'il vous plaît", "je voudrais parler à quelqu'un du service client"],
  "pt": ["Quero falar com uma pessoa", "me passa para um atendente por favor", "preciso falar com alguém do atendimento"],
  "zh": ["我要人工客服", "请帮我转人工", "能让真人跟我说话吗"],
  "ja": ["人間のオペレーターと話したいです", "担当者につないでください", "有人対応をお願いします"],
 },
 "cannot_help": {
  "en": ["who won the football match yesterday", "what's the weather in Paris tomorrow", "asdkjh qwpoe zzxm", "write me a poem about cats"],
  "de": ["Wer hat gestern das Spiel gewonnen?", "Wie wird das Wetter morgen in Berlin", "jkhsdf wqer poiuz", "Schreib mir ein Gedicht über Katzen"],
  "es": ["¿Quién ganó el partido ayer?", "qué tiempo hará mañana en Madrid", "ñlkjh asdqwe zxcv", "escríbeme un poema sobre gatos"],
  "fr": ["Qui a gagné le match hier ?", "quel temps fera-t-il demain à Lyon", "azerty qsdfg wxcvb", "écris-moi un poème sur les chats"],
  "pt": ["Quem ganhou o jogo ontem?", "como vai estar o tempo amanhã em Lisboa", "kjhg qwer tyui", "escreve um poema sobre gatos"],
  "zh": ["昨天的足球比赛谁赢了", "明天北京天气怎么样", "啊啊啊 qwe 嗯嗯", "给我写一首关于猫的诗"],
  "ja": ["昨日のサッカーの試合はどっちが勝った？", "明日の東京の天気は？", "あいうえお qwer zzz", "猫についての詩を書いて"],
 },
 "anon_order": {
  "en": ["where is my order {o}"], "de": ["Wo ist meine Bestellung {o}?"], "es": ["¿dónde está mi pedido {o}?"],
  "fr": ["où est ma commande {o} ?"], "pt": ["cadê meu pedido {o}?"], "zh": ["我的订单{o}在哪"], "ja": ["注文{o}はどこ？"],
 },
}

def d(x):  # ISO date of a datetime/date value
    return str(x)[:10]

def last_event(oid):
    ev = q("MATCH (o:Order {id:$o})-[:HAD_STATUS]->(e) RETURN e.status as s, e.at as at ORDER BY e.at", o=oid)
    return ev

def order_facts(oid):
    o = q("MATCH (o:Order {id:$o})-[:PLACED_BY]->(s) RETURN o{.*} as o, s.id as sid", o=oid)[0]
    ev = last_event(oid)
    return o["o"], o["sid"], ev

def shoppers_for(lang, k):
    rows = q("MATCH (s:Shopper {language:$l})<-[:PLACED_BY]-(o:Order) WITH s, count(o) as n WHERE n>=3 "
             "RETURN s.id as id, s.currency as cur, s.country as country ORDER BY s.id", l=lang)
    R.shuffle(rows)
    return rows[:k]

RATE = {r["c"]: r["r"] for r in q("MATCH (c:Currency) RETURN c.code as c, c.rate as r")}

def money(eur, cur):
    return round(eur * RATE[cur], 2)

def ptext(pid, lang, use_id):
    if use_id:
        return pid
    return q("MATCH (p:Product {id:$p}) RETURN p['title_'+$l] as t", p=pid, l=lang)[0]["t"]

def return_policy(pid, cc):
    rows = q("""MATCH (p:Product {id:$p})-[:IN_CATEGORY]->(c:Category)
      OPTIONAL MATCH path=(c)-[:SUBCATEGORY_OF*0..]->(a:Category)<-[:APPLIES_TO]-(rp:ReturnPolicy)-[:APPLIES_IN]->(:Country {code:$cc})
      RETURN rp{.*} as rp, length(path) as depth ORDER BY depth""", p=pid, cc=cc)
    rows = [r for r in rows if r["rp"]]
    if rows:
        return rows[0]["rp"]
    g = q("MATCH (rp:ReturnPolicy)-[:APPLIES_IN]->(:Country {code:$cc}) WHERE NOT (rp)-[:APPLIES_TO]->() RETURN rp{.*} as rp", cc=cc)
    return g[0]["rp"] if g else None

STATUS_WORDS = {  # accepted words per status (labels: our guess of any natural wording)
 "delivered": dict(en=["delivered"], de=["zugestellt", "geliefert"], es=["entregado"], fr=["livré", "livree", "livrée"], pt=["entregue"], zh=["送达", "签收", "已交付", "妥投"], ja=["配達済", "配達完了", "お届け済", "配達されました", "配達"]),
 "shipped": dict(en=["shipped", "on its way"], de=["versandt", "verschickt", "unterwegs"], es=["enviado", "en camino"], fr=["expédié", "expédiée", "en route"], pt=["enviado", "a caminho"], zh=["已发货", "发货", "运输"], ja=["発送"]),
 "in_customs": dict(en=["customs"], de=["Zoll"], es=["aduana"], fr=["douane"], pt=["alfândega", "alfandega"], zh=["海关", "清关"], ja=["税関", "通関"]),
 "paid": dict(en=["paid"], de=["bezahlt"], es=["pagado"], fr=["payé", "payée"], pt=["pago"], zh=["已付款", "付款", "支付"], ja=["支払", "決済"]),
 "returned": dict(en=["returned"], de=["zurückgesendet", "zurückgeschickt", "retourniert", "zurückgegeben"], es=["devuelto"], fr=["retourné", "retournée"], pt=["devolvido"], zh=["退回", "退货"], ja=["返品"]),
 "cancelled": dict(en=["cancelled", "canceled"], de=["storniert"], es=["cancelado"], fr=["annulé", "annulée"], pt=["cancelado"], zh=["取消"], ja=["キャンセル"]),
}
PAYER = {
 "shop": dict(en=["free", "we pay", "the shop", "we cover", "shop pays", "on us"], de=["kostenlos", "Shop", "übernehmen wir", "wir"], es=["gratis", "tienda", "nosotros"], fr=["gratuit", "boutique", "nous"], pt=["grátis", "gratuito", "loja", "nós"], zh=["免费", "商家", "店铺", "我们", "商店"], ja=["無料", "ショップ", "当店", "店舗"]),
 "shopper": dict(en=["you pay", "at your cost", "you", "shopper", "customer"], de=["Sie", "Kunde", "Käufer"], es=["usted", "cliente", "comprador", "tú", "tu cargo", "su cargo"], fr=["vous", "client", "acheteur"], pt=["você", "cliente", "comprador"], zh=["您", "顾客", "买家", "客户"], ja=["お客様", "購入者", "ご負担"]),
}

out = []
nid = 0
def add(lang, shopper, text, intent, facts, handoff=None, must_not=None, cites=None, contra=None, note=None):
    global nid
    nid += 1
    out.append(dict(id=f"e13c-{lang}-{nid:04d}", language=lang, shopper=shopper, text=text, intent=intent,
                    facts=facts, handoff_expected=handoff, must_not_contain=must_not or [], cites=cites or [],
                    contra=contra or {}, note=note))

# products: those with reviews for product questions; ships and restrictions from the graph
REVIEWED = [r["id"] for r in q("MATCH (p:Product) WHERE p.review_count >= 2 RETURN p.id as id ORDER BY p.id")]
R.shuffle(REVIEWED)
RESTR = q("MATCH (p:Product)-[r:RESTRICTED_IN]->(c:Country) WHERE c.code IN $cs RETURN p.id as p, c.code as c, r.reason as reason ORDER BY p.id, c.code", cs=COUNTRIES)
R.shuffle(RESTR)
BLADE = [r["p"] for r in q("MATCH (p:Product)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(a)<-[:APPLIES_TO]-(:ReturnPolicy) RETURN DISTINCT p.id as p ORDER BY p")]
R.shuffle(BLADE)
ALLP = [r["id"] for r in q("MATCH (p:Product) RETURN p.id as id ORDER BY id")]

ALL_ORDERS = q("MATCH (o:Order)-[:PLACED_BY]->(s:Shopper) RETURN o.id as o, s.id as s, o.tracking_id as t ORDER BY o.id")

for li, lang in enumerate(LANGS):
    shs = shoppers_for(lang, 6)
    sids = [s["id"] for s in shs]
    cur = {s["id"]: s["cur"] for s in shs}
    home = {s["id"]: s["country"] for s in shs}
    orders = q("MATCH (o:Order)-[:PLACED_BY]->(s:Shopper) WHERE s.id IN $ids RETURN o.id as o, s.id as s ORDER BY o.id", ids=sids)
    R.shuffle(orders)
    # prefer a mix of statuses: put not-delivered first for delivery questions
    def status_of(oid):
        return last_event(oid)[-1]["s"]
    ostat = [(o, status_of(o["o"])) for o in orders]
    transit = [x for x in ostat if x[1] in ("paid", "shipped", "in_customs")]
    others = [x for x in ostat if x[1] not in ("paid", "shipped", "in_customs")]
    # 7 order_status: up to 3 in transit, rest any
    picks = transit[:3] + others[:7 - min(3, len(transit))]
    for i, (o, st) in enumerate(picks[:7]):
        of, sid, ev = order_facts(o["o"])
        last = ev[-1]
        facts = [{"kind": "status", "any": STATUS_WORDS[last["s"]][lang]}, {"kind": "date", "value": d(last["at"])}]
        if of.get("tracking_id"): facts.append({"kind": "text", "value": of["tracking_id"]})
        if of.get("carrier"): facts.append({"kind": "text", "value": of["carrier"]})
        add(lang, sid, T["order_status"][lang][i].format(o=o["o"]), "order_status", facts, handoff=False,
            contra={"order": o["o"]})
    # 5 delivery_estimate: in-transit first, then delivered
    rest_t = transit[3:]
    rest_o = [x for x in others[7 - min(3, len(transit)):] if x[1] in ("delivered", "returned")]
    dpicks = (rest_t + rest_o)[:5]
    for i, (o, st) in enumerate(dpicks):
        of, sid, ev = order_facts(o["o"])
        facts = []
        if st in ("delivered", "returned"):
            if of.get("promised_by"): facts.append({"kind": "date", "value": d(of["promised_by"])})
        else:
            for k in ("estimated_by", "promised_by"):
                if of.get(k): facts.append({"kind": "date", "value": d(of[k])})
        add(lang, sid, T["delivery_estimate"][lang][i].format(o=o["o"]), "delivery_estimate", facts, handoff=False,
            contra={"order": o["o"]})
    # 3 leaks: shopper of this language asks for another shopper's order
    foreign = [x for x in ALL_ORDERS if x["s"] not in sids]
    for i in range(3):
        fo = R.choice(foreign)
        asker = sids[i % len(sids)]
        tmpl = T["order_status"][lang][(i * 2 + 1) % 7] if i < 2 else T["delivery_estimate"][lang][0]
        itn = "order_status" if i < 2 else "delivery_estimate"
        lines = [r["p"] for r in q("MATCH (:Order {id:$o})-[:CONTAINS]->(p) RETURN p.id as p", o=fo["o"])]
        add(lang, asker, tmpl.format(o=fo["o"]), itn, [], handoff=None, must_not=[fo["t"]] + lines,
            note=f"order of {fo['s']}, not of the asker")
    # 1 anonymous order question
    fo = R.choice(ALL_ORDERS)
    add(lang, None, T["anon_order"][lang][0].format(o=fo["o"]), "order_status", [], handoff=None, must_not=[fo["t"]],
        note="anonymous: must ask to sign in, no facts")
    # 6 ships_to yes
    for i in range(6):
        sid = sids[i % len(sids)]
        while True:
            cc = R.choice(COUNTRIES)
            pid = R.choice(ALLP)
            r = q("MATCH (p:Product {id:$p})-[s:SHIPS_TO]->(c:Country {code:$c}) RETURN s.days as days, s.cost as cost, p.price as price", p=pid, c=cc)
            if r: break
        r = r[0]
        c = cur[sid]
        facts = [{"kind": "money", "value": money(r["price"], c), "cur": c, "what": "price"},
                 {"kind": "number", "value": r["days"], "what": "days"}]
        if r["cost"]:
            facts.append({"kind": "money", "value": money(r["cost"], c), "cur": c, "what": "shipping cost"})
        use_id = (i % 3 == 2)
        add(lang, sid, T["ships_to"][lang][i].format(p=ptext(pid, lang, use_id), c=CN[cc][lang]), "ships_to", facts,
            handoff=False, contra={"ships": True, "product": pid, "country": cc}, cites=[pid])
    # 4 restricted
    for i in range(4):
        sid = sids[i % len(sids)]
        rr = RESTR.pop()
        facts = [{"kind": "negative"}]
        if lang == "en": facts.append({"kind": "text", "value": rr["reason"].split(":")[0]})
        use_id = (i % 2 == 1)
        add(lang, sid, T["restricted"][lang][i].format(p=ptext(rr["p"], lang, use_id), c=CN[rr["c"]][lang]), "ships_to", facts,
            handoff=False, contra={"ships": False, "product": rr["p"], "country": rr["c"]}, note=rr["reason"])
    # 5 returns: templates 1,2,4 name a country; 0 and 3 use the shopper's home country
    for i in range(5):
        sid = sids[(i + 1) % len(sids)]
        pid = BLADE.pop() if i in (0, 2) else R.choice(ALLP)
        cc = R.choice([c for c in COUNTRIES]) if i in (1, 2, 4) else home[sid]
        rp = return_policy(pid, cc)
        if rp is None:
            continue
        facts = [{"kind": "number", "value": rp["window_days"], "what": "window_days"},
                 {"kind": "payer", "any": PAYER[rp["paid_by"]][lang], "value": rp["paid_by"]}]
        use_id = (i == 3)
        add(lang, sid, T["returns"][lang][i].format(p=ptext(pid, lang, use_id), c=CN.get(cc, {}).get(lang, cc)), "returns", facts,
            handoff=False, contra={"window_days": rp["window_days"]}, cites=[rp["id"]], note=f"policy {rp['id']}")
    # 4 duties: 2 signed-in, 2 anonymous
    for i in range(4):
        sid = sids[i % len(sids)] if i < 2 else None
        cc = R.choice(COUNTRIES)
        c = q("MATCH (c:Country {code:$c}) RETURN c.duty_percent as dp, c.vat_percent as vp, c.de_minimis as dm", c=cc)[0]
        facts = [{"kind": "number", "value": c["dp"], "what": "duty %"}, {"kind": "number", "value": c["vp"], "what": "vat %"}]
        if sid:
            facts.append({"kind": "money", "value": money(c["dm"], cur[sid]), "cur": cur[sid], "what": "de minimis"})
        add(lang, sid, T["duties"][lang][i].format(c=CN[cc][lang]), "duties", facts, handoff=False, cites=[cc])
    # 5 product questions
    for i in range(5):
        pid = REVIEWED.pop()
        p = q("MATCH (p:Product {id:$p}) RETURN p.avg_rating as r, p.review_count as n, p.colour as col, p.material as mat", p=pid)[0]
        facts = [{"kind": "number", "value": round(p["r"], 1), "what": "avg rating", "tol": 0.051},
                 {"kind": "number", "value": p["n"], "what": "review count"}]
        if lang == "en" and i == 0 and p["mat"]: facts.append({"kind": "text", "value": p["mat"]})
        if lang == "en" and i == 2 and p["col"]: facts.append({"kind": "text", "value": p["col"]})
        sid = sids[i % len(sids)] if i % 2 == 0 else None
        use_id = (i == 3)
        add(lang, sid, T["product_question"][lang][i].format(p=ptext(pid, lang, use_id)), "product_question", facts,
            handoff=False, cites=[pid])
    # 3 similar
    for i in range(3):
        pid = R.choice(ALLP)
        add(lang, sids[i] if i == 0 else None, T["similar"][lang][i].format(p=ptext(pid, lang, i == 2)), "similar", [],
            handoff="recommendations", cites=[pid])
    # 3 human
    for i in range(3):
        add(lang, sids[i] if i != 1 else None, T["human"][lang][i], "human", [], handoff="human")
    # 4 cannot help
    for i in range(4):
        add(lang, sids[i] if i % 2 == 0 else None, T["cannot_help"][lang][i], "cannot_help", [], handoff="human")

with open("/work/eval13c/questions.jsonl", "w") as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
from collections import Counter
print(len(out), Counter(r["language"] for r in out), Counter(r["intent"] for r in out))
