"""PyInstaller's entry script: the same `wms-desktop` command a pip install provides."""
import multiprocessing
import sys

from wms_desktop.cli import main

if __name__ == "__main__":
    # the label-drawing worker (wms_desktop.devices.printing.renderer) is this executable started
    # again with multiprocessing's arguments: run the worker then, not the app
    multiprocessing.freeze_support()
    sys.exit(main())
