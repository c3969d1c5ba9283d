"""`python -m journeymap.cli` runs the same front door as the `journeymap` command."""

from journeymap.cli import console_main

console_main()
