"""Calendar maths: one small module per calendar, pure functions returning `datetime.date`.

Every module speaks in Gregorian years: a query returns every occurrence whose span touches
the Gregorian year, because lunar feasts can fall twice in one year or straddle New Year.
"""
