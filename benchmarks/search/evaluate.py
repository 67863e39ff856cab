"""Relevance of the directory search over the Fenmere corpus: recall@5, MRR and nDCG@10 for full text
alone and for the full ranking (everyday words, spelling, categories). See README.md.

Run with Kithkin's settings against a database holding the Fenmere directory (run.sh makes one)."""

import json
import math
import sys
from pathlib import Path

import django

django.setup()

from kithkin.directory.models import Service, ServiceStatus  # noqa: E402
from kithkin.directory.search import rank_services  # noqa: E402

QUERIES = Path(__file__).with_name("queries.json")


def metrics(ranked: list[str], relevant: dict[str, int]) -> dict[str, float]:
    wanted = {i for i, grade in relevant.items() if grade == 2}
    top5 = set(ranked[:5])
    recall5 = len(top5 & wanted) / min(5, len(wanted))  # capped: a perfect first page scores 1
    first = next((rank for rank, i in enumerate(ranked, start=1) if i in relevant), None)
    dcg = sum((2 ** relevant.get(i, 0) - 1) / math.log2(rank + 1) for rank, i in enumerate(ranked[:10], start=1))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    idcg = sum((2 ** g - 1) / math.log2(rank + 1) for rank, g in enumerate(ideal, start=1))
    return {"recall@5": recall5, "hit@5": float(bool(top5 & wanted)), "MRR": 1 / first if first else 0.0,
            "nDCG@10": dcg / idcg}


def evaluate(plain: bool) -> tuple[dict, list]:
    active = Service.objects.filter(status=ServiceStatus.ACTIVE)
    per_query = []
    for item in json.loads(QUERIES.read_text())["queries"]:
        ranked = [hit.service_id for hit in rank_services(item["query"], active, plain=plain)]
        per_query.append((item["query"], metrics(ranked, item["relevant"]), ranked[:5]))
    means = {k: sum(m[k] for _, m, _ in per_query) / len(per_query) for k in per_query[0][1]}
    return means, per_query


def main() -> None:
    verbose = "-v" in sys.argv
    print(f"{Service.objects.filter(status=ServiceStatus.ACTIVE).count()} active services; "
          f"{len(json.loads(QUERIES.read_text())['queries'])} labelled queries\n")
    print("| ranking | recall@5 | hit@5 | MRR | nDCG@10 |\n|---|---|---|---|---|")
    results = {}
    for name, plain in (("full text only", True), ("full ranking", False)):
        means, per_query = evaluate(plain)
        results[name] = per_query
        print(f"| {name} | " + " | ".join(f"{means[k]:.3f}" for k in ("recall@5", "hit@5", "MRR", "nDCG@10")) + " |")
    if verbose:
        for name, per_query in results.items():
            print(f"\n{name}: weakest queries")
            for query, m, top in sorted(per_query, key=lambda r: r[1]["recall@5"])[:12]:
                print(f"  {m['recall@5']:.2f} {m['nDCG@10']:.2f} {query!r}: {' '.join(top)}")


if __name__ == "__main__":
    main()
