# Hand-written shopper phrasings per intent and language (CC0). Placeholders: {order} {product} {country}
CN = {  # country names as shoppers write them
 'DE': dict(en='Germany', de='Deutschland', es='Alemania', fr='Allemagne', pt='Alemanha', zh='德国', ja='ドイツ'),
 'FR': dict(en='France', de='Frankreich', es='Francia', fr='France', pt='França', zh='法国', ja='フランス'),
 'ES': dict(en='Spain', de='Spanien', es='España', fr='Espagne', pt='Espanha', zh='西班牙', ja='スペイン'),
 'US': dict(en='the US', de='USA', es='Estados Unidos', fr='États-Unis', pt='Estados Unidos', zh='美国', ja='アメリカ'),
 'BR': dict(en='Brazil', de='Brasilien', es='Brasil', fr='Brésil', pt='Brasil', zh='巴西', ja='ブラジル'),
 'JP': dict(en='Japan', de='Japan', es='Japón', fr='Japon', pt='Japão', zh='日本', ja='日本'),
 'CN': dict(en='China', de='China', es='China', fr='Chine', pt='China', zh='中国', ja='中国'),
 'GB': dict(en='the UK', de='Großbritannien', es='Reino Unido', fr='Royaume-Uni', pt='Reino Unido', zh='英国', ja='イギリス'),
 'IT': dict(en='Italy', de='Italien', es='Italia', fr='Italie', pt='Itália', zh='意大利', ja='イタリア'),
 'MX': dict(en='Mexico', de='Mexiko', es='México', fr='Mexique', pt='México', zh='墨西哥', ja='メキシコ'),
 'CA': dict(en='Canada', de='Kanada', es='Canadá', fr='Canada', pt='Canadá', zh='加拿大', ja='カナダ'),
 'AU': dict(en='Australia', de='Australien', es='Australia', fr='Australie', pt='Austrália', zh='澳大利亚', ja='オーストラリア'),
 'CH': dict(en='Switzerland', de='Schweiz', es='Suiza', fr='Suisse', pt='Suíça', zh='瑞士', ja='スイス'),
 'AT': dict(en='Austria', de='Österreich', es='Austria', fr='Autriche', pt='Áustria', zh='奥地利', ja='オーストリア'),
 'NL': dict(en='the Netherlands', de='Niederlande', es='Países Bajos', fr='Pays-Bas', pt='Holanda', zh='荷兰', ja='オランダ'),
 'KR': dict(en='South Korea', de='Südkorea', es='Corea del Sur', fr='Corée du Sud', pt='Coreia do Sul', zh='韩国', ja='韓国'),
 'PT': dict(en='Portugal', de='Portugal', es='Portugal', fr='Portugal', pt='Portugal', zh='葡萄牙', ja='ポルトガル'),
 'SA': dict(en='Saudi Arabia', de='Saudi-Arabien', es='Arabia Saudita', fr='Arabie saoudite', pt='Arábia Saudita', zh='沙特阿拉伯', ja='サウジアラビア'),
 'IN': dict(en='India', de='Indien', es='India', fr='Inde', pt='Índia', zh='印度', ja='インド'),
 'ZA': dict(en='South Africa', de='Südafrika', es='Sudáfrica', fr='Afrique du Sud', pt='África do Sul', zh='南非', ja='南アフリカ'),
 'SE': dict(en='Sweden', de='Schweden', es='Suecia', fr='Suède', pt='Suécia', zh='瑞典', ja='スウェーデン'),
 'AR': dict(en='Argentina', de='Argentinien', es='Argentina', fr='Argentine', pt='Argentina', zh='阿根廷', ja='アルゼンチン'),
 'TR': dict(en='Turkey', de='Türkei', es='Turquía', fr='Turquie', pt='Turquia', zh='土耳其', ja='トルコ'),
 'NO': dict(en='Norway', de='Norwegen', es='Noruega', fr='Norvège', pt='Noruega', zh='挪威', ja='ノルウェー'),
}

