"""The world the demo shop trades in: countries, their currencies and rates, and the brands.

Data only. Exchange rates are units per 1 EUR (the default base currency), rounded from
late-2025 market levels: plausible, not authoritative. Brands mix real sports, outdoor,
electronics, home and toy makers with invented ones, each with the aliases and misspellings
shoppers actually type, and names in Chinese and Japanese where the brand uses one.
"""

from __future__ import annotations

from dataclasses import dataclass

RATE_DATE = "2026-11-27"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    currency: str
    languages: tuple[str, ...]  # official languages (ISO 639-1), most spoken first
    shop_language: str  # the served language its shoppers mostly use
    zone: str  # shipping zone: europe, americas, asia, mea
    weight: float  # share of shoppers


def _c(code: str, name: str, currency: str, langs: str, shop: str, zone: str, weight: float) -> Country:
    return Country(code, name, currency, tuple(langs.split()), shop, zone, weight)


COUNTRIES: tuple[Country, ...] = (
    _c("DE", "Germany", "EUR", "de", "de", "europe", 10),
    _c("AT", "Austria", "EUR", "de", "de", "europe", 2),
    _c("CH", "Switzerland", "CHF", "de fr it", "de", "europe", 2),
    _c("FR", "France", "EUR", "fr", "fr", "europe", 8),
    _c("BE", "Belgium", "EUR", "nl fr de", "fr", "europe", 2),
    _c("NL", "Netherlands", "EUR", "nl", "en", "europe", 3),
    _c("ES", "Spain", "EUR", "es", "es", "europe", 7),
    _c("IT", "Italy", "EUR", "it", "en", "europe", 5),
    _c("PT", "Portugal", "EUR", "pt", "pt", "europe", 3),
    _c("IE", "Ireland", "EUR", "en ga", "en", "europe", 1),
    _c("GB", "United Kingdom", "GBP", "en", "en", "europe", 7),
    _c("PL", "Poland", "PLN", "pl", "en", "europe", 3),
    _c("SE", "Sweden", "SEK", "sv", "en", "europe", 2),
    _c("DK", "Denmark", "DKK", "da", "en", "europe", 1),
    _c("NO", "Norway", "NOK", "no", "en", "europe", 1),
    _c("FI", "Finland", "EUR", "fi sv", "en", "europe", 1),
    _c("CZ", "Czechia", "CZK", "cs", "de", "europe", 1),
    _c("US", "United States", "USD", "en", "en", "americas", 10),
    _c("CA", "Canada", "CAD", "en fr", "en", "americas", 3),
    _c("MX", "Mexico", "MXN", "es", "es", "americas", 5),
    _c("BR", "Brazil", "BRL", "pt", "pt", "americas", 6),
    _c("AR", "Argentina", "ARS", "es", "es", "americas", 2),
    _c("CL", "Chile", "CLP", "es", "es", "americas", 2),
    _c("CO", "Colombia", "COP", "es", "es", "americas", 2),
    _c("PE", "Peru", "PEN", "es", "es", "americas", 1),
    _c("CN", "China", "CNY", "zh", "zh", "asia", 8),
    _c("HK", "Hong Kong", "HKD", "zh en", "zh", "asia", 1),
    _c("TW", "Taiwan", "TWD", "zh", "zh", "asia", 2),
    _c("SG", "Singapore", "SGD", "en zh ms ta", "en", "asia", 1),
    _c("JP", "Japan", "JPY", "ja", "ja", "asia", 7),
    _c("KR", "South Korea", "KRW", "ko", "en", "asia", 2),
    _c("IN", "India", "INR", "hi en", "en", "asia", 3),
    _c("TH", "Thailand", "THB", "th", "en", "asia", 1),
    _c("AU", "Australia", "AUD", "en", "en", "asia", 3),
    _c("NZ", "New Zealand", "NZD", "en mi", "en", "asia", 1),
    _c("ZA", "South Africa", "ZAR", "en af zu", "en", "mea", 1),
    _c("AE", "United Arab Emirates", "AED", "ar en", "en", "mea", 1),
    _c("SA", "Saudi Arabia", "SAR", "ar", "en", "mea", 1),
    _c("TR", "Türkiye", "TRY", "tr", "en", "mea", 2),
    _c("AO", "Angola", "AOA", "pt", "pt", "mea", 1),
)
COUNTRY_BY_CODE: dict[str, Country] = {c.code: c for c in COUNTRIES}

