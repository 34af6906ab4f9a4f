"""Copy clustering as passes over a signature file, for corpora that do not fit in memory.

Pass 1 writes one MinHash signature per article to a ``.npy`` file (:func:`write_signatures`);
pass 2 reads it memory-mapped one LSH band at a time (only a band's columns are in memory),
sorts the band hashes and emits pairs of articles that share a bucket (:func:`band_pairs`);
pass 3 confirms each pair on its signatures' agreement and joins confirmed pairs into clusters
with a sparse connected-components pass (:func:`clusters`). Memory is one band column plus the
candidate pairs, not the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

Array = np.ndarray[Any, Any]


def write_signatures(path: Path, rows: Iterable[Array], count: int, num_perm: int) -> Array:
    """Pass 1: write ``count`` signatures (uint32 each value) to ``path``; returns the map."""
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.uint32, shape=(count, num_perm))
    for i, row in enumerate(rows):
        out[i] = np.asarray(row, dtype=np.uint64) & np.uint64(0xFFFFFFFF)
    out.flush()
    return out


def band_pairs(sigs: Array, bands: int, rows: int) -> set[tuple[int, int]]:
    """Pass 2: pairs of neighbours in each band's sorted bucket order (a bucket of k members
    gives a chain of k-1 pairs, enough to join them all once confirmed)."""
    mult = np.random.default_rng(3).integers(1, 2**63, size=rows, dtype=np.uint64) | np.uint64(1)
    found: set[tuple[int, int]] = set()
    for band in range(bands):
        block = np.asarray(sigs[:, band * rows : (band + 1) * rows], dtype=np.uint64)
        keys = (block * mult).sum(axis=1)  # wraps mod 2^64: a hash of the band
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        for k in np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1]):
            i, j = int(order[k]), int(order[k + 1])
            found.add((min(i, j), max(i, j)))
    return found


def clusters(sigs: Array, pairs: set[tuple[int, int]], threshold: float) -> Array:
    """Pass 3: the cluster label of every article, from the pairs whose signatures agree on
    at least ``threshold`` of their values (the estimated Jaccard similarity)."""
    n = sigs.shape[0]
    kept = [(i, j) for i, j in sorted(pairs) if np.mean(sigs[i] == sigs[j]) >= threshold]
    if not kept:
        return np.arange(n)
    edges = np.array(kept)
    graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    labels: Array = connected_components(graph, directed=False)[1]
    return labels
