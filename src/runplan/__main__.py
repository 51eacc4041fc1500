"""``python -m runplan``: the same as the ``runplan`` command."""

import sys

from .cli import main

sys.exit(main())
