"""Entry point of the frozen application (PyInstaller cannot start from a package's __main__)."""

import sys

from seance_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
