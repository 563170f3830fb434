"""Which countries are members, and in which of the organisation's five regions.

Codes, official names and translations come from maintained packages (pycountry for ISO 3166-1,
Babel's CLDR data for names in Arabic, English, French and Spanish). Membership and the regional
grouping are the organisation's own facts, which no package carries, so they are kept here as
ISO alpha-2 codes only; a test checks every code against ISO 3166-1 and the total of 196.

Membership: the 193 UN member states except the DPRK and Tuvalu, plus the Holy See, Palestine,
Aruba, Curaçao and Sint Maarten. Regions follow the UN M49 sub-regions, with North Africa and the
Arab states of Western Asia as "Middle East and North Africa", and the remaining states of Western
Asia (Armenia, Azerbaijan, Cyprus, Georgia, Israel, Türkiye) in Europe.
"""

from __future__ import annotations

from enum import StrEnum


class Region(StrEnum):
    AFRICA = "africa"
    AMERICAS = "americas"
    ASIA_SOUTH_PACIFIC = "asia_south_pacific"
    EUROPE = "europe"
    MIDDLE_EAST_NORTH_AFRICA = "middle_east_north_africa"
    SECRETARIAT = "secretariat"


REGION_LABELS: dict[Region, dict[str, str]] = {
    Region.AFRICA: {"en": "Africa", "fr": "Afrique", "es": "África", "ar": "أفريقيا"},
    Region.AMERICAS: {"en": "Americas", "fr": "Amériques", "es": "Américas", "ar": "الأمريكتان"},
    Region.ASIA_SOUTH_PACIFIC: {
        "en": "Asia and South Pacific",
        "fr": "Asie et Pacifique Sud",
        "es": "Asia y Pacífico Sur",
        "ar": "آسيا وجنوب المحيط الهادئ",
    },
    Region.EUROPE: {"en": "Europe", "fr": "Europe", "es": "Europa", "ar": "أوروبا"},
    Region.MIDDLE_EAST_NORTH_AFRICA: {
        "en": "Middle East and North Africa",
        "fr": "Moyen-Orient et Afrique du Nord",
        "es": "Oriente Medio y Norte de África",
        "ar": "الشرق الأوسط وشمال أفريقيا",
    },
    Region.SECRETARIAT: {
        "en": "General Secretariat",
        "fr": "Secrétariat général",
        "es": "Secretaría General",
        "ar": "الأمانة العامة",
    },
}

MEMBERS_BY_REGION: dict[Region, tuple[str, ...]] = {
    Region.AFRICA: tuple(
        "AO CM CF TD CG CD GQ GA ST "  # Middle Africa
        "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG "  # Western Africa
        "BW SZ LS NA ZA "  # Southern Africa
        "BI KM DJ ER ET KE MG MW MU MZ RW SC SO SS TZ UG ZM ZW".split()  # Eastern Africa
    ),
    Region.AMERICAS: tuple(
        "AG BS BB CU DM DO GD HT JM KN LC VC TT AW CW SX "  # Caribbean
        "AR BO BR CL CO EC GY PY PE SR UY VE "  # South America
        "BZ CR SV GT HN MX NI PA "  # Central America
        "CA US".split()
    ),
    Region.ASIA_SOUTH_PACIFIC: tuple(
        "AF BD BT IN IR MV NP PK LK "  # Southern Asia
        "BN KH ID LA MY MM PH SG TH TL VN "  # South-eastern Asia
        "CN JP MN KR "  # Eastern Asia
        "KZ KG TJ TM UZ "  # Central Asia
        "AU NZ FJ PG SB VU KI MH FM PW NR WS TO".split()  # Oceania
    ),
    Region.EUROPE: tuple(
        "AL AD BA HR GR IT MK MT ME PT SM RS SI ES VA "  # Southern Europe
        "AT BE FR DE LI LU MC NL CH "  # Western Europe
        "BY BG CZ HU MD PL RO RU SK UA "  # Eastern Europe
        "DK EE FI IS IE LV LT NO SE GB "  # Northern Europe
        "AM AZ CY GE IL TR".split()
    ),
    Region.MIDDLE_EAST_NORTH_AFRICA: tuple(
        "DZ EG LY MA SD TN "  # Northern Africa
        "BH IQ JO KW LB OM QA SA SY AE YE PS".split()  # Arab states of Western Asia
    ),
}

MEMBER_COUNT = 196
