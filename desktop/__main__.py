"""``python -m desktop``: the same entry point as the ``sotto`` command."""

import sys

from desktop.launch import main

sys.exit(main())
