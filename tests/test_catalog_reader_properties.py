"""Property-based tests of the catalog reader (no Neo4j): whatever bytes sit between good rows,
every good row is read, nothing raises, and every bad line is quarantined with file, line, field
and reason; and the category checks always leave a tree. ``max_examples`` is kept small so the suite
stays fast; raise it locally to dig.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.categories import CategoryLink, refused_categories
from loaders.models import ShopperRow
from loaders.reader import Accepted, Quarantine, Rejected, read_rows

EXAMPLES = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ids = st.from_regex(r"[A-Za-z0-9_.:\-]{1,20}", fullmatch=True)
good = st.builds(lambda i: ("good", i), ids)
# Any bytes but a line end: each junk item stays one physical line.
junk_bytes = st.binary(max_size=40).filter(lambda b: b"\n" not in b and b"\r" not in b)
junk_text = st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")).filter(
    lambda b: b"\n" not in b and b"\r" not in b)
junk = st.builds(lambda b: ("junk", b), st.one_of(junk_bytes, junk_text))
line_ends = st.sampled_from([b"\n", b"\r\n", b"\r"])


def _read(name: str, content: bytes) -> tuple[list[Accepted | Rejected], list[dict]]:
    """Read the file and quarantine its rejections; return the results and the quarantine."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        results = list(read_rows(path, ShopperRow))
        box = Quarantine(Path(tmp) / "q.jsonl")
        for r in results:
            if isinstance(r, Rejected):
                box.add(r)
        box.close()
        entries = ([json.loads(x) for x in box.path.read_text(encoding="utf-8").splitlines()]
                   if box.count else [])
    return results, entries


def _check_common(results: list[Accepted | Rejected], entries: list[dict], name: str,
                  goods: dict[int, str]) -> dict[int, Accepted | Rejected]:
    by_line = {r.line: r for r in results}
    lines = [r.line for r in results]
    assert lines == sorted(set(lines)), "one result per line, in file order"
    for line, shopper_id in goods.items():
        got = by_line.get(line)
        assert isinstance(got, Accepted) and getattr(got.row, "id", None) == shopper_id, (line, got)
    rejected = [r for r in results if isinstance(r, Rejected)]
    assert len(entries) == len(rejected)
    for entry in entries:
        assert entry["file"] == name and entry["line"] >= 1
        assert entry["field"] and entry["reason"]
    return by_line


def _shopper_json(shopper_id: str) -> bytes:
    return json.dumps({"id": shopper_id, "country": "DE", "language": "de",
                       "currency": "EUR"}).encode()


@EXAMPLES
@given(items=st.lists(st.one_of(good, junk), max_size=12), end=line_ends, bom=st.booleans())
def test_jsonl_good_rows_survive_any_junk_lines(items, end, bom):
    content = b"\xef\xbb\xbf" if bom else b""
    goods: dict[int, str] = {}
    junk_lines: dict[int, bytes] = {}
    for number, (kind, value) in enumerate(items, start=1):
        if kind == "good":
            goods[number] = value
            content += _shopper_json(value) + end
        else:
            junk_lines[number] = value
            content += value + end
    results, entries = _read("shoppers.jsonl", content)
    by_line = _check_common(results, entries, "shoppers.jsonl", goods)
    for number, raw in junk_lines.items():
        try:
            blank = not raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            blank = False
        if blank:
            assert number not in by_line
        else:  # quarantined on its own line, or (by chance) a valid row
            assert number in by_line, (number, raw)
            if isinstance(by_line[number], Rejected) and b"\xff" in raw:
                assert "not UTF-8" in by_line[number].reason


@EXAMPLES
@given(items=st.lists(st.one_of(good, junk), max_size=12), end=line_ends, bom=st.booleans())
def test_csv_good_rows_survive_any_junk_lines(items, end, bom):
    """Junk may hold quotes and delimiters: a quote that never closes costs its own line only."""
    content = (b"\xef\xbb\xbf" if bom else b"") + b"id,country,language,currency" + end
    goods: dict[int, str] = {}
    quote_free: dict[int, bytes] = {}
    for number, (kind, value) in enumerate(items, start=2):
        if kind == "good":
            goods[number] = value
            content += f"{value},DE,de,EUR".encode() + end
        else:
            content += value + end
            if b'"' not in value:
                quote_free[number] = value
    results, entries = _read("shoppers.csv", content)
    by_line = _check_common(results, entries, "shoppers.csv", goods)
    if any(b'"' in value for kind, value in items if kind == "junk"):
        return  # a quote may rightly join the junk lines after it into one cell
    for number, raw in quote_free.items():
        cells = raw.decode("utf-8", "replace").split(",")
        if all(not c.strip() for c in cells):
            assert number not in by_line  # an empty spreadsheet row is no row
        else:
            assert number in by_line, (number, raw)


names = st.sampled_from([f"c{i}" for i in range(8)])


@EXAMPLES
@given(graph=st.dictionaries(names, names, max_size=6), file=st.lists(
    st.tuples(names, st.one_of(st.none(), names, st.just("missing"))), max_size=8,
    unique_by=lambda row: row[0]))
def test_category_checks_leave_a_tree_and_refuse_only_what_they_must(graph, file):
    """Whatever the file says, the accepted rows and the graph form no cycle and every accepted
    parent exists; a file that closes no cycle and names only existing parents loses nothing."""
    graph = _acyclic(graph)
    graph_ids = set(graph) | set(graph.values())
    rows = [CategoryLink(i, p, n) for n, (i, p) in enumerate(file, start=1)]
    refused = refused_categories(rows, graph, graph_ids)
    accepted = {r.id: r for r in rows if r.id not in refused}
    for row in accepted.values():
        assert row.parent_id is None or row.parent_id in accepted or row.parent_id in graph_ids
    parent = {**graph, **{i: r.parent_id for i, r in accepted.items() if r.parent_id}}
    for start in accepted:
        seen, node = set(), start
        while node in parent:
            assert node not in seen, f"cycle through {node}: {parent}"
            seen.add(node)
            node = parent[node]
    everything = {**graph, **{r.id: r.parent_id for r in rows if r.parent_id}}
    ids = graph_ids | {r.id for r in rows}
    if all(p in ids for p in everything.values()) and _acyclic(everything) == everything:
        assert refused == {}


def _acyclic(links: dict[str, str]) -> dict[str, str]:
    """``links`` less each link that closes a cycle (in insertion order)."""
    kept: dict[str, str] = {}
    for child, parent in links.items():
        node: str | None = parent
        while node is not None and node != child:
            node = kept.get(node)
        if node is None:
            kept[child] = parent
    return kept
