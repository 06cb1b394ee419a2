"""Enrichment speed and translation quality of a language model, without Neo4j.

Asks the model exactly what ``borderless enrich`` asks (the prompts and validation of
:mod:`language.enrichment`) and reports:

- category items per second (one category in one language) and categories per second (all seven
  languages), with the share of answers that passed validation;
- titles per second, and per language pair the chrF score (character 1..6-grams, beta 2, spaces
  ignored; 0..100) of the validated translations against hand-written references below, and how
  many were rejected.

The sample is small and fixed (categories and titles of its own, apart from any evaluation set).
``--models`` runs several embedded local models one after the other in the same run (side by side,
under the same machine load); each answer's category words are kept as samples to read.

    python -m bench.enrich [--backend local|openai] [--models qwen2.5-coder-0.5b qwen2.5-coder-1.5b]
        [--categories N] [--titles N] [--languages fr de ...] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter

from borderless.errors import ModelError
from borderless.settings import Settings, get_settings
from language.enrichment import (
    TITLE_MAX_TOKENS,
    WORDS_MAX_TOKENS,
    EnrichmentRejected,
    category_words_prompt,
    parse_category_words,
    parse_title,
    title_prompt,
)
from language.llm import LanguageModel, language_model
from language.local_model import EMBEDDED_MODELS

LANGUAGES = ("en", "de", "es", "fr", "pt", "zh", "ja")
CATEGORIES = (["Home & Garden", "Lighting", "Lamps"], ["Sporting Goods", "Outdoor Recreation", "Tents"])
# English titles and reference translations (written for this bench).
TITLES = {
    "Women's waterproof hiking boots": {
        "de": "Wasserdichte Wanderschuhe für Damen", "es": "Botas de senderismo impermeables para mujer",
        "fr": "Chaussures de randonnée imperméables pour femme", "pt": "Botas de caminhada impermeáveis femininas",
        "zh": "女士防水登山靴", "ja": "レディース防水ハイキングブーツ"},
    "Stainless steel water bottle 1 litre": {
        "de": "Trinkflasche aus Edelstahl 1 Liter", "es": "Botella de agua de acero inoxidable 1 litro",
        "fr": "Gourde en acier inoxydable 1 litre", "pt": "Garrafa de água de aço inoxidável 1 litro",
        "zh": "不锈钢水壶 1升", "ja": "ステンレス製ウォーターボトル 1リットル"},
    "Children's wooden building blocks": {
        "de": "Holzbausteine für Kinder", "es": "Bloques de construcción de madera para niños",
        "fr": "Blocs de construction en bois pour enfants", "pt": "Blocos de montar de madeira para crianças",
        "zh": "儿童木制积木", "ja": "子供用木製積み木"},
    "Wireless noise-cancelling headphones": {
        "de": "Kabellose Kopfhörer mit Geräuschunterdrückung",
        "es": "Auriculares inalámbricos con cancelación de ruido",
        "fr": "Casque sans fil à réduction de bruit", "pt": "Fones de ouvido sem fio com cancelamento de ruído",
        "zh": "无线降噪耳机", "ja": "ワイヤレスノイズキャンセリングヘッドホン"},
}


def chrf(hypothesis: str, reference: str, max_n: int = 6, beta: float = 2.0) -> float:
    """chrF (Popović 2015) of one sentence, 0..100: character n-gram F-beta, spaces removed."""
    hyp, ref = hypothesis.replace(" ", "").casefold(), reference.replace(" ", "").casefold()
    precisions, recalls = [], []
    for n in range(1, max_n + 1):
        h = Counter(hyp[i:i + n] for i in range(len(hyp) - n + 1))
        r = Counter(ref[i:i + n] for i in range(len(ref) - n + 1))
        if not h or not r:
            continue
        common = sum((h & r).values())
        precisions.append(common / sum(h.values()))
        recalls.append(common / sum(r.values()))
    if not precisions:
        return 0.0
    precision, recall = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    if precision + recall == 0:
        return 0.0
    return 100 * (1 + beta**2) * precision * recall / (beta**2 * precision + recall)


def _ask(model: LanguageModel, system: str, user: str, max_tokens: int, timeout_s: float) -> str | None:
    try:
        return model.complete(system, user, max_tokens=max_tokens, timeout_s=timeout_s)
    except ModelError:
        return None


def run(model: LanguageModel, timeout_s: float, categories: int = len(CATEGORIES), titles: int = len(TITLES),
        languages: tuple[str, ...] = LANGUAGES) -> dict:
    """Time the category and title questions of the sample (the first ``categories`` categories and
    ``titles`` titles of it, each in every one of ``languages``); score the translations."""
    sample_categories, sample_titles = CATEGORIES[:categories], dict(list(TITLES.items())[:titles])
    accepted = 0
    category_samples: dict[str, list] = {}
    start = time.perf_counter()
    for path in sample_categories:
        for lang in languages:
            system, user = category_words_prompt(path, lang, {"en": path[-1]})
            reply = _ask(model, system, user, WORDS_MAX_TOKENS, timeout_s)
            try:
                words = parse_category_words(reply or "", lang, f"{path[-1]}|{lang}")
                accepted += 1
                category_samples.setdefault(path[-1], []).append([lang, words.name, *words.words[:4]])
            except EnrichmentRejected as e:
                category_samples.setdefault(path[-1], []).append([lang, f"rejected: {e}"[:120]])
    category_s = time.perf_counter() - start
    items = len(sample_categories) * len(languages)
    pairs: dict[str, dict] = {}
    start = time.perf_counter()
    for source, references in sample_titles.items():
        for lang, reference in ((k, v) for k, v in references.items() if k in languages):
            system, user = title_prompt(source, "en", lang)
            reply = _ask(model, system, user, TITLE_MAX_TOKENS, timeout_s)
            pair = pairs.setdefault(f"en-{lang}", {"scores": [], "rejected": 0, "samples": []})
            try:
                title = parse_title(reply or "", source, lang, f"title|{lang}")
            except EnrichmentRejected:
                pair["rejected"] += 1
                continue
            pair["scores"].append(chrf(title, reference))
            pair["samples"].append(title)
    title_s = time.perf_counter() - start
    title_count = sum(len(pair["scores"]) + pair["rejected"] for pair in pairs.values())
    return {
        "model": model.model_id,
        "languages": list(languages), "category_items": items, "category_items_per_s": round(items / category_s, 3),
        "categories_per_s": round(len(sample_categories) / category_s, 4),
        "category_answers_accepted": f"{accepted}/{items}", "category_samples": category_samples,
        "titles": title_count, "titles_per_s": round(title_count / title_s, 3),
        "translation": {k: {"chrF": round(sum(v["scores"]) / len(v["scores"]), 1) if v["scores"] else None,
                            "accepted": f"{len(v['scores'])}/{len(v['scores']) + v['rejected']}",
                            "samples": v["samples"]}
                        for k, v in pairs.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("local", "openai"), default="local")
    parser.add_argument("--models", nargs="+", choices=sorted(EMBEDDED_MODELS),
                        help="embedded local models to run one after the other (default: BORDERLESS_LOCAL_MODEL)")
    parser.add_argument("--categories", type=int, default=len(CATEGORIES), help="ask only the first N categories")
    parser.add_argument("--titles", type=int, default=len(TITLES), help="translate only the first N titles")
    parser.add_argument("--languages", nargs="+", choices=LANGUAGES, default=list(LANGUAGES),
                        help="ask categories and translate titles into these languages only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sample = (args.categories, args.titles, tuple(args.languages))
    settings = get_settings()
    if args.backend == "local" and args.models:
        for name in args.models:
            _report(settings.model_copy(update={"local_model": name, "local_model_path": None}), "local",
                    sample, args.json)
    else:
        _report(settings, args.backend, sample, args.json)
    return 0


def _report(settings: Settings, backend: str, sample: tuple[int, int, tuple[str, ...]], as_json: bool) -> None:
    start = time.perf_counter()
    model = language_model(settings, backend)
    assert model is not None
    load_s = time.perf_counter() - start
    result = {"load_s": round(load_s, 1), "timeout_s": settings.enrich_timeout_s,
              **run(model, settings.enrich_timeout_s, *sample)}
    if as_json:
        print(json.dumps(result, ensure_ascii=False), flush=True)
        return
    print(f"{result['model']}: loaded in {result['load_s']} s")
    print(f"categories: {result['category_items_per_s']} items/s ({result['categories_per_s']} categories/s "
          f"in {len(result['languages'])} languages), accepted {result['category_answers_accepted']}")
    print(f"titles: {result['titles_per_s']} titles/s")
    for pair, scores in result["translation"].items():
        print(f"  {pair}: chrF {scores['chrF']}, accepted {scores['accepted']}: {scores['samples']}")
    for category, answers in result["category_samples"].items():
        print(f"  {category}: {answers}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
