import sys

from .cli import main

if __name__ == "__main__":  # not when a process of the live preview imports it (multiprocessing's spawn)
    sys.exit(main())
