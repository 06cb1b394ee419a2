"""Write labels.jsonl: 140 shopper queries (20 per language) with the slots a shopper means.

Own work, CC0. Written before any query was sent to the API.
Fields: id, query, language, category (expected gpt id or null), also_ok (other acceptable
category ids), colour, brand (brand id), max_price, currency, ship_to, recipient, age_group,
material, no_match, class.
Classes: colloquial, head-noun, gift, budget, brand, destination, typo, unsold, nomatch, nonsense.
"""
import json
import os

H = os.path.dirname(os.path.abspath(__file__))

SP, CK, BC, PC, BIB, BM, QU, BR, CV, BE, ROD, RC, KI, OM, UM = (
    "gpt:1021", "gpt:1016", "gpt:538", "gpt:566", "gpt:2125", "gpt:577", "gpt:505287", "gpt:18",
    "gpt:19", "gpt:32", "gpt:4927", "gpt:8272", "gpt:3460", "gpt:670", "gpt:4358")
SLEEPING_BAGS, TENTS = "gpt:1020", "gpt:1022"


def q(lang, query, cat, cls, **kw):
    return dict(query=query, language=lang, category=cat, also_ok=kw.get("also", []), colour=kw.get("colour"),
                brand=kw.get("brand"), max_price=kw.get("maxp"), currency=kw.get("cur"), ship_to=kw.get("ship"),
                recipient=kw.get("recip"), age_group=kw.get("age"), material=kw.get("mat"),
                no_match=kw.get("nomatch", False), **{"class": cls})


