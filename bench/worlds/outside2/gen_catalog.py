"""Generate the e10b evaluation catalog (own work, CC0). Deterministic (seed 1010).

16 Google Product Taxonomy leaves, 13 invented brands, ~350 products, titles in en (all),
de (~70%), es (~35%); no fr/pt/zh/ja titles, as a real European shop might have.
"""
import json
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog")
rng = random.Random(1010)

RATES = {"EUR": 1.0, "USD": 1.08, "GBP": 0.85, "JPY": 162.0, "BRL": 5.9, "CAD": 1.48,
         "KES": 140.0, "CNY": 7.8, "CHF": 0.95, "MXN": 19.0}

COUNTRIES = [
    ("DE", "Germany", "EUR", ["de"]), ("FR", "France", "EUR", ["fr"]), ("ES", "Spain", "EUR", ["es"]),
    ("AT", "Austria", "EUR", ["de"]), ("IT", "Italy", "EUR", ["it"]), ("PT", "Portugal", "EUR", ["pt"]),
    ("CH", "Switzerland", "CHF", ["de", "fr", "it"]), ("GB", "United Kingdom", "GBP", ["en"]),
    ("US", "United States", "USD", ["en"]), ("CA", "Canada", "CAD", ["en", "fr"]),
    ("JP", "Japan", "JPY", ["ja"]), ("CN", "China", "CNY", ["zh"]), ("BR", "Brazil", "BRL", ["pt"]),
    ("MX", "Mexico", "MXN", ["es"]), ("KE", "Kenya", "KES", ["en", "sw"]),
]

# brand id suffix, name, aliases, country, categories it makes
BRANDS = [
    ("tovrana", "Tovrana", ["Tovranna"], "IT", ["568", "564"]),
    ("nidello", "Nidello", [], "DE", ["568", "564", "2700"]),
    ("kelbrook", "Kelbrook", ["Kel Brook"], "GB", ["2314", "2541", "2700"]),
    ("marlune", "Marlune", [], "FR", ["2314", "2541", "580"]),
    ("brisvik", "Brisvik", [], "SE", ["580", "2541"]),
    ("valiso", "Valiso", ["Valisso"], "ES", ["107", "5651", "4211"]),
    ("trekora", "Trekora", [], "DE", ["3800", "1017", "717", "4211"]),
    ("solvanta", "Solvanta", [], "PT", ["717", "1017", "3800"]),
    ("velocai", "Velocai", ["Veloçai"], "NL", ["1029"]),
    ("courtane", "Courtane", [], "US", ["3906"]),
    ("lanoria", "Lanoria", ["Lanorya"], "PE", ["2669"]),
    ("krayo", "Krayo", [], "JP", ["979"]),
    ("pintelli", "Pintelli", [], "IT", ["979", "2669", "5651"]),
]

# colour: en, de, es
COLOURS = {
    "red": ("red", "rot", "rojo"), "blue": ("blue", "blau", "azul"), "green": ("green", "grün", "verde"),
    "black": ("black", "schwarz", "negro"), "white": ("white", "weiß", "blanco"),
    "grey": ("grey", "grau", "gris"), "pink": ("pink", "rosa", "rosa"), "yellow": ("yellow", "gelb", "amarillo"),
}

