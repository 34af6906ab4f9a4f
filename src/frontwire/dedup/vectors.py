"""Dense document vectors from a static embedding model that ships its weights in its wheel.

The model is WordLlama's ``l2_supercat`` at 256 dimensions (the ``wordllama`` package on PyPI,
MIT licence; its weights file and tokenizer are inside the wheel, so nothing is fetched at run
time; the weights are trained from LLaMA 2-family token embeddings, see docs/EVALUATION.md for
what that means for their licence). A static model is a table of one vector per token: a
document's vector is the mean of its tokens' rows, so embedding costs a tokenizer pass (Rust)
and a sum, and the nlp stage's parse stays the expensive part (``docs/BENCHMARKS.md``).

Why not ``wordllama.WordLlama.load()``: in 0.4.0 it looks for the tokenizer in a folder named
``tokenizer`` while the wheel ships it under ``tokenizers``, and then tries to download it. Its
``embed`` also pads every batch to its longest text, which for news articles of very different
lengths allocates and averages mostly padding. So the two shipped files are opened here
directly, and the mean is taken over each text's own tokens only.

Vectors are unit length. Story clustering centres them on the corpus mean first
(:func:`centred`): on a feed about one war every article shares the "war" direction, and
taking it away leaves what tells one story from another.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from frontwire.errors import DependencyError

Array = np.ndarray[Any, Any]

#: Dimensions of the shipped model (WordLlama ``l2_supercat`` 256).
DIM = 256
_WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
_TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
# Tokens read per text: the first 2,000 tokens (about 1,500 words) of an article say what it
# is about; the mean of a longer tail moves the vector very little and costs time linearly.
MAX_TOKENS = 2000


class Embedder:
    """Mean-pooled static token vectors for texts; load once, reuse for every batch."""

    def __init__(self, root: Path | None = None) -> None:
        self._root = root

    @cached_property
    def _model(self) -> tuple[Any, Array]:
        from importlib.util import find_spec

        # The package only carries the two files: importing it would run its
        # logging.basicConfig(level=INFO) and load its Cython helpers for nothing.
        spec = find_spec("wordllama")
        try:
            from safetensors import safe_open
            from tokenizers import Tokenizer
        except ImportError:
            spec = None
        origin = spec.origin if spec is not None else None
        if self._root is None and origin is None:
            raise DependencyError(
                "FW602",
                feature="Story vectors",
                package="wordllama",
                extra="wordllama==0.4.0.post1",
            )
        root = self._root or Path(str(origin)).parent
        tokenizer = Tokenizer.from_file(str(root / _TOKENIZER))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        with safe_open(str(root / _WEIGHTS), framework="np") as f:
            table = np.asarray(f.get_tensor("embedding.weight"), dtype=np.float32)
        return tokenizer, table

    def embed(self, texts: Sequence[str]) -> Array:
        """Unit-length float32 rows, one per text (all zeros for a text with no token)."""
        tokenizer, table = self._model
        out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
        if not texts:
            return out
        encodings = tokenizer.encode_batch(list(texts), add_special_tokens=False)
        lengths = np.array([len(e.ids) for e in encodings], dtype=np.int64)
        if lengths.sum() == 0:
            return out
        ids = np.concatenate([np.asarray(e.ids, dtype=np.int64) for e in encodings])
        np.clip(ids, 0, table.shape[0] - 1, out=ids)
        has = lengths > 0
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[has]
        # One gather and one segmented sum over all the batch's tokens (no padding).
        out[has] = np.add.reduceat(table[ids], starts, axis=0)
        return unit(out)


def unit(rows: Array) -> Array:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    scaled: Array = (rows / norms).astype(np.float32)
    return scaled


def centred(rows: Array, mean: Array | None = None) -> Array:
    """Rows minus ``mean`` (their own mean when None), back to unit length."""
    centre = rows.mean(axis=0) if mean is None else mean
    return unit(rows - centre)
