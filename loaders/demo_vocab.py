"""Words the demo shop is written with, in every served language (``en de es fr pt zh ja``).

Everything here is data: the kinds of product the shop sells (each on a real leaf of the Google
Product Taxonomy, with its noun per language), colours, materials and the words for who a product
is for. Keeping one table per notion keeps the languages consistent, so "rote Nike Laufschuhe" or
"适合送爸爸的登山包" find products whose colour, brand and category really match.

A multilingual entry is written ``"en|de|es|fr|pt|zh|ja"`` to keep each on one readable line.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.models import LANGUAGES


def words(line: str) -> dict[str, str]:
    """``"en|de|...|ja"`` as a map from language code to word."""
    parts = line.split("|")
    if len(parts) != len(LANGUAGES):
        raise ValueError(f"expected {len(LANGUAGES)} '|'-separated words, got {line!r}")
    return dict(zip(LANGUAGES, parts, strict=True))


@dataclass(frozen=True)
class Kind:
    """A kind of product: its taxonomy leaf, its noun per language, and what varies in it."""

    key: str
    category: str  # a Google Product Taxonomy id, "gpt:<num>"
    group: str  # apparel, sport, outdoor, electronics, home, toys, beauty
    nouns: dict[str, str]
    price: tuple[float, float]  # typical price range in EUR
    sizes: tuple[str, ...] = ()
    materials: tuple[str, ...] = ("polyester",)
    genders: tuple[str, ...] = ()  # who it is made for; empty: not gendered
    hazard: str | None = None  # battery, blade, flammable: restricted in some countries
    weight: float = 1.0  # how common the kind is in the catalogue
    age_group: str = "adult"
    specialist: bool = False  # only brands that name this kind make it (no Nike bikes)


CLOTHES = ("XS", "S", "M", "L", "XL", "XXL")
SHOES = tuple(f"EU {n}" for n in range(36, 47))
ALL_GENDERS = ("women", "men", "unisex")
GROWN_UPS = ("women", "men")


def _kind(key: str, num: int, group: str, price: tuple[float, float], nouns: str, **kw: object) -> Kind:
    return Kind(key=key, category=f"gpt:{num}", group=group, nouns=words(nouns), price=price, **kw)  # type: ignore[arg-type]


KINDS: tuple[Kind, ...] = (
    # Apparel, shoes and accessories.
    _kind("running_shoes", 187, "sport", (50, 180), "running shoes|Laufschuhe|zapatillas de running|chaussures de running|tênis de corrida|跑步鞋|ランニングシューズ",
          sizes=SHOES, materials=("mesh", "synthetic", "leather"), genders=ALL_GENDERS, weight=3),
    _kind("hiking_boots", 187, "outdoor", (80, 250), "hiking boots|Wanderschuhe|botas de montaña|chaussures de randonnée|botas de trilha|登山鞋|登山靴",
          sizes=SHOES, materials=("leather", "synthetic", "suede"), genders=ALL_GENDERS, weight=2),
    _kind("sneakers", 187, "apparel", (40, 150), "sneakers|Sneaker|zapatillas|baskets|tênis|运动鞋|スニーカー",
          sizes=SHOES, materials=("leather", "canvas", "synthetic"), genders=ALL_GENDERS, weight=3),
    _kind("rain_jacket", 5598, "outdoor", (60, 300), "rain jacket|Regenjacke|chaqueta impermeable|veste imperméable|jaqueta impermeável|冲锋衣|レインジャケット",
          sizes=CLOTHES, materials=("polyester", "nylon"), genders=ALL_GENDERS, weight=2),
    _kind("down_jacket", 5598, "outdoor", (90, 400), "down jacket|Daunenjacke|chaqueta de plumas|doudoune|jaqueta de penas|羽绒服|ダウンジャケット",
          sizes=CLOTHES, materials=("down", "nylon"), genders=ALL_GENDERS, weight=2),
    _kind("t_shirt", 212, "apparel", (12, 45), "T-shirt|T-Shirt|camiseta|t-shirt|camiseta|T恤|Tシャツ",
          sizes=CLOTHES, materials=("cotton", "polyester", "merino wool"), genders=ALL_GENDERS, weight=3),
    _kind("hoodie", 212, "apparel", (30, 90), "hoodie|Kapuzenpullover|sudadera con capucha|sweat à capuche|moletom com capuz|连帽衫|パーカー",
          sizes=CLOTHES, materials=("cotton", "fleece"), genders=ALL_GENDERS, weight=2),
    _kind("hiking_trousers", 204, "outdoor", (40, 140), "hiking trousers|Wanderhose|pantalón de senderismo|pantalon de randonnée|calça de trilha|徒步裤|トレッキングパンツ",
          sizes=CLOTHES, materials=("polyester", "nylon"), genders=GROWN_UPS),
    _kind("leggings", 204, "sport", (25, 80), "running tights|Lauftights|mallas de running|collant de running|legging de corrida|跑步紧身裤|ランニングタイツ",
          sizes=CLOTHES, materials=("polyester", "elastane"), genders=GROWN_UPS),
    _kind("socks", 209, "sport", (8, 25), "sports socks|Sportsocken|calcetines deportivos|chaussettes de sport|meias esportivas|运动袜|スポーツソックス",
          sizes=("S", "M", "L"), materials=("cotton", "merino wool"), genders=ALL_GENDERS),
    _kind("summer_dress", 2271, "apparel", (25, 120), "summer dress|Sommerkleid|vestido de verano|robe d'été|vestido de verão|连衣裙|ワンピース",
          sizes=CLOTHES, materials=("cotton", "linen", "viscose"), genders=("women",)),
    _kind("swimsuit", 211, "apparel", (20, 90), "swimsuit|Badeanzug|bañador|maillot de bain|roupa de banho|泳衣|水着",
          sizes=CLOTHES, materials=("polyester", "elastane"), genders=ALL_GENDERS),
    _kind("sunglasses", 178, "apparel", (20, 200), "sunglasses|Sonnenbrille|gafas de sol|lunettes de soleil|óculos de sol|太阳镜|サングラス",
          materials=("plastic", "metal"), genders=ALL_GENDERS),
    _kind("watch", 201, "apparel", (50, 600), "wristwatch|Armbanduhr|reloj de pulsera|montre|relógio de pulso|手表|腕時計",
          materials=("stainless steel", "leather", "titanium"), genders=ALL_GENDERS, specialist=True),
    _kind("handbag", 3032, "apparel", (40, 400), "handbag|Handtasche|bolso|sac à main|bolsa|手提包|ハンドバッグ",
          materials=("leather", "canvas"), genders=("women",)),
    _kind("wallet", 2668, "apparel", (15, 120), "wallet|Geldbörse|cartera|portefeuille|carteira|钱包|財布",
          materials=("leather",), genders=GROWN_UPS),
    # Outdoor.
    _kind("hiking_backpack", 100, "outdoor", (50, 250), "hiking backpack|Wanderrucksack|mochila de senderismo|sac à dos de randonnée|mochila de trilha|登山包|登山リュック",
          sizes=("20 L", "30 L", "40 L", "50 L", "65 L"), materials=("nylon", "polyester"), genders=ALL_GENDERS, weight=2),
    _kind("daypack", 100, "apparel", (25, 120), "city backpack|Rucksack|mochila urbana|sac à dos urbain|mochila urbana|双肩背包|リュックサック",
          sizes=("15 L", "20 L", "25 L"), materials=("nylon", "polyester", "canvas"), genders=("unisex",)),
    _kind("tent", 1022, "outdoor", (80, 600), "tent|Zelt|tienda de campaña|tente|barraca|帐篷|テント",
          sizes=("1P", "2P", "3P", "4P"), materials=("nylon", "polyester")),
    _kind("sleeping_bag", 1020, "outdoor", (40, 350), "sleeping bag|Schlafsack|saco de dormir|sac de couchage|saco de dormir|睡袋|寝袋",
          sizes=("M", "L", "XL"), materials=("down", "synthetic")),
    _kind("trekking_poles", 3738, "outdoor", (25, 150), "trekking poles|Wanderstöcke|bastones de trekking|bâtons de randonnée|bastões de caminhada|登山杖|トレッキングポール",
          materials=("aluminium", "carbon")),
    _kind("headlamp", 2454, "outdoor", (15, 90), "headlamp|Stirnlampe|linterna frontal|lampe frontale|lanterna de cabeça|头灯|ヘッドランプ",
          materials=("plastic", "aluminium"), hazard="battery"),
    _kind("outdoor_knife", 3495, "outdoor", (20, 150), "outdoor knife|Outdoormesser|cuchillo de supervivencia|couteau de survie|faca de sobrevivência|户外刀|アウトドアナイフ",
          materials=("stainless steel", "carbon steel"), hazard="blade"),
    _kind("multitool", 4095, "outdoor", (20, 130), "multi-tool|Multitool|navaja multiusos|couteau multifonction|canivete multiuso|多功能刀|マルチツール",
          materials=("stainless steel",), hazard="blade"),
    _kind("water_bottle", 3809, "outdoor", (8, 45), "water bottle|Trinkflasche|botella de agua|gourde|garrafa de água|水壶|水筒",
          sizes=("0.5 L", "0.75 L", "1 L"), materials=("stainless steel", "plastic", "aluminium")),
    # Sport.
    _kind("mountain_bike", 1026, "sport", (350, 2500), "mountain bike|Mountainbike|bicicleta de montaña|VTT|bicicleta de montanha|山地自行车|マウンテンバイク",
          sizes=("S", "M", "L", "XL"), materials=("aluminium", "carbon"), specialist=True),
    _kind("football", 1112, "sport", (15, 140), "football|Fußball|balón de fútbol|ballon de football|bola de futebol|足球|サッカーボール",
          sizes=("3", "4", "5"), materials=("synthetic leather", "rubber")),
    _kind("basketball", 1083, "sport", (15, 80), "basketball|Basketball|balón de baloncesto|ballon de basket|bola de basquete|篮球|バスケットボール",
          sizes=("5", "6", "7"), materials=("rubber", "synthetic leather")),
    _kind("yoga_mat", 3640, "sport", (15, 90), "yoga mat|Yogamatte|esterilla de yoga|tapis de yoga|tapete de yoga|瑜伽垫|ヨガマット",
          materials=("rubber", "cork", "TPE")),
    _kind("ski_goggles", 3550, "sport", (30, 200), "ski goggles|Skibrille|gafas de esquí|masque de ski|óculos de esqui|滑雪镜|スキーゴーグル",
          materials=("plastic",), genders=("unisex",)),
    _kind("ski_helmet", 1161, "sport", (50, 250), "ski helmet|Skihelm|casco de esquí|casque de ski|capacete de esqui|滑雪头盔|スキーヘルメット",
          sizes=("S", "M", "L"), materials=("plastic",)),
    # Electronics.
    _kind("headphones", 543626, "electronics", (30, 400), "wireless headphones|kabellose Kopfhörer|auriculares inalámbricos|casque sans fil|fones de ouvido sem fio|无线耳机|ワイヤレスヘッドホン",
          materials=("plastic", "aluminium"), hazard="battery", weight=2),
    _kind("smartphone", 543514, "electronics", (150, 1300), "smartphone|Smartphone|teléfono móvil|smartphone|celular|智能手机|スマートフォン",
          sizes=("128 GB", "256 GB", "512 GB"), materials=("glass", "aluminium"), hazard="battery", weight=2),
    _kind("laptop", 328, "electronics", (400, 2500), "laptop|Laptop|portátil|ordinateur portable|notebook|笔记本电脑|ノートパソコン",
          sizes=('13"', '14"', '15"', '16"'), materials=("aluminium", "plastic"), hazard="battery"),
    _kind("tablet", 4745, "electronics", (150, 1200), "tablet|Tablet|tableta|tablette|tablet|平板电脑|タブレット",
          sizes=("64 GB", "128 GB", "256 GB"), materials=("aluminium", "glass"), hazard="battery"),
    _kind("smart_tv", 404, "electronics", (300, 2500), "smart TV|Fernseher|televisor|téléviseur|televisão|智能电视|テレビ",
          sizes=('43"', '50"', '55"', '65"', '75"'), materials=("plastic", "aluminium")),
    _kind("speaker", 249, "electronics", (25, 350), "Bluetooth speaker|Bluetooth-Lautsprecher|altavoz Bluetooth|enceinte Bluetooth|caixa de som Bluetooth|蓝牙音箱|Bluetoothスピーカー",
          materials=("plastic", "fabric"), hazard="battery"),
    _kind("camera", 152, "electronics", (200, 2500), "digital camera|Digitalkamera|cámara digital|appareil photo numérique|câmera digital|数码相机|デジタルカメラ",
          materials=("magnesium alloy", "plastic"), hazard="battery"),
    _kind("game_console", 1294, "electronics", (200, 600), "game console|Spielkonsole|videoconsola|console de jeux|console de videogame|游戏机|ゲーム機",
          sizes=("512 GB", "1 TB"), materials=("plastic",)),
    # Home.
    _kind("table_lamp", 4636, "home", (20, 200), "table lamp|Tischlampe|lámpara de mesa|lampe de table|luminária de mesa|台灯|テーブルランプ",
          materials=("ceramic", "metal", "wood", "glass")),
    _kind("frying_pan", 662, "home", (20, 150), "frying pan|Bratpfanne|sartén|poêle|frigideira|平底锅|フライパン",
          sizes=("20 cm", "24 cm", "28 cm"), materials=("cast iron", "stainless steel", "aluminium")),
    _kind("chef_knife", 665, "home", (25, 250), "chef's knife|Kochmesser|cuchillo de cocinero|couteau de chef|faca de chef|厨师刀|包丁",
          sizes=("16 cm", "20 cm", "23 cm"), materials=("stainless steel", "carbon steel"), hazard="blade"),
    _kind("coffee_maker", 1388, "home", (30, 400), "coffee maker|Kaffeemaschine|cafetera|cafetière|cafeteira|咖啡机|コーヒーメーカー",
          materials=("stainless steel", "plastic")),
    _kind("blanket", 1985, "home", (20, 120), "blanket|Kuscheldecke|manta|plaid|manta|毛毯|ブランケット",
          sizes=("130x170 cm", "150x200 cm"), materials=("cotton", "fleece", "merino wool")),
    _kind("bath_towel", 576, "home", (10, 50), "bath towel|Badetuch|toalla de baño|serviette de bain|toalha de banho|浴巾|バスタオル",
          sizes=("70x140 cm", "100x150 cm"), materials=("cotton",)),
    # Toys.
    _kind("board_game", 1246, "toys", (15, 70), "board game|Brettspiel|juego de mesa|jeu de société|jogo de tabuleiro|桌游|ボードゲーム",
          materials=("cardboard", "wood"), age_group="kids"),
    _kind("doll", 1257, "toys", (10, 80), "doll|Puppe|muñeca|poupée|boneca|娃娃|人形",
          materials=("plastic", "fabric"), genders=("kids",), age_group="kids"),
    _kind("teddy_bear", 1259, "toys", (10, 60), "teddy bear|Teddybär|oso de peluche|ours en peluche|urso de pelúcia|泰迪熊|テディベア",
          sizes=("25 cm", "40 cm", "60 cm"), materials=("plush",), genders=("kids",), age_group="baby"),
    _kind("jigsaw_puzzle", 2618, "toys", (10, 40), "jigsaw puzzle|Puzzle|puzle|puzzle|quebra-cabeça|拼图|ジグソーパズル",
          sizes=("500", "1000", "2000"), materials=("cardboard",)),
    # Beauty.
    _kind("perfume", 479, "beauty", (30, 200), "eau de parfum|Eau de Parfum|perfume|eau de parfum|perfume|香水|オードパルファム",
          sizes=("30 ml", "50 ml", "100 ml"), materials=("glass",), genders=ALL_GENDERS, hazard="flammable", specialist=True),
)

COLOURS: dict[str, dict[str, str]] = {key: words(line) for key, line in (
    ("black", "black|Schwarz|negro|noir|preto|黑色|ブラック"),
    ("white", "white|Weiß|blanco|blanc|branco|白色|ホワイト"),
    ("red", "red|Rot|rojo|rouge|vermelho|红色|レッド"),
    ("blue", "blue|Blau|azul|bleu|azul|蓝色|ブルー"),
    ("navy", "navy|Marineblau|azul marino|bleu marine|azul-marinho|藏青色|ネイビー"),
    ("green", "green|Grün|verde|vert|verde|绿色|グリーン"),
    ("grey", "grey|Grau|gris|gris|cinza|灰色|グレー"),
    ("yellow", "yellow|Gelb|amarillo|jaune|amarelo|黄色|イエロー"),
    ("orange", "orange|Orange|naranja|orange|laranja|橙色|オレンジ"),
    ("pink", "pink|Rosa|rosa|rose|rosa|粉色|ピンク"),
    ("purple", "purple|Lila|morado|violet|roxo|紫色|パープル"),
    ("beige", "beige|Beige|beige|beige|bege|米色|ベージュ"),
    ("brown", "brown|Braun|marrón|marron|marrom|棕色|ブラウン"),
    ("silver", "silver|Silber|plateado|argenté|prateado|银色|シルバー"),
)}
# Colours each group is made in; electronics do not come in beige.
PALETTES: dict[str, tuple[str, ...]] = {
    "apparel": tuple(COLOURS), "sport": tuple(COLOURS), "outdoor": ("black", "red", "blue", "navy", "green", "grey", "orange", "yellow"),
    "electronics": ("black", "white", "silver", "grey", "blue"), "home": ("black", "white", "grey", "red", "blue", "beige", "green"),
    "toys": ("red", "blue", "yellow", "green", "pink", "brown"), "beauty": ("pink", "white", "black", "purple"),
}

MATERIALS: dict[str, dict[str, str]] = {key: words(line) for key, line in (
    ("polyester", "polyester|Polyester|poliéster|polyester|poliéster|聚酯纤维|ポリエステル"),
    ("nylon", "nylon|Nylon|nailon|nylon|náilon|尼龙|ナイロン"),
    ("cotton", "cotton|Baumwolle|algodón|coton|algodão|纯棉|コットン"),
    ("merino wool", "merino wool|Merinowolle|lana merino|laine mérinos|lã merino|美利奴羊毛|メリノウール"),
    ("leather", "leather|Leder|cuero|cuir|couro|真皮|レザー"),
    ("suede", "suede|Wildleder|ante|daim|camurça|麂皮|スエード"),
    ("canvas", "canvas|Canvas|lona|toile|lona|帆布|キャンバス"),
    ("synthetic", "synthetic|Synthetik|sintético|synthétique|sintético|合成材料|合成素材"),
    ("synthetic leather", "synthetic leather|Kunstleder|cuero sintético|cuir synthétique|couro sintético|合成革|合成皮革"),
    ("mesh", "mesh|Mesh|malla|mesh|tela respirável|网布|メッシュ"),
    ("down", "down|Daunen|plumón|duvet|plumas|羽绒|ダウン"),
    ("fleece", "fleece|Fleece|forro polar|polaire|fleece|抓绒|フリース"),
    ("linen", "linen|Leinen|lino|lin|linho|亚麻|リネン"),
    ("viscose", "viscose|Viskose|viscosa|viscose|viscose|粘胶纤维|レーヨン"),
    ("elastane", "elastane|Elasthan|elastano|élasthanne|elastano|氨纶|ポリウレタン"),
    ("aluminium", "aluminium|Aluminium|aluminio|aluminium|alumínio|铝合金|アルミニウム"),
    ("carbon", "carbon|Carbon|carbono|carbone|carbono|碳纤维|カーボン"),
    ("titanium", "titanium|Titan|titanio|titane|titânio|钛|チタン"),
    ("stainless steel", "stainless steel|Edelstahl|acero inoxidable|acier inoxydable|aço inoxidável|不锈钢|ステンレス"),
    ("carbon steel", "carbon steel|Carbonstahl|acero al carbono|acier carbone|aço carbono|碳钢|炭素鋼"),
    ("cast iron", "cast iron|Gusseisen|hierro fundido|fonte|ferro fundido|铸铁|鋳鉄"),
    ("metal", "metal|Metall|metal|métal|metal|金属|メタル"),
    ("plastic", "plastic|Kunststoff|plástico|plastique|plástico|塑料|プラスチック"),
    ("rubber", "rubber|Gummi|caucho|caoutchouc|borracha|橡胶|ゴム"),
    ("cork", "cork|Kork|corcho|liège|cortiça|软木|コルク"),
    ("TPE", "TPE|TPE|TPE|TPE|TPE|TPE|TPE"),
    ("glass", "glass|Glas|vidrio|verre|vidro|玻璃|ガラス"),
    ("ceramic", "ceramic|Keramik|cerámica|céramique|cerâmica|陶瓷|セラミック"),
    ("wood", "wood|Holz|madera|bois|madeira|木质|木製"),
    ("fabric", "fabric|Stoff|tela|tissu|tecido|织物|ファブリック"),
    ("magnesium alloy", "magnesium alloy|Magnesiumlegierung|aleación de magnesio|alliage de magnésium|liga de magnésio|镁合金|マグネシウム合金"),
    ("cardboard", "cardboard|Karton|cartón|carton|papelão|纸板|厚紙"),
    ("plush", "plush|Plüsch|felpa|peluche|pelúcia|毛绒|プラッシュ"),
)}

# Who a product is for, as it appears in a title.
GENDER_WORDS: dict[str, dict[str, str]] = {key: words(line) for key, line in (
    ("women", "for women|für Damen|para mujer|pour femme|feminino|女士|レディース"),
    ("men", "for men|für Herren|para hombre|pour homme|masculino|男士|メンズ"),
    ("unisex", "unisex|Unisex|unisex|unisexe|unissex|男女通用|ユニセックス"),
    ("kids", "for kids|für Kinder|para niños|pour enfant|infantil|儿童|キッズ"),
)}

LABELS: dict[str, dict[str, str]] = {key: words(line) for key, line in (
    ("colour", "Colour|Farbe|Color|Couleur|Cor|颜色|カラー"),
    ("material", "Material|Material|Material|Matière|Material|材质|素材"),
    ("size", "Size|Größe|Talla|Taille|Tamanho|尺寸|サイズ"),
)}

KIND_BY_KEY: dict[str, Kind] = {k.key: k for k in KINDS}
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(k.group for k in KINDS))
