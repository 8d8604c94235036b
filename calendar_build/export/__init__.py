"""Exports of the holiday table: JSON, CSV and iCalendar."""