P = {
'where_order': {
 'en': ["where is my order {order}?", "hi, any news on {order}? it's been a while", "can u check order {order} for me pls", "whats the status of {order}", "Order {order} - where is it now? tracking?"],
 'de': ["Wo ist meine Bestellung {order}?", "Hallo, wie ist der Stand bei {order}?", "was ist mit meiner bestelung {order} los", "Können Sie mir sagen wo mein Paket {order} gerade ist?", "Status von Auftrag {order} bitte"],
 'es': ["¿Dónde está mi pedido {order}?", "hola, como va mi pedido {order}??", "quiero saber el estado del pedido {order}", "me pueden decir donde anda el paquete {order}", "Pedido {order}: ¿en qué estado está?"],
 'fr': ["Où en est ma commande {order} ?", "bonjour, ou est mon colis {order}", "Pouvez-vous me donner le statut de la commande {order} ?", "je n'ai pas de nouvelles de ma commande {order}, vous pouvez vérifier ?", "suivi de la commande {order} svp"],
 'pt': ["Onde está o meu pedido {order}?", "oi, qual o status do pedido {order}?", "vcs podem ver onde ta minha encomenda {order}", "Gostaria de saber a situação da encomenda {order}", "pedido {order} - cadê? rastreio?"],
 'zh': ["我的订单{order}到哪了？", "请帮我查一下订单 {order} 的状态", "订单{order}现在什么情况", "你好，我想查询订单{order}的物流", "{order} 这个单子发货了吗"],
 'ja': ["注文{order}はどこにありますか？", "注文 {order} の状況を教えてください", "{order}の配送状況を確認したいです", "すみません、注文{order}ってどうなってますか", "注文番号{order}の追跡をお願いします"],
},
'where_order_noid': {
 'en': ["where's my order?", "has my package shipped yet?"],
 'de': ["Wo bleibt meine Bestellung?", "ist mein paket schon unterwegs?"],
 'es': ["¿dónde está mi pedido?", "ya enviaron mi paquete?"],
 'fr': ["où est ma commande ?", "mon colis est parti ?"],
 'pt': ["cadê meu pedido?", "minha encomenda já foi enviada?"],
 'zh': ["我的订单在哪里？", "我的包裹发货了没有"],
 'ja': ["私の注文はどこですか？", "荷物はもう発送されましたか？"],
},
'when_arrive': {
 'en': ["when will order {order} arrive?", "when does {order} get here", "what's the delivery date for {order}?", "how long until i get my order {order}"],
 'de': ["Wann kommt meine Bestellung {order} an?", "wann wird {order} geliefert?", "Liefertermin für {order}?", "wie lange dauert es noch bis {order} da ist"],
 'es': ["¿Cuándo llega mi pedido {order}?", "cuando me entregan el pedido {order}", "fecha de entrega del pedido {order}?", "cuánto falta para que llegue {order}"],
 'fr': ["Quand vais-je recevoir la commande {order} ?", "quand arrive ma commande {order}", "date de livraison prévue pour {order} ?", "ma commande {order} sera livrée quand ?"],
 'pt': ["Quando chega o meu pedido {order}?", "qdo vai ser entregue o pedido {order}", "qual a data de entrega do pedido {order}?", "quanto tempo falta pra chegar a encomenda {order}"],
 'zh': ["订单{order}什么时候到？", "{order}预计几号送达", "我的订单 {order} 还要多久才能到", "请问订单{order}的预计到货时间"],
 'ja': ["注文{order}はいつ届きますか？", "{order}の到着予定日を教えて", "注文 {order} はあと何日で届きますか", "{order}のお届け予定はいつですか"],
},
'when_arrive_noid': {
 'en': ["when will my order arrive?"], 'de': ["Wann kommt mein Paket?"], 'es': ["¿cuándo llega mi pedido?"],
 'fr': ["quand est-ce que je vais recevoir ma commande ?"], 'pt': ["quando chega minha encomenda?"],
 'zh': ["我的快递什么时候能到？"], 'ja': ["注文した商品はいつ届きますか？"],
},
'other_order': {
 'en': ["where is order {order}?", "when will {order} be delivered?"],
 'de': ["Wo ist die Bestellung {order}?", "Wann wird {order} zugestellt?"],
 'es': ["¿Dónde está el pedido {order}?", "cuándo llega el pedido {order}"],
 'fr': ["Où est la commande {order} ?", "quand sera livrée la commande {order} ?"],
 'pt': ["Onde está o pedido {order}?", "quando chega o pedido {order}?"],
 'zh': ["订单{order}在哪里？", "{order}什么时候送到"],
 'ja': ["注文{order}はどこですか？", "{order}はいつ届きますか"],
},
'anon_order': {
 'en': ["where is my order {order}"], 'de': ["wo ist meine Bestellung {order}"], 'es': ["dónde está mi pedido {order}"],
 'fr': ["où est ma commande {order}"], 'pt': ["onde está meu pedido {order}"], 'zh': ["我的订单{order}在哪"], 'ja': ["注文{order}はどこですか"],
},
'ship_yes': {
 'en': ["can I get {product} shipped to {country}? how much is it in my currency", "do you ship {product} to {country} and what's the total?", "Is {product} available for delivery to {country}? price?", "how much would {product} cost me delivered to {country}"],
 'de': ["Kann ich {product} nach {country} liefern lassen? Was kostet das in meiner Währung?", "liefert ihr {product} nach {country}? und was kostet es?", "Versand von {product} nach {country} möglich? Preis?", "was kostet {product} mit versand nach {country}"],
 'es': ["¿Pueden enviar {product} a {country}? ¿cuánto cuesta en mi moneda?", "hacen envíos de {product} a {country}? precio?", "me llega {product} a {country}? cuanto sale", "¿Cuánto me costaría {product} con envío a {country}?"],
 'fr': ["Pouvez-vous livrer {product} en {country} ? Combien ça coûte dans ma devise ?", "vous expédiez {product} vers {country} ? quel prix ?", "Est-ce que {product} peut être envoyé en {country}, et à quel prix ?", "combien coute {product} livré en {country}"],
 'pt': ["Vocês enviam {product} para {country}? Quanto custa na minha moeda?", "da pra mandar {product} pro {country}? qual o preço", "É possível entregar {product} em {country}? valor?", "quanto fica {product} com entrega para {country}"],
 'zh': ["{product}可以寄到{country}吗？用我的货币多少钱？", "{product}能发货到{country}吗，价格是多少", "请问{product}送到{country}要多少钱", "{product}配送到{country}可以吗？总共多少钱？"],
 'ja': ["{product}は{country}に発送できますか？私の通貨でいくらですか？", "{product}を{country}へ送ってもらえますか？値段は？", "{country}まで{product}を配送できますか", "{product}を{country}に届けてもらうといくらかかりますか"],
},
'ship_yes_anon': {
 'en': ["do you deliver {product} to {country}?"], 'de': ["Liefert ihr {product} nach {country}?"], 'es': ["¿envían {product} a {country}?"],
 'fr': ["livrez-vous {product} en {country} ?"], 'pt': ["vocês entregam {product} em {country}?"], 'zh': ["{product}可以送到{country}吗？"], 'ja': ["{product}は{country}に届けられますか？"],
},
'ship_no': {
 'en': ["can you ship {product} to {country}?", "I want {product} delivered to {country}, possible?"],
 'de': ["Könnt ihr {product} nach {country} schicken?", "Ich möchte {product} nach {country} bestellen, geht das?"],
 'es': ["¿Se puede enviar {product} a {country}?", "quiero pedir {product} para {country}, se puede?"],
 'fr': ["Est-ce que vous pouvez envoyer {product} en {country} ?", "je voudrais commander {product} pour {country}, c'est possible ?"],
 'pt': ["Dá para enviar {product} para {country}?", "quero pedir {product} para {country}, pode?"],
 'zh': ["{product}能寄到{country}吗？", "我想把{product}买到{country}，可以吗"],
 'ja': ["{product}を{country}に送れますか？", "{country}で{product}を注文したいのですが可能ですか"],
},
'restricted_why': {
 'en': ["why can't I order {product} to {country}?", "it says {product} is restricted in {country} - why??"],
 'de': ["Warum kann ich {product} nicht nach {country} bestellen?", "wieso ist {product} für {country} gesperrt"],
 'es': ["¿Por qué no puedo pedir {product} a {country}?", "por que {product} no se envia a {country}?"],
 'fr': ["Pourquoi je ne peux pas commander {product} en {country} ?", "pourquoi {product} est bloqué pour {country} ?"],
 'pt': ["Por que não consigo pedir {product} para {country}?", "pq {product} não pode ir pro {country}?"],
 'zh': ["为什么{product}不能寄到{country}？", "{product}为什么在{country}受限制"],
 'ja': ["なぜ{product}を{country}に注文できないのですか？", "{product}が{country}に送れない理由は？"],
},
'returns_product': {
 'en': ["how do I return {product} in {country} and who pays for it?", "can i send back {product}? I live in {country}", "return policy for {product} to {country}?"],
 'de': ["Wie kann ich {product} in {country} zurückschicken und wer zahlt den Rückversand?", "kann ich {product} zurückgeben? ich wohne in {country}", "Rückgabe von {product} nach {country} - wie lange habe ich Zeit?"],
 'es': ["¿Cómo devuelvo {product} en {country} y quién paga el envío?", "puedo devolver {product}? vivo en {country}", "política de devolución de {product} para {country}?"],
 'fr': ["Comment retourner {product} en {country} et qui paie le retour ?", "je peux renvoyer {product} ? j'habite en {country}", "conditions de retour pour {product} en {country} ?"],
 'pt': ["Como devolvo {product} em {country} e quem paga o frete?", "posso devolver {product}? moro em {country}", "política de devolução do {product} para {country}?"],
 'zh': ["在{country}怎么退{product}，运费谁出？", "{product}可以退货吗？我住在{country}", "{product}退到{country}的退货政策是什么"],
 'ja': ["{country}で{product}を返品するには？送料は誰が払いますか？", "{product}は返品できますか？{country}に住んでいます", "{country}での{product}の返品ポリシーを教えて"],
},
'returns_home': {
 'en': ["I'd like to return {product}, how many days do I have?"], 'de': ["Ich möchte {product} zurückgeben, wie viele Tage habe ich?"],
 'es': ["Quiero devolver {product}, ¿cuántos días tengo?"], 'fr': ["Je veux retourner {product}, j'ai combien de jours ?"],
 'pt': ["Quero devolver {product}, quantos dias eu tenho?"], 'zh': ["我想退{product}，有几天退货期？"], 'ja': ["{product}を返品したいです。何日以内なら返品できますか？"],
},
'returns_order': {
 'en': ["how do I return my order {order}? do I pay the postage?"], 'de': ["Wie schicke ich die Bestellung {order} zurück? Muss ich das Porto zahlen?"],
 'es': ["¿Cómo devuelvo el pedido {order}? ¿pago yo el envío?"], 'fr': ["comment je renvoie la commande {order} ? c'est moi qui paie le port ?"],
 'pt': ["como faço pra devolver o pedido {order}? eu pago o frete?"], 'zh': ["订单{order}怎么退货？退货运费要我付吗？"], 'ja': ["注文{order}を返品するには？返送料は自分持ちですか？"],
},
'duties_country': {
 'en': ["what import duties will I pay in {country}?", "customs fees and vat for {country}?", "will i get charged duty if i order to {country}"],
 'de': ["Welche Zollgebühren fallen in {country} an?", "wie hoch sind zoll und mehrwertsteuer für {country}?", "muss ich bei lieferung nach {country} zoll zahlen"],
 'es': ["¿Qué aranceles tengo que pagar en {country}?", "impuestos de aduana e IVA para {country}?", "me cobran aduana si pido a {country}"],
 'fr': ["Quels droits de douane vais-je payer en {country} ?", "frais de douane et TVA pour {country} ?", "est-ce que je paierai la douane si je commande en {country}"],
 'pt': ["Quais impostos de importação vou pagar em {country}?", "taxas de alfândega e imposto pra {country}?", "vou pagar taxa de importação se pedir pro {country}"],
 'zh': ["寄到{country}要交多少关税？", "{country}的进口关税和增值税是多少", "买到{country}会被收关税吗"],
 'ja': ["{country}への関税はいくらですか？", "{country}の輸入関税と消費税は？", "{country}に送ると関税がかかりますか"],
},
'duties_home': {
 'en': ["do I have to pay customs duties on my orders?"], 'de': ["Muss ich auf meine Bestellungen Zoll zahlen?"], 'es': ["¿tengo que pagar aduana por mis compras?"],
 'fr': ["Est-ce que je dois payer des droits de douane sur mes commandes ?"], 'pt': ["tenho que pagar imposto de importação nas minhas compras?"],
 'zh': ["我买东西要交关税吗？"], 'ja': ["注文に関税はかかりますか？"],
},
'prod_colour': {
 'en': ["what colour is {product}?"], 'de': ["Welche Farbe hat {product}?"], 'es': ["¿de qué color es {product}?"], 'fr': ["{product}, c'est quelle couleur ?"],
 'pt': ["qual é a cor do {product}?"], 'zh': ["{product}是什么颜色的？"], 'ja': ["{product}は何色ですか？"],
},
'prod_material': {
 'en': ["what is {product} made of?"], 'de': ["Aus welchem Material ist {product}?"], 'es': ["¿de qué material es {product}?"], 'fr': ["{product} est en quelle matière ?"],
 'pt': ["de que material é feito {product}?"], 'zh': ["{product}是什么材质的？"], 'ja': ["{product}の素材は何ですか？"],
},
'prod_size': {
 'en': ["which size is {product}?"], 'de': ["welche Größe hat {product}?"], 'es': ["¿qué talla es {product}?"], 'fr': ["quelle est la taille de {product} ?"],
 'pt': ["qual o tamanho do {product}?"], 'zh': ["{product}是什么尺寸？"], 'ja': ["{product}のサイズは？"],
},
'prod_rating': {
 'en': ["is {product} any good? what do reviews say"], 'de': ["Ist {product} gut? Wie sind die Bewertungen?"], 'es': ["¿{product} es bueno? ¿qué dicen las reseñas?"],
 'fr': ["{product} vaut le coup ? que disent les avis ?"], 'pt': ["{product} é bom? o que dizem as avaliações?"], 'zh': ["{product}好用吗？评价怎么样？"], 'ja': ["{product}の評判はどうですか？"],
},
'prod_aspect': {
 'en': ["how's the quality of {product}?"], 'de': ["Wie ist die Qualität von {product}?"], 'es': ["¿qué tal la calidad de {product}?"],
 'fr': ["la qualité de {product} est bonne ?"], 'pt': ["a qualidade do {product} é boa?"], 'zh': ["{product}质量怎么样？"], 'ja': ["{product}の品質はどうですか？"],
},
'similar': {
 'en': ["show me something like {product}", "got anything similar to {product}?", "I like {product}, any alternatives?"],
 'de': ["Zeig mir etwas Ähnliches wie {product}", "habt ihr was ähnliches wie {product}?", "Gibt es Alternativen zu {product}?"],
 'es': ["Muéstrame algo parecido a {product}", "tienen algo similar a {product}?", "¿Hay alternativas a {product}?"],
 'fr': ["Montrez-moi quelque chose comme {product}", "vous avez un truc similaire à {product} ?", "des alternatives à {product} ?"],
 'pt': ["Me mostra algo parecido com {product}", "tem algo semelhante a {product}?", "Quais alternativas ao {product}?"],
 'zh': ["给我看看和{product}类似的东西", "有没有跟{product}差不多的", "推荐一些类似{product}的商品"],
 'ja': ["{product}に似た商品を見せて", "{product}みたいなものはありますか", "{product}の代わりになる商品は？"],
},
'human': {
 'en': ["I want to talk to a real person", "can i speak to an agent please", "get me a human, this isn't helping"],
 'de': ["Ich möchte mit einem Mitarbeiter sprechen", "bitte einen echten Menschen", "kann ich mit jemandem vom Kundenservice reden?"],
 'es': ["Quiero hablar con una persona", "pásame con un agente por favor", "necesito hablar con alguien de atención al cliente"],
 'fr': ["Je veux parler à un conseiller", "passez-moi un humain svp", "je peux parler à quelqu'un du service client ?"],
 'pt': ["Quero falar com um atendente", "me passa pra uma pessoa de verdade", "posso falar com alguém do suporte?"],
 'zh': ["我要找人工客服", "转人工", "能让真人来回答吗"],
 'ja': ["オペレーターと話したいです", "人間の担当者につないでください", "スタッフに直接相談できますか"],
},
'offtopic': {
 'en': ["what's the weather like in Paris tomorrow?", "who won the world cup in 2014"],
 'de': ["Wie wird das Wetter morgen in Berlin?", "Kannst du mir ein Rezept für Apfelstrudel geben?"],
 'es': ["¿Quién ganó la liga el año pasado?", "dime un chiste"],
 'fr': ["Quelle est la capitale de l'Australie ?", "écris-moi un poème sur la mer"],
 'pt': ["qual a previsão do tempo pra amanhã?", "quem descobriu o Brasil?"],
 'zh': ["明天北京天气怎么样？", "给我讲个笑话"],
 'ja': ["明日の東京の天気は？", "おすすめのラーメン屋を教えて"],
},
'gibberish': {
 'en': ["asdkj qwpeo zzxm", "??!!.."], 'de': ["jjjkkk lööp", "hmmmmm xyz 123"], 'es': ["ñññ ajsdh qwe", "lkjh poiu"],
 'fr': ["zzzzz bjrrr", "azerty uiop"], 'pt': ["kkkkkkkk", "ãããã sdfg"], 'zh': ["啊啊啊啊 qwe", "呃呃呃 …"], 'ja': ["ああああ", "ｗｗｗｗ ｑｑ"],
},
}

