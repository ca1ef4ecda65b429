"""``python -m riksdoc`` is the ``riksdoc`` command."""

import sys

from .cli import main

sys.exit(main())
