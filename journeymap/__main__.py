"""`python -m journeymap` runs the same front door as the `journeymap` command."""

import sys

from journeymap.cli import main

sys.exit(main())