# Units of each currency per 1 EUR.
RATES: dict[str, float] = {
    "EUR": 1.0, "CHF": 0.94, "GBP": 0.87, "PLN": 4.25, "SEK": 11.0, "DKK": 7.46, "NOK": 11.7,
    "CZK": 24.6, "USD": 1.16, "CAD": 1.62, "MXN": 21.4, "BRL": 6.25, "ARS": 1650.0,
    "CLP": 1090.0, "COP": 4450.0, "PEN": 3.95, "CNY": 8.25, "HKD": 9.02, "TWD": 35.6,
    "SGD": 1.51, "JPY": 178.0, "KRW": 1690.0, "INR": 102.5, "THB": 37.6, "AUD": 1.77,
    "NZD": 2.03, "ZAR": 20.1, "AED": 4.26, "SAR": 4.35, "TRY": 49.0, "AOA": 1060.0,
}


@dataclass(frozen=True)
class Brand:
    slug: str
    name: str
    country: str
    makes: tuple[str, ...]  # product groups or kind keys
    aliases: tuple[str, ...] = ()
    tier: float = 1.0  # price multiplier: budget < 1 < premium
    zh: str | None = None  # the name Chinese shoppers know it by
    ja: str | None = None


def _b(slug: str, name: str, country: str, makes: str, aliases: str = "", tier: float = 1.0,
       zh: str | None = None, ja: str | None = None) -> Brand:
    return Brand(slug, name, country, tuple(makes.split()),
                 tuple(a for a in aliases.split(";") if a), tier, zh, ja)


