"""Lineage: the earlier row a unit is compared with, one rule for every comparison.

A unit ranked in a later year of a block is compared with its own row in an earlier year of
the same block; without one, with the row of its predecessor (units.predecessor_ids) when
exactly one predecessor is ranked in that block and year; without one either, the
predecessors' predecessors are asked the same way. Otherwise the unit is new. A predecessor
ranked in another block (a district that became a commune) is never compared with: a rank
among districts says nothing about a rank among communes. ``ranking.standings`` (previous
rank, hence findings) and ``comparison.compare_years`` both ask ``earlier_units``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

import pandas as pd

from parviz import schema
from parviz.dataset import Dataset

Predecessors = Mapping[str, tuple[str, ...]]


def predecessors(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    """Return {unit_id: its predecessor ids} from units.predecessor_ids (units with any)."""
    units = dataset.table("units")
    found: dict[str, tuple[str, ...]] = {}
    for unit_id, listed in zip(units["unit_id"], units["predecessor_ids"]):
        if isinstance(listed, str):
            ids = tuple(p.strip() for p in listed.split(schema.LIST_SEPARATOR) if p.strip())
            if ids:
                found[str(unit_id)] = ids
    return found


def earlier_units(
    later: Iterable[str], ranked_earlier: Collection[str], lineage: Predecessors
) -> list[str | None]:
    """Return, per unit of ``later``, the unit whose earlier row it is compared with, or None.

    ``ranked_earlier``: the units ranked in the earlier year of the same block (only those).
    """
    ranked = ranked_earlier if isinstance(ranked_earlier, set | frozenset) else set(ranked_earlier)
    ids = pd.Series(list(later), dtype=object)
    own = ids.isin(ranked).to_numpy()
    matched: list[str | None] = [u if mine else None for u, mine in zip(ids, own)]
    for position in (~own).nonzero()[0]:  # few: new units, merged ones and their successors
        unit = ids.iat[position]
        if unit in lineage:
            matched[position] = _ranked_ancestor(unit, ranked, lineage)
    return matched


def _ranked_ancestor(unit: str, ranked: Collection[str], lineage: Predecessors) -> str | None:
    """Return the only ranked unit of the nearest generation of ancestors that has any."""
    seen = {unit}
    generation = [p for p in lineage.get(unit, ()) if p not in seen]
    while generation:
        found = {u for u in generation if u in ranked}
        if found:  # several ranked predecessors merged: no single earlier rank
            return found.pop() if len(found) == 1 else None
        seen.update(generation)
        generation = list(
            dict.fromkeys(p for u in generation for p in lineage.get(u, ()) if p not in seen)
        )
    return None
