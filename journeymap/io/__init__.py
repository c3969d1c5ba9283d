"""Reading and writing journey files (YAML format v1).

Public interface: `load_journey(path)`, `save_journey(journey, path)`,
`JourneyFileError`, plus `validate_file(path)` and `atomic_write(path, data)`.
"""

from journeymap.io.atomic import atomic_write
from journeymap.io.errors import JourneyFileError

__all__ = ["JourneyFileError", "atomic_write"]