BRANDS: tuple[Brand, ...] = (
    _b("nike", "Nike", "US", "sport sneakers t_shirt hoodie socks swimsuit daypack sunglasses", "NIKE;Nike Inc.;Nikey", 1.15, "耐克", "ナイキ"),
    _b("adidas", "Adidas", "DE", "sport sneakers t_shirt hoodie socks swimsuit daypack sunglasses", "adidas;Addidas;Adiddas", 1.1, "阿迪达斯", "アディダス"),
    _b("puma", "Puma", "DE", "sport sneakers t_shirt hoodie socks swimsuit daypack sunglasses", "PUMA;Puma SE", 1.0, "彪马", "プーマ"),
    _b("asics", "Asics", "JP", "running_shoes leggings socks t_shirt", "ASICS;Asics Tiger", 1.1, "亚瑟士", "アシックス"),
    _b("new-balance", "New Balance", "US", "running_shoes sneakers t_shirt hoodie socks", "NB;Newbalance;New-Balance", 1.05, "新百伦", "ニューバランス"),
    _b("under-armour", "Under Armour", "US", "sport t_shirt hoodie socks daypack", "UA;Under Armor;UnderArmour", 1.05, "安德玛", "アンダーアーマー"),
    _b("salomon", "Salomon", "FR", "running_shoes hiking_boots rain_jacket hiking_backpack trekking_poles ski_goggles ski_helmet", "SALOMON;Solomon", 1.2, "萨洛蒙", "サロモン"),
    _b("deuter", "Deuter", "DE", "hiking_backpack daypack sleeping_bag", "deuter;Deutor;Deuter Sport", 1.1, "多特", "ドイター"),
    _b("the-north-face", "The North Face", "US", "rain_jacket down_jacket hiking_trousers hiking_boots hiking_backpack daypack tent sleeping_bag t_shirt hoodie", "North Face;TNF;Northface;The Northface", 1.3, "北面", "ザ・ノース・フェイス"),
    _b("patagonia", "Patagonia", "US", "rain_jacket down_jacket hiking_trousers t_shirt hoodie hiking_backpack", "Patagonia Inc.;Patagonya", 1.35, "巴塔哥尼亚", "パタゴニア"),
    _b("columbia", "Columbia", "US", "rain_jacket down_jacket hiking_trousers hiking_boots t_shirt", "Columbia Sportswear;Colombia", 0.95, "哥伦比亚", "コロンビア"),
    _b("jack-wolfskin", "Jack Wolfskin", "DE", "outdoor", "Wolfskin;JackWolfskin;Jack Wolfskinn", 1.1, "狼爪", "ジャックウルフスキン"),
    _b("mammut", "Mammut", "CH", "rain_jacket down_jacket hiking_boots hiking_backpack trekking_poles headlamp", "MAMMUT;Mamut", 1.35, "猛犸象", "マムート"),
    _b("osprey", "Osprey", "US", "hiking_backpack daypack", "Osprey Packs;Ospray", 1.25, "小鹰", "オスプレー"),
    _b("petzl", "Petzl", "FR", "headlamp", "PETZL;Petzel", 1.2, "攀索", "ペツル"),
    _b("victorinox", "Victorinox", "CH", "outdoor_knife multitool chef_knife watch", "Swiss Army;Victorinox Swiss Army;Victorinoks", 1.2, "维氏", "ビクトリノックス"),
    _b("opinel", "Opinel", "FR", "outdoor_knife chef_knife", "OPINEL", 0.9, "欧皮耐尔", "オピネル"),
    _b("quechua", "Quechua", "FR", "outdoor", "Decathlon Quechua;Quechua Decathlon", 0.65, "迪卡侬", "ケシュア"),
    _b("ray-ban", "Ray-Ban", "IT", "sunglasses", "RayBan;Ray Ban;Rayban", 1.3, "雷朋", "レイバン"),
    _b("speedo", "Speedo", "GB", "swimsuit", "SPEEDO", 1.0, "速比涛", "スピード"),
    _b("garmin", "Garmin", "US", "watch", "GARMIN", 1.25, "佳明", "ガーミン"),
    _b("cube", "Cube", "DE", "mountain_bike ski_helmet", "CUBE;Cube Bikes", 1.0, None, "キューブ"),
    _b("trek", "Trek", "US", "mountain_bike", "Trek Bikes;TREK", 1.2, "崔克", "トレック"),
    _b("samsung", "Samsung", "KR", "smartphone tablet smart_tv headphones laptop", "SAMSUNG;Samsung Electronics;Samsum", 1.15, "三星", "サムスン"),
    _b("sony", "Sony", "JP", "headphones smart_tv camera game_console speaker", "SONY;Sony Corp.", 1.2, "索尼", "ソニー"),
    _b("xiaomi", "Xiaomi", "CN", "smartphone tablet headphones speaker smart_tv watch laptop", "Mi;Redmi;Xiaomi Mi;Xiomi", 0.7, "小米", "シャオミ"),
    _b("apple", "Apple", "US", "smartphone laptop tablet headphones watch", "Apple Inc.", 1.4, "苹果", "アップル"),
    _b("huawei", "Huawei", "CN", "smartphone tablet headphones laptop watch", "HUAWEI;Huawai", 0.95, "华为", "ファーウェイ"),
    _b("lenovo", "Lenovo", "CN", "laptop tablet", "LENOVO;Levono", 0.9, "联想", "レノボ"),
    _b("jbl", "JBL", "US", "headphones speaker", "J.B.L.;JBL by Harman", 1.0, None, None),
    _b("canon", "Canon", "JP", "camera", "CANON;Cannon", 1.2, "佳能", "キヤノン"),
    _b("nintendo", "Nintendo", "JP", "game_console board_game", "NINTENDO;Nintento", 1.0, "任天堂", "任天堂"),
    _b("anker", "Anker", "CN", "headphones speaker", "ANKER;Soundcore by Anker", 0.75, "安克", "アンカー"),
    _b("philips", "Philips", "NL", "coffee_maker table_lamp headphones smart_tv", "PHILIPS;Phillips", 1.0, "飞利浦", "フィリップス"),
    _b("tefal", "Tefal", "FR", "frying_pan coffee_maker", "T-fal;T-Fal;Tefall", 0.9, "特福", "ティファール"),
    _b("wmf", "WMF", "DE", "frying_pan chef_knife water_bottle coffee_maker", "W.M.F.;WMF Group", 1.1, "福腾宝", None),
    _b("zwilling", "Zwilling", "DE", "chef_knife frying_pan", "Zwilling J.A. Henckels;Henckels;Zwiling", 1.3, "双立人", "ツヴィリング"),
    _b("delonghi", "De'Longhi", "IT", "coffee_maker", "DeLonghi;Delonghi;De Longhi", 1.15, "德龙", "デロンギ"),
    _b("ravensburger", "Ravensburger", "DE", "jigsaw_puzzle board_game", "Ravensberger", 1.0, "睿思", "ラベンスバーガー"),
    _b("hasbro", "Hasbro", "US", "board_game doll", "HASBRO", 1.0, "孩之宝", "ハズブロ"),
    _b("mattel", "Mattel", "US", "doll board_game", "MATTEL", 1.0, "美泰", "マテル"),
    _b("steiff", "Steiff", "DE", "teddy_bear", "Margarete Steiff;Stieff", 1.4, "史泰福", "シュタイフ"),
    _b("bergfalke", "Bergfalke", "DE", "outdoor", "Berg Falke;Bergfalke Outdoor", 0.95),
    _b("nordvik", "Nordvik", "SE", "apparel outdoor", "Nordvik Sweden;Nordvick", 1.05),
    _b("sol-y-monte", "Sol y Monte", "ES", "apparel outdoor", "Sol & Monte;SolyMonte", 0.9),
    _b("rio-verde", "Rio Verde", "BR", "sport sneakers t_shirt hoodie socks swimsuit summer_dress", "Rio Verde Brasil;RioVerde", 0.8),
    _b("tianshan-gear", "Tianshan Gear", "CN", "outdoor", "Tianshan;Tian Shan Gear", 0.6, "天山户外", "天山ギア"),
    _b("kumo-works", "Kumo Works", "JP", "headphones speaker table_lamp coffee_maker", "Kumo;KumoWorks", 1.0, "云工坊", "クモワークス"),
    _b("lumatech", "LumaTech", "CN", "electronics headlamp", "Luma Tech;Lumatek", 0.6, "流明科技", "ルマテック"),
    _b("voltix", "Voltix", "CN", "electronics", "VOLTIX;Voltex", 0.55, "伏特斯", "ボルティクス"),
    _b("atelier-lune", "Atelier Lune", "FR", "handbag wallet perfume summer_dress sunglasses watch", "Atelier Lunes;Lune Paris", 1.3, "月光工坊", "アトリエ・リュンヌ"),
    _b("maison-florale", "Maison Florale", "FR", "perfume", "Maison Floral;Florale Paris", 1.1, "花之屋", "メゾン・フローラル"),
    _b("casa-serena", "Casa Serena", "PT", "home", "CasaSerena;Casa Serena Home", 0.9, None, "カーサ・セレーナ"),
    _b("brisa", "Brisa", "MX", "apparel", "Brisa México;Briza", 0.75),
    _b("hanami-toys", "Hanami Toys", "JP", "toys", "Hanami;Hanami Toy", 0.9, "花见玩具", "ハナミトイズ"),
    _b("pampa-outdoor", "Pampa Outdoor", "AR", "outdoor", "Pampa;Pampa Outdoors", 0.8),
    _b("kiwi-trail", "Kiwi Trail", "NZ", "outdoor sport", "KiwiTrail;Kiwi Trails", 1.0),
    _b("maple-ridge", "Maple Ridge", "CA", "outdoor apparel", "Maple Ridge Co.;MapleRidge", 1.0),
    _b("sakura-sport", "Sakura Sport", "JP", "sport", "Sakura Sports;SakuraSport", 0.9, "樱花运动", "サクラスポーツ"),
    _b("velo-sur", "Velo Sur", "ES", "mountain_bike ski_helmet water_bottle", "VeloSur;Vélo Sur", 0.85),
)

# Product hazards: where each is restricted, and the reason a catalog manager reads.
HAZARD_RULES: dict[str, tuple[tuple[str, ...], str]] = {
    "blade": (("GB", "AU", "JP", "CN", "SG", "AE", "HK"),
              "bladed article: age-verified delivery or import licence required"),
    "battery": (("NZ", "ZA", "AO", "PE", "AR"),
                "contains a lithium battery: no carrier accepts it for this destination"),
    "flammable": (("AU", "NZ", "SA", "AE", "CA"),
                  "alcohol-based perfume is a flammable liquid: no air freight to this country"),
}
# Electronics sometimes lack a country's radio approval.
CERTIFICATION_REASON = "no local radio/electrical certification for this model"
CERTIFICATION_COUNTRIES: tuple[str, ...] = ("US", "CA", "JP", "KR", "IN", "BR", "AU", "CN")