COUNTS = dict(where_order=5, where_order_noid=2, when_arrive=4, when_arrive_noid=1, other_order=2, anon_order=1,
              ship_yes=4, ship_yes_anon=1, ship_no=2, restricted_why=2, returns_product=3, returns_home=1, returns_order=1,
              duties_country=3, duties_home=1, prod_colour=1, prod_material=1, prod_size=1, prod_rating=1, prod_aspect=1,
              similar=3, human=3, offtopic=2, gibberish=2)

# my intent names -> the API's (read from AssistantReply.intent's description)
API_INTENT = dict(where_order='order_status', where_order_noid='order_status', when_arrive='delivery_estimate',
  when_arrive_noid='delivery_estimate', other_order='order_status', anon_order='order_status', ship_yes='ships_to',
  ship_yes_anon='ships_to', ship_no='ships_to', restricted_why='ships_to', returns_product='returns', returns_home='returns',
  returns_order='returns', duties_country='duties', duties_home='duties', prod_colour='product_question',
  prod_material='product_question', prod_size='product_question', prod_rating='product_question',
  prod_aspect='product_question', similar='similar', human='human', offtopic='human', gibberish='human')

# prepositional forms where a language needs them (German, French, Portuguese)
DE_SPECIAL = {'CH': ('in die Schweiz', 'in der Schweiz'), 'US': ('in die USA', 'in den USA'), 'TR': ('in die Türkei', 'in der Türkei'),
              'NL': ('in die Niederlande', 'in den Niederlanden')}
