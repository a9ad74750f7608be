"""`avtal check` straight from this checkout, for the pre-commit hook in .pre-commit-config.yaml.

pre-commit never installs the repository it runs in into a local hook's environment (its
issue #1626), only the hook's `additional_dependencies`. This launcher puts `scripts/` first
on the path so that the checked-out package runs, with the check's runtime dependencies that
the hook lists (a test keeps them in step with pyproject.toml). Arguments are passed on:
`python scripts/avtal_check_hook.py --format json`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from avtal.cli import main  # noqa: E402 - after the path is set

if __name__ == "__main__":
    sys.exit(main(["check", *sys.argv[1:]]))
