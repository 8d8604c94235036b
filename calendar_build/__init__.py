"""calendar-build: the print-publishing pipeline for intercultural wall calendars."""

__version__ = "0.1.0"
