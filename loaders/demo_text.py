"""Writing the demo shop's text: product titles and descriptions, and reviews, per language.

Titles follow each language's word order ("Nike Vela 2 Laufschuhe für Herren, Rot";
"Deuter Terra 30 男士黑色登山包"), always naming brand, kind, colour and (for clothes) who it is
for, so a search in any served language meets the same facts. Review wording is drawn from
phrase banks per sentiment, so a 1-star review reads like one.
"""

from __future__ import annotations

from random import Random

from loaders.demo_vocab import COLOURS, GENDER_WORDS, LABELS, MATERIALS, Kind, words
from loaders.demo_world import Brand
from loaders.models import LANGUAGES

TITLE_SIZE_UNITS = (" L", " GB", " TB", '"', " cm", " ml", "P")
SERIES_STEMS = ("Air", "Trail", "Summit", "Alpine", "Nova", "Pulse", "Ultra", "Terra", "Aero",
                "Vista", "Flex", "Storm", "Peak", "Cloud", "Swift", "Zen", "Nord", "Orbit", "Echo",
                "Core", "Ridge", "Glide", "Drift", "Atlas", "Vela", "Lumo", "Kite", "Spark")
SERIES_TAILS = ("", " Pro", " Lite", " X", " Max", " GT", " Plus", " Evo", " One", " S")

# One selling point per group, three ways, in every language.
FEATURES: dict[str, tuple[dict[str, str], ...]] = {group: tuple(words(line) for line in lines) for group, lines in {
    "apparel": (
        "Comfortable for every day.|Bequem für jeden Tag.|Cómodo para el día a día.|Confortable au quotidien.|Confortável para o dia a dia.|日常穿着舒适。|毎日快適に使えます。",
        "A timeless classic cut.|Ein zeitlos klassischer Schnitt.|Un corte clásico y atemporal.|Une coupe classique et intemporelle.|Um corte clássico e atemporal.|经典百搭款式。|時代を超えたクラシックなデザイン。",
        "Easy to care for.|Pflegeleicht.|Fácil de cuidar.|Facile d'entretien.|Fácil de cuidar.|易于打理。|お手入れ簡単。"),
    "sport": (
        "Light and breathable for training.|Leicht und atmungsaktiv fürs Training.|Ligero y transpirable para entrenar.|Léger et respirant pour l'entraînement.|Leve e respirável para treinar.|轻盈透气，适合训练。|軽くて通気性が良く、トレーニングに最適。",
        "Made for your personal best.|Gemacht für deine Bestzeit.|Hecho para tu mejor marca.|Conçu pour battre vos records.|Feito para o seu melhor tempo.|助你突破个人最佳。|自己ベスト更新のために。",
        "Grip and stability on every surface.|Halt und Stabilität auf jedem Untergrund.|Agarre y estabilidad en cualquier superficie.|Adhérence et stabilité sur tous les terrains.|Aderência e estabilidade em qualquer superfície.|各种场地都稳定抓地。|どんな路面でもグリップと安定性。"),
    "outdoor": (
        "Waterproof and built for long days on the trail.|Wasserdicht und gemacht für lange Tage auf dem Trail.|Impermeable y hecho para largas jornadas de montaña.|Imperméable et conçu pour de longues journées en montagne.|Impermeável e feito para longos dias de trilha.|防水耐用，适合长时间徒步登山。|防水仕様で、長い山歩きに最適。",
        "Light enough for fast hikes.|Leicht genug für schnelle Touren.|Ligero para rutas rápidas.|Assez léger pour les randonnées rapides.|Leve para trilhas rápidas.|轻量设计，适合快速登山。|軽量でスピードハイクにも。",
        "Tested in the Alps.|In den Alpen getestet.|Probado en los Alpes.|Testé dans les Alpes.|Testado nos Alpes.|经阿尔卑斯山实测。|アルプスでテスト済み。"),
    "electronics": (
        "Long battery life and fast charging.|Lange Akkulaufzeit und Schnellladen.|Batería de larga duración y carga rápida.|Grande autonomie et charge rapide.|Bateria de longa duração e carregamento rápido.|超长续航，支持快充。|長時間バッテリーと急速充電。",
        "Crisp sound and sharp picture.|Klarer Klang und scharfes Bild.|Sonido nítido e imagen definida.|Son clair et image nette.|Som nítido e imagem definida.|音质清晰，画面锐利。|クリアな音と鮮明な映像。",
        "Two-year warranty.|Zwei Jahre Garantie.|Dos años de garantía.|Garantie de deux ans.|Dois anos de garantia.|两年保修。|2年保証。"),
    "home": (
        "Makes every kitchen and living room nicer.|Macht jede Küche und jedes Wohnzimmer schöner.|Embellece cualquier cocina y salón.|Embellit chaque cuisine et salon.|Deixa qualquer cozinha e sala mais bonita.|让厨房和客厅更美好。|キッチンやリビングを素敵に。",
        "Durable and easy to clean.|Langlebig und leicht zu reinigen.|Duradero y fácil de limpiar.|Durable et facile à nettoyer.|Durável e fácil de limpar.|经久耐用，易于清洁。|丈夫でお手入れも簡単。",
        "Designed in Europe.|In Europa entworfen.|Diseñado en Europa.|Conçu en Europe.|Desenhado na Europa.|欧洲设计。|ヨーロッパでデザイン。"),
    "toys": (
        "Hours of fun for the whole family.|Stundenlanger Spaß für die ganze Familie.|Horas de diversión para toda la familia.|Des heures de plaisir en famille.|Horas de diversão para toda a família.|全家欢乐好几个小时。|家族みんなで何時間も楽しめます。",
        "Safety tested to EN 71.|Sicherheitsgeprüft nach EN 71.|Seguridad probada según EN 71.|Sécurité testée selon EN 71.|Segurança testada conforme EN 71.|通过EN 71安全测试。|EN 71安全試験済み。",
        "Encourages creativity.|Fördert die Kreativität.|Fomenta la creatividad.|Stimule la créativité.|Estimula a criatividade.|激发创造力。|創造力を育てます。"),
    "beauty": (
        "A fresh floral scent that lasts all day.|Ein frischer, blumiger Duft, der den ganzen Tag hält.|Un aroma floral y fresco que dura todo el día.|Un parfum floral et frais qui tient toute la journée.|Uma fragrância floral e fresca que dura o dia todo.|清新花香，持久留香。|一日中続くフレッシュなフローラルの香り。",
        "Elegant glass bottle.|Elegante Glasflasche.|Elegante frasco de vidrio.|Élégant flacon en verre.|Elegante frasco de vidro.|优雅玻璃瓶身。|エレガントなガラスボトル。",
        "Vegan formula.|Vegane Formel.|Fórmula vegana.|Formule vegan.|Fórmula vegana.|纯素配方。|ヴィーガン処方。"),
}.items()}

