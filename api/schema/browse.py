"""Browsing the catalog's shape: the brand list (paged, with product counts) and the category
menu (a tree of the categories that hold products, with counts, in the asked language)."""

from __future__ import annotations

import strawberry

from api import cursors, errors, limits
from api.catalog import MenuEntry, brand_count, brand_page, category_menu
from api.records import pick_text
from api.schema.catalog import Brand
from api.schema.common import Info, PageInfo

# The sort a brand list's cursors belong to: a product cursor is refused here.
BRAND_CURSOR = "BRAND_ID"
# How deep a menu may reach below its top categories (the shared taxonomy has 7 levels).
MAX_MENU_DEPTH = 10


@strawberry.type(description="One brand in the brand list, with the cursor to page on after it.")
class BrandEdge:
    cursor: str = strawberry.field(description="Pass as `after` to read the brands after this one.")
    node: Brand = strawberry.field(description="The brand, with its product count.")


@strawberry.type(description="The catalog's brands in id order, paged by cursor.")
class BrandConnection:
    edges: list[BrandEdge] = strawberry.field(description="This page's brands.")
    page_info: PageInfo = strawberry.field(description="Whether there is more, and the cursors.")

    @strawberry.field(description="This page's brands without their cursors.")
    def nodes(self) -> list[Brand]:
        return [edge.node for edge in self.edges]

    @strawberry.field(description="How many brands the catalog has, on every page together.")
    async def total_count(self, info: Info) -> int:
        return await brand_count(info.context)


@strawberry.type(description="A category of the menu and the categories below it that hold products.")
class CategoryMenuItem:
    id: strawberry.ID = strawberry.field(description="The category's id (filter.categoryId).")
    name: str | None = strawberry.field(
        description="Name in the menu's language (else English, else any).")
    product_count: int = strawberry.field(
        description="Products filed in this category or any category below it.")
    children: list[CategoryMenuItem] = strawberry.field(
        description="Sub-categories holding products, most products first (empty at `depth`).")


async def brands(info: Info, first: int | None, after: str | None) -> BrandConnection:
    """One page of the brand list; ``after`` is a cursor this list issued."""
    after_id = cursors.decode(after, BRAND_CURSOR).id if after else None
    page = await brand_page(info.context, first if first is not None else
                            info.context.api.default_first, after_id)
    edges = [BrandEdge(cursor=cursors.Cursor(BRAND_CURSOR, 0.0, r.id).encode(),
                       node=Brand.of(r, n))
             for r, n in zip(page.records, page.product_counts, strict=True)]
    return BrandConnection(edges=edges, page_info=PageInfo(
        has_next_page=page.has_next, has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None))


async def menu(info: Info, lang: str | None, root_id: str | None,
               depth: int) -> list[CategoryMenuItem]:
    """The menu's top categories (the roots, or ``root_id`` alone) with ``depth`` levels below."""
    if not 0 <= depth <= MAX_MENU_DEPTH:
        raise errors.invalid("depth", f"0 to {MAX_MENU_DEPTH}", depth)
    if root_id is not None:
        limits.check_id(root_id, "rootId")
    entries = await category_menu(info.context, root_id)
    by_parent: dict[str | None, list[MenuEntry]] = {}
    ids = {e.record.id for e in entries}
    for entry in entries:
        parent = entry.record.parent_id
        # A top category: the asked root, or one whose parent holds no products of its own.
        top = entry.record.id == root_id or (root_id is None and parent not in ids)
        by_parent.setdefault(None if top else parent, []).append(entry)

    def items(parent: str | None, levels_left: int) -> list[CategoryMenuItem]:
        children = sorted(by_parent.get(parent, []), key=lambda e: (-e.product_count, e.record.id))
        return [CategoryMenuItem(
            id=strawberry.ID(e.record.id), name=pick_text(e.record.props, "name", lang)[0],
            product_count=e.product_count,
            children=items(e.record.id, levels_left - 1) if levels_left > 0 else [])
            for e in children]

    return items(None, depth)
