import sys

from rm_desktop.cli.main import main

sys.exit(main())
