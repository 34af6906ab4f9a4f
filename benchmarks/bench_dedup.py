"""Near-duplicate search at scale: MinHash LSH banding vs brute-force comparison.

Generated corpus: articles are sets of 150 words drawn from a Zipf vocabulary of 50,000 words;
1% are near-duplicates of an earlier article (30% of the words replaced). Signatures are
MinHash values with datasketch's permutation formula ((a*x + b) mod 2^61-1, kept to 32 bits),
computed in bulk with numpy and written to a file; the search then runs as passes over that
file (memory-mapped): band hashes per band, buckets by sorting, candidate pairs from buckets,
pairs confirmed on the estimated Jaccard. The search is what is timed ("once signatures
exist"); the signing time is reported apart. The baseline compares every pair of signatures.

Each size runs in its own process so its peak memory (max RSS) is its own:

    python benchmarks/bench_dedup.py            # 10k, 100k (add --sizes 1000000 for 1M)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from frontwire.dedup.copies import CopyOptions

Array = np.ndarray

# The banded search below was frontwire.dedup.passes, a second copy-clustering path that
# nothing at run time used; it lives here now, as the benchmark's measure of what LSH banding
# costs at 1M. The run-time copy rule is frontwire.dedup.copies.CopyIndex, for memory and store.


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


PRIME = np.uint64((1 << 61) - 1)
WORDS = 150
VOCAB = 50_000
CHUNK = 500
COMMON = 500  # a third of each article's words come from the 500 most common


def corpus_signatures(n: int, path: Path, num_perm: int, seed: int = 7) -> np.ndarray:
    """Write the signatures of ``n`` generated articles to ``path``; return the gold pairs."""
    rng = np.random.default_rng(seed)
    gen = np.random.RandomState(1)  # datasketch draws its permutations like this
    a = gen.randint(1, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    b = gen.randint(0, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.uint32, shape=(n, num_perm))
    gold = []
    kept: dict[int, np.ndarray] = {}
    for start in range(0, n, CHUNK):
        stop = min(n, start + CHUNK)
        docs = rng.integers(0, VOCAB, size=(stop - start, WORDS))
        common = rng.random(docs.shape) < 1 / 3
        docs[common] = rng.integers(0, COMMON, int(common.sum()))
        for i in range(start, stop):
            if i > 10 and rng.random() < 0.01:  # a near-duplicate of an earlier article
                src = int(rng.integers(max(0, i - 5000), i))
                base = kept.get(src)
                if base is not None:
                    copy = base.copy()
                    swap = rng.random(WORDS) < 0.3
                    copy[swap] = rng.integers(0, VOCAB, swap.sum())
                    docs[i - start] = copy
                    gold.append((src, i))
            if i % 50 == 0 or len(kept) < 5000:
                kept[i] = docs[i - start].copy()
        hashed = (docs.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(32)
        values = (hashed[:, :, None] * a[None, None, :] + b[None, None, :]) % PRIME
        out[start:stop] = (values.min(axis=1) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    out.flush()
    return np.array(gold, dtype=np.int64).reshape(-1, 2)


def brute_force(sigs: np.ndarray, threshold: float, limit: int) -> tuple[float, int]:
    """Seconds to compare the first ``limit`` articles with every later one, and pairs."""
    sub = np.asarray(sigs[:limit])
    start = time.perf_counter()
    pairs = 0
    for i in range(limit - 1):
        agree = (sub[i + 1 :] == sub[i]).mean(axis=1)
        pairs += int((agree >= threshold).sum())
    return time.perf_counter() - start, pairs


def one(n: int, baseline: int) -> dict[str, object]:
    opts = CopyOptions()
    bands, rows = opts.bands()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "signatures.npy"
        t0 = time.perf_counter()
        gold = corpus_signatures(n, path, opts.num_perm)
        signing = time.perf_counter() - t0
        sigs = np.load(path, mmap_mode="r")
        t1 = time.perf_counter()
        found = band_pairs(sigs, bands, rows)
        labels = clusters(sigs, found, threshold=0.3)
        search = time.perf_counter() - t1
        gold_set = {(int(a), int(b)) for a, b in gold}
        recall = sum(labels[a] == labels[b] for a, b in gold_set) / max(1, len(gold_set))
        clustered = int((np.bincount(labels) > 1).sum())
        base_s, _ = brute_force(sigs, 0.3, min(baseline, n))
    m = min(baseline, n)
    scale = (n * (n - 1) / 2) / (m * (m - 1) / 2)
    return {
        "articles": n,
        "signing_s": round(signing, 2),
        "lsh_search_s": round(search, 2),
        "gold_pairs": len(gold_set),
        "found_pairs": len(found),
        "clusters_of_two_or_more": clustered,
        "bands_rows": [bands, rows],
        "recall": round(recall, 4),
        "brute_force_measured_on": m,
        "brute_force_s_extrapolated": round(base_s * scale, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--baseline", type=int, default=3000, help="articles brute-forced")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.baseline)))
        return
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--baseline", str(args.baseline)]
        result = subprocess.run(cmd, capture_output=True, text=True, check=True)
        print(result.stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
