"""Fuzzing the loader: random bytes and mutated samples raise nothing but JourneyFileError."""

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.io import JourneyFileError
from journeymap.io.reader import read_journey_text
import contextlib

SAMPLES = sorted((Path(__file__).parent.parent / "sample_journeys").glob("*.yaml"))
TOKENS = ["[", "]", "{", "}", ":", "- ", "&a ", "*a", "!!str ", "!x ", "'", '"', "#", "|", ">", "\t", "\n", "  ",
          "~", "null", "no", "1e3", "-3", "99", "\x00", "\u2028", "\ufeff", "---\n", "? ", ",", "%YAML 1.1\n", "<<: "]


def only_journey_file_errors(text: str) -> None:
    try:
        journey, errors = read_journey_text(text, "fuzz.yaml")
    except JourneyFileError:  # pragma: no cover - read_journey_text returns problems instead
        return
    assert (journey is None) == bool(errors)
    for error in errors:
        assert isinstance(error, JourneyFileError)
        assert error.path == "fuzz.yaml" and "\n" not in error.message


def mutate(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(chars) + 1)
        action = rng.random()
        if action < 0.4:
            chars[i:i] = list(rng.choice(TOKENS))
        elif action < 0.7:
            del chars[i : i + rng.randint(1, 40)]
        elif action < 0.85 and chars:
            j = rng.randrange(len(chars))
            chars[i:i] = chars[j : j + rng.randint(1, 80)]  # duplicate a chunk (duplicate keys, ids)
        else:
            chars[i:i] = [chr(rng.randint(0, 0x2FFF))]
    return "".join(chars)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_mutated_samples(path: Path) -> None:
    rng = random.Random(path.name)
    text = path.read_text(encoding="utf-8")
    for _ in range(300):
        only_journey_file_errors(mutate(text, rng))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    from journeymap.io import load_journey

    path = tmp_path_factory.mktemp("fuzz") / "f.yaml"
    path.write_bytes(b"journeymap: 1\n" + data)
    with contextlib.suppress(JourneyFileError):
        load_journey(path)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS + ["journeymap: "
                                          "1\n", "title: x\n", "stages:\n", "- id: a\n", "  name: A\n"]), max_size=40))
def test_random_yaml_tokens(tokens: list[str]) -> None:
    only_journey_file_errors("".join(tokens))
