"""The catalog reader on real-world files, without Neo4j: encodings, spreadsheet habits, runaway
quotes, messages that point at the fix, and the folder check that runs before anything loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from borderless.errors import LoadError
from loaders.categories import CategoryLink, refused_categories
from loaders.folder import inspect_folder
from loaders.csvfile import read_header
from loaders.models import ProductRow, ShopperRow, known_fields
from loaders.reader import Accepted, Quarantine, Rejected, read_rows

SHOPPER = '{"id": "%s", "country": "DE", "language": "de", "currency": "EUR"}'


def results(path: Path, model=ShopperRow) -> tuple[list[Accepted], list[Rejected]]:
    got = list(read_rows(path, model))
    return ([r for r in got if isinstance(r, Accepted)], [r for r in got if isinstance(r, Rejected)])


def test_a_byte_that_is_not_utf8_costs_its_jsonl_line_only(tmp_path):
    path = tmp_path / "shoppers.jsonl"
    good = [(SHOPPER % f"s-{i}").encode() + b"\n" for i in range(3)]
    bad = b'{"id": "s-bad", "country": "DE", "language": "de", "currency": "\xff"}\n'
    path.write_bytes(good[0] + bad + good[1] + good[2])
    accepted, rejected = results(path)
    assert [a.row.id for a in accepted] == ["s-0", "s-1", "s-2"]
    assert [a.line for a in accepted] == [1, 3, 4]
    (entry,) = rejected
    offset = len(good[0]) + bad.index(b"\xff")
    assert (entry.file, entry.line, entry.field) == ("shoppers.jsonl", 2, "(line)")
    assert "not UTF-8" in entry.reason and f"byte offset {offset}" in entry.reason
    assert "\\xff" in entry.row  # the line, readable, in the quarantine


def test_a_byte_that_is_not_utf8_costs_its_csv_row_only(tmp_path):
    path = tmp_path / "products.csv"
    path.write_bytes(
        b"id,brand_id,category_id,price,currency,title_en,description_en\n"
        b"p-1,b,c,1,EUR,One,\"two lines\nof description\"\n"
        b"p-2,b,c,2,EUR,Caf\xe9 latin-1,plain\n"
        b"p-3,b,c,3,EUR,Three,\"quoted, with a comma\"\n")
    accepted, rejected = results(path, ProductRow)
    assert [(a.row.id, a.line) for a in accepted] == [("p-1", 2), ("p-3", 5)]
    assert accepted[0].row.descriptions == {"en": "two lines\nof description"}
    (entry,) = rejected
    assert entry.line == 4 and "not UTF-8: byte 0xe9" in entry.reason


def test_byte_order_mark_is_accepted(tmp_path):
    jsonl, csv_path = tmp_path / "shoppers.jsonl", tmp_path / "shoppers.csv"
    jsonl.write_bytes(b"\xef\xbb\xbf" + (SHOPPER % "s-1").encode() + b"\n")
    csv_path.write_bytes(b"\xef\xbb\xbfid,country,language,currency\r\ns-1,DE,de,EUR\r\n")
    for path in (jsonl, csv_path):
        accepted, rejected = results(path)
        assert [a.row.id for a in accepted] == ["s-1"] and rejected == []


def test_files_joined_together_keep_their_rows(tmp_path):
    """``cat a.csv b.csv``: the second file's byte-order mark and header sit mid-file."""
    part = b"\xef\xbb\xbfid,country,language,currency\r\ns-%d,DE,de,EUR\r\n"
    csv_path = tmp_path / "shoppers.csv"
    csv_path.write_bytes(part % 1 + part % 2)
    jsonl = tmp_path / "shoppers.jsonl"
    jsonl.write_bytes(b"".join(b"\xef\xbb\xbf" + (SHOPPER % f"s-{i}").encode() + b"\n"
                               for i in (1, 2)))
    for path in (csv_path, jsonl):
        accepted, rejected = results(path)
        assert [a.row.id for a in accepted] == ["s-1", "s-2"] and rejected == []


def test_spreadsheet_habits_are_accepted(tmp_path):
    """CR and CRLF line ends, whitespace around names and values, empty optional cells, empty
    trailing cells, rows of empty cells, trailing blank lines, lower-case codes, Title-case enums."""
    path = tmp_path / "products.csv"
    path.write_bytes(
        b" ID , Brand ID ,category-id,price,currency,Title_EN,colour,gender\r\n"
        b" p-1 ,b, c , 12.50 ,eur, Shoe ,,Women,,\r\n"
        b"p-2,b,c,3,EUR,Sock,red,\r"
        b",,,,,,,\r\n"
        b"\r\n\r\n")
    accepted, rejected = results(path, ProductRow)
    assert rejected == []
    first, second = (a.row for a in accepted)
    assert (first.id, first.category_id, first.price, first.currency) == ("p-1", "c", 12.5, "EUR")
    assert (first.titles, first.colour, first.gender) == ({"en": "Shoe"}, None, "women")
    assert (second.colour, second.gender, accepted[1].line) == ("red", None, 3)


