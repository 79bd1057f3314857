"""Start the RM Desktop GUI: ``python main.py [--vault DIR] [--demo] [--lang en]``."""

import sys

from rm_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
