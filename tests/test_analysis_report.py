"""The whole report on a hand-made journey: the JSON contract, every value by hand, cost and purity."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

from journeymap.analysis import JSON_KEYS, compute_insights, insights_to_json
from journeymap.model import Journey

ANALYSIS = Path(__file__).resolve().parent.parent / "journeymap" / "analysis"


def shoes() -> Journey:
    """Nine touchpoints in five stages: a branch, a loop, an isolated touchpoint, an empty stage."""
    j = Journey("Buying shoes")
    for name in ("Awareness", "Consideration", "Purchase", "Retention", "Advocacy"):
        j.add_stage(name)
    add = j.add_touchpoint
    add("awareness", "Sees ad", id="ad", channel="advertising", emotion=1, friction=0, metrics={"drop_off": 0.5})
    add("awareness", "Friend's post", id="post", channel="social-media", emotion=0, friction=1, row=1)
    add("consideration", "Product page", id="site", channel="website", emotion=0, friction=2,
        metrics={"drop_off": 0.2, "csat": 4})
    add("consideration", "Reads *reviews*", id="reviews", channel="review-site", emotion=-1, friction=1, row=1,
        metrics={"csat": 3})
    add("consideration", "Asks in chat", id="chat", friction=3, row=1)
    add("purchase", "Checkout", id="checkout", channel="website", emotion=-2, friction=4,
        pain_points=["Form too long", "No Apple Pay"], metrics={"drop_off": 0.25})
    add("purchase", "Orders by phone", id="phone", channel="phone", emotion=1, row=1)
    add("retention", "Delivery email", id="delivery", channel="email", emotion=2, friction=0)
    add("retention", "Visits store", id="store", channel="in-store", emotion=-1, friction=2, row=2)
    for pair in [
        "ad>site",
        "post>reviews",
        "reviews>site",
        "site>checkout",
        "site>chat",
        "chat>phone",
        "checkout>delivery",
        "checkout>site",
    ]:
        j.add_flow(*pair.split(">"))
    return j


def hot(tp: str, name: str, stage: str, friction: int | None, emotion: int | None) -> dict[str, object]:
    return {"touchpoint": tp, "name": name, "stage": stage, "friction": friction, "emotion": emotion}


def stage(sid: str, name: str, n: int, avg: float | None, mx: int | None, pains: int,
          metrics: dict[str, float], channels: list[str]) -> dict[str, object]:
    return {"stage": sid, "name": name, "touchpoints": n, "avg_emotion": avg, "max_friction": mx,
            "pain_points": pains, "metrics": metrics, "channels": channels}


def path(ids: str, friction: int, low: int | None, switches: int, unrated: int) -> dict[str, object]:
    return {"touchpoints": ids.split(), "friction": friction, "min_emotion": low,
            "channel_switches": switches, "unrated_friction": unrated}


EXPECTED = {
    "hotspots": [
        hot("checkout", "Checkout", "purchase", 4, -2),
        hot("chat", "Asks in chat", "consideration", 3, None),
        hot("store", "Visits store", "retention", 2, -1),  # ties on friction 2: lower emotion first
        hot("site", "Product page", "consideration", 2, 0),
        hot("reviews", "Reads *reviews*", "consideration", 1, -1),
        hot("post", "Friend's post", "awareness", 1, 0),
        hot("ad", "Sees ad", "awareness", 0, 1),
        hot("delivery", "Delivery email", "retention", 0, 2),
        hot("phone", "Orders by phone", "purchase", None, 1),  # unrated friction: last
    ],
    "emotional_lows": [
        {"touchpoint": "checkout", "name": "Checkout", "emotion": -2},
        {"touchpoint": "reviews", "name": "Reads *reviews*", "emotion": -1},
        {"touchpoint": "store", "name": "Visits store", "emotion": -1},
    ],
    "drops": [  # site>chat and chat>phone are left out: chat is not rated
        {"from": "site", "to": "checkout", "change": -2},
        {"from": "ad", "to": "site", "change": -1},
        {"from": "post", "to": "reviews", "change": -1},
        {"from": "reviews", "to": "site", "change": 1},
        {"from": "checkout", "to": "site", "change": 2},
        {"from": "checkout", "to": "delivery", "change": 4},
    ],
    "channel_switches": [
        {"from": "ad", "to": "site", "from_channel": "advertising", "to_channel": "website", "flagged": True},
        {"from": "post", "to": "reviews", "from_channel": "social-media", "to_channel": "review-site", "flagged": True},
        {"from": "reviews", "to": "site", "from_channel": "review-site", "to_channel": "website", "flagged": True},
        {"from": "checkout", "to": "delivery", "from_channel": "website", "to_channel": "email", "flagged": False},
    ],
    "paths": [
        path("ad site checkout delivery", 6, -2, 2, 0),
        path("ad site chat phone", 5, 0, 1, 1),
        path("post reviews site checkout delivery", 8, -2, 3, 0),
        path("post reviews site chat phone", 7, -1, 2, 1),
    ],
    "warnings": {
        "isolated": ["store"],
        "dead_ends": ["phone"],  # ends in Purchase; Retention is the last stage with touchpoints
        "late_entries": [],
        "cycles": [["site", "checkout"]],
        "empty_stages": ["advocacy"],
        "backward_flows": [{"from": "checkout", "to": "site"}],
        "missing_channel": ["chat"],
        "missing_emotion": ["chat"],
        "missing_friction": ["phone"],
        "truncated": [],
    },
    "stages": [
        stage("awareness", "Awareness", 2, 0.5, 1, 0, {"drop_off": 0.5}, ["social-media", "advertising"]),
        stage(
            "consideration", "Consideration", 3, -0.5, 3, 0, {"csat": 3.5, "drop_off": 0.2}, ["website", "review-site"]
        ),
        stage("purchase", "Purchase", 2, -0.5, 4, 2, {"drop_off": 0.25}, ["website", "phone"]),
        stage("retention", "Retention", 2, 0.5, 2, 0, {}, ["email", "in-store"]),
        stage("advocacy", "Advocacy", 0, None, None, 0, {}, []),
    ],
    "channel_matrix": {
        "stages": ["awareness", "consideration", "purchase", "retention", "advocacy"],
        "channels": ["website", "email", "social-media", "advertising", "phone", "in-store", "review-site"],
        "counts": [
            [0, 1, 1, 0, 0],
            [0, 0, 0, 1, 0],
            [1, 0, 0, 0, 0],
            [1, 0, 0, 0, 0],
            [0, 0, 1, 0, 0],
            [0, 0, 0, 1, 0],
            [0, 1, 0, 0, 0],
        ],
    },
    "reach": {  # 0.5 × 0.8 × 0.75 along row 0
        "share": 0.3,
        "path": ["ad", "site", "checkout", "delivery"],
        "drop_offs": [
            {"touchpoint": "ad", "drop_off": 0.5},
            {"touchpoint": "site", "drop_off": 0.2},
            {"touchpoint": "checkout", "drop_off": 0.25},
        ],
    },
}


def test_every_value_is_what_a_person_computes_by_hand() -> None:
    assert insights_to_json(compute_insights(shoes())) == EXPECTED


def test_json_has_exactly_the_contract_keys_and_dumps() -> None:
    data = insights_to_json(compute_insights(shoes()))
    assert tuple(data) == JSON_KEYS == (
        "hotspots", "emotional_lows", "drops", "channel_switches", "paths",
        "warnings", "stages", "channel_matrix", "reach",
    )
    assert json.loads(json.dumps(data)) == data


def test_worst_path_and_entries() -> None:
    insights = compute_insights(shoes())
    assert insights.entries == ("ad", "post") and insights.exits == ("phone", "delivery")
    worst = insights.worst_path()
    assert worst is not None and worst.touchpoints == ("post", "reviews", "site", "checkout", "delivery")


def test_truncation_is_reported_inside_warnings() -> None:
    insights = compute_insights(shoes(), max_paths=1, max_cycles=0)
    data = insights_to_json(insights)
    assert len(data["paths"]) == 1 and data["warnings"]["cycles"] == []
    assert data["warnings"]["truncated"] == ["paths", "cycles"]


def test_insights_do_not_follow_later_edits_and_repeat_exactly() -> None:
    j = shoes()
    first = compute_insights(j)
    j.update_touchpoint("chat", friction=0)
    assert insights_to_json(first) == EXPECTED
    assert compute_insights(j) == compute_insights(j.copy())


def big_journey(size: int = 5000) -> Journey:
    """A long main path with a branch every 25 steps and a retry loop every 100."""
    j = Journey("Big")
    stages = [j.add_stage(f"Stage {k}").id for k in range(10)]
    channels = ["website", "email", "phone", None]
    for k in range(size):
        j.add_touchpoint(stages[k * 10 // size], f"Step {k}", id=f"t{k}", channel=channels[k % 4],
                         emotion=k % 5 - 2, friction=k % 5, row=k % 3 // 2,
                         metrics={"drop_off": 0.001} if k % 50 == 0 else {})
    for k in range(size - 1):
        j.add_flow(f"t{k}", f"t{k + 1}")
        if k % 25 == 0 and k + 7 < size:
            j.add_flow(f"t{k}", f"t{k + 7}")
        if k % 100 == 50:
            j.add_flow(f"t{k}", f"t{k - 3}")
    return j


def test_five_thousand_touchpoints_give_bounded_paths_and_every_cycle() -> None:
    # how fast is for `make bench`, not for a test (a busy machine would fail it)
    insights = compute_insights(big_journey())
    # A branch every 25 steps: 2**200 paths exist, each about 5,000 touchpoints long; the
    # listed ones stop at a million touchpoints in all (MAX_PATH_TOUCHPOINTS).
    assert insights.paths_truncated and 150 < len(insights.paths) <= 1000
    assert sum(len(p.touchpoints) for p in insights.paths) <= 1_000_000
    assert len(insights.warnings.cycles) == 50 and not insights.warnings.cycles_truncated


def test_analysis_imports_only_the_model_networkx_and_the_standard_library() -> None:
    allowed = {"journeymap.model", "journeymap.analysis", "networkx", "__future__"}
    for file in ANALYSIS.glob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                top = name.split(".")[0]
                ok = top in sys.stdlib_module_names or any(name == a or name.startswith(a + ".") for a in allowed)
                assert ok, f"{file.name} imports {name}"


def test_the_documented_json_example_has_the_contract_shape() -> None:
    import re

    doc = (ANALYSIS.parent.parent / "docs" / "insights.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.S).group(1))  # type: ignore[union-attr]
    assert tuple(example) == JSON_KEYS
    assert set(example["warnings"]) == set(EXPECTED["warnings"])
    for key in ("hotspots", "emotional_lows", "drops", "channel_switches", "paths", "stages"):
        assert set(example[key][0]) == set(EXPECTED[key][0]), key  # type: ignore[index]
