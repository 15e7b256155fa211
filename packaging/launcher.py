"""PyInstaller's entry script: the same `wms-desktop` command a pip install provides."""
import sys

from wms_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
