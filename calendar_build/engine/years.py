"""The years the holiday engine computes (checked by the command line before anything is loaded)."""

SUPPORTED_YEARS = range(1950, 2100)