def test_numbers_where_text_is_expected_are_the_text(tmp_path):
    """A spreadsheet-to-JSON export writes numeric ids as numbers."""
    path = tmp_path / "shoppers.jsonl"
    path.write_text('{"id": 1042, "country": "de", "language": "de", "currency": "EUR"}\n',
                    encoding="utf-8")
    accepted, rejected = results(path)
    assert [a.row.id for a in accepted] == ["1042"] and rejected == []


@pytest.mark.parametrize("header, row", [
    ("id;country;language;currency", "s-1;DE;de;EUR"),
    ("id\tcountry\tlanguage\tcurrency", "s-1\tDE\tde\tEUR"),
    ("sep=;\nid;country;language;currency", "s-1;DE;de;EUR"),
])
def test_semicolon_and_tab_separated_csv_are_read(tmp_path, header, row):
    path = tmp_path / "shoppers.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    accepted, rejected = results(path)
    assert [a.row.id for a in accepted] == ["s-1"] and rejected == []


@pytest.mark.parametrize("header, name", [
    ("id;country;language;currency", "semicolon"),
    ("id\tcountry\tlanguage\tcurrency", "tab"),
    ("sep=;\nid;country;language;currency", "semicolon"),
    ("sep=\t\nid\tcountry\tlanguage\tcurrency", "tab"),
])
def test_a_delimiter_other_than_comma_is_named_in_the_notes(tmp_path, header, name):
    path = tmp_path / "shoppers.csv"
    path.write_text(f"{header}\n", encoding="utf-8")
    notes = read_header(path, known_fields(ShopperRow)).notes
    assert len(notes) == 1 and f"{name}-separated" in notes[0] and "shoppers.csv" in notes[0]


def test_a_run_that_rejects_nothing_empties_an_earlier_runs_quarantine_file(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"file": "products.jsonl", "line": 7, "reason": "yesterday"}\n', encoding="utf-8")
    box = Quarantine(path)
    box.close()
    assert box.count == 0 and path.read_text(encoding="utf-8") == ""


def test_a_runaway_quote_costs_one_line_not_the_rest_of_the_file(tmp_path):
    path = tmp_path / "shoppers.csv"
    path.write_text('id,country,language,currency\n'
                    's-1,DE,de,EUR\n'
                    's-2,"DE,de,EUR\n'        # the quote never closes
                    's-3,DE,de,EUR\n'
                    's-4,DE,de,"EUR\n'        # nor this one, at the end of the file
                    's-5,DE,de,EUR\n', encoding="utf-8")
    accepted, rejected = results(path)
    assert [(a.row.id, a.line) for a in accepted] == [("s-1", 2), ("s-3", 4), ("s-5", 6)]
    assert [(r.line, r.field) for r in rejected] == [(3, "(line)"), (5, "(line)")]
    assert "quoted cell opened on this line" in rejected[0].reason


def test_messages_point_at_the_fix(tmp_path):
    path = tmp_path / "products.jsonl"
    path.write_text(json.dumps({"id": "p-1", "brand_id": "b", "category_id": "c",
                                "price": "12,50", "currency": "EUR", "titles": {"en": "x"},
                                "color": "red"}) + "\n", encoding="utf-8")
    _, (entry,) = results(path, ProductRow)
    assert entry.field == "price, color"
    assert "did you mean 'colour'?" in entry.reason
    assert "write decimals with a dot" in entry.reason


def test_lone_surrogate_escapes_are_refused_and_quarantine_never_fails(tmp_path):
    path = tmp_path / "shoppers.jsonl"
    path.write_text('{"id": "s-1", "country": "DE", "language": "de", "currency": "EUR", '
                    '"\\udc80": "\\ud800"}\n' + SHOPPER % "s-2" + "\n", encoding="utf-8")
    accepted, rejected = results(path)
    assert [a.row.id for a in accepted] == ["s-2"]
    box = Quarantine(tmp_path / "q.jsonl")
    box.add(rejected[0])
    box.close()
    assert json.loads((tmp_path / "q.jsonl").read_text(encoding="utf-8"))["line"] == 1


