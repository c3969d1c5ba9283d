"""Paths from entries to exits and loops: hand-computed answers, bounds, and agreement with networkx."""

from __future__ import annotations

import random

import networkx as nx

from journeymap.analysis.cycles import find_cycles
from journeymap.analysis.paths import PathInsight, simple_paths
from journeymap.analysis.view import JourneyView, is_switch
from journeymap.model import Journey
from journey_builders import make


def plain(ids: str, flows: str) -> JourneyView:
    """Unrated touchpoints without channels, one stage."""
    return JourneyView.of(make("s", {t: {"stage": "s"} for t in ids.split()}, flows))


def ids(paths: tuple[PathInsight, ...]) -> list[str]:
    return ["".join(p.touchpoints) for p in paths]


def test_branch_and_merge_with_totals() -> None:
    v = JourneyView.of(make(
        "s1 s2",
        {
            "a": {"stage": "s1", "channel": "website", "friction": 1, "emotion": 1},
            "b": {"stage": "s1", "channel": "website", "friction": 2, "emotion": -1},
            "c": {"stage": "s2", "channel": "email", "emotion": 0},
            "d": {"stage": "s2", "channel": "email", "friction": 3},
        },
        "a>b a>c b>d c>d",
    ))
    assert v.entries() == ("a",) and v.exits() == ("d",)
    search = simple_paths(v)
    assert not search.truncated
    assert search.paths == (
        PathInsight(("a", "b", "d"), friction=6, min_emotion=-1, channel_switches=1, unrated_friction=0),
        PathInsight(("a", "c", "d"), friction=4, min_emotion=0, channel_switches=1, unrated_friction=1),
    )


def test_loop_is_walked_once_at_most() -> None:
    assert ids(simple_paths(plain("a b c d", "a>b b>c c>b c>d")).paths) == ["abcd"]


def test_disconnected_parts_each_give_their_paths_in_entry_order() -> None:
    v = plain("x p y q r", "x>y p>q q>r")
    assert v.entries() == ("x", "p") and v.exits() == ("y", "r")
    assert ids(simple_paths(v).paths) == ["xy", "pqr"]


def test_isolated_touchpoints_are_neither_entry_nor_exit() -> None:
    v = plain("a lone b", "a>b")
    assert v.entries() == ("a",) and v.exits() == ("b",)


def test_a_part_without_entry_or_exit_uses_its_first_and_last_touchpoint() -> None:
    def ids(view: JourneyView) -> list[tuple[str, ...]]:
        return [p.touchpoints for p in simple_paths(view).paths]

    pure_loop = plain("a b c", "a>b b>c c>a")
    assert (pure_loop.entries(), pure_loop.exits()) == (("a",), ("c",))
    assert ids(pure_loop) == [("a", "b", "c")]
    assert ids(plain("a b c", "a>b b>c c>b")) == [("a", "b", "c")]  # entry a; loop back from the last step
    assert ids(plain("a b c", "a>b b>a b>c")) == [("a", "b", "c")]  # exit c; loop back to the first step
    assert ids(plain("a b c d", "a>b b>c c>d d>a b>d")) == [("a", "b", "c", "d"), ("a", "b", "d")]


def test_unrated_path_totals() -> None:
    (path,) = simple_paths(plain("a b c", "a>b b>c")).paths
    assert (path.friction, path.unrated_friction, path.min_emotion, path.channel_switches) == (0, 3, None, 0)


def test_missing_channel_never_counts_as_a_switch() -> None:
    v = JourneyView.of(make(
        "s", {"a": {"stage": "s", "channel": "website"}, "b": {"stage": "s"}, "c": {"stage": "s", "channel": "email"}},
        "a>b b>c",
    ))
    assert simple_paths(v).paths[0].channel_switches == 0


def ladder(rungs: int) -> JourneyView:
    """`rungs` diamonds in a row: 2**rungs paths from n0 to the last node."""
    names = ["n0"]
    flows = []
    for k in range(rungs):
        top, bottom, join = f"t{k}", f"b{k}", f"n{k + 1}"
        flows += [f"n{k}>{top}", f"n{k}>{bottom}", f"{top}>{join}", f"{bottom}>{join}"]
        names += [top, bottom, join]
    return plain(" ".join(names), " ".join(flows))


