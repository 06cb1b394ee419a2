"""Generate the eval10d catalog (own work, CC0). Deterministic."""
import json, random, os
random.seed(1010)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog")
os.makedirs(OUT, exist_ok=True)
def w(name, rows):
    with open(os.path.join(OUT, name + ".jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

RATES = {"USD": 1.08, "GBP": 0.85, "JPY": 162.0, "BRL": 5.9, "CAD": 1.47, "KES": 140.0,
         "CNY": 7.8, "MXN": 18.5, "AUD": 1.65, "CHF": 0.95, "INR": 90.0, "SEK": 11.4}
COUNTRIES = [("DE","Germany","EUR",["de"]),("FR","France","EUR",["fr"]),("ES","Spain","EUR",["es"]),
 ("PT","Portugal","EUR",["pt"]),("IT","Italy","EUR",["it"]),("NL","Netherlands","EUR",["nl"]),
 ("GB","United Kingdom","GBP",["en"]),("US","United States","USD",["en"]),("CA","Canada","CAD",["en","fr"]),
 ("JP","Japan","JPY",["ja"]),("CN","China","CNY",["zh"]),("BR","Brazil","BRL",["pt"]),
 ("KE","Kenya","KES",["en","sw"]),("MX","Mexico","MXN",["es"]),("AU","Australia","AUD",["en"]),
 ("CH","Switzerland","CHF",["de","fr","it"]),("IN","India","INR",["hi","en"]),("SE","Sweden","SEK",["sv"])]
w("countries", [{"code":c,"name":n,"currency":cu,"languages":l} for c,n,cu,l in COUNTRIES])
w("exchange_rates", [{"currency":c,"rate":r,"date":"2026-12-01"} for c,r in RATES.items()])

BRANDS = [  # id, name, aliases, country, home currency, categories
 ("kestrava","Kestrava",["Kestrawa"],"DE","EUR",["skate","rope"]),
 ("ondrelle","Ondrelle",[],"FR","EUR",["goggles","beach"]),
 ("vistmark","Vistmark",[],"DE","EUR",["bino","monitor"]),
 ("pummelo","Pummelo Baby",["Pummelo"],"ES","EUR",["diaper","chair","monitor"]),
 ("lunaferra","Lunaferra",[],"IT","EUR",["pillow","candle"]),
 ("brisko","Brisko",[],"JP","JPY",["lunch","tooth"]),
 ("stichwerk","Stichwerk",[],"DE","EUR",["sewing"]),
 ("hollyfinch","Hollyfinch",[],"GB","GBP",["bird","candle"]),
 ("tidewell","Tidewell",[],"US","USD",["beach","goggles"]),
 ("zumbi","Zumbi",[],"BR","BRL",["rope","skate"]),
 ("mokuhana","Mokuhana",[],"JP","JPY",["lunch","candle","pillow"]),
 ("nordlys","Nordlys",[],"SE","SEK",["bird","bino","pillow"]),
 ("quillo","Quillo",[],"CA","CAD",["tooth","diaper","chair"]),
]
w("brands", [{"id":"e10d-"+b,"name":n,"aliases":a,"country":c} for b,n,a,c,_,_ in BRANDS])

COL = {  # en, de, es
 "black":("black","schwarz","negro"),"white":("white","weiß","blanco"),"red":("red","rot","rojo"),
 "blue":("blue","blau","azul"),"green":("green","grün","verde"),"yellow":("yellow","gelb","amarillo"),
 "pink":("pink","rosa","rosa"),"grey":("grey","grau","gris"),"orange":("orange","orange","naranja"),
 "purple":("purple","lila","morado"),"beige":("beige","beige","beige")}
# category key -> (gpt id, EUR price range, colours, variants [(en, de, es)], age_group, count)
CATS = {
 "skate": ("gpt:1059",(35,160),["black","red","blue","green","yellow","pink"],
   [("Complete Skateboard 8.0\"","Komplettes Skateboard 8.0\"","Skateboard completo 8.0\""),
    ("Cruiser Skateboard 27\"","Cruiser-Skateboard 27\"","Skate cruiser 27\""),
    ("Longboard 41\" Drop-Through","Longboard 41\" Drop-Through","Longboard 41\"")],None,26),
 "goggles": ("gpt:3360",(9,45),["black","blue","pink","white","yellow"],
   [("Anti-Fog Swim Goggles","Antibeschlag-Schwimmbrille","Gafas de natación antivaho"),
    ("Mirrored Racing Swim Goggles","Verspiegelte Wettkampf-Schwimmbrille","Gafas de natación de competición espejadas"),
    ("Kids Swim Goggles","Kinder-Schwimmbrille","Gafas de natación infantiles")],None,26),
 "bino": ("gpt:157",(49,420),["black","green","grey"],
   [("Binoculars 10x42 Waterproof","Fernglas 10x42 wasserdicht","Prismáticos 10x42 impermeables"),
    ("Compact Binoculars 8x25","Kompaktes Fernglas 8x25","Prismáticos compactos 8x25"),
    ("Birdwatching Binoculars 8x42 ED","Vogelbeobachtungs-Fernglas 8x42 ED","Prismáticos para observación de aves 8x42 ED")],None,24),
 "diaper": ("gpt:551",(11,39),["white"],
   [("Diapers Size 3, 68 Pack","Windeln Größe 3, 68 Stück","Pañales talla 3, 68 unidades"),
    ("Newborn Diapers Size 1, 44 Pack","Neugeborenen-Windeln Größe 1, 44 Stück","Pañales recién nacido talla 1, 44 unidades"),
    ("Eco Diapers Size 5, 52 Pack","Öko-Windeln Größe 5, 52 Stück","Pañales ecológicos talla 5, 52 unidades")],"baby",24),
 "monitor": ("gpt:541",(39,230),["white","grey","black"],
   [("Video Baby Monitor with Night Vision","Babyphone mit Kamera und Nachtsicht","Vigilabebés con cámara y visión nocturna"),
    ("Audio Baby Monitor","Audio-Babyphone","Vigilabebés de audio"),
    ("WiFi Baby Monitor 2K","WLAN-Babyphone 2K","Vigilabebés WiFi 2K")],"baby",24),
 "chair": ("gpt:559",(29,260),["white","grey","beige","green","blue"],
   [("Wooden High Chair","Hochstuhl aus Holz","Trona de madera"),
    ("Foldable High Chair","Klappbarer Hochstuhl","Trona plegable"),
    ("Booster Seat for Dining Chair","Sitzerhöhung für Esszimmerstuhl","Elevador para silla de comedor")],"baby",24),
 "pillow": ("gpt:2927",(12,69),["white","grey","blue","pink","green","beige","yellow"],
   [("Cotton Pillowcases 50x75, Set of 2","Kissenbezüge Baumwolle 50x75, 2er-Set","Fundas de almohada de algodón 50x75, juego de 2"),
    ("Satin Pillowcase 50x75","Satin-Kissenbezug 50x75","Funda de almohada de satén 50x75"),
    ("Linen Pillow Sham 65x65","Leinen-Kissenbezug 65x65","Funda de almohada de lino 65x65")],None,28),
 "beach": ("gpt:4126",(14,79),["blue","yellow","orange","red","green","pink","white"],
   [("Striped Beach Towel 90x180","Gestreiftes Strandtuch 90x180","Toalla de playa a rayas 90x180"),
    ("Oversized Beach Towel 100x200","Großes Strandtuch 100x200","Toalla de playa grande 100x200"),
    ("Quick-Dry Microfibre Beach Towel","Schnelltrocknendes Mikrofaser-Strandtuch","Toalla de playa de microfibra de secado rápido")],None,28),
 "candle": ("gpt:588",(8,59),["white","beige","red","green","purple","yellow"],
   [("Scented Candle Vanilla","Duftkerze Vanille","Vela aromática de vainilla"),
    ("Soy Wax Candle Lavender in Glass","Sojawachs-Duftkerze Lavendel im Glas","Vela de cera de soja lavanda en vaso"),
    ("Pillar Candle Unscented","Stumpenkerze unparfümiert","Vela de columna sin perfume")],None,30),
 "lunch": ("gpt:669",(9,49),["blue","green","pink","red","black","yellow"],
   [("Bento Lunch Box 2 Tier","Bento-Brotdose 2 Etagen","Fiambrera bento de 2 pisos"),
    ("Stainless Steel Lunch Box","Brotdose aus Edelstahl","Fiambrera de acero inoxidable"),
    ("Insulated Lunch Bag","Isolierte Lunchtasche","Bolsa térmica para el almuerzo")],None,28),
 "sewing": ("gpt:615",(89,690),["white","pink","blue","grey"],
   [("Sewing Machine 23 Stitches","Nähmaschine 23 Stiche","Máquina de coser 23 puntadas"),
    ("Computerised Sewing Machine 200 Stitches","Computer-Nähmaschine 200 Stiche","Máquina de coser computarizada 200 puntadas"),
    ("Mini Sewing Machine for Beginners","Mini-Nähmaschine für Anfänger","Mini máquina de coser para principiantes")],None,22),
 "rope": ("gpt:2614",(6,39),["black","red","blue","pink","green","orange"],
   [("Speed Jump Rope","Speed-Springseil","Comba de velocidad"),
    ("Weighted Jump Rope 1 kg","Gewichtetes Springseil 1 kg","Comba con peso 1 kg"),
    ("Beaded Jump Rope for Kids","Perlen-Springseil für Kinder","Comba de cuentas para niños")],None,26),
 "tooth": ("gpt:527",(3,129),["white","blue","green","pink","black"],
   [("Bamboo Toothbrush, Pack of 4","Bambus-Zahnbürste, 4er-Pack","Cepillo de dientes de bambú, pack de 4"),
    ("Electric Sonic Toothbrush","Elektrische Schallzahnbürste","Cepillo de dientes eléctrico sónico"),
    ("Kids Soft Toothbrush","Weiche Kinderzahnbürste","Cepillo de dientes suave para niños")],None,26),
 "bird": ("gpt:698",(12,89),["green","brown","black","red","white"],
   [("Hanging Bird Feeder","Hängendes Vogelfutterhaus","Comedero colgante para pájaros"),
    ("Wooden Bird Feeder House","Vogelfutterhaus aus Holz","Comedero de madera para pájaros"),
    ("Window Bird Feeder","Fenster-Vogelfutterstation","Comedero de ventana para pájaros")],None,24),
}
COL["brown"] = ("brown","braun","marrón")
DESC = {
 "skate":"Maple deck, ABEC-7 bearings and 52 mm wheels; ready to ride for street and park.",
 "goggles":"Soft silicone seal, adjustable strap and UV-protected lenses for pool and open water.",
 "bino":"Fully multi-coated optics, nitrogen-filled and fog-proof, with neck strap and case.",
 "diaper":"Soft, breathable and leak-proof for up to 12 hours of dryness, dermatologically tested.",
 "monitor":"Long range, two-way talk, temperature sensor and lullabies for peaceful nights.",
 "chair":"Adjustable height, removable tray and five-point harness; easy to wipe clean.",
 "pillow":"Soft, breathable and machine washable at 60 °C, with envelope closure.",
 "beach":"Soft, absorbent and sand-resistant, packs small for holidays and the pool.",
 "candle":"Hand-poured, clean-burning with a cotton wick; about 40 hours of burn time.",
 "lunch":"Leak-proof, BPA-free compartments for school, office and picnics.",
 "sewing":"Automatic needle threader, adjustable stitch length and LED light for home sewing.",
 "rope":"Tangle-free cable, ball-bearing handles and adjustable length for cardio and boxing training.",
 "tooth":"Gentle on gums with soft bristles for a thorough everyday clean.",
 "bird":"Weatherproof feeder for seeds and nuts that attracts songbirds to your garden.",
}
MAT = {"skate":"maple","bino":None,"pillow":"cotton","beach":"cotton","candle":"wax","lunch":"plastic",
       "tooth":None,"bird":"wood","chair":"wood","rope":"pvc"}
VMAT = {"skate":["maple","maple","bamboo"],"pillow":["cotton","satin","linen"],
        "beach":["cotton","cotton","microfibre"],"lunch":["plastic","stainless steel","polyester"],
        "tooth":["bamboo","plastic","plastic"],"bird":["metal","wood","plastic"],
        "chair":["wood","plastic","plastic"],"rope":["pvc","steel","plastic"],"candle":["wax","soy wax","wax"]}
EXTRA_SHIP = ["CA","JP","CN","BR","KE","MX","AU","CH","IN","SE","PT","IT","NL"]
products, shipping = [], []
n = 0
for ck,(cid,(lo,hi),cols,variants,age,count) in CATS.items():
    brands = [b for b in BRANDS if ck in b[5]]
    for i in range(count):
        b = brands[i % len(brands)]
        v = variants[(i // len(brands)) % len(variants)]
        col = cols[(i + (i // len(cols)) * 3) % len(cols)] if i % 3 else random.choice(cols)
        if ck == "diaper": col = "white"
        eur = round(random.uniform(lo, hi), 2)
        cur = b[4]
        if i % 5 == 3: cur = "EUR"
        amount = round(eur * RATES.get(cur, 1.0)) if cur in ("JPY","KES","INR") else round(eur * RATES.get(cur,1.0), 2)
        if cur in ("JPY","KES","INR"): amount = float(int(amount / 10) * 10 + 10)
        n += 1
        pid = f"e10d-{ck}-{i:02d}"
        ce, cd, cs = COL[col]
        titles = {"en": f"{b[1]} {v[0]}, {ce.capitalize()}", "de": f"{b[1]} {v[1]}, {cd.capitalize()}"}
        if i % 5 in (0, 2):
            titles["es"] = f"{b[1]} {v[2]}, {cs}"
        row = {"id": pid, "brand_id": "e10d-"+b[0], "category_id": cid, "price": amount, "currency": cur,
               "titles": titles, "descriptions": {"en": DESC[ck]}, "colour": col}
        vi = variants.index(v)
        m = VMAT.get(ck, [None]*3)[vi]
        if m: row["material"] = m
        if age: row["age_group"] = age
        if "Kids" in v[0] or "for Kids" in v[0]: row["age_group"] = "kids"
        row["stock"] = 0 if (i % 13 == 12) else random.randint(3, 80)
        products.append(row)
        # shipping: EU core + GB + US always
        dests = ["DE","FR","ES","GB","US"]
        for c in EXTRA_SHIP:
            p = {"CA":0.6,"JP":0.45,"CN":0.3,"BR":0.4,"KE":0.3,"MX":0.4,"AU":0.4,"CH":0.7,"IN":0.25,
                 "SE":0.6,"PT":0.8,"IT":0.8,"NL":0.8}[c]
            if b[3] == c: p = 1.0
            if ck == "sewing" and c == "KE": p = 0.0
            if ck == "candle" and c in ("JP",): p = 0.15
            if random.random() < p: dests.append(c)
        for c in dests:
            far = c in ("JP","CN","BR","KE","MX","AU","IN","CA","US")
            shipping.append({"product_id": pid, "country": c, "days": random.randint(8,20) if far else random.randint(2,6),
                             "cost": round(random.choice([0,0,4.9,9.9,14.9]) + (10 if far else 0), 2)})
w("products", products)
w("shipping", shipping)
shoppers = []
langs = {"DE":"de","FR":"fr","ES":"es","BR":"pt","JP":"ja","CN":"zh","US":"en","GB":"en","KE":"en","CA":"en","MX":"es","PT":"pt"}
for i in range(48):
    c = list(langs)[i % len(langs)]
    shoppers.append({"id": f"e10d-shopper-{i}", "country": c, "language": langs[c],
                     "currency": dict((x[0],x[2]) for x in COUNTRIES)[c]})
w("shoppers", shoppers)
inter = []
kinds = ["view","view","view","cart","purchase","rating"]
for i in range(260):
    s = random.choice(shoppers); p = random.choice(products); k = random.choice(kinds)
    r = {"shopper_id": s["id"], "product_id": p["id"], "kind": k,
         "at": f"2026-11-{random.randint(1,28):02d}T{random.randint(0,23):02d}:{random.randint(0,59):02d}:00Z"}
    if k == "rating": r["rating"] = random.randint(2,5)
    inter.append(r)
w("interactions", inter)
print(len(products), "products", len(shipping), "shipping rows")