def test_quarantine_file_holds_this_run_only(tmp_path):
    target = tmp_path / "q.jsonl"
    for _ in range(2):
        box = Quarantine(target)
        box.add(Rejected("f.jsonl", 1, "id", "bad"))
        box.close()
    assert len(target.read_text(encoding="utf-8").splitlines()) == box.count == 1


def write_files(folder: Path, *names: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(SHOPPER % "s-1" + "\n" if name.endswith("l") else
                                   "id,country,language,currency\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("name, expected", [
    ("shopper.jsonl", "did you mean shoppers.jsonl?"),
    ("Products.CSV", "did you mean products.csv?"),
    ("products.json", "did you mean products.jsonl?"),
    ("exchange-rates.csv", "did you mean exchange_rates.csv?"),
    ("Reviews.xlsx", "did you mean reviews.csv (saved as CSV, UTF-8)?"),
])
def test_a_misnamed_file_stops_the_load_before_anything_is_written(tmp_path, name, expected):
    folder = write_files(tmp_path / "shop", "countries.jsonl", name)
    with pytest.raises(LoadError) as e:
        inspect_folder(folder)
    assert expected in str(e.value) and "expected any of: countries, exchange_rates" in str(e.value)


def test_an_empty_folder_is_an_error(tmp_path):
    (tmp_path / "shop").mkdir()
    with pytest.raises(LoadError, match="no catalog file in it\n  expected any of: countries"):
        inspect_folder(tmp_path / "shop")


def test_unrelated_files_are_noted_and_columns_get_a_did_you_mean(tmp_path):
    folder = write_files(tmp_path / "shop", "shoppers.jsonl", "tastes.jsonl", "README.md")
    (folder / "products.csv").write_text("id;brand_id;category_id;price;currency;title_en;color\n",
                                         encoding="utf-8")
    found = inspect_folder(folder)
    assert list(found.files) == ["products", "shoppers"]
    notes = "\n".join(found.notes)
    assert "read as semicolon-separated" in notes
    assert "column 'color' is not a field of products (did you mean 'colour'?)" in notes
    assert "ignored tastes.jsonl" in notes and "README" not in notes


def test_utf16_files_are_named_before_anything_loads(tmp_path):
    folder = write_files(tmp_path / "shop")
    (folder / "shoppers.jsonl").write_bytes((SHOPPER % "s-1").encode("utf-16"))
    with pytest.raises(LoadError, match=r"shoppers\.jsonl is UTF-16 .*; save it as UTF-8"):
        inspect_folder(folder)


def test_csv_header_problems_are_named(tmp_path):
    folder = write_files(tmp_path / "shop", "shoppers.jsonl")
    (folder / "countries.csv").write_bytes(b"code,na\xefme,currency,code\n")
    with pytest.raises(LoadError, match=r"countries.csv: the header is not UTF-8: byte 0xef"):
        inspect_folder(folder)
    (folder / "countries.csv").write_bytes(b"code,name,currency,code\n")
    with pytest.raises(LoadError, match=r"column\(s\) \['code'\] appear more than once"):
        inspect_folder(folder)


def link(id_: str, parent: str | None, line: int) -> CategoryLink:
    return CategoryLink(id_, parent, line)


def test_category_cycles_are_refused_at_the_row_that_closes_them():
    refused = refused_categories([
        link("self", "self", 1),
        link("a", "b", 2), link("b", "c", 3), link("c", "a", 4),   # a -> b -> c -> a
        link("d", "a", 5),                                         # hangs below the cycle
        link("e", "g1", 6),                                        # g1 -> g2 in the graph
        link("g2", "e", 7),                                        # closes e -> g1 -> g2 -> e
        link("ok", "g1", 8),
    ], graph_parents={"g1": "g2"}, graph_ids={"g1", "g2"})
    assert refused["self"] == "a category cannot be its own parent"
    assert refused["c"].startswith("parent_id 'a' would close a cycle of categories: c -> a -> b -> c")
    assert "g2 -> e -> g1 -> g2" in refused["g2"]
    # a and b lose their parent c with c refused, and d loses a: none is loaded without its parent.
    assert "'c' is refused itself (line 4" in refused["b"]
    assert set(refused) == {"self", "a", "b", "c", "d", "g2"}


def test_a_file_may_rearrange_the_graphs_tree():
    """Moving a graph category under another is no cycle once the file moves it out first."""
    refused = refused_categories([link("b", "a", 1), link("a", "root", 2)],
                                 graph_parents={"a": "b"}, graph_ids={"a", "b", "root"})
    assert refused == {}
