"""'Did you mean' hints for messages; plain strings, so any command can use it cheaply."""


def suggestion(value: str, candidates) -> str:
    """'; menade du "X"?' for the closest candidate, or nothing."""
    import difflib  # only when a message needs it: `avtal check` of a valid repository never does

    by_fold = {c.casefold(): c for c in candidates}
    close = difflib.get_close_matches(value.casefold(), list(by_fold), n=1, cutoff=0.6)
    return f'; menade du "{by_fold[close[0]]}"?' if close else ""
