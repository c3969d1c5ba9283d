"""The fast linear partition of PDF bands gives exactly what the plain dynamic programme gives."""

from __future__ import annotations

import random

from journeymap.export.pdf.bands import _partition, _partitions
from journeymap.layout.geometry import Rect


def _reference(bounds: Rect, cuts: list[float], strip: float, k: int) -> tuple[float, tuple[float, ...]]:
    """The straightforward O(k·n²) programme: every start of the last band is tried."""
    edges = [bounds.x, *cuts, bounds.right]
    n = len(edges)

    def width(i: int, j: int) -> float:
        return edges[j] - edges[i] + (strip if i > 0 else 0.0)

    inf = float("inf")
    best = [[inf] * n for _ in range(k + 1)]
    back = [[0] * n for _ in range(k + 1)]
    for j in range(1, n):
        best[1][j] = width(0, j)
    for bands in range(2, k + 1):
        for j in range(bands, n):
            for i in range(bands - 1, j):
                value = max(best[bands - 1][i], width(i, j))
                if value < best[bands][j]:
                    best[bands][j], back[bands][j] = value, i
    chosen, j = [], n - 1
    for bands in range(k, 1, -1):
        j = back[bands][j]
        chosen.append(edges[j])
    return best[k][n - 1], tuple(sorted(chosen))


def _cases(seed: int) -> list[tuple[Rect, list[float], float]]:
    rng = random.Random(seed)
    cases = []
    for _ in range(300):
        n = rng.randint(0, 40)
        x0 = rng.uniform(-50, 50)
        if rng.random() < 0.3:  # equal gaps and repeated cuts: ties everywhere
            step = rng.choice((10.0, 0.1, 33.3))
            cuts = sorted(x0 + step * rng.randint(1, 30) for _ in range(n))
        else:
            cuts = sorted(x0 + rng.uniform(0, 1000) for _ in range(n))
        right = (cuts[-1] if cuts else x0) + rng.uniform(0, 200)
        strip = rng.choice((0.0, 0.0, rng.uniform(0, 120), 500.0))
        cases.append((Rect(x0, 0, right - x0, 100), cuts, strip))
    return cases


def test_partition_matches_the_plain_programme_for_every_band_count() -> None:
    for bounds, cuts, strip in _cases(8):
        most = min(8, len(cuts) + 1)
        fast = _partitions(bounds, cuts, strip, most)
        for k in range(1, most + 1):
            assert fast[k - 1] == _reference(bounds, cuts, strip, k), (bounds, cuts, strip, k)
            assert _partition(bounds, cuts, strip, k) == fast[k - 1]


def test_partition_of_unordered_cuts_matches_too() -> None:
    rng = random.Random(3)
    for _ in range(100):
        cuts = [rng.uniform(0, 500) for _ in range(rng.randint(1, 15))]
        bounds = Rect(0, 0, 600, 50)
        for k in range(1, min(8, len(cuts) + 1) + 1):
            assert _partition(bounds, cuts, 25.0, k) == _reference(bounds, cuts, 25.0, k)


def test_gaps_agree_with_the_plain_label_scan() -> None:
    from journeymap.export.pdf.bands import _free, _Gaps

    rng = random.Random(5)
    for _ in range(200):
        labels = [
            Rect(rng.uniform(0, 300), 0, rng.choice((0.0, rng.uniform(0, 60))), 10) for _ in range(rng.randint(0, 12))
        ]
        gaps = _Gaps(labels)
        probes = [rng.uniform(-10, 380) for _ in range(30)] + [r.x for r in labels] + [r.right for r in labels]
        for x in probes:
            assert gaps.free(x) == _free(x, labels)
