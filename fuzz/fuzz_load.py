"""Coverage-guided fuzzing of the journey loader with atheris (long runs, not part of CI).

    .venv/bin/pip install atheris
    mkdir -p fuzz/corpus && cp sample_journeys/*.yaml fuzz/corpus/
    .venv/bin/python fuzz/fuzz_load.py -max_total_time=600 fuzz/corpus/

Any exception other than JourneyFileError, or a load slower than a second, is a bug:
atheris stops and writes the input to crash-*; turn it into a test in
tests/test_io_fuzz.py or tests/test_io_hostile.py.
"""

import sys
import time

import atheris

with atheris.instrument_imports():
    from journeymap.io import JourneyFileError
    from journeymap.io.reader import read_journey_text


def test_one_input(data: bytes) -> None:
    """Feed one input to the loader's text path (bytes decoded as the loader would)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    start = time.perf_counter()
    journey, errors = read_journey_text(text, "fuzz.yaml")
    if time.perf_counter() - start > 1.0:
        raise AssertionError(f"slow load: {time.perf_counter() - start:.2f}s")
    if (journey is None) != bool(errors) or not all(isinstance(e, JourneyFileError) for e in errors):
        raise AssertionError("inconsistent result")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