# category: (en nouns, de nouns, es nouns, price range EUR, allowed colours, materials, n products,
#            age_group, description en, description de)
CATS = {
    "568": (["Stroller", "Pushchair", "Travel System Stroller"], ["Kinderwagen", "Buggy", "Sportwagen"],
            ["cochecito", "silla de paseo"], (129, 899), ["black", "grey", "blue", "green", "red"], ["aluminium"],
            22, "baby", "Foldable with one hand, all-terrain wheels and a large shopping basket.",
            "Mit einer Hand faltbar, geländegängige Räder und großer Einkaufskorb."),
    "564": (["Baby Bottle", "Feeding Bottle", "Anti-Colic Bottle Set"], ["Babyflasche", "Trinkflasche für Babys", "Anti-Kolik-Flaschenset"],
            ["biberón", "set de biberones"], (6, 39), ["white", "blue", "pink", "green", "yellow"], ["glass", "plastic"],
            24, "baby", "BPA-free, slow-flow teat, easy to clean.",
            "BPA-frei, Sauger mit langsamem Fluss, leicht zu reinigen."),
    "580": (["Shower Curtain", "Bath Curtain"], ["Duschvorhang"], ["cortina de ducha"], (12, 59),
            ["white", "blue", "grey", "green", "pink", "yellow"], ["polyester"], 22, None,
            "Water-repellent fabric with 12 rings, machine washable.",
            "Wasserabweisender Stoff mit 12 Ringen, waschmaschinenfest."),
    "2314": (["Fitted Sheet", "Flat Sheet", "Bed Sheet"], ["Spannbettlaken", "Bettlaken", "Laken"],
             ["sábana bajera", "sábana"], (15, 89), ["white", "grey", "blue", "pink", "green", "yellow"], ["cotton", "linen"],
             24, None, "Soft cotton percale, deep pockets, fits mattresses up to 30 cm.",
             "Weicher Baumwollperkal, passt auf Matratzen bis 30 cm Höhe."),
    "2541": (["Duvet Cover", "Quilt Cover Set"], ["Bettbezug", "Bettwäsche-Set"], ["funda nórdica"], (25, 129),
             ["white", "grey", "blue", "green", "pink", "yellow"], ["cotton", "linen"], 24, None,
             "Duvet cover with hidden buttons and two pillowcases.",
             "Bettbezug mit verdeckter Knopfleiste und zwei Kissenbezügen."),
    "2700": (["Bed Pillow", "Memory Foam Pillow", "Down Pillow"], ["Kopfkissen", "Memory-Schaum-Kissen", "Daunenkissen"],
             ["almohada"], (15, 119), ["white", "grey"], ["memory foam", "down", "polyester"], 22, None,
             "Supportive sleeping pillow for side and back sleepers.",
             "Stützendes Schlafkissen für Seiten- und Rückenschläfer."),
    "4211": (["Travel Neck Pillow", "Inflatable Travel Pillow"], ["Nackenhörnchen", "Reisekissen"],
             ["almohada de viaje", "cojín cervical"], (9, 45), ["grey", "black", "blue", "red", "pink"], ["memory foam"],
             22, None, "U-shaped neck support for flights and train journeys, with carry pouch.",
             "U-förmige Nackenstütze für Flug- und Bahnreisen, mit Tasche."),
    "107": (["Hard Shell Suitcase", "Carry-On Suitcase", "Check-In Trolley Case"], ["Hartschalenkoffer", "Handgepäckkoffer", "Trolley"],
            ["maleta rígida", "maleta de cabina"], (59, 349), ["black", "blue", "red", "grey", "green", "white", "pink"],
            ["polycarbonate"], 26, None, "Four spinner wheels, TSA lock, telescopic handle.",
            "Vier Rollen, TSA-Schloss, Teleskopgriff."),
    "5651": (["Luggage Tag", "Suitcase Tag Set"], ["Kofferanhänger", "Gepäckanhänger-Set"], ["etiqueta de equipaje"],
             (4, 19), ["red", "blue", "black", "yellow", "pink", "green"], ["leather", "silicone"], 20, None,
             "Name and address card hidden behind a privacy flap.",
             "Adresskarte hinter einer Sichtschutzklappe."),
    "3800": (["Vacuum Flask", "Insulated Bottle", "Thermos Flask"], ["Thermoskanne", "Isolierflasche"],
             ["termo", "botella térmica"], (12, 59), ["black", "red", "blue", "green", "white", "yellow"],
             ["stainless steel"], 24, None, "Keeps coffee and tea hot for 12 hours and drinks cold for 24.",
             "Hält Kaffee und Tee 12 Stunden heiß und Getränke 24 Stunden kalt."),
    "1017": (["Cool Box", "Cooler", "Soft Cooler Bag"], ["Kühlbox", "Kühltasche"], ["nevera portátil"],
             (29, 249), ["blue", "red", "grey", "green", "white"], ["plastic", "polyester"], 22, None,
             "Keeps food and drinks chilled for picnics, camping and barbecues.",
             "Hält Essen und Getränke kühl beim Picknick, Camping und Grillen."),
    "717": (["Hammock", "Camping Hammock", "Garden Hammock"], ["Hängematte"], ["hamaca"], (25, 189),
            ["green", "blue", "red", "yellow", "grey"], ["cotton", "nylon"], 22, None,
            "Holds up to 200 kg; straps and carabiners included.",
            "Trägt bis 200 kg; Gurte und Karabiner inklusive."),
    "1029": (["Bike Helmet", "Cycling Helmet", "Kids Bike Helmet"], ["Fahrradhelm", "Radhelm", "Kinder-Fahrradhelm"],
             ["casco de bicicleta"], (29, 179), ["black", "white", "red", "blue", "green", "yellow"], ["polycarbonate"],
             22, None, "In-mould shell, adjustable fit dial, rear LED light.",
             "In-Mould-Schale, Größenverstellrad, LED-Rücklicht."),
    "3906": (["Tennis Racket", "Tennis Racquet"], ["Tennisschläger"], ["raqueta de tenis"], (39, 249),
             ["black", "blue", "red", "white", "yellow"], ["graphite", "aluminium"], 20, None,
             "Balanced frame for control and spin, strung.",
             "Ausgewogener Rahmen für Kontrolle und Spin, besaitet."),
    "2669": (["Merino Yarn", "Cotton Yarn", "Chunky Knitting Yarn"], ["Merinowolle", "Baumwollgarn", "Strickgarn"],
             ["lana merino", "hilo de algodón"], (4, 29), ["red", "blue", "green", "grey", "pink", "yellow", "white", "black"],
             ["wool", "cotton"], 24, None, "100 g ball for knitting and crochet, needle size 4-5 mm.",
             "100-g-Knäuel zum Stricken und Häkeln, Nadelstärke 4-5 mm."),
    "979": (["Wax Crayons", "Jumbo Crayons", "Crayon Set"], ["Wachsmalstifte", "Wachsmalkreiden", "Malstifte-Set"],
            ["ceras de colores"], (3, 25), ["red", "blue", "green", "yellow"], ["wax"], 20, "kids",
            "Non-toxic, washable, bright colours for little hands.",
            "Ungiftig, auswaschbar, leuchtende Farben für kleine Hände."),
}

