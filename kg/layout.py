"""Node positions for the network page, computed in Python so the browser
draws a finished layout.

Up to :data:`LARGE_GRAPH` nodes, networkx's spring layout (the browser's
physics refines it, then freezes). Above it, networkx's own layouts cost
10–40 s at 3,000 nodes (all-pairs repulsion), so :func:`sparse_spring_layout`
runs a force model whose cost per step is fixed: each node is pushed away
from its :data:`NEIGHBOURS` nearest nodes only (a k-d tree finds them),
pulled toward the nodes it is related to with a force that grows with the
logarithm of the distance (the "LinLog" model, which keeps communities
apart instead of collapsing the graph into one ball), and held near the
centre by a little gravity: a few seconds at 10,000 nodes.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # imported where used: a page whose layout is known again does without them
    import numpy as np

__all__ = ["LARGE_GRAPH", "extend_layout", "layout", "sparse_spring_layout"]

# Graphs with more nodes than this get no physics in the browser: the
# layout computed here is final, so the page is usable as soon as it is drawn.
LARGE_GRAPH = 500
SEED = 7
# Pixels of vis-network's canvas space per ideal edge length (large graphs).
EDGE_LENGTH_PX = 70.0
# Repulsion from this many nearest nodes; gravity (linear) toward the centre.
NEIGHBOURS, GRAVITY = 12, 0.05


def layout(node_ids: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Positions in vis-network's pixel space, the same for the same input.

    Parameters
    ----------
    node_ids : the nodes, in a fixed order
    edges : ``(from, to)`` pairs (self-loops are ignored)

    Examples
    --------
    >>> pos = layout(["a", "b", "c"], [("a", "b"), ("b", "c")])
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout(["a", "b", "c"], [("a", "b"), ("b", "c")])
    True
    """
    n = len(node_ids)
    if n == 0:
        return {}
    if n == 1:
        return {node_ids[0]: (0.0, 0.0)}
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    graph.add_edges_from((a, b) for a, b in edges if a != b)
    if n <= LARGE_GRAPH:
        scale = 45 * math.sqrt(n) + 120
        pos = nx.spring_layout(graph, seed=SEED, scale=scale)
        return {k: (round(float(x), 1), round(float(y), 1)) for k, (x, y) in pos.items()}
    xy = sparse_spring_layout(nx.to_scipy_sparse_array(graph, nodelist=node_ids, format="coo"))
    xy *= EDGE_LENGTH_PX
    return {k: (round(float(x), 1), round(float(y), 1)) for k, (x, y) in zip(node_ids, xy)}


def sparse_spring_layout(adjacency, iterations: int = 80, seed: int = SEED) -> "np.ndarray":
    """Force layout of a sparse (COO) adjacency matrix: repulsion ``1/d``
    from the :data:`NEIGHBOURS` nearest nodes, attraction ``log(1 + d)``
    along every edge, gravity toward the centre; the step shrinks from
    ``sqrt(n)/8`` to 0 over ``iterations`` (Fruchterman–Reingold cooling).

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> xy = sparse_spring_layout(sp.coo_array(([1, 1], ([0, 1], [1, 0])), shape=(2, 2)))
    >>> xy.shape
    (2, 2)
    """
    import numpy as np
    from scipy.spatial import cKDTree

    n = adjacency.shape[0]
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    mask = adjacency.row < adjacency.col
    src, dst = adjacency.row[mask], adjacency.col[mask]
    k = min(NEIGHBOURS, n - 1)
    near_a = np.repeat(np.arange(n), k)
    temperature = side / 8
    cool = temperature / (iterations + 1)

    def scatter(index_a, index_b, force):
        out = np.zeros((n, 2))
        for dim in (0, 1):
            out[:, dim] += np.bincount(index_a, weights=force[:, dim], minlength=n)
            out[:, dim] -= np.bincount(index_b, weights=force[:, dim], minlength=n)
        return out

    for _ in range(iterations):
        _, nearest = cKDTree(pos).query(pos, k=k + 1)
        near_b = nearest[:, 1:].ravel()                                 # [:, 0] is the node itself
        delta = pos[near_a] - pos[near_b]
        dist2 = np.maximum((delta ** 2).sum(axis=1), 1e-4)
        disp = scatter(near_a, near_b, delta / dist2[:, None])           # 1/d along delta/d
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.maximum(np.sqrt((delta ** 2).sum(axis=1)), 1e-9)
            disp -= scatter(src, dst, delta * (np.log1p(dist) / dist)[:, None])   # log(1+d)
        disp -= GRAVITY * pos
        length = np.maximum(np.sqrt((disp ** 2).sum(axis=1)), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature -= cool
    return pos - pos.mean(axis=0)


def extend_layout(known: dict[str, tuple[float, float]], node_ids: list[str],
                  edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Positions of ``node_ids`` that keep those ``known`` (a layout of most
    of them, made before) and place the others: each at the mean of its
    placed neighbours, a little off it (nodes placed in name order, so a
    chain of new nodes follows its placed end); one with none on a spiral
    around the layout. A few new nodes cost nothing to place, where laying
    out the whole network again costs seconds; the same input gives the
    same positions.

    >>> pos = extend_layout({"a": (0.0, 0.0), "b": (100.0, 0.0)}, ["a", "b", "c", "z"], [("a", "c"), ("b", "c")])
    >>> pos["a"], round(math.dist(pos["c"], (50, 0))), round(math.hypot(*pos["z"]))   # c: near a and b
    ((0.0, 0.0), 35, 135)
    """
    neighbours: dict[str, list[str]] = {n: [] for n in node_ids}
    for a, b in edges:
        if a != b and a in neighbours and b in neighbours:
            neighbours[a].append(b)
            neighbours[b].append(a)
    pos = {n: tuple(known[n]) for n in node_ids if n in known}
    todo = [n for n in node_ids if n not in pos]
    radius = max((math.hypot(x, y) for x, y in pos.values()), default=0.0)
    step = EDGE_LENGTH_PX / 2
    while todo:
        left = []
        for n in todo:
            near = [pos[m] for m in neighbours[n] if m in pos]
            if not near:
                left.append(n)
                continue
            x = sum(p[0] for p in near) / len(near)
            y = sum(p[1] for p in near) / len(near)
            turn = (len(pos) * _GOLDEN) % (2 * math.pi)   # off the mean: not on top of another node
            pos[n] = (round(x + step * math.cos(turn), 1), round(y + step * math.sin(turn), 1))
        if len(left) == len(todo):     # none of these touches a placed node: a spiral outside
            for i, n in enumerate(left):
                turn, r = i * _GOLDEN, radius + step + step * math.sqrt(i)
                pos[n] = (round(r * math.cos(turn), 1), round(r * math.sin(turn), 1))
            break
        todo = left
    return {n: pos[n] for n in node_ids}


_GOLDEN = math.pi * (3 - math.sqrt(5))   # the golden angle: successive turns spread evenly
