"""Published reference dates for the holiday catalogue, with their sources.

Each entry: holiday id -> Reference(source=..., tolerance_days=..., dates={year: "YYYY-MM-DD", ...}).
`dates` gives the START date as defined below. tolerance_days: 0 for exact calendars (Hebrew, Bahá'í, Chinese, Persian), 1 for moon-sighting based ones (Islamic, Hindu/Sikh/Buddhist lunisolar).

Conventions used when transcribing (facts only; no dates here were produced by running a
calendar or astronomy library):

- Jewish: the first full daytime of the holiday (the evening before is the eve), Hebcal
  diaspora listing. Tish'a B'Av and Yom HaShoah are the *observed* days.
- Islamic: Diyanet İşleri Başkanlığı (Turkey) "Dini Günler" tables, the reckoning
  followed by DITIB mosques in Germany. Diyanet lists the kandil nights (Miraç, Berat,
  Kadir, Mevlid) under the Gregorian date of the *evening* (26 Receb, 14 Şaban,
  26 Ramazan, 11 Rebiülevvel); the daytime dates below are that listed date + 1 day
  (27 Rajab, 15 Sha'ban, 27 Ramadan, 12 Rabi' al-Awwal). Expect a one-day difference
  from Umm al-Qura in some years (e.g. 1 Ramadan 1447: Diyanet 19 Feb 2026).
- Bahá'í: "Bahá'í Dates 172 to 221 B.E." (Bahá'í World Centre, 2014). Table A gives
  Naw-Rúz and the Twin Holy Birthdays per year; Table B gives the other Holy Days as
  fixed Gregorian dates depending only on whether Naw-Rúz fell on 20 or 21 March
  (Ridván 1st day 20/21 April, Declaration of the Báb 23/24 May, Ascension of
  Bahá'u'lláh 28/29 May, Martyrdom of the Báb 9/10 July). The dates are the
  Gregorian days; each Bahá'í day begins at sunset of the day before.
- A year whose value is a tuple has two occurrences of the feast in that Gregorian year.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    source: str
    tolerance_days: int
    dates: dict[int, str | tuple[str, ...]]  # year -> ISO start date (two occurrences: a tuple)


_HEBCAL = (
    "Hebcal.com Jewish holidays, diaspora (Hebcal listings for 2012, 2022, 2024-2028); "
    "2024-2026 cross-checked against published synagogue calendars in the stored copy "
    "(qctemple.org 5783-5786, rodephsholom.org 5785-5786, myjewishlearning.com 5784), "
    "2027/2028 High Holidays against a Hebcal-style test (Gdalia 5788 = 2027-10-04, "
    "Succot 5789 = 2028-10-05)"
)

_DIYANET = (
    "Diyanet İşleri Başkanlığı, Dini Günler Takvimi 2021, 2023, 2024, 2025, 2026 "
    "(as reprinted in Turkish press: gundem13/habertest 2021, sabah/bilgilendiren 2023, "
    "bergama.com/grupbuhara.com 2024, tvnota/teleferikhaber 2025, yenisafak/sporx/tgrthaber 2026)"
)

_BAHAI_TABLE = (
    "Bahá'í World Centre, 'Bahá'í Dates 172 to 221 B.E.' (2014), Table A "
    "(bahai-library.com uhj_bahai_dates_172-221.pdf via chadananda/ocean-site-content; full "
    "year list as transcribed in janrg/badiDate res/badiYearsLongFormat.ts and GNU Emacs "
    "cal-bahai-tests.el, which agree)"
)

_BAHAI_TABLE_B = (
    "Bahá'í World Centre, 'Bahá'í Dates 172 to 221 B.E.' (2014): Table B (fixed Gregorian "
    "date for a 20-March / 21-March Naw-Rúz year) applied to the Naw-Rúz dates of Table A"
)

_DRIK = (
    "Drik Panchang (New Delhi) dates as reported in Indian press (livemint, ndtvprofit, "
    "hindustantimes, zeenews, indiatoday, news18, goodreturns, freepressjournal, "
    "republicworld, newseager) and Government of India holiday lists; 2023 from published "
    "Drik Panchang listings (own knowledge)"
)


REFERENCES: dict[str, Reference] = {
    # ------------------------------------------------------------------ Jewish
    "tu-bishvat": Reference(
        source=_HEBCAL,
        tolerance_days=0,
        dates={
            2012: "2012-02-08",
            2024: "2024-01-25",
            2025: "2025-02-13",
            2026: "2026-02-02",
            2027: "2027-01-23",
            2028: "2028-02-12",
        },
    ),
    "purim": Reference(
        source=_HEBCAL,
        tolerance_days=0,
        dates={
            2012: "2012-03-08",
            2024: "2024-03-24",  # 14 Adar II (leap year 5784)
            2025: "2025-03-14",
            2026: "2026-03-03",
            2027: "2027-03-23",  # 14 Adar II (leap year 5787)
            2028: "2028-03-12",
        },
    ),
    "pesach": Reference(
        source=_HEBCAL,
        tolerance_days=0,
        dates={
            2010: "2010-03-30",
            2012: "2012-04-07",
            2024: "2024-04-23",
            2025: "2025-04-13",
            2026: "2026-04-02",
            2027: "2027-04-22",
            2028: "2028-04-11",
        },
    ),
    "yom-hashoah": Reference(
        source=_HEBCAL,
        tolerance_days=0,
        dates={
            2012: "2012-04-19",
            2024: "2024-05-06",  # 27 Nisan = Sun 5 May -> Monday
            2025: "2025-04-24",  # 27 Nisan = Fri 25 Apr -> Thursday
            2026: "2026-04-14",
            2027: "2027-05-04",
            2028: "2028-04-24",  # 27 Nisan = Sun 23 Apr -> Monday
        },
    ),
    "shavuot": Reference(
        source=_HEBCAL,
        tolerance_days=0,
        dates={
            2010: "2010-05-19",
            2012: "2012-05-27",
            2024: "2024-06-12",
            2025: "2025-06-02",
            2026: "2026-05-22",
            2027: "2027-06-11",
            2028: "2028-05-31",
        },
    ),
    "tisha-bav": Reference(
        source=_HEBCAL,
        tolerance_days=0,
        dates={
            2010: "2010-07-20",
            2012: "2012-07-29",  # observed: 9 Av = Sat 28 Jul
            2015: "2015-07-26",  # observed: 9 Av = Sat 25 Jul
            2022: "2022-08-07",  # observed: 9 Av = Sat 6 Aug
            2024: "2024-08-13",
            2025: "2025-08-03",
            2026: "2026-07-23",
            2027: "2027-08-12",
            2028: "2028-08-01",
        },
    ),
    "rosh-hashanah": Reference(
        source=_HEBCAL,
        tolerance_days=0,
        dates={
            2010: "2010-09-09",
            2012: "2012-09-17",
            2024: "2024-10-03",
            2025: "2025-09-23",
            2026: "2026-09-12",
            2027: "2027-10-02",
            2028: "2028-09-21",
        },
    ),
    "yom-kippur": Reference(
        source=_HEBCAL,
        tolerance_days=0,
        dates={
            2010: "2010-09-18",
            2012: "2012-09-26",
            2024: "2024-10-12",
            2025: "2025-10-02",
            2026: "2026-09-21",
            2027: "2027-10-11",
            2028: "2028-09-30",
        },
    ),
    "sukkot": Reference(
        source=_HEBCAL,
        tolerance_days=0,
        dates={
            2010: "2010-09-23",
            2012: "2012-10-01",
            2024: "2024-10-17",
            2025: "2025-10-07",
            2026: "2026-09-26",
            2027: "2027-10-16",
            2028: "2028-10-05",
        },
    ),
    "shemini-atzeret": Reference(
        source=_HEBCAL,
        tolerance_days=0,
        dates={
            2010: "2010-09-30",
            2012: "2012-10-08",
            2024: "2024-10-24",
            2025: "2025-10-14",
            2026: "2026-10-03",
            2027: "2027-10-23",
            2028: "2028-10-12",
        },
    ),
    "simchat-torah": Reference(
        source=_HEBCAL,
        tolerance_days=0,
        dates={
            2010: "2010-10-01",
            2012: "2012-10-09",
            2024: "2024-10-25",
            2025: "2025-10-15",
            2026: "2026-10-04",
            2027: "2027-10-24",
            2028: "2028-10-13",
        },
    ),
    "hanukkah": Reference(
        source=_HEBCAL + "; first day = 25 Kislev (first candle the evening before)",
        tolerance_days=0,
        dates={
            2010: "2010-12-02",
            2012: "2012-12-09",
            2024: "2024-12-26",
            2025: "2025-12-15",
            2026: "2026-12-05",
            2027: "2027-12-25",
            2028: "2028-12-13",
        },
    ),
    # ----------------------------------------------------------------- Islamic
    "islamic-new-year": Reference(
        source=_DIYANET
        + "; 2008-2010 from the Wikipedia 'Islamic New Year' table (Umm al-Qura based; "
        "some countries a day later), copy in the stored pages",
        tolerance_days=1,
        dates={
            2008: ("2008-01-10", "2008-12-29"),  # 1 Muharram 1429 and 1430
            2009: "2009-12-18",
            2010: "2010-12-07",
            2021: "2021-08-09",
            2023: "2023-07-19",
            2024: "2024-07-07",
            2025: "2025-06-26",
            2026: "2026-06-16",
        },
    ),
    "ashura": Reference(
        source=_DIYANET,
        tolerance_days=1,
        dates={
            2021: "2021-08-18",
            2023: "2023-07-28",
            2024: "2024-07-16",
            2025: "2025-07-05",
            2026: "2026-06-25",
        },
    ),
    "mawlid": Reference(
        source=_DIYANET + "; Mevlid Kandili (evening of 11 Rebiülevvel) + 1 day",
        tolerance_days=1,
        dates={
            2021: "2021-10-18",
            2023: "2023-09-27",
            2024: "2024-09-15",
            2025: "2025-09-04",
            2026: "2026-08-25",
        },
    ),
    "isra-miraj": Reference(
        source=_DIYANET + "; Miraç Kandili (evening of 26 Receb) + 1 day",
        tolerance_days=1,
        dates={
            2021: "2021-03-11",
            2023: "2023-02-18",
            2024: "2024-02-07",
            2025: "2025-01-27",
            2026: "2026-01-16",
        },
    ),
    "laylat-al-baraat": Reference(
        source=_DIYANET + "; Berat Kandili (evening of 14 Şaban) + 1 day",
        tolerance_days=1,
        dates={
            2021: "2021-03-28",
            2023: "2023-03-07",
            2024: "2024-02-25",
            2025: "2025-02-14",
            2026: "2026-02-03",
        },
    ),
    "ramadan-begin": Reference(
        source=_DIYANET,
        tolerance_days=1,
        dates={
            2021: "2021-04-13",
            2023: "2023-03-23",
            2024: "2024-03-11",
            2025: "2025-03-01",
            2026: "2026-02-19",
        },
    ),
    "laylat-al-qadr": Reference(
        source=_DIYANET + "; Kadir Gecesi (evening of 26 Ramazan) + 1 day",
        tolerance_days=1,
        dates={
            2021: "2021-05-09",
            2023: "2023-04-18",
            2024: "2024-04-06",
            2025: "2025-03-27",
            2026: "2026-03-17",
        },
    ),
    "eid-al-fitr": Reference(
        source=_DIYANET
        + "; 2000 (two occurrences): Singapore MUIS dates cited in C. Tøndering's Calendar FAQ; "
        "2020: Saudi Arabia/UAE/Turkey announcements (The News, 23 May 2020)",
        tolerance_days=1,
        dates={
            2000: ("2000-01-08", "2000-12-27"),  # 1 Shawwal 1420 and 1421
            2020: "2020-05-24",
            2021: "2021-05-13",
            2023: "2023-04-21",
            2024: "2024-04-10",
            2025: "2025-03-30",
            2026: "2026-03-20",
        },
    ),
    "eid-al-adha": Reference(
        source=_DIYANET,
        tolerance_days=1,
        dates={
            2021: "2021-07-20",
            2023: "2023-06-28",
            2024: "2024-06-16",
            2025: "2025-06-06",
            2026: "2026-05-27",
        },
    ),
    # --------------------------------------------------------------- Orthodox
    "orthodox-easter": Reference(
        source="Published Western/Orthodox Easter table 2010-2030 (userz.net copy of the "
        "common Greek-Easter date table)",
        tolerance_days=0,
        dates={
            2010: "2010-04-04",
            2013: "2013-05-05",
            2016: "2016-05-01",
            2021: "2021-05-02",
            2024: "2024-05-05",
            2025: "2025-04-20",
            2026: "2026-04-12",
            2027: "2027-05-02",
            2028: "2028-04-16",
            2029: "2029-04-08",
            2030: "2030-04-28",
        },
    ),
    # ---------------------------------------------------------------- Chinese
    "chinese-new-year": Reference(
        source="Hong Kong public holiday 'Lunar New Year's Day' table 2024-2033 "
        "(timeanddate-style listing, calculatorian.com copy; 2025 also listholidays.com)",
        tolerance_days=0,
        dates={
            2024: "2024-02-10",
            2025: "2025-01-29",
            2026: "2026-02-17",
            2027: "2027-02-06",
            2028: "2028-01-26",
            2029: "2029-02-13",
            2030: "2030-02-03",
            2031: "2031-01-23",
            2032: "2032-02-11",
            2033: "2033-01-31",
        },
    ),
    # ---------------------------------------------------------------- Persian
    "nowruz": Reference(
        source="Iranian official calendar, 1 Farvardin: 1391 (iran-times, tahvil 08:44 Tehran "
        "Tue 20 Mar 2012), 1398 (Iran Press), 1403/1404 (jalaali conversion tests: "
        "1403-01-01 = 2024-03-20, 1404-01-01 = 2025-03-21); 1405-1407 from the published "
        "Solar Hijri leap-year list (1403 and 1408 leap, 1404-1407 common)",
        tolerance_days=0,
        dates={
            2012: "2012-03-20",
            2019: "2019-03-21",
            2024: "2024-03-20",
            2025: "2025-03-21",
            2026: "2026-03-21",
            2027: "2027-03-21",
            2028: "2028-03-20",
        },
    ),
    # ----------------------------------------------------------------- Bahá'í
    "naw-ruz": Reference(
        source=_BAHAI_TABLE,
        tolerance_days=0,
        dates={
            2015: "2015-03-21",
            2016: "2016-03-20",
            2017: "2017-03-20",
            2019: "2019-03-21",
            2020: "2020-03-20",
            2021: "2021-03-20",
            2024: "2024-03-20",
            2025: "2025-03-20",
            2026: "2026-03-21",
            2027: "2027-03-21",
            2028: "2028-03-20",
            2030: "2030-03-20",
            2034: "2034-03-20",
            2035: "2035-03-21",
            2040: "2040-03-20",
            2043: "2043-03-21",
            2050: "2050-03-20",
            2054: "2054-03-20",
            2061: "2061-03-20",
            2064: "2064-03-20",
        },
    ),
    "ridvan": Reference(
        source=_BAHAI_TABLE_B + " (First Day of Riḍván, 13 Jalál)",
        tolerance_days=0,
        dates={
            2015: "2015-04-21",
            2016: "2016-04-20",
            2024: "2024-04-20",
            2025: "2025-04-20",
            2026: "2026-04-21",
            2027: "2027-04-21",
            2028: "2028-04-20",
            2030: "2030-04-20",
            2035: "2035-04-21",
            2040: "2040-04-20",
            2043: "2043-04-21",
            2050: "2050-04-20",
            2064: "2064-04-20",
        },
    ),
    "declaration-of-the-bab": Reference(
        source=_BAHAI_TABLE_B + " (8 ‘Aẓamat)",
        tolerance_days=0,
        dates={
            2015: "2015-05-24",
            2016: "2016-05-23",
            2024: "2024-05-23",
            2025: "2025-05-23",
            2026: "2026-05-24",
            2027: "2027-05-24",
            2028: "2028-05-23",
            2030: "2030-05-23",
            2035: "2035-05-24",
            2040: "2040-05-23",
            2043: "2043-05-24",
            2050: "2050-05-23",
            2064: "2064-05-23",
        },
    ),
    "ascension-of-bahaullah": Reference(
        source=_BAHAI_TABLE_B + " (13 ‘Aẓamat)",
        tolerance_days=0,
        dates={
            2015: "2015-05-29",
            2016: "2016-05-28",
            2024: "2024-05-28",
            2025: "2025-05-28",
            2026: "2026-05-29",
            2027: "2027-05-29",
            2028: "2028-05-28",
            2030: "2030-05-28",
            2035: "2035-05-29",
            2040: "2040-05-28",
            2043: "2043-05-29",
            2050: "2050-05-28",
            2064: "2064-05-28",
        },
    ),
    "martyrdom-of-the-bab": Reference(
        source=_BAHAI_TABLE_B + " (17 Raḥmat)",
        tolerance_days=0,
        dates={
            2015: "2015-07-10",
            2016: "2016-07-09",
            2024: "2024-07-09",
            2025: "2025-07-09",
            2026: "2026-07-10",
            2027: "2027-07-10",
            2028: "2028-07-09",
            2030: "2030-07-09",
            2035: "2035-07-10",
            2040: "2040-07-09",
            2043: "2043-07-10",
            2050: "2050-07-09",
            2064: "2064-07-09",
        },
    ),
    "birth-of-the-bab": Reference(
        source=_BAHAI_TABLE + " (first of the Twin Holy Birthdays)",
        tolerance_days=0,
        dates={
            2015: "2015-11-13",
            2016: "2016-11-01",
            2017: "2017-10-21",
            2019: "2019-10-29",
            2020: "2020-10-18",
            2021: "2021-11-06",
            2024: "2024-11-02",
            2025: "2025-10-22",
            2026: "2026-11-10",
            2027: "2027-10-30",
            2028: "2028-10-19",
            2030: "2030-10-28",
            2034: "2034-11-12",
            2035: "2035-11-01",
            2040: "2040-11-06",
            2043: "2043-11-03",
            2050: "2050-10-17",
            2054: "2054-11-01",
            2061: "2061-10-14",
            2064: "2064-11-10",
        },
    ),
    "birth-of-bahaullah": Reference(
        source=_BAHAI_TABLE + " (second of the Twin Holy Birthdays)",
        tolerance_days=0,
        dates={
            2015: "2015-11-14",
            2016: "2016-11-02",
            2017: "2017-10-22",
            2019: "2019-10-30",
            2020: "2020-10-19",
            2021: "2021-11-07",
            2024: "2024-11-03",
            2025: "2025-10-23",
            2026: "2026-11-11",
            2027: "2027-10-31",
            2028: "2028-10-20",
            2030: "2030-10-29",
            2034: "2034-11-13",
            2035: "2035-11-02",
            2040: "2040-11-07",
            2043: "2043-11-04",
            2050: "2050-10-18",
            2054: "2054-11-02",
            2061: "2061-10-15",
            2064: "2064-11-11",
        },
    ),
    # ------------------------------------------------------------------ Hindu
    "maha-shivaratri": Reference(
        source=_DRIK,
        tolerance_days=1,
        dates={
            2023: "2023-02-18",
            2024: "2024-03-08",
            2025: "2025-02-26",
            2026: "2026-02-15",
        },
    ),
    "holi": Reference(
        source=_DRIK + "; Rangwali Holi/Dhulandi, the day after Holika Dahan",
        tolerance_days=1,
        dates={
            2023: "2023-03-08",
            2024: "2024-03-25",
            2025: "2025-03-14",
            2026: "2026-03-04",
        },
    ),
    "janmashtami": Reference(
        source=_DRIK
        + "; Drik's headline (Smarta) day; the Vaishnava/ISKCON day is one later in 2023 "
        "and 2025 (7 Sep 2023, 16 Aug 2025)",
        tolerance_days=1,
        dates={
            2023: "2023-09-06",
            2024: "2024-08-26",
            2025: "2025-08-15",
            2026: "2026-09-04",
        },
    ),
    "navaratri": Reference(
        source=_DRIK + "; Sharad Navaratri Ghatasthapana (first day)",
        tolerance_days=1,
        dates={
            2023: "2023-10-15",
            2024: "2024-10-03",
            2025: "2025-09-22",
        },
    ),
    "dussehra": Reference(
        source=_DRIK,
        tolerance_days=1,
        dates={
            2023: "2023-10-24",
            2024: "2024-10-12",
            2025: "2025-10-02",
            2026: "2026-10-20",
        },
    ),
    "diwali": Reference(
        source=_DRIK
        + "; Lakshmi Puja day. 2024 was disputed (31 Oct per Drik Panchang and the "
        "central-government list, 1 Nov in other panchangs)",
        tolerance_days=1,
        dates={
            2016: "2016-10-30",
            2021: "2021-11-04",
            2023: "2023-11-12",
            2024: "2024-10-31",
            2025: "2025-10-20",
            2026: "2026-11-08",
        },
    ),
    # ------------------------------------------------------------------- Sikh
    "vaisakhi": Reference(
        source="Drik Panchang Baisakhi/Mesha Sankranti day as reported by livemint "
        "(14 Apr 2025) and others; 2023/2024/2026 from published Drik listings (own knowledge)",
        tolerance_days=1,
        dates={
            2023: "2023-04-14",
            2024: "2024-04-13",
            2025: "2025-04-14",
            2026: "2026-04-14",
        },
    ),
    "guru-nanak-gurpurab": Reference(
        source="Kartik Purnima per Drik Panchang as reported by NDTV/latestly (15 Nov 2024), "
        "HT Telugu (5 Nov 2025), calendarr.com (27 Nov 2023), weirdholiday.com table "
        "(2025-2027)",
        tolerance_days=1,
        dates={
            2023: "2023-11-27",
            2024: "2024-11-15",
            2025: "2025-11-05",
            2026: "2026-11-24",
            2027: "2027-11-14",
        },
    ),
    "bandi-chhor-divas": Reference(
        source="= Diwali (Lakshmi Puja) day, see 'diwali'. Note: SGPC observed Bandi Chhor "
        "Divas 2024 on 1 Nov",
        tolerance_days=1,
        dates={
            2021: "2021-11-04",
            2023: "2023-11-12",
            2024: "2024-10-31",
            2025: "2025-10-20",
            2026: "2026-11-08",
        },
    ),
    # -------------------------------------------------------------- Buddhist
    "vesak": Reference(
        source="Singapore Ministry of Manpower, public holiday 'Vesak Day' 2021-2026 (the same day as "
        "Malaysia's 'Hari Wesak' except 2023, when Malaysia kept 4 May and Singapore 2 June, after "
        "the lunisolar leap month) – the Vesākha full moon as kept in Southeast Asia",
        tolerance_days=1,
        dates={
            2021: "2021-05-26",
            2022: "2022-05-15",
            2023: "2023-06-02",
            2024: "2024-05-22",
            2025: "2025-05-12",
            2026: "2026-05-31",  # second full moon of May 2026 (the first is 1/2 May)
        },
    ),
    # ------------------------------------------------------------- Christian
    "easter-sunday": Reference(
        source="Published Western/Orthodox Easter table 2010-2030 (userz.net)",
        tolerance_days=0,
        dates={
            2010: "2010-04-04",
            2016: "2016-03-27",
            2024: "2024-03-31",
            2025: "2025-04-20",
            2026: "2026-04-05",
            2027: "2027-03-28",
            2028: "2028-04-16",
            2029: "2029-04-01",
            2030: "2030-04-21",
        },
    ),
    "day-of-repentance": Reference(
        source="Buß- und Bettag tables: kalender.retira.de (2024-2027), schulferien.cc "
        "(2026-2030), feiertage-weltweit.net (2017-2019). arbeitstage.org gives 15.11.2028, "
        "which is wrong (1. Advent 2028 is 3 Dec, so Totensonntag 26 Nov, Bußtag 22 Nov)",
        tolerance_days=0,
        dates={
            2017: "2017-11-22",
            2019: "2019-11-20",
            2024: "2024-11-20",
            2025: "2025-11-19",
            2026: "2026-11-18",
            2027: "2027-11-17",
            2028: "2028-11-22",
            2030: "2030-11-20",
        },
    ),
    "first-advent": Reference(
        source="1. Advent tables: kwheute.de (2024-2028), arbeitstage.org (2026-2035), "
        "schulferien-deutschland.net (2011-2020)",
        tolerance_days=0,
        dates={
            2012: "2012-12-02",
            2017: "2017-12-03",
            2024: "2024-12-01",
            2025: "2025-11-30",
            2026: "2026-11-29",
            2027: "2027-11-28",
            2028: "2028-12-03",
            2035: "2035-12-02",
        },
    ),
    # ---------------------------------------------------------------- Yazidi
    "carsema-sor": Reference(
        source="Reports of the day itself: Lalish festival 18 Apr 2017 eve -> new year "
        "19 Apr 2017 (Wikipedia 'Yazidi New Year' photo caption, waarmedia.com); Kurdish "
        "Institute of Brussels 'today, 14 April 2021'; bianet 17 Apr 2024 'celebrate today'",
        tolerance_days=0,
        dates={
            2017: "2017-04-19",
            2021: "2021-04-14",
            2024: "2024-04-17",
        },
    ),
    # ------------------------------------------------------- Easter cycle, Western and Orthodox
    # The days of the Easter cycle as published year by year; public ones also in the Hessian
    # Interior Ministry's list "Feiertage in Hessen".
    **{
        holiday_id: Reference(
            source="Kirchenjahr-Kalender der EKD / Deutsche Bischofskonferenz, Jahrgänge 2024-2026; "
            "gesetzliche Feiertage: Hessisches Ministerium des Innern, 'Feiertage in Hessen'",
            tolerance_days=0,
            dates=dates,
        )
        for holiday_id, dates in {
            "ash-wednesday": {2024: "2024-02-14", 2025: "2025-03-05", 2026: "2026-02-18"},
            "palm-sunday": {2024: "2024-03-24", 2025: "2025-04-13", 2026: "2026-03-29"},
            "maundy-thursday": {2024: "2024-03-28", 2025: "2025-04-17", 2026: "2026-04-02"},
            "good-friday": {2024: "2024-03-29", 2025: "2025-04-18", 2026: "2026-04-03"},
            "easter-monday": {2024: "2024-04-01", 2025: "2025-04-21", 2026: "2026-04-06"},
            "ascension": {2024: "2024-05-09", 2025: "2025-05-29", 2026: "2026-05-14"},
            "pentecost": {2024: "2024-05-19", 2025: "2025-06-08", 2026: "2026-05-24"},
            "whit-monday": {2024: "2024-05-20", 2025: "2025-06-09", 2026: "2026-05-25"},
            "corpus-christi": {2024: "2024-05-30", 2025: "2025-06-19", 2026: "2026-06-04"},
        }.items()
    },
    **{
        holiday_id: Reference(
            source="Orthodoxe Bischofskonferenz in Deutschland, Kirchenkalender 2024-2026",
            tolerance_days=0,
            dates=dates,
        )
        for holiday_id, dates in {
            "orthodox-good-friday": {2024: "2024-05-03", 2025: "2025-04-18", 2026: "2026-04-10"},
            "orthodox-pentecost": {2024: "2024-06-23", 2025: "2025-06-08", 2026: "2026-05-31"},
        }.items()
    },
    # ------------------------------------------------------------------ Alevi
    # First daytime of the 12-day Muharrem (Matem) fast as announced for the Alevis in Germany
    # (AABF dates, relayed in the yearly DBK greeting); the fast is "intended" the evening
    # before (niyet), so some Turkish sources print that evening. Turkish cemevi tables may be
    # one day earlier than the German date (2021: Cem Vakfı Malatya 9 Aug, DBK/AABF 10 Aug).
    "muharrem-fast": Reference(
        source="Deutsche Bischofskonferenz, yearly greetings to the Alevis 'Muharrem-Fasten und "
        "Aşure-Fest' (presseportal/domradio 2019, dbk.de 2021, finanznachrichten/ots and epd via "
        "sonntagsblatt 2023, cibedo 2024 (Aşure 19 July), dbk.de Pressemeldung Nr. 108 2025); "
        "Kalender der Kulturen 2020 (20-31 Aug); 2022: ruhrbarone (30 Jul-10 Aug), Kartal Cemevi "
        "Vakfı (bilimsel-hayat) and the Erzincan oruç table (gundem24); 2023 also aleviocagi.com "
        "and feiertagsgruss.at; 2024: Universität Wien, Institut für Islamisch-Theologische "
        "Studien (7 July); 2021 Turkey: CEM Vakfı Malatya Şubesi (busabahmalatya) and "
        "tum-haberler give 9 Aug. No Alevi-published date for 2026 was found.",
        tolerance_days=1,
        dates={
            2019: "2019-08-31",
            2020: "2020-08-20",
            2021: "2021-08-10",  # AABF/DBK; Cem Vakfı Malatya and Turkish press: 2021-08-09
            2022: "2022-07-30",
            2023: "2023-07-19",
            2024: "2024-07-07",
            2025: "2025-06-26",
        },
    ),
    # ----------------------------------------------------------------- Yazidi
    # Tuesday of the third December fast week (Rojiyên Êzîd, Tue-Thu), Îda Êzîd on the Friday.
    # Regional variants exist (ANF: Shengal "Rojiyên Feqîran" vs. Shexan/Lalish "Rojiyên Babe
    # Şêx" in different weeks; Kurdish Globe 2013 mentions Monday-Thursday); the dates below are
    # the ones announced by Iraqi/Kurdish authorities and German/diaspora Ezidi groups, which agree.
    "ezidi-fast": Reference(
        source="2020: jugend-und-religion.de 'Îda Êzîd 18.12.2020' (fast 15-17 Dec), s-j-a.org, "
        "KirkukNow and IQ News (feast Fri 18 Dec 2020); 2022: guetsel.de, Gruppe Ezidxan "
        "(fast 13-15 Dec, Ida Ezi 16 Dec 2022), KCDK-E via ANF Deutsch and Baghdad Today "
        "(feast 16 Dec); 2023: ezidi.news fast calendar (Rojiyê Ezîd 12.12.23-14.12.23, Ayda "
        "Êzîd 15.12.23), bianet 15 Dec 2023; 2024: Nineveh governorate holiday 17-19 Dec "
        "(Baghdad Today, 15 Dec 2024), almashhad (fast from Tue 17 Dec, feast 20 Dec), KDWF "
        "(20 Dec 2024); 2025: Baba Sheikh's greeting for the feast on Fri 19 Dec 2025 "
        "(Kurdistan24, quoted by iraqination.net), Kurdistan24 Kurmanji/Sorani and al-Araby "
        "19 Dec 2025 - fast start = the Tuesday before that Friday. No 2021 statement was found.",
        tolerance_days=1,
        dates={
            2020: "2020-12-15",
            2022: "2022-12-13",
            2023: "2023-12-12",
            2024: "2024-12-17",
            2025: "2025-12-16",  # published feast Fri 19 Dec 2025, minus three days
        },
    ),
}