def test_limit_and_truncated_flag() -> None:
    assert len(simple_paths(ladder(2), limit=4).paths) == 4 and not simple_paths(ladder(2), limit=4).truncated
    cut = simple_paths(ladder(2), limit=3)
    assert len(cut.paths) == 3 and cut.truncated
    assert ids(cut.paths) == ["n0t0n1t1n2", "n0t0n1b1n2", "n0b0n1t1n2"]  # depth first, flows in file order


def test_default_limit_is_one_thousand() -> None:
    search = simple_paths(ladder(11))  # 2048 paths
    assert len(search.paths) == 1000 and search.truncated


def test_step_budget_stops_the_search_and_says_so() -> None:
    search = simple_paths(ladder(6), budget=10)
    assert search.truncated and len(search.paths) < 64
    assert not simple_paths(ladder(6)).truncated


def random_view(seed: int, size: int = 9, density: int = 2, channels: bool = True) -> JourneyView:
    rnd = random.Random(seed)
    j = Journey("Random")
    j.add_stage("S", id="s")
    n = rnd.randint(1, size)
    for k in range(n):
        j.add_touchpoint(
            "s",
            f"T{k}",
            id=f"t{k}",
            friction=rnd.choice([None, 0, 2, 4]),
            emotion=rnd.choice([None, -2, 0, 1]),
            channel=rnd.choice([None, "email", "sms"]) if channels else None,
        )
    for _ in range(rnd.randint(0, n * density)):
        a, b = rnd.randrange(n), rnd.randrange(n)
        if a != b and not j.has_flow(f"t{a}", f"t{b}"):
            j.add_flow(f"t{a}", f"t{b}")
    return JourneyView.of(j)


def test_paths_agree_with_networkx() -> None:
    for seed in range(200):
        check_paths(random_view(seed))


def check_paths(v: JourneyView) -> None:
    g = nx.DiGraph(v.graph)
    exits = set(v.exits())
    expected = [tuple(p) for e in v.entries() for p in nx.all_simple_paths(g, e, exits)]
    found = simple_paths(v, limit=10**6, budget=10**7)
    assert not found.truncated
    assert sorted(p.touchpoints for p in found.paths) == sorted(expected)
    assert len(found.paths) == len(expected)
    for p in found.paths:
        tps = [v.by_id[t] for t in p.touchpoints]
        emotions = [t.emotion for t in tps if t.emotion is not None]
        assert p.friction == sum(t.friction or 0 for t in tps)
        assert p.unrated_friction == sum(t.friction is None for t in tps)
        assert p.min_emotion == (min(emotions) if emotions else None)
        assert p.channel_switches == sum(is_switch(a, b) for a, b in zip(tps, tps[1:], strict=False))


def test_cycles_start_at_their_first_touchpoint_in_journey_order() -> None:
    v = plain("a b c d", "a>b b>c c>a c>d d>b")
    # rooted at a: a→b→c→a; rooted at b: b→c→d→b
    assert find_cycles(v).cycles == (("a", "b", "c"), ("b", "c", "d"))


def test_cycle_limit_and_budget() -> None:
    v = plain("a b c d", "a>b b>a b>c c>b c>d d>c")
    assert find_cycles(v).cycles == (("a", "b"), ("b", "c"), ("c", "d"))
    cut = find_cycles(v, limit=2)
    assert cut.cycles == (("a", "b"), ("b", "c")) and cut.truncated
    assert find_cycles(v, budget=3).truncated


def test_cycles_agree_with_networkx() -> None:
    for seed in range(200):
        check_cycles(random_view(seed, density=3, channels=False))


def check_cycles(v: JourneyView) -> None:
    def rooted(cycle: list[str]) -> tuple[str, ...]:
        k = min(range(len(cycle)), key=lambda i: v.position[cycle[i]])
        return tuple(cycle[k:] + cycle[:k])

    expected = {rooted(c) for c in nx.simple_cycles(nx.DiGraph(v.graph))}
    found = find_cycles(v, limit=10**6, budget=10**7)
    assert not found.truncated
    assert set(found.cycles) == expected and len(found.cycles) == len(expected)
    assert [v.position[c[0]] for c in found.cycles] == sorted(v.position[c[0]] for c in found.cycles)