Q = [
    # ---------------- en
    q("en", "green camping mat", SP, "colloquial", colour="green"),
    q("en", "mess kit for backpacking", CK, "head-noun"),
    q("en", "baby sling grey", BC, "colloquial", colour="grey"),
    q("en", "blue binky", PC, "colloquial", colour="blue"),
    q("en", "oven gloves under £15", OM, "budget", maxp=15, cur="GBP"),
    q("en", "fishing pole ship to Brazil", ROD, "destination", ship="BR"),
    q("en", "case for a fly rod", RC, "head-noun"),
    q("en", "something for a dad who loves fishing", ROD, "gift", also=[RC], recip="dad"),
    q("en", "gift for my daughter who loves making bracelets", BE, "gift", recip="daughter"),
    q("en", "Skyfable kite to Kenya", KI, "brand", brand="b-skyfable", ship="KE"),
    q("en", "brolly under 20 euros", UM, "budget", maxp=20, cur="EUR"),
    q("en", "paintbrushes for watercolour", BR, "head-noun"),
    q("en", "stretched canvas for oil painting", CV, "head-noun"),
    q("en", "Regnar umbrela", UM, "typo", brand="b-regnar"),
    q("en", "duvet delivered to Japan", QU, "destination", ship="JP"),
    q("en", "white shower rug", BM, "colloquial", colour="white"),
    q("en", "dribble bib yellow", BIB, "colloquial", colour="yellow"),
    q("en", "baby carrier to Kenya", BC, "nomatch", ship="KE", nomatch=True),
    q("en", "sleeping bag", None, "unsold", also=[SLEEPING_BAGS], nomatch=True),
    q("en", "zxqv blorft", None, "nonsense", nomatch=True),
    # ---------------- de
    q("de", "Thermomatte fürs Zelt", SP, "head-noun"),
    q("de", "qwrtz plönk", None, "nonsense", nomatch=True),
    q("de", "Babytrage schwarz", BC, "colloquial", colour="black"),
    q("de", "Nuckel rosa", PC, "colloquial", colour="pink"),
    q("de", "Sabberlätzchen unter 10 €", BIB, "budget", maxp=10, cur="EUR"),
    q("de", "Duschvorleger grau", BM, "colloquial", colour="grey"),
    q("de", "Bettdecke für den Sommer", QU, "colloquial"),
    q("de", "Pinsel für Acrylfarben", BR, "head-noun"),
    q("de", "Leinwand zum Malen nach Kenia", CV, "destination", ship="KE"),
    q("de", "Bastelperlen lila", BE, "colloquial", colour="purple"),
    q("de", "Angel für Forellen", ROD, "colloquial"),
    q("de", "Tasche für meine Angelrute", RC, "head-noun"),
    q("de", "Lenkdrachen nach Brasilien", KI, "destination", ship="BR"),
    q("de", "Grillhandschuhe schwarz", OM, "colloquial", colour="black"),
    q("de", "Regenschirm rot unter 30 Euro", UM, "budget", colour="red", maxp=30, cur="EUR"),
    q("de", "Geschenk für Opa, der gern angelt", ROD, "gift", also=[RC], recip="grandpa"),
    q("de", "Korvo Rutentasche in die Schweiz", RC, "nomatch", brand="b-korvo", ship="CH", nomatch=True),
    q("de", "Topflappen von Cucina Rossa", OM, "brand", brand="b-cucina"),
    q("de", "Schlafsack für Kinder", None, "unsold", also=[SLEEPING_BAGS], recip="child", age="kids", nomatch=True),
    q("de", "Flugdrachn gelb", KI, "typo", colour="yellow"),
    # ---------------- es
    q("es", "esterilla para acampar naranja", SP, "colloquial", colour="orange"),
    q("es", "cazo de acampada", CK, "colloquial"),
    q("es", "mochila para llevar al bebé", BC, "head-noun"),
    q("es", "chupón azul", PC, "colloquial", colour="blue"),
    q("es", "babero de silicona", BIB, "colloquial", mat="silicone"),
    q("es", "alfombrilla de ducha antideslizante", BM, "colloquial"),
    q("es", "nórdico de plumas para cama de matrimonio", QU, "head-noun"),
    q("es", "pinceles para acuarela", BR, "head-noun"),
    q("es", "lienzo para pintar con envío a México", CV, "destination", ship="MX"),
    q("es", "abalorios para pulseras", BE, "head-noun"),
    q("es", "caña de pescar Ryuzan", ROD, "brand", brand="b-ryuzan"),
    q("es", "funda para caña de pescar", RC, "head-noun"),
    q("es", "papalote para niños", KI, "colloquial", recip="child", age="kids"),
    q("es", "guantes para el horno rojos", OM, "head-noun", colour="red"),
    q("es", "paraguas plegable por menos de 25 €", UM, "budget", maxp=25, cur="EUR"),
    q("es", "regalo para mi abuela que pinta cuadros", BR, "gift", also=[CV], recip="grandma"),
    q("es", "edredón a Brasil", QU, "nomatch", ship="BR", nomatch=True),
    q("es", "Pequeño Sol babero amarillo", BIB, "brand", brand="b-pequesol", colour="yellow"),
    q("es", "saco de dormir", None, "unsold", also=[SLEEPING_BAGS], nomatch=True),
    q("es", "ñlkj asdpoi", None, "nonsense", nomatch=True),
    # ---------------- fr
    q("fr", "matelas de sol pour le camping", SP, "colloquial"),
    q("fr", "popote de randonnée", CK, "colloquial"),
    q("fr", "porte-bébé beige", BC, "colloquial", colour="beige"),
    q("fr", "tétine verte", PC, "colloquial", colour="green"),
    q("fr", "bavoir à manches", BIB, "colloquial"),
    q("fr", "tapis de bain blanc", BM, "colloquial", colour="white"),
    q("fr", "couette d'hiver livraison en Suisse", QU, "destination", ship="CH"),
    q("fr", "pinceau pour l'aquarelle", BR, "head-noun"),
    q("fr", "toile à peindre moins de 20 €", CV, "budget", maxp=20, cur="EUR"),
    q("fr", "perles pour faire des bracelets", BE, "head-noun"),
    q("fr", "canne a peche telescopique", ROD, "typo"),
    q("fr", "housse pour canne à pêche", RC, "head-noun"),
    q("fr", "cerf-volant livraison au Japon", KI, "destination", ship="JP"),
    q("fr", "manique rouge", OM, "colloquial", colour="red"),
    q("fr", "parapluie transparent à moins de 40 dollars canadiens", UM, "budget", colour="transparent", maxp=40, cur="CAD"),
    q("fr", "cadeau pour un papa qui aime pêcher", ROD, "gift", also=[RC], recip="dad"),
    q("fr", "Beadora perles dorées", BE, "brand", brand="b-beadora", colour="gold"),
    q("fr", "porte-bébé livraison au Kenya", BC, "nomatch", ship="KE", nomatch=True),
    q("fr", "sac de couchage", None, "unsold", also=[SLEEPING_BAGS], nomatch=True),
    q("fr", "blorp frimble", None, "nonsense", nomatch=True),
    # ---------------- pt
    q("pt", "isolante térmico para barraca", SP, "head-noun"),
    q("pt", "kit de panelas para acampar", CK, "colloquial"),
    q("pt", "sling de bebê rosa", BC, "colloquial", colour="pink"),
    q("pt", "chupeta azul", PC, "colloquial", colour="blue"),
    q("pt", "babador impermeável", BIB, "colloquial"),
    q("pt", "tapete para box do banheiro", BM, "head-noun"),
    q("pt", "edredom de casal para Portugal", QU, "destination", ship="PT"),
    q("pt", "pincel para pintura a óleo", BR, "head-noun"),
    q("pt", "tela de pintura até R$ 100", CV, "budget", maxp=100, cur="BRL"),
    q("pt", "miçangas para pulseira", BE, "head-noun"),
    q("pt", "vara de pesca para o Brasil", ROD, "destination", ship="BR"),
    q("pt", "capa para vara de pesca", RC, "head-noun"),
    q("pt", "papagaio de papel vermelho", KI, "colloquial", colour="red"),
    q("pt", "luva térmica de cozinha", OM, "colloquial"),
    q("pt", "guarda-chuva preto até 40 euros", UM, "budget", colour="black", maxp=40, cur="EUR"),
    q("pt", "presente para minha avó que faz pulseiras", BE, "gift", recip="grandma"),
    q("pt", "pincéis Pincelada", BR, "brand", brand="b-pincelada"),
    q("pt", "guarda-chuva para o Brasil", UM, "nomatch", ship="BR", nomatch=True),
    q("pt", "barraca de camping", None, "unsold", also=[TENTS], nomatch=True),
    q("pt", "xablau ploft", None, "nonsense", nomatch=True),
    # ---------------- zh
    q("zh", "露营防潮垫", SP, "colloquial"),
    q("zh", "露营锅具套装", CK, "colloquial"),
    q("zh", "婴儿背带 灰色", BC, "colloquial", colour="grey"),
    q("zh", "安抚奶嘴 寄到日本", PC, "destination", ship="JP"),
    q("zh", "宝宝围兜 黄色", BIB, "colloquial", colour="yellow"),
    q("zh", "浴室防滑垫", BM, "colloquial"),
    q("zh", "羽绒被 100欧元以内", QU, "budget", maxp=100, cur="EUR"),
    q("zh", "水彩画笔", BR, "colloquial"),
    q("zh", "油画布", CV, "colloquial"),
    q("zh", "紫色串珠", BE, "colloquial", colour="purple"),
    q("zh", "鱼竿 500元以内", ROD, "budget", maxp=500, cur="CNY"),
    q("zh", "鱼竿包", RC, "head-noun"),
    q("zh", "风筝 寄到肯尼亚", KI, "destination", ship="KE"),
    q("zh", "烤箱手套", OM, "head-noun"),
    q("zh", "黑色折叠伞", UM, "colloquial", colour="black"),
    q("zh", "送给爸爸的钓鱼礼物", ROD, "gift", also=[RC], recip="dad"),
    q("zh", "Mimobu 婴儿背带", BC, "brand", brand="b-mimobu"),
    q("zh", "被子 寄到巴西", QU, "nomatch", ship="BR", nomatch=True),
    q("zh", "睡袋", None, "unsold", also=[SLEEPING_BAGS], nomatch=True),
    q("zh", "火星土豆发射器", None, "nonsense", nomatch=True),
    # ---------------- ja
    q("ja", "キャンプマット 青", SP, "colloquial", colour="blue"),
    q("ja", "キャンプ用クッカー", CK, "colloquial"),
    q("ja", "抱っこ紐 ベージュ", BC, "colloquial", colour="beige"),
    q("ja", "おしゃぶり 白", PC, "colloquial", colour="white"),
    q("ja", "スタイ ピンク", BIB, "colloquial", colour="pink"),
    q("ja", "珪藻土バスマット", BM, "colloquial", mat="diatomite"),
    q("ja", "羽毛布団 3万円以下", QU, "budget", maxp=30000, cur="JPY"),
    q("ja", "絵筆セット", BR, "colloquial"),
    q("ja", "油絵用キャンバス", CV, "head-noun"),
    q("ja", "アクセサリー作り用ビーズ", BE, "head-noun"),
    q("ja", "釣り竿 ブラジルに発送", ROD, "destination", ship="BR"),
    q("ja", "ロッドケース", RC, "colloquial"),
    q("ja", "凧 カナダへ配送", KI, "destination", ship="CA"),
    q("ja", "鍋つかみ 赤", OM, "colloquial", colour="red"),
    q("ja", "折りたたみ傘 2000円以下", UM, "nomatch", maxp=2000, cur="JPY", nomatch=True),
    q("ja", "釣り好きの父へのプレゼント", ROD, "gift", also=[RC], recip="dad"),
    q("ja", "Ryuzan 竿袋", RC, "brand", brand="b-ryuzan"),
    q("ja", "抱っこ紐 ケニアまで", BC, "nomatch", ship="KE", nomatch=True),
    q("ja", "寝袋", None, "unsold", also=[SLEEPING_BAGS], nomatch=True),
    q("ja", "ぴよぴよもふもふ", None, "nonsense", nomatch=True),
]

if __name__ == "__main__":
    counts = {}
    with open(os.path.join(H, "labels.jsonl"), "w", encoding="utf-8") as fh:
        for r in Q:
            counts[r["language"]] = counts.get(r["language"], 0) + 1
            r = {"id": "%s-%02d" % (r["language"], counts[r["language"]]), **r}
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(counts, len(Q))