FR_MASC = {'CA': 'au Canada', 'JP': 'au Japon', 'BR': 'au Brésil', 'MX': 'au Mexique', 'GB': 'au Royaume-Uni', 'PT': 'au Portugal',
           'US': 'aux États-Unis', 'NL': 'aux Pays-Bas'}
PT_ART = {'JP': 'o', 'BR': 'o', 'MX': 'o', 'CA': 'o', 'GB': 'o', 'US': 'os', 'NL': 'a', 'CN': 'a', 'DE': 'a', 'FR': 'a', 'ES': 'a', 'IT': 'a',
          'AU': 'a', 'CH': 'a', 'AT': 'a', 'KR': 'a', 'SA': 'a', 'IN': 'a', 'ZA': 'a', 'SE': 'a', 'AR': 'a', 'TR': 'a', 'NO': 'a', 'PT': ''}
def cphrase(code, lang):
    n = CN[code][lang]
    if lang == 'de':
        to, inn = DE_SPECIAL.get(code, ('nach ' + n, 'in ' + n))
    elif lang == 'fr':
        to = inn = FR_MASC.get(code, 'en ' + n)
    elif lang == 'pt':
        a = PT_ART[code]
        to = f'para {a} {n}'.replace('  ', ' ') if a else 'para ' + n
        inn = {'o': 'no ', 'os': 'nos ', 'a': 'na ', '': 'em '}[a] + n
    else:
        to = inn = None
    return dict(country=n, to_country=to, in_country=inn)

