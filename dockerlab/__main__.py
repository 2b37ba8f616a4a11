"""``python -m dockerlab`` is the ``dockerlab`` command."""

import sys

from .cli import main

sys.exit(main())