GIFTS: dict[str, dict[str, str]] = {key: words(line) for key, line in (
    ("men", "A great gift for dad.|Ein tolles Geschenk für Papa.|Un regalo ideal para papá.|Un cadeau idéal pour papa.|Um ótimo presente para o pai.|适合送爸爸、送男友的礼物。|父の日のプレゼントに最適。"),
    ("women", "A lovely gift for mum.|Ein schönes Geschenk für Mama.|Un regalo perfecto para mamá.|Un joli cadeau pour maman.|Um presente perfeito para a mãe.|适合送妈妈、送女友的礼物。|母の日のプレゼントに最適。"),
    ("kids", "A fun gift for children.|Ein schönes Geschenk für Kinder.|Un regalo divertido para niños.|Un cadeau amusant pour les enfants.|Um presente divertido para crianças.|送给孩子的好礼物。|子供へのプレゼントに。"),
)}


def series_name(rng: Random) -> str:
    """An invented model line, like "Terra 30" or "Nova Pro"."""
    name = rng.choice(SERIES_STEMS) + rng.choice(SERIES_TAILS)
    return f"{name} {rng.randint(1, 9) * 10}" if rng.random() < 0.35 else name


def brand_in(brand: Brand, lang: str) -> str:
    """The brand as a shopper of ``lang`` sees it: with its local name where it has one."""
    local = brand.zh if lang == "zh" else brand.ja if lang == "ja" else None
    return f"{brand.name} {local}" if local else brand.name


def titles(kind: Kind, brand: Brand, series: str, colour: str, gender: str | None,
           size: str | None) -> dict[str, str]:
    """The product's title in every served language."""
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        noun, col = kind.nouns[lang], COLOURS[colour][lang]
        who = GENDER_WORDS[gender][lang] if gender and gender != "unisex" else ""
        name = f"{brand_in(brand, lang)} {series}"
        if lang in ("en", "de"):
            text = f"{name} {noun} {who}".strip() + f", {col}"
        elif lang in ("es", "fr", "pt"):
            text = f"{noun[0].upper()}{noun[1:]} {name} {who}".strip() + f", {col}"
        elif lang == "zh":
            text = f"{name} {who}{col}{noun}"
        else:
            text = f"{name} {noun} {who} {col}".replace("  ", " ")
        # Capacity, screen and pack sizes name the product; clothing sizes are a choice at checkout.
        out[lang] = f"{text} {size}" if size and size.endswith(TITLE_SIZE_UNITS) else text
    return out


def descriptions(kind: Kind, title: dict[str, str], colour: str, material: str, size: str | None,
                 gender: str | None, rng: Random) -> dict[str, str]:
    """A short description per language: title, colour, material, size, a selling point."""
    feature = rng.choice(FEATURES[kind.group])
    gift = GIFTS.get(gender or "") if rng.random() < 0.5 else None
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        stop, colon = ("。", "：") if lang in ("zh", "ja") else (". ", ": ")
        parts = [title[lang], f"{LABELS['colour'][lang]}{colon}{COLOURS[colour][lang]}",
                 f"{LABELS['material'][lang]}{colon}{MATERIALS[material][lang]}"]
        if size:
            parts.append(f"{LABELS['size'][lang]}{colon}{size}")
        text = stop.join(parts) + stop + feature[lang]
        if gift:
            text += ("" if lang in ("zh", "ja") else " ") + gift[lang]
        out[lang] = text
    return out


