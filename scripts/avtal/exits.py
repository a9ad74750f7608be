"""Exit codes of the command line (a contract) and the error that means "used wrongly"."""

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """A wrong command, option or argument: exit 2 with the message."""
