"""Calendar maths: one small module per calendar, pure functions returning `datetime.date`.

One vocabulary, as in convertdate. Every date-converting module (`julian`, `hebrew`, `hijri`,
`persian`, `bahai`, `chinese`) offers the same four verbs:

- `to_gregorian(year, month, day)`: `year` is always the calendar's OWN year count — Julian
  Anno Domini, Hebrew Anno Mundi, Hijri (AH), Solar Hijri (SH), Badíʻ (B.E.), and for the
  Chinese calendar the lunar year numbered by the Gregorian year in which it begins (农历年).
- `from_gregorian(day)`: the inverse, `(year, month, day)` in the calendar's own count.
- `years_touching(year)`: the calendar's own years that have days in Gregorian `year`.
- `occurrences(month, day, year)`: the Gregorian start dates of a calendar month/day around
  Gregorian `year` — the queries behind the holiday rules, because lunar feasts can fall twice
  in one year or straddle New Year; the caller keeps those whose span touches the year.

Hijri adds the `reckoning` as a last argument to each verb (umm-al-qura, diyanet, arithmetic).
Feast functions (`easter.western_easter`, `persian.nowruz`, `bahai.naw_ruz`, `bahai.twin_birthdays`,
`chinese.new_year`, `indic.festival_date`) take the Gregorian year they are asked for.
The `holidays` package's private tables are read only through `holidays_tables`.
"""
