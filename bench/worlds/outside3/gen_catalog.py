"""Generate the eval10c catalog (an outside evaluation world for Borderless search).

Deterministic (seed 10303). Own work, CC0. Writes JSONL files into ./catalog/.
Titles in en (all), de (~70%), es (~40%); no fr/pt/zh/ja titles, as a real shop would have.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "catalog")
rng = random.Random(10303)

RATES = {  # units per 1 EUR (base), one fixed date
    "USD": 1.08, "GBP": 0.85, "JPY": 162.0, "BRL": 5.9, "KES": 140.0, "CAD": 1.5,
    "CNY": 7.8, "CHF": 0.95, "MXN": 19.0,
}
COUNTRIES = [
    ("DE", "Germany", "EUR", ["de"]), ("FR", "France", "EUR", ["fr"]), ("ES", "Spain", "EUR", ["es"]),
    ("IT", "Italy", "EUR", ["it"]), ("AT", "Austria", "EUR", ["de"]), ("PT", "Portugal", "EUR", ["pt"]),
    ("JP", "Japan", "JPY", ["ja"]), ("BR", "Brazil", "BRL", ["pt"]), ("KE", "Kenya", "KES", ["en", "sw"]),
    ("CA", "Canada", "CAD", ["en", "fr"]), ("US", "United States", "USD", ["en"]),
    ("GB", "United Kingdom", "GBP", ["en"]), ("CN", "China", "CNY", ["zh"]), ("CH", "Switzerland", "CHF", ["de", "fr", "it"]),
    ("MX", "Mexico", "MXN", ["es"]),
]
EU = ["DE", "FR", "ES", "IT", "AT", "PT"]

# brand id -> (name, aliases, country, shipping extras beyond EU, base currency)
BRANDS = {
    "b-nordvik": ("Nordvik", ["Nordvik Outdoor"], "NO", ["CH", "GB", "JP", "CA"], "EUR"),
    "b-kestrel": ("Kestrel Trail", ["Kestrel"], "US", ["US", "CA", "KE", "GB", "BR", "MX"], "USD"),
    "b-mimobu": ("Mimobu", [], "JP", ["JP", "CN", "CA", "US"], "JPY"),
    "b-pequesol": ("Pequeño Sol", ["Pequeno Sol", "PequeSol"], "ES", ["MX", "BR", "US"], "EUR"),
    "b-lunelin": ("Lune & Lin", ["Lune et Lin", "LuneLin"], "FR", ["CH", "CA", "GB", "JP"], "EUR"),
    "b-badhaus": ("Badhaus Weber", ["Weber Badhaus"], "DE", ["CH"], "EUR"),
    "b-ocre": ("Atelier Ocre", ["Ocre"], "FR", ["CH", "CA", "JP", "US", "GB"], "EUR"),
    "b-pincelada": ("Pincelada", [], "BR", ["BR", "US", "MX", "KE"], "BRL"),
    "b-korvo": ("Korvo", ["Korvo Fishing"], "FI", ["CA", "GB", "BR", "US"], "EUR"),
    "b-ryuzan": ("Ryuzan Tackle", ["Ryuzan", "Ryūzan"], "JP", ["JP", "CN", "US", "BR"], "JPY"),
    "b-skyfable": ("Skyfable", [], "GB", ["GB", "US", "CA", "KE", "JP", "BR"], "GBP"),
    "b-cucina": ("Cucina Rossa", [], "IT", ["CH", "GB", "US", "CA"], "EUR"),
    "b-regnar": ("Regnar", [], "DK", ["GB", "CH", "JP", "CA", "KE"], "EUR"),
    "b-beadora": ("Beadora", [], "US", ["US", "CA", "GB", "BR", "JP", "MX"], "USD"),
}

# category -> list of (brand ids), title variants per language, materials, colour choices, price range (EUR), extra
CATS = {
    "gpt:1021": dict(  # Sleeping Pads
        brands=["b-nordvik", "b-kestrel"],
        kinds=[
            ({"en": "Self-Inflating Sleeping Pad", "de": "Selbstaufblasende Isomatte", "es": "Esterilla autohinchable"}, "polyester"),
            ({"en": "Foam Sleeping Mat", "de": "Schaumstoff-Schlafmatte", "es": "Colchoneta de espuma"}, "foam"),
            ({"en": "Ultralight Inflatable Sleeping Pad", "de": "Ultraleichte aufblasbare Isomatte", "es": "Colchoneta hinchable ultraligera"}, "nylon"),
        ],
        colours=["green", "blue", "orange", "grey", "red"], price=(25, 140), age=None,
        desc={"en": "Insulating pad for tents and bivouacs, rolls up small.", "de": "Isolierende Unterlage für Zelt und Biwak, klein verpackbar."},
    ),
    "gpt:1016": dict(  # Camping Cookware & Dinnerware
        brands=["b-nordvik", "b-kestrel"],
        kinds=[
            ({"en": "Camping Cook Set 4-Piece", "de": "Camping-Kochset 4-teilig", "es": "Set de cocina para camping 4 piezas"}, "aluminium"),
            ({"en": "Titanium Camp Pot 900 ml", "de": "Titan-Campingtopf 900 ml", "es": "Olla de titanio para camping 900 ml"}, "titanium"),
            ({"en": "Enamel Camping Plate and Mug Set", "de": "Emaille Campinggeschirr Teller und Becher", "es": "Set de plato y taza esmaltados para camping"}, "enamel"),
        ],
        colours=["black", "green", "blue", "red", "grey"], price=(15, 90), age=None,
        desc={"en": "Nesting outdoor cookware for stoves and campfires.", "de": "Ineinander stapelbares Outdoor-Geschirr für Kocher und Lagerfeuer."},
    ),
    "gpt:538": dict(  # Baby Carriers
        brands=["b-mimobu", "b-pequesol"],
        kinds=[
            ({"en": "Ergonomic Baby Carrier", "de": "Ergonomische Babytrage", "es": "Mochila portabebés ergonómica"}, "cotton"),
            ({"en": "Stretchy Baby Wrap Sling", "de": "Elastisches Tragetuch", "es": "Fular portabebés elástico"}, "cotton"),
            ({"en": "Hip Seat Baby Carrier", "de": "Babytrage mit Hüftsitz", "es": "Portabebés con asiento de cadera"}, "polyester"),
        ],
        colours=["grey", "beige", "navy", "black", "pink"], price=(35, 160), age="baby",
        desc={"en": "Carries newborns to toddlers close to the parent, padded straps.", "de": "Trägt Neugeborene bis Kleinkinder nah am Körper, gepolsterte Gurte."},
    ),
    "gpt:566": dict(  # Pacifiers & Teethers
        brands=["b-mimobu", "b-pequesol"],
        kinds=[
            ({"en": "Orthodontic Pacifier 2-Pack", "de": "Kiefergerechter Schnuller 2er-Pack", "es": "Chupete ortodóntico pack de 2"}, "silicone"),
            ({"en": "Silicone Teething Ring", "de": "Silikon-Beißring", "es": "Mordedor de silicona"}, "silicone"),
            ({"en": "Natural Rubber Pacifier", "de": "Naturkautschuk-Schnuller", "es": "Chupete de caucho natural"}, "rubber"),
        ],
        colours=["pink", "blue", "green", "yellow", "white"], price=(4, 22), age="baby",
        desc={"en": "BPA-free, for babies from 0 months, dishwasher safe.", "de": "BPA-frei, für Babys ab 0 Monaten, spülmaschinenfest."},
    ),
    "gpt:2125": dict(  # Bibs
        brands=["b-pequesol", "b-mimobu", "b-lunelin"],
        kinds=[
            ({"en": "Waterproof Baby Bib with Pocket", "de": "Wasserdichtes Lätzchen mit Auffangschale", "es": "Babero impermeable con bolsillo"}, "silicone"),
            ({"en": "Cotton Bandana Bib 3-Pack", "de": "Baumwoll-Halstuchlätzchen 3er-Set", "es": "Babero bandana de algodón pack de 3"}, "cotton"),
            ({"en": "Long-Sleeve Feeding Bib", "de": "Ärmellätzchen zum Füttern", "es": "Babero con mangas"}, "polyester"),
        ],
        colours=["yellow", "blue", "pink", "green", "white", "red"], price=(5, 25), age="baby",
        desc={"en": "Keeps clothes clean at mealtimes, easy to wipe or wash.", "de": "Hält die Kleidung beim Essen sauber, leicht abwischbar oder waschbar."},
    ),
    "gpt:577": dict(  # Bath Mats & Rugs
        brands=["b-badhaus", "b-lunelin"],
        kinds=[
            ({"en": "Memory Foam Bath Mat", "de": "Memory-Schaum Badematte", "es": "Alfombra de baño viscoelástica"}, "polyester"),
            ({"en": "Cotton Bath Rug 60x90", "de": "Baumwoll-Badvorleger 60x90", "es": "Alfombra de baño de algodón 60x90"}, "cotton"),
            ({"en": "Diatomite Stone Bath Mat", "de": "Kieselgur-Badematte", "es": "Alfombrilla de baño de diatomita"}, "diatomite"),
        ],
        colours=["white", "grey", "beige", "blue", "green", "black"], price=(12, 60), age=None,
        desc={"en": "Soft, absorbent and non-slip in front of shower or bathtub.", "de": "Weich, saugfähig und rutschfest vor Dusche oder Wanne."},
    ),
    "gpt:505287": dict(  # Quilts & Comforters
        brands=["b-lunelin", "b-badhaus"],
        kinds=[
            ({"en": "All-Season Down Comforter", "de": "Ganzjahres-Daunenbettdecke", "es": "Edredón nórdico de plumón todo el año"}, "down"),
            ({"en": "Quilted Cotton Bedspread", "de": "Gesteppte Tagesdecke aus Baumwolle", "es": "Colcha acolchada de algodón"}, "cotton"),
            ({"en": "Lightweight Summer Quilt", "de": "Leichte Sommer-Steppdecke", "es": "Edredón ligero de verano"}, "linen"),
        ],
        colours=["white", "beige", "grey", "blue", "green"], price=(45, 260), age=None,
        desc={"en": "Warm and breathable, for double and single beds.", "de": "Warm und atmungsaktiv, für Doppel- und Einzelbetten."},
    ),
    "gpt:18": dict(  # Art Brushes
        brands=["b-ocre", "b-pincelada"],
        kinds=[
            ({"en": "Synthetic Watercolour Brush Set 12 pcs", "de": "Synthetik-Aquarellpinsel-Set 12-teilig", "es": "Set de pinceles sintéticos para acuarela 12 piezas"}, "synthetic"),
            ({"en": "Hog Bristle Oil Painting Brushes", "de": "Borstenpinsel für Ölmalerei", "es": "Pinceles de cerda para óleo"}, "bristle"),
            ({"en": "Sable Detail Brush Size 2", "de": "Rotmarder-Detailpinsel Größe 2", "es": "Pincel de marta para detalles n.º 2"}, "sable"),
        ],
        colours=["black", "red", "blue", "natural", "white"], price=(6, 70), age=None,
        desc={"en": "For acrylic, oil and watercolour painting, sharp tips.", "de": "Für Acryl-, Öl- und Aquarellmalerei, feine Spitzen."},
    ),
    "gpt:19": dict(  # Painting Canvas
        brands=["b-ocre", "b-pincelada"],
        kinds=[
            ({"en": "Stretched Cotton Canvas 40x50 cm", "de": "Keilrahmen Baumwolle 40x50 cm", "es": "Lienzo de algodón con bastidor 40x50 cm"}, "cotton"),
            ({"en": "Canvas Panels 5-Pack 20x25 cm", "de": "Malplatten 5er-Pack 20x25 cm", "es": "Paneles de lienzo pack de 5 20x25 cm"}, "cotton"),
            ({"en": "Linen Canvas Roll 1.5 m", "de": "Leinen-Malleinwand Rolle 1,5 m", "es": "Rollo de lienzo de lino 1,5 m"}, "linen"),
        ],
        colours=["white", "natural", "black"], price=(8, 80), age=None,
        desc={"en": "Primed with acrylic gesso, ready for acrylic and oil paint.", "de": "Mit Acryl-Gesso grundiert, bereit für Acryl- und Ölfarben."},
    ),
    "gpt:32": dict(  # Beads
        brands=["b-beadora", "b-ocre"],
        kinds=[
            ({"en": "Glass Seed Beads 500 g Assortment", "de": "Glas-Rocailles-Perlen 500 g Mischung", "es": "Surtido de mostacillas de vidrio 500 g"}, "glass"),
            ({"en": "Wooden Beads 200 pcs", "de": "Holzperlen 200 Stück", "es": "Cuentas de madera 200 piezas"}, "wood"),
            ({"en": "Letter Beads Kit for Bracelets", "de": "Buchstabenperlen-Set für Armbänder", "es": "Kit de abalorios de letras para pulseras"}, "acrylic"),
        ],
        colours=["red", "blue", "purple", "pink", "black", "multicolour", "gold"], price=(4, 35), age=None,
        desc={"en": "For jewellery making, bracelets and crafts.", "de": "Zum Schmuckbasteln, für Armbänder und Handarbeiten."},
    ),
    "gpt:4927": dict(  # Fishing Rods
        brands=["b-korvo", "b-ryuzan"],
        kinds=[
            ({"en": "Telescopic Carbon Spinning Rod 2.7 m", "de": "Teleskop-Spinnrute Carbon 2,7 m", "es": "Caña de spinning telescópica de carbono 2,7 m"}, "carbon"),
            ({"en": "Fly Fishing Rod 9 ft 5 wt", "de": "Fliegenrute 9 ft Klasse 5", "es": "Caña de pesca con mosca 9 pies"}, "graphite"),
            ({"en": "Fiberglass Surf Casting Rod", "de": "Glasfaser-Brandungsrute", "es": "Caña de surfcasting de fibra de vidrio"}, "fiberglass"),
        ],
        colours=["black", "blue", "green", "red"], price=(30, 320), age=None,
        desc={"en": "Sensitive blank, cork handle, for lake, river and sea.", "de": "Sensibler Blank, Korkgriff, für See, Fluss und Meer."},
    ),
    "gpt:8272": dict(  # Fishing Rod Bags & Cases
        brands=["b-korvo", "b-ryuzan"],
        kinds=[
            ({"en": "Padded Rod Holdall 1.5 m", "de": "Gepolstertes Rutenfutteral 1,5 m", "es": "Funda acolchada para cañas 1,5 m"}, "polyester"),
            ({"en": "Hard Rod Tube Case", "de": "Rutenköcher Hartschale", "es": "Tubo rígido para cañas"}, "plastic"),
            ({"en": "Travel Rod Case for Fly Rods", "de": "Reise-Rutenrohr für Fliegenruten", "es": "Estuche de viaje para cañas de mosca"}, "aluminium"),
        ],
        colours=["black", "green", "grey", "blue"], price=(18, 95), age=None,
        desc={"en": "Protects rods and reels in transport.", "de": "Schützt Ruten und Rollen beim Transport."},
    ),
    "gpt:3460": dict(  # Kites
        brands=["b-skyfable", "b-kestrel"],
        kinds=[
            ({"en": "Delta Kite 150 cm", "de": "Delta-Drachen 150 cm", "es": "Cometa delta 150 cm"}, "ripstop nylon"),
            ({"en": "Dual-Line Stunt Kite", "de": "Zweileiner Lenkdrachen", "es": "Cometa acrobática de dos líneas"}, "polyester"),
            ({"en": "Octopus Kite for Kids", "de": "Kraken-Drachen für Kinder", "es": "Cometa pulpo para niños"}, "polyester"),
        ],
        colours=["red", "yellow", "blue", "orange", "multicolour", "green"], price=(10, 110), age=None,
        desc={"en": "Flies in light wind, line and winder included.", "de": "Fliegt schon bei leichtem Wind, mit Schnur und Griff."},
    ),
    "gpt:670": dict(  # Oven Mitts & Pot Holders
        brands=["b-cucina", "b-lunelin"],
        kinds=[
            ({"en": "Silicone Oven Mitts Pair", "de": "Silikon-Ofenhandschuhe Paar", "es": "Manoplas de horno de silicona par"}, "silicone"),
            ({"en": "Quilted Cotton Pot Holders 2-Pack", "de": "Gesteppte Topflappen 2er-Set", "es": "Agarradores de algodón acolchados pack de 2"}, "cotton"),
            ({"en": "Heat-Resistant BBQ Grill Gloves", "de": "Hitzebeständige Grillhandschuhe", "es": "Guantes resistentes al calor para barbacoa"}, "aramid"),
        ],
        colours=["red", "black", "grey", "green", "blue", "yellow"], price=(6, 40), age=None,
        desc={"en": "Protects hands from hot pans, trays and grills up to 250 °C.", "de": "Schützt die Hände vor heißen Pfannen, Blechen und Grillrosten bis 250 °C."},
    ),
    "gpt:4358": dict(  # Parasols & Rain Umbrellas
        brands=["b-regnar", "b-lunelin"],
        kinds=[
            ({"en": "Compact Automatic Folding Umbrella", "de": "Kompakter Taschenschirm mit Automatik", "es": "Paraguas plegable automático compacto"}, "polyester"),
            ({"en": "Windproof Golf Umbrella XL", "de": "Sturmfester Golf-Regenschirm XL", "es": "Paraguas de golf antiviento XL"}, "fiberglass"),
            ({"en": "Classic Stick Umbrella with Wooden Handle", "de": "Klassischer Stockschirm mit Holzgriff", "es": "Paraguas clásico de bastón con mango de madera"}, "polyester"),
        ],
        colours=["black", "navy", "red", "yellow", "transparent", "green"], price=(12, 85), age=None,
        desc={"en": "Keeps you dry in rain and gusty wind.", "de": "Hält trocken bei Regen und böigem Wind."},
    ),
}
PER_CAT = 24

COLOUR_WORDS = {
    "de": {"red": "rot", "blue": "blau", "green": "grün", "black": "schwarz", "grey": "grau", "white": "weiß",
           "yellow": "gelb", "pink": "rosa", "orange": "orange", "purple": "lila", "beige": "beige", "navy": "marineblau",
           "natural": "naturfarben", "multicolour": "bunt", "gold": "gold", "transparent": "transparent"},
    "es": {"red": "rojo", "blue": "azul", "green": "verde", "black": "negro", "grey": "gris", "white": "blanco",
           "yellow": "amarillo", "pink": "rosa", "orange": "naranja", "purple": "morado", "beige": "beige", "navy": "azul marino",
           "natural": "natural", "multicolour": "multicolor", "gold": "dorado", "transparent": "transparente"},
    "en": {"multicolour": "Multicolour", "natural": "Natural", "navy": "Navy", "grey": "Grey"},
}


def w(f, rows):
    with open(os.path.join(OUT, f), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    w("countries.jsonl", [{"code": c, "name": n, "currency": cur, "languages": langs} for c, n, cur, langs in COUNTRIES])
    w("exchange_rates.jsonl", [{"currency": c, "rate": r, "date": "2026-12-01"} for c, r in RATES.items()])
    w("brands.jsonl", [{"id": b, "name": v[0], "aliases": v[1], "country": v[2]} for b, v in BRANDS.items()])
    products, shipping, restrictions = [], [], []
    n = 0
    for cat, spec in CATS.items():
        for i in range(PER_CAT):
            n += 1
            pid = "e10c-p%03d" % n
            brand = spec["brands"][i % len(spec["brands"])]
            titles_k, material = spec["kinds"][i % len(spec["kinds"])]
            colour = spec["colours"][(i * 7 + i // 3) % len(spec["colours"])]
            lo, hi = spec["price"]
            eur = round(lo + (hi - lo) * rng.random(), 2)
            cur = BRANDS[brand][4]
            if rng.random() < 0.25:
                cur = "EUR"
            amount = round(eur * (RATES.get(cur, 1.0)), 0 if cur == "JPY" else 2)
            cname_en = COLOUR_WORDS["en"].get(colour, colour.capitalize())
            titles = {"en": "%s %s, %s" % (BRANDS[brand][0], titles_k["en"], cname_en)}
            descs = {"en": spec["desc"]["en"]}
            if rng.random() < 0.7:
                titles["de"] = "%s %s, %s" % (BRANDS[brand][0], titles_k["de"], COLOUR_WORDS["de"][colour])
                descs["de"] = spec["desc"]["de"]
            if rng.random() < 0.4:
                titles["es"] = "%s %s, %s" % (BRANDS[brand][0], titles_k["es"], COLOUR_WORDS["es"][colour])
            p = {"id": pid, "brand_id": brand, "category_id": cat, "price": amount, "currency": cur,
                 "titles": titles, "descriptions": descs, "colour": colour, "material": material,
                 "stock": rng.choice([0, 3, 12, 40, 40, 100]) if rng.random() < 0.6 else None}
            if spec["age"]:
                p["age_group"] = spec["age"]
            if cat == "gpt:3460" and "Kids" in titles_k["en"]:
                p["age_group"] = "kids"
            if p["stock"] is None:
                del p["stock"]
            products.append(p)
            dests = list(EU) + list(BRANDS[brand][3])  # extras
            dests = [d for d in dests if rng.random() < 0.9 or d in ("DE",)]
            for d in dests:
                days = rng.randint(2, 6) if d in EU else rng.randint(6, 21)
                cost = 0.0 if d in EU and eur > 50 else round(rng.choice([3.9, 4.9, 9.9, 14.9]) if d in EU else rng.choice([12.0, 19.0, 29.0]), 2)
                shipping.append({"product_id": pid, "country": d, "days": days, "cost": cost})
    # a few restrictions: titanium/aluminium cookware fine; aramid gloves fine. Natural rubber pacifiers restricted in CN (labelling)
    for p in products:
        if p["material"] == "rubber" and p["category_id"] == "gpt:566":
            restrictions.append({"product_id": p["id"], "country": "CN", "reason": "labelling requirements"})
    w("products.jsonl", products)
    w("shipping.jsonl", shipping)
    w("restrictions.jsonl", restrictions)
    # shoppers and a few interactions
    shoppers = []
    langs = {"DE": "de", "AT": "de", "FR": "fr", "ES": "es", "MX": "es", "BR": "pt", "PT": "pt", "JP": "ja", "CN": "zh",
             "KE": "en", "CA": "en", "US": "en", "GB": "en", "IT": "en", "CH": "de"}
    curs = {c: cur for c, _, cur, _ in COUNTRIES}
    codes = [c for c, *_ in COUNTRIES]
    for i in range(60):
        c = codes[i % len(codes)]
        shoppers.append({"id": "e10c-s%02d" % i, "country": c, "language": langs[c], "currency": curs[c]})
    w("shoppers.jsonl", shoppers)
    inter = []
    for i in range(240):
        s = rng.choice(shoppers)
        p = rng.choice(products)
        kind = rng.choice(["view", "view", "view", "cart", "purchase", "rating"])
        r = {"shopper_id": s["id"], "product_id": p["id"], "kind": kind,
             "at": "2026-11-%02dT%02d:%02d:00Z" % (rng.randint(1, 30), rng.randint(0, 23), rng.randint(0, 59))}
        if kind == "rating":
            r["rating"] = rng.randint(2, 5)
        inter.append(r)
    w("interactions.jsonl", inter)
    print(len(products), "products", len(shipping), "shipping rows", len(restrictions), "restrictions")


if __name__ == "__main__":
    main()
