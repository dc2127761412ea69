"""`python -m termbook` runs the command line."""

import sys

from termbook.cli import main

sys.exit(main())