# Review phrases per sentiment; {noun} is the product's noun in the review's language.
REVIEW_PHRASES: dict[str, tuple[dict[str, str], ...]] = {mood: tuple(words(line) for line in lines) for mood, lines in {
    "positive": (
        "Excellent {noun}, exactly as described.|Hervorragend: {noun} genau wie beschrieben.|Excelente: {noun} tal como se describe.|Excellent : {noun} conforme à la description.|Excelente: {noun} exatamente como descrito.|{noun}非常好，和描述一致。|{noun}はとても良く、説明通りです。",
        "Great quality for the price.|Tolle Qualität für den Preis.|Muy buena calidad por el precio.|Très bonne qualité pour le prix.|Ótima qualidade pelo preço.|性价比很高。|価格の割に品質が素晴らしい。",
        "Fast delivery, very happy.|Schnelle Lieferung, sehr zufrieden.|Entrega rápida, muy contento.|Livraison rapide, très satisfait.|Entrega rápida, muito satisfeito.|发货很快，非常满意。|配送が早く、大満足です。",
        "I love it and would buy it again.|Ich liebe es und würde es wieder kaufen.|Me encanta, lo volvería a comprar.|Je l'adore, je le rachèterais.|Adorei, compraria de novo.|很喜欢，会回购。|気に入りました。また買います。",
        "Highly recommended!|Absolut empfehlenswert!|¡Muy recomendable!|Je recommande vivement !|Recomendo muito!|强烈推荐！|とてもおすすめです！"),
    "neutral": (
        "The {noun} is okay, nothing special.|{noun}: okay, nichts Besonderes.|{noun}: correcto, nada especial.|{noun} : correct, sans plus.|{noun}: razoável, nada de especial.|{noun}还行，一般般。|{noun}はまあまあです。",
        "Decent quality, but delivery took long.|Ordentliche Qualität, aber die Lieferung dauerte lange.|Calidad aceptable, pero la entrega tardó.|Qualité correcte, mais la livraison a été longue.|Qualidade razoável, mas a entrega demorou.|质量尚可，但物流较慢。|品質はまずまずですが、配送に時間がかかりました。",
        "Does the job for the price.|Erfüllt seinen Zweck für den Preis.|Cumple para lo que cuesta.|Fait le travail pour le prix.|Cumpre o que promete pelo preço.|这个价格够用了。|値段相応です。",
        "Size runs a little small.|Fällt etwas klein aus.|Talla un poco pequeña.|Taille un peu petit.|Veste um pouco pequeno.|尺码偏小一点。|サイズが少し小さめです。"),
    "negative": (
        "Disappointed with this {noun}.|Enttäuscht: {noun} nicht wie erwartet.|Decepcionado: {noun} no cumple lo esperado.|Déçu : {noun} pas à la hauteur.|Decepcionado: {noun} não atendeu às expectativas.|对这个{noun}很失望。|この{noun}にはがっかりしました。",
        "Poor quality, it broke after a week.|Schlechte Qualität, nach einer Woche kaputt.|Mala calidad, se rompió en una semana.|Mauvaise qualité, cassé au bout d'une semaine.|Qualidade ruim, quebrou em uma semana.|质量差，一周就坏了。|品質が悪く、一週間で壊れました。",
        "Not as described, I returned it.|Nicht wie beschrieben, ich habe es zurückgeschickt.|No es como se describe, lo devolví.|Pas conforme à la description, je l'ai renvoyé.|Não é como descrito, devolvi.|与描述不符，已退货。|説明と違うので返品しました。",
        "Delivery was very late and the box was damaged.|Die Lieferung kam sehr spät und der Karton war beschädigt.|La entrega llegó muy tarde y la caja estaba dañada.|Livraison très en retard et colis abîmé.|A entrega atrasou muito e a caixa veio danificada.|物流太慢，包装还破损了。|配送が大幅に遅れ、箱も破損していました。",
        "Would not buy again.|Würde ich nicht wieder kaufen.|No lo volvería a comprar.|Je ne le rachèterais pas.|Não compraria novamente.|不会再买。|二度と買いません。"),
}.items()}


def sentiment_of(rating: int) -> str:
    """The mood a rating's review is written in."""
    return "positive" if rating >= 4 else "neutral" if rating == 3 else "negative"


def review_text(kind: Kind, rating: int, lang: str, rng: Random) -> str:
    """Two or three sentences whose wording matches the rating."""
    bank = REVIEW_PHRASES[sentiment_of(rating)]
    picked = rng.sample(range(len(bank)), k=2 if rng.random() < 0.6 else 3)
    sep = "" if lang in ("zh", "ja") else " "
    sentences = (bank[i][lang].format(noun=kind.nouns[lang]) for i in picked)
    return sep.join(s[0].upper() + s[1:] for s in sentences)
