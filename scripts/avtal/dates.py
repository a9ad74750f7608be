"""Dates as Swedish readers write them: 22 november 2026 (ISO 8601 stays in the data)."""

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


def swedish_date(iso: str | None) -> str:
    """"2026-11-22" -> "22 november 2026"; anything else is returned as it is."""
    try:
        year, month, day = (int(part) for part in (iso or "")[:10].split("-"))
        return f"{day} {MONTHS[month - 1]} {year}"
    except (ValueError, IndexError):
        return iso or ""
