from __future__ import annotations

from pathlib import Path

import numpy as np

from frontwire.dedup.copies import CopyOptions, signature
from frontwire.dedup.passes import band_pairs, clusters, write_signatures
from frontwire.evaluation.dedup import corpus_texts
from frontwire.evaluation.spin import SpinOptions, spin

REPO = Path(__file__).resolve().parents[2]


def test_passes_over_a_signature_file_cluster_spun_copies(tmp_path: Path) -> None:
    opts = CopyOptions()
    texts = [t for _, t in corpus_texts(REPO)][:8]
    docs = texts + [spin(t, i, SpinOptions(lookalikes=0)) for i, t in enumerate(texts[:4])]
    sigs = [signature(str(i), d, None, opts).hashvalues for i, d in enumerate(docs)]
    mapped = write_signatures(tmp_path / "s.npy", sigs, len(sigs), opts.num_perm)
    loaded = np.load(tmp_path / "s.npy", mmap_mode="r")
    assert loaded.shape == mapped.shape
    labels = clusters(loaded, band_pairs(loaded, *opts.bands()), threshold=0.3)
    for i in range(4):
        assert labels[i] == labels[8 + i]
    assert len(set(labels[:8].tolist())) == len(set(labels.tolist()))