MODELS = ["Aria", "Nova", "Fjord", "Luma", "Terra", "Vento", "Orbit", "Sierra", "Coral", "Pico", "Atlas",
          "Brisa", "Kumo", "Zephyr", "Ember", "Drift", "Halo", "Mesa"]

ZONE_A = ["DE", "FR", "ES", "AT", "IT", "PT", "CH"]


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = {k: [] for k in ["countries", "exchange_rates", "brands", "products", "shipping", "restrictions",
                            "shoppers", "interactions"]}
    for code, name, cur, langs in COUNTRIES:
        rows["countries"].append({"code": code, "name": name, "currency": cur, "languages": langs})
    for cur, rate in RATES.items():
        if cur != "EUR":
            rows["exchange_rates"].append({"currency": cur, "rate": rate, "date": "2026-12-01"})
    for bid, name, aliases, country, _ in BRANDS:
        b = {"id": f"e10b-brand-{bid}", "name": name, "aliases": aliases}
        if country in {c[0] for c in COUNTRIES}:
            b["country"] = country
        rows["brands"].append(b)
    brands_for = {c: [b for b in BRANDS if c in b[4]] for c in CATS}
    n = 0
    for cat, (en, de, es, (lo, hi), colours, materials, count, age, den, dde) in CATS.items():
        for i in range(count):
            n += 1
            pid = f"e10b-p-{n:04d}"
            brand = brands_for[cat][i % len(brands_for[cat])]
            colour = colours[(i + rng.randrange(3)) % len(colours)]
            material = rng.choice(materials)
            model = rng.choice(MODELS) + (f" {rng.choice(['S', 'Pro', 'Lite', 'Max', 'Mini', '2'])}" if rng.random() < 0.5 else "")
            k = rng.randrange(len(en))
            c_en, c_de, c_es = COLOURS[colour]
            titles = {"en": f"{brand[1]} {model} {en[k % len(en)]}, {c_en.capitalize()}"}
            descs = {"en": f"{den} Colour: {c_en}. Material: {material}."}
            if rng.random() < 0.7:
                titles["de"] = f"{brand[1]} {model} {de[k % len(de)]}, {c_de}"
                descs["de"] = f"{dde} Farbe: {c_de}."
            if rng.random() < 0.35:
                titles["es"] = f"{es[k % len(es)].capitalize()} {brand[1]} {model}, {c_es}"
            price_eur = round(rng.uniform(lo, hi), 2)
            # list in a few currencies, as a shop importing from several suppliers does
            cur = rng.choices(["EUR", "USD", "GBP", "JPY"], [6, 2, 1, 1])[0]
            amount = round(price_eur * RATES[cur], 0 if cur == "JPY" else 2)
            p = {"id": pid, "brand_id": f"e10b-brand-{brand[0]}", "category_id": f"gpt:{cat}",
                 "price": amount, "currency": cur, "titles": titles, "descriptions": descs,
                 "colour": colour, "material": material}
            if age:
                p["age_group"] = age
            if cat == "1029" and "Kids" in titles["en"]:
                p["age_group"] = "kids"
            rows["products"].append(p)
            # shipping: all to zone A; most to GB/US/CA; about half to JP; fewer to CN/MX/BR; few to KE
            dests = list(ZONE_A)
            for c, pr in [("GB", 0.8), ("US", 0.7), ("CA", 0.6), ("JP", 0.5), ("CN", 0.35), ("MX", 0.35),
                          ("BR", 0.3), ("KE", 0.2)]:
                if rng.random() < pr:
                    dests.append(c)
            for c in dests:
                far = c not in ZONE_A
                rows["shipping"].append({"product_id": pid, "country": c,
                                         "days": rng.randint(7, 21) if far else rng.randint(1, 5),
                                         "cost": round(rng.uniform(9, 29) if far else rng.uniform(0, 6), 2)})
            # lithium-free, but coolers with compressor ... keep: crayons restricted nowhere; one
            # restriction kind: pressurised/insulated? Use: travel system strollers not to KE (recall)
            if cat == "568" and "KE" in dests and rng.random() < 0.5:
                rows["restrictions"].append({"product_id": pid, "country": "KE", "reason": "import certificate pending"})
    # shoppers and interactions
    langs = {"DE": "de", "FR": "fr", "ES": "es", "JP": "ja", "BR": "pt", "CN": "zh", "US": "en", "KE": "en", "CA": "en"}
    curs = {c[0]: c[2] for c in COUNTRIES}
    products = rows["products"]
    for s in range(60):
        country = rng.choice(list(langs))
        sid = f"e10b-shopper-{s:03d}"
        rows["shoppers"].append({"id": sid, "country": country, "language": langs[country], "currency": curs[country]})
        for j in range(rng.randint(2, 8)):
            p = rng.choice(products)
            kind = rng.choices(["view", "cart", "purchase", "rating"], [6, 2, 1, 1])[0]
            it = {"shopper_id": sid, "product_id": p["id"], "kind": kind,
                  "at": f"2026-11-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"}
            if kind == "rating":
                it["rating"] = rng.randint(1, 5)
            rows["interactions"].append(it)
    for name, rs in rows.items():
        with open(os.path.join(OUT, f"{name}.jsonl"), "w", encoding="utf-8") as f:
            for r in rs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print({k: len(v) for k, v in rows.items()})


if __name__ == "__main__":
    main()
