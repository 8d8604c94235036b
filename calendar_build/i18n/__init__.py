"""Editions in other languages: the language table, CLDR dates, gettext catalogues, translated content.

    languages.py      de, en, tr, ar, uk, fa: direction (CLDR), digits (our decision)
    dates.py          month and weekday names, days and ranges from CLDR (Babel)
    catalogues.py     the program's and the templates' strings (gettext, locale/<lang>/…/calendar.po)
    content.py        content/translations/<lang>/*.yaml: names, descriptions, greetings, labels
"""
