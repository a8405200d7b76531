"""``python -m bot``: the command line, :func:`bot.cli.main`."""

import sys

from bot.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
