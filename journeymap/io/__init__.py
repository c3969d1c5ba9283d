"""Reading and writing journey files (YAML format v1).

Public interface (a contract with users and scripts):
`load_journey(path) -> Journey`, `save_journey(journey, path)`, `JourneyFileError`;
also `validate_file(path)`, `check_file(path)` (problems and warnings),
`load_journey_with_warnings(path)`, `loads_journey(text)`, `dumps_journey(journey)` and
`atomic_write(path, data)`.
"""

from journeymap.io.atomic import atomic_write
from journeymap.io.errors import JourneyFileError
from journeymap.io.reader import (
    FORMAT_VERSION,
    check_file,
    load_journey,
    load_journey_with_warnings,
    loads_journey,
    validate_file,
)
from journeymap.io.writer import backup_path, dumps_journey, journey_to_data, save_journey

__all__ = [
    "FORMAT_VERSION",
    "JourneyFileError",
    "atomic_write",
    "backup_path",
    "check_file",
    "dumps_journey",
    "journey_to_data",
    "load_journey",
    "load_journey_with_warnings",
    "loads_journey",
    "save_journey",
    "validate_file",
]
