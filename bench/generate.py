"""Synthetic journeys for the benchmarks: 50 to 5,000 touchpoints across 8 stages.

Built with the model API (`journeymap.model.Journey`) and written with
`journeymap.io.save_journey`, so every file is a valid format-1 journey. The same
arguments always give the same bytes (a seeded `random.Random`).

Each stage has a main path (row 0) of touchpoints chained by flows; about one in five
touchpoints is an alternative (`row: 1`) that branches off the previous main step and
rejoins the next; about one in twelve main steps has a retry loop back to an earlier
step, and the last stage loops back to the purchase stage (repeat purchase). Ratings,
channels, owners, evidence, pain points, opportunities and metrics vary realistically.
Every journey has four text lanes (Doing, Thinking, Staff actions, Systems) around the
default lanes, with two notes in every cell, and three personas whose emotion lines differ
at about a fifth of the rated touchpoints (a line per persona on the emotion lane).

    .venv/bin/python bench/generate.py 1000 -o /tmp/j1000.yaml [--long-descriptions]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from journeymap.io import save_journey  # noqa: E402
from journeymap.model import CHANNELS, DEFAULT_LANES, Journey, make_lane  # noqa: E402

SIZES: tuple[int, ...] = (50, 200, 1000, 5000)
STAGES: tuple[tuple[str, str], ...] = (
    ("Awareness", "#4C78A8"), ("Consideration", "#72B7B2"), ("Intent", "#EECA3B"),
    ("Purchase", "#F58518"), ("Onboarding", "#E45756"), ("Usage", "#B279A2"),
    ("Retention", "#9D755D"), ("Advocacy", "#54A24B"),
)
VERBS = ("Reads", "Compares", "Opens", "Asks about", "Checks", "Signs up for", "Pays for",
         "Waits for", "Calls about", "Reviews", "Shares", "Returns", "Configures", "Renews")
THINGS = ("the pricing page", "a delivery estimate", "the size guide", "a confirmation email",
          "the mobile checkout", "a support ticket", "the loyalty offer", "an invoice",
          "a product comparison", "the onboarding tour", "a referral link", "the order status")
PAINS = ("Page loads slowly on mobile", "Has to repeat account details", "Price changes at checkout",
         "No clear delivery date", "Support queue is long", "Form rejects a valid address",
         "Cannot find the returns policy", "Email lands in spam")
OPPORTUNITIES = ("Show stock by size", "Pre-fill known details", "Offer a callback",
                 "Send a proactive status update", "Explain fees up front", "Save the basket across devices")
OWNERS = ("Marketing", "E-commerce", "Customer Service", "Logistics", "Product", "Finance", "")
EVIDENCE = ("assumption", "anecdotal", "observed", "measured", None)
WORDS = ("customer", "journey", "order", "mobile", "delivery", "support", "account", "price",
         "interview", "observed", "friction", "because", "the", "and", "when", "after", "waits")


def _long_text(rng: random.Random, length: int = 2000) -> str:
    """About `length` characters of plausible prose (sentences of random words)."""
    parts: list[str] = []
    size = 0
    while size < length:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + "."
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)[:length].rstrip()


def _metrics(rng: random.Random) -> dict[str, float]:
    """Zero to three known metrics (sometimes a custom one), within their ranges."""
    metrics: dict[str, float] = {}
    if rng.random() < 0.4:
        metrics["csat"] = round(rng.uniform(1, 5), 1)
    if rng.random() < 0.3:
        metrics["ces"] = round(rng.uniform(1, 7), 1)
    if rng.random() < 0.2:
        metrics["nps"] = rng.randint(-100, 100)
    if rng.random() < 0.3:
        metrics["drop_off"] = round(rng.random(), 2)
    if rng.random() < 0.1:
        metrics["ctr"] = round(rng.random() / 10, 3)
    return metrics


def _fields(rng: random.Random, n: int, row: int, long_descriptions: bool) -> dict[str, object]:
    """The optional fields of touchpoint number `n` (some left unrated, as in real maps)."""
    channels = list(CHANNELS)
    fields: dict[str, object] = {
        "channel": channels[rng.randrange(len(channels))] if rng.random() < 0.95 else "kiosk",
        "row": row,
        "owner": rng.choice(OWNERS),
        "evidence": rng.choice(EVIDENCE),
        "metrics": _metrics(rng),
        "pain_points": rng.sample(PAINS, rng.choice((0, 0, 1, 1, 2, 3))),
        "opportunities": rng.sample(OPPORTUNITIES, rng.choice((0, 0, 1, 2))),
    }
    if rng.random() < 0.9:
        fields["emotion"] = rng.randint(-2, 2)
    if rng.random() < 0.85:
        fields["friction"] = rng.choice((0, 0, 1, 1, 2, 3, 4))
    if long_descriptions:
        fields["description"] = _long_text(rng)
    elif rng.random() < 0.7:
        fields["description"] = f"Step {n + 1}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 20)))
    return fields


#: The text lanes of every generated journey (id, name, section) and the notes they draw from.
TEXT_LANES: tuple[tuple[str, str, str], ...] = (
    ("doing", "Doing", "customer"), ("thinking", "Thinking", "customer"),
    ("staff", "Staff actions", "frontstage"), ("systems", "Systems", "support"),
)
NOTES = ("Scrolls back to check the total", "Wonders whether the size runs small", "Agent re-enters the order number",
         "CRM syncs overnight", "Opens the email on the bus", "Looks for a phone number", "Warehouse picks by hand",
         "Payment gateway retries once", "Asks a friend for advice", "Expects a reply within the hour")
NOTES_PER_CELL = 2


def _add_lanes(journey: Journey, seed: int) -> None:
    """The default lanes with four text lanes around them, two notes in every cell (its own
    random stream, so the rest of the journey is the one earlier rounds measured)."""
    rng = random.Random(seed)
    lanes = [make_lane(id=lane_id, name=name, section=section) for lane_id, name, section in TEXT_LANES]
    journey.set_lane_config((*lanes[:2], *DEFAULT_LANES, *lanes[2:]))
    for tp_id in journey.touchpoint_ids():
        for lane_id, _, _ in TEXT_LANES:
            journey.set_notes(tp_id, lane_id, rng.sample(NOTES, NOTES_PER_CELL))


#: The personas besides Sam, and how often one of them feels differently at a rated touchpoint.
OTHER_PERSONAS: tuple[tuple[str, str], ...] = (("ana", "Ana, first-time buyer"), ("lee", "Lee, loyal customer"))
DIFFERING = 0.2


def _add_personas(journey: Journey, seed: int) -> None:
    """Two more personas, each feeling differently at about one rated touchpoint in five
    (their own random stream, so the rest of the journey is the one earlier rounds measured):
    the emotion lane then draws a line per persona, three in all."""
    rng = random.Random(seed)
    for persona_id, name in OTHER_PERSONAS:
        journey.add_persona(name, id=persona_id)
    for tp in journey.touchpoints():
        if tp.emotion is None:
            continue
        for persona_id, _ in OTHER_PERSONAS:
            if rng.random() < DIFFERING:
                journey.set_persona_emotion(tp.id, persona_id, rng.choice([e for e in range(-2, 3) if e != tp.emotion]))


def make_journey(size: int, *, long_descriptions: bool = False, seed: int = 8, lanes: bool = True,
                 personas: bool = True) -> Journey:
    """A journey of `size` touchpoints over 8 stages with branches, loops, metrics, (with
    `lanes`) four text lanes of two notes per touchpoint and (with `personas`) three
    personas whose emotion lines differ at about a fifth of the touchpoints."""
    rng = random.Random(seed * 100_003 + size)
    journey = Journey(f"Synthetic journey, {size} touchpoints", "Generated by bench/generate.py")
    journey.add_persona("Sam, benchmark persona", id="sam", description="A made-up customer",
                        goals=["Finish quickly"], needs=["Clear prices"], frustrations=["Waiting"])
    per_stage = [size // len(STAGES) + (1 if i < size % len(STAGES) else 0) for i in range(len(STAGES))]
    n = 0
    previous_main: str | None = None
    pending_alt: list[str] = []  # alternatives waiting to rejoin the next main step
    stage_mains: dict[str, list[str]] = {}
    for s, ((name, color), count) in enumerate(zip(STAGES, per_stage, strict=False)):
        stage = journey.add_stage(name, id=name.lower(), color=color, description=f"Stage {s + 1} of the journey")
        mains: list[str] = []
        for i in range(count):
            is_alt = previous_main is not None and i > 0 and rng.random() < 0.2
            label = f"{rng.choice(VERBS)} {rng.choice(THINGS)}"
            tp_id = f"{stage.id}-{i + 1:04d}"
            journey.add_touchpoint(stage.id, label, id=tp_id, **_fields(rng, n, 1 if is_alt else 0, long_descriptions))
            n += 1
            if is_alt:
                assert previous_main is not None
                journey.add_flow(previous_main, tp_id, "alternative" if rng.random() < 0.5 else "")
                pending_alt.append(tp_id)
                continue
            if previous_main is not None:
                journey.add_flow(previous_main, tp_id, rng.choice(("", "", "", "next", "continues")))
            for alt in pending_alt:
                journey.add_flow(alt, tp_id)
            pending_alt.clear()
            if len(mains) >= 3 and rng.random() < 1 / 12:  # a retry loop back inside the stage
                journey.add_flow(tp_id, mains[-rng.randint(2, 3)], "retries")
            mains.append(tp_id)
            previous_main = tp_id
        stage_mains[stage.id] = mains
    purchase = stage_mains.get("purchase") or []
    if previous_main is not None and purchase and previous_main not in purchase:
        journey.add_flow(previous_main, purchase[0], "buys again")  # the repeat-purchase loop
    if lanes:
        _add_lanes(journey, seed * 7 + size)
    if personas:
        _add_personas(journey, seed * 11 + size)
    return journey


def write_journey(size: int, path: Path, *, long_descriptions: bool = False) -> Path:
    """Generate and save one journey; returns `path`."""
    save_journey(make_journey(size, long_descriptions=long_descriptions), path)
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: write one synthetic journey."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="number of touchpoints")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the .yaml file to write")
    parser.add_argument("--long-descriptions", action="store_true", help="2,000-character descriptions")
    args = parser.parse_args(argv)
    write_journey(args.size, args.output, long_descriptions=args.long_descriptions)
    print(f"{args.output}: {args.size} touchpoints written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
