"""Which category rows may not load because of their parent: unknown, refused, or a cycle.

A category's parent must exist (in the file or in the graph), and following parents upwards must
end at a root. A row that would close a cycle (its own parent, or a loop through other rows of the
file or through parents already in the graph) is refused: of the rows on a cycle, the one latest
in the file, since it is the one that closed it. Refusing a row can leave another row's parent
missing, or bring back the graph's old parent and with it another cycle, so the checks repeat
until nothing changes. Pure functions of the rows and the graph's links, so they are easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CategoryLink:
    """One category row of the file: its id, its parent (if the row names one) and its line."""

    id: str
    parent_id: str | None
    line: int


def refused_categories(
    rows: list[CategoryLink], graph_parents: dict[str, str], graph_ids: set[str],
) -> dict[str, str]:
    """Rows that may not load, by category id, with the reason (about their ``parent_id``).

    Args:
        rows: the file's category rows, one per id (duplicates already removed).
        graph_parents: parent links already in the graph, child id to parent id, for every
            category on the way up from the file's ids and parents.
        graph_ids: which of the file's ids and parent ids exist in the graph.
    """
    by_id = {r.id: r for r in rows}
    refused: dict[str, str] = {}
    while True:
        before = len(refused)
        for row in rows:
            parent = row.parent_id
            if row.id in refused or parent is None:
                continue
            if parent in refused and parent not in graph_ids:
                refused[row.id] = (f"parent_id {parent!r} is refused itself (line "
                                   f"{by_id[parent].line}: {refused[parent]}) and is not in the "
                                   "graph")
            elif parent not in by_id and parent not in graph_ids:
                refused[row.id] = f"parent_id {parent!r} is neither in the file nor in the graph"
        live = {i: r for i, r in by_id.items() if i not in refused and r.parent_id}
        for cycle in _cycles(live, graph_parents):
            members = [live[n] for n in cycle if n in live]
            if not members:
                continue  # a loop already in the graph, not of this file's making
            closer = max(members, key=lambda r: r.line)
            if closer.parent_id == closer.id:
                refused[closer.id] = "a category cannot be its own parent"
            else:
                start = cycle.index(closer.id)
                path = [*cycle[start:], *cycle[:start], closer.id]
                refused[closer.id] = (f"parent_id {closer.parent_id!r} would close a cycle of "
                                      f"categories: {' -> '.join(path)}")
        if len(refused) == before:
            return refused


def _cycles(live: dict[str, CategoryLink], graph_parents: dict[str, str]) -> list[list[str]]:
    """Every cycle reachable from the file's rows, each as the list of its ids in parent order.

    A category's parent is the one its row names, else the one it has in the graph.
    """

    def parent_of(node: str) -> str | None:
        row = live.get(node)
        return row.parent_id if row else graph_parents.get(node)

    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    cycles = []
    for start in live:
        walk: list[str] = []
        node: str | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parent_of(node)
        if node is not None and state.get(node) == 1:
            cycles.append(walk[walk.index(node):])
        for n in walk:
            state[n] = 2
    return cycles