FIX = {
 'de': {
  'ship_yes': ["Kann ich {product} {to_country} liefern lassen? Was kostet das in meiner Währung?", "liefert ihr {product} {to_country}? und was kostet es?", "Versand von {product} {to_country} möglich? Preis?", "was kostet {product} mit versand {to_country}"],
  'ship_yes_anon': ["Liefert ihr {product} {to_country}?"],
  'ship_no': ["Könnt ihr {product} {to_country} schicken?", "Ich möchte {product} {to_country} bestellen, geht das?"],
  'restricted_why': ["Warum kann ich {product} nicht {to_country} bestellen?", "wieso kann man {product} nicht {to_country} schicken"],
  'returns_product': ["Wie kann ich {product} {in_country} zurückschicken und wer zahlt den Rückversand?", "kann ich {product} zurückgeben? ich wohne {in_country}", "Rückgabe von {product} {in_country} - wie lange habe ich Zeit?"],
  'duties_country': ["Welche Zollgebühren fallen {in_country} an?", "wie hoch sind zoll und mehrwertsteuer {in_country}?", "muss ich bei lieferung {to_country} zoll zahlen"],
 },
 'fr': {
  'ship_yes': ["Pouvez-vous livrer {product} {in_country} ? Combien ça coûte dans ma devise ?", "vous expédiez {product} {in_country} ? quel prix ?", "Est-ce que {product} peut être envoyé {in_country}, et à quel prix ?", "combien coute {product} livré {in_country}"],
  'ship_yes_anon': ["livrez-vous {product} {in_country} ?"],
  'ship_no': ["Est-ce que vous pouvez envoyer {product} {in_country} ?", "je voudrais commander {product} avec livraison {in_country}, c'est possible ?"],
  'restricted_why': ["Pourquoi je ne peux pas commander {product} {in_country} ?", "pourquoi {product} n'est pas livrable {in_country} ?"],
  'returns_product': ["Comment retourner {product} {in_country} et qui paie le retour ?", "je peux renvoyer {product} ? j'habite {in_country}", "conditions de retour pour {product} {in_country} ?"],
  'duties_country': ["Quels droits de douane vais-je payer {in_country} ?", "frais de douane et TVA {in_country} ?", "est-ce que je paierai la douane si je commande {in_country}"],
 },
 'pt': {
  'ship_yes': ["Vocês enviam {product} {to_country}? Quanto custa na minha moeda?", "da pra mandar {product} {to_country}? qual o preço", "É possível entregar {product} {in_country}? valor?", "quanto fica {product} com entrega {to_country}"],
  'ship_yes_anon': ["vocês entregam {product} {in_country}?"],
  'ship_no': ["Dá para enviar {product} {to_country}?", "quero pedir {product} {to_country}, pode?"],
  'restricted_why': ["Por que não consigo pedir {product} {to_country}?", "pq {product} não pode ir {to_country}?"],
  'returns_product': ["Como devolvo {product} {in_country} e quem paga o frete?", "posso devolver {product}? moro {in_country}", "política de devolução do {product} {to_country}?"],
  'duties_country': ["Quais impostos de importação vou pagar {in_country}?", "taxas de alfândega e imposto {to_country}?", "vou pagar taxa de importação se pedir {to_country}"],
 },
}
for _lang, _d in FIX.items():
    for _intent, _l in _d.items():
        P[_intent][_lang] = _l
