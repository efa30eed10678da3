"""Hand-written name tables: demonyms, country aliases, abbreviations and regions.

These are general English usage (AP style abbreviations, common demonyms), not tuned to any corpus.
"""

from __future__ import annotations

# ISO-2 → demonyms / adjectives that denote the country ("Russian", "Palestinian").
DEMONYMS: dict[str, tuple[str, ...]] = {
    "AF": ("Afghan", "Afghani"), "AL": ("Albanian",), "DZ": ("Algerian",), "AD": ("Andorran",),
    "AO": ("Angolan",), "AR": ("Argentine", "Argentinian", "Argentinean"), "AM": ("Armenian",),
    "AU": ("Australian", "Aussie"), "AT": ("Austrian",), "AZ": ("Azerbaijani", "Azeri"),
    "BS": ("Bahamian",), "BH": ("Bahraini",), "BD": ("Bangladeshi",), "BB": ("Barbadian",),
    "BY": ("Belarusian", "Belarusan"), "BE": ("Belgian",), "BZ": ("Belizean",), "BJ": ("Beninese",),
    "BT": ("Bhutanese",), "BO": ("Bolivian",), "BA": ("Bosnian", "Herzegovinian"),
    "BW": ("Botswanan", "Motswana"), "BR": ("Brazilian",), "BN": ("Bruneian",), "BG": ("Bulgarian",),
    "BF": ("Burkinabe", "Burkinabé"), "BI": ("Burundian",), "KH": ("Cambodian",),
    "CM": ("Cameroonian",), "CA": ("Canadian",), "CV": ("Cape Verdean",),
    "CF": ("Central African",), "TD": ("Chadian",), "CL": ("Chilean",), "CN": ("Chinese",),
    "CO": ("Colombian",), "KM": ("Comoran", "Comorian"), "CD": ("Congolese",),
    "CR": ("Costa Rican",), "HR": ("Croatian", "Croat"), "CU": ("Cuban",), "CY": ("Cypriot",),
    "CZ": ("Czech",), "DK": ("Danish", "Dane"), "DJ": ("Djiboutian",), "DO": ("Dominican",),
    "EC": ("Ecuadorian", "Ecuadorean"), "EG": ("Egyptian",), "SV": ("Salvadoran", "Salvadorean"),
    "GQ": ("Equatoguinean", "Equatorial Guinean"), "ER": ("Eritrean",), "EE": ("Estonian",),
    "ET": ("Ethiopian",), "FJ": ("Fijian",), "FI": ("Finnish", "Finn"), "FR": ("French",),
    "GA": ("Gabonese",), "GM": ("Gambian",), "GE": ("Georgian",), "DE": ("German",),
    "GH": ("Ghanaian",), "GR": ("Greek",), "GT": ("Guatemalan",), "GN": ("Guinean",),
    "GW": ("Bissau-Guinean",), "GY": ("Guyanese",), "HT": ("Haitian",), "HN": ("Honduran",),
    "HU": ("Hungarian",), "IS": ("Icelandic", "Icelander"), "IN": ("Indian",),
    "ID": ("Indonesian",), "IR": ("Iranian",), "IQ": ("Iraqi",), "IE": ("Irish",),
    "IL": ("Israeli",), "IT": ("Italian",), "CI": ("Ivorian",), "JM": ("Jamaican",),
    "JP": ("Japanese",), "JO": ("Jordanian",), "KZ": ("Kazakh", "Kazakhstani"), "KE": ("Kenyan",),
    "KW": ("Kuwaiti",), "KG": ("Kyrgyz", "Kirghiz"), "LA": ("Lao", "Laotian"), "LV": ("Latvian",),
    "LB": ("Lebanese",), "LS": ("Basotho",), "LR": ("Liberian",), "LY": ("Libyan",),
    "LT": ("Lithuanian",), "LU": ("Luxembourgish", "Luxembourger"), "MG": ("Malagasy",),
    "MW": ("Malawian",), "MY": ("Malaysian",), "MV": ("Maldivian",), "ML": ("Malian",),
    "MT": ("Maltese",), "MR": ("Mauritanian",), "MU": ("Mauritian",), "MX": ("Mexican",),
    "MD": ("Moldovan",), "MN": ("Mongolian",), "ME": ("Montenegrin",), "MA": ("Moroccan",),
    "MZ": ("Mozambican",), "MM": ("Burmese", "Myanmarese"), "NA": ("Namibian",),
    "NP": ("Nepali", "Nepalese"), "NL": ("Dutch",), "NZ": ("New Zealander",),
    "NI": ("Nicaraguan",), "NE": ("Nigerien",), "NG": ("Nigerian",), "KP": ("North Korean",),
    "MK": ("Macedonian",), "NO": ("Norwegian",), "OM": ("Omani",), "PK": ("Pakistani",),
    "PS": ("Palestinian",), "PA": ("Panamanian",), "PG": ("Papua New Guinean",),
    "PY": ("Paraguayan",), "PE": ("Peruvian",), "PH": ("Filipino", "Philippine"),
    "PL": ("Polish", "Pole"), "PT": ("Portuguese",), "QA": ("Qatari",), "RO": ("Romanian",),
    "RU": ("Russian",), "RW": ("Rwandan",), "SA": ("Saudi", "Saudi Arabian"),
    "SN": ("Senegalese",), "RS": ("Serbian", "Serb"), "SL": ("Sierra Leonean",),
    "SG": ("Singaporean",), "SK": ("Slovak", "Slovakian"), "SI": ("Slovenian", "Slovene"),
    "SO": ("Somali", "Somalian"), "ZA": ("South African",), "KR": ("South Korean", "Korean"),
    "SS": ("South Sudanese",), "ES": ("Spanish", "Spaniard"), "LK": ("Sri Lankan",),
    "SD": ("Sudanese",), "SR": ("Surinamese",), "SZ": ("Swazi",), "SE": ("Swedish", "Swede"),
    "CH": ("Swiss",), "SY": ("Syrian",), "TW": ("Taiwanese",), "TJ": ("Tajik", "Tajikistani"),
    "TZ": ("Tanzanian",), "TH": ("Thai",), "TL": ("Timorese",), "TG": ("Togolese",),
    "TT": ("Trinidadian",), "TN": ("Tunisian",), "TR": ("Turkish", "Turk"),
    "TM": ("Turkmen",), "UG": ("Ugandan",), "UA": ("Ukrainian",), "AE": ("Emirati",),
    "GB": ("British", "Briton", "Brit"), "US": ("American",), "UY": ("Uruguayan",),
    "UZ": ("Uzbek", "Uzbekistani"), "VE": ("Venezuelan",), "VN": ("Vietnamese",),
    "EH": ("Sahrawi", "Saharawi"), "YE": ("Yemeni", "Yemenite"), "ZM": ("Zambian",),
    "ZW": ("Zimbabwean",), "XK": ("Kosovar", "Kosovan"), "PR": ("Puerto Rican",),
}

# Forms that are demonyms but whose plural is not formed with "s".
_NO_PLURAL_SUFFIX = ("ese", "ish", "ch", "sh", "ss", "i", "s", "x", "z")


def demonym_forms() -> dict[str, str]:
    """Every demonym form (with plurals: "Russians", "Israelis") → ISO-2 country code."""
    out: dict[str, str] = {}
    for cc, forms in DEMONYMS.items():
        for f in forms:
            out.setdefault(f, cc)
            if not f.endswith(_NO_PLURAL_SUFFIX) or f.endswith("i"):
                out.setdefault(f + "s", cc)
    return out


# ISO-2 → other names and abbreviations of the country.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "US", "USA", "U.S.A.", "America", "United States of America", "the United States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain"),
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo",
           "Zaire", "Congo Kinshasa"),
    "CG": ("Congo", "Congo-Brazzaville", "Republic of Congo", "Congo Brazzaville"),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"), "CZ": ("Czech Republic",),
    "MK": ("Macedonia", "FYROM"), "SZ": ("Swaziland",), "MM": ("Burma",),
    "NL": ("Netherlands", "Holland"), "KR": ("Republic of Korea", "Korea"), "KP": ("DPRK",),
    "PS": ("Palestine", "Palestinian Territories", "Occupied Palestinian Territories",
           "State of Palestine"),
    "TL": ("East Timor", "Timor-Leste"), "VA": ("Vatican City", "Holy See"),
    "AE": ("UAE", "U.A.E.", "Emirates"), "SA": ("KSA",),
    "SY": ("Syrian Arab Republic",), "VN": ("Viet Nam",), "CV": ("Cape Verde",),
    "BS": ("The Bahamas",), "GM": ("The Gambia",), "TR": ("Turkiye", "Türkiye"),
    "BA": ("Bosnia", "Bosnia-Herzegovina"), "TT": ("Trinidad",), "PG": ("PNG",),
    "IR": ("Islamic Republic of Iran",), "LA": ("Lao PDR",), "TZ": ("United Republic of Tanzania",),
    "MD": ("Republic of Moldova",), "BO": ("Plurinational State of Bolivia",),
    "CN": ("People's Republic of China", "PRC", "Mainland China"), "TW": ("Republic of China",),
    "RU": ("Russian Federation", "Soviet Union", "USSR", "U.S.S.R."),
    "VE": ("Bolivarian Republic of Venezuela",), "KG": ("Kirghizia",),
}

# US states: AP-style abbreviations and postal codes with dots.
US_STATE_ABBR: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."),
    "CO": ("Colo.",), "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",),
    "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",),
    "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",),
    "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",),
    "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.", "N.Mex."), "NY": ("N.Y.",),
    "NC": ("N.C.",), "ND": ("N.D.",), "OK": ("Okla.",), "OR": ("Ore.", "Oreg."), "PA": ("Pa.", "Penn."),
    "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",), "TN": ("Tenn.",), "TX": ("Tex.",),
    "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."),
    "WY": ("Wyo.",),
}

# Other names of capitals and big cities: (country, city name) → aliases.
CITY_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("US", "Washington"): ("D.C.", "Washington D.C.", "Washington, D.C.", "Washington DC"),
    ("US", "New York City"): ("NYC", "New York City", "N.Y.C."),
    ("US", "Los Angeles"): ("L.A.",),
    ("LY", "Tripoli"): ("Tarabulus",),
    ("LY", "Benghazi"): ("Banghazi", "Bengasi"),
    ("YE", "Al Ḩudaydah"): ("Hodeidah", "Hodeida", "Hudaydah"),
}

# Regions that GeoNames-based city lists lack: (name, aliases, lat, lon, country_code or "",
# feature_code, geonameid or 0). Points are conventional label points.
REGIONS: list[tuple[str, tuple[str, ...], float, float, str, str, int]] = [
    ("England", (), 52.16045, -0.70312, "GB", "ADM1", 6269131),
    ("Scotland", (), 56.0, -4.0, "GB", "ADM1", 2638360),
    ("Wales", (), 52.5, -3.5, "GB", "ADM1", 2634895),
    ("Northern Ireland", ("Ulster",), 54.5, -6.5, "GB", "ADM1", 2641364),
    ("Middle East", ("Mideast", "Near East"), 29.0, 41.0, "", "RGN", 0),
    ("West Bank", (), 32.0, 35.25, "PS", "RGN", 0),
    ("Gaza Strip", ("Gaza",), 31.42, 34.35, "PS", "RGN", 0),
    ("Kurdistan", ("Iraqi Kurdistan",), 36.0, 44.0, "IQ", "RGN", 0),
    ("Darfur", (), 13.5, 24.0, "SD", "RGN", 0),
    ("Sahel", (), 15.0, 0.0, "", "RGN", 0),
    ("Horn of Africa", (), 8.0, 45.0, "", "RGN", 0),
    ("Sub-Saharan Africa", (), 0.0, 20.0, "", "RGN", 0),
    ("West Africa", (), 11.0, -3.0, "", "RGN", 0),
    ("East Africa", (), 0.0, 36.0, "", "RGN", 0),
    ("North Africa", (), 27.0, 10.0, "", "RGN", 0),
    ("Central Africa", (), 2.0, 20.0, "", "RGN", 0),
    ("Southern Africa", (), -22.0, 25.0, "", "RGN", 0),
    ("Balkans", ("the Balkans",), 43.0, 21.0, "", "RGN", 0),
    ("Caucasus", ("North Caucasus", "South Caucasus"), 42.5, 44.0, "", "RGN", 0),
    ("Central Asia", (), 42.0, 65.0, "", "RGN", 0),
    ("Southeast Asia", ("South-East Asia", "South East Asia"), 10.0, 110.0, "", "RGN", 0),
    ("South Asia", (), 22.0, 78.0, "", "RGN", 0),
    ("East Asia", (), 35.0, 115.0, "", "RGN", 0),
    ("Latin America", (), -10.0, -60.0, "", "RGN", 0),
    ("Central America", (), 13.0, -86.0, "", "RGN", 0),
    ("Caribbean", ("the Caribbean",), 17.0, -72.0, "", "RGN", 0),
    ("Scandinavia", (), 63.0, 15.0, "", "RGN", 0),
    ("Eastern Europe", (), 50.0, 28.0, "", "RGN", 0),
    ("Western Europe", (), 48.0, 5.0, "", "RGN", 0),
    ("Persian Gulf", ("Gulf region",), 27.0, 51.0, "", "RGN", 0),
    ("Sinai", ("Sinai Peninsula",), 29.5, 33.8, "EG", "RGN", 0),
    ("Golan Heights", ("Golan",), 33.0, 35.75, "SY", "RGN", 0),
    ("Crimea", (), 45.0, 34.0, "UA", "RGN", 0),
    ("Donbas", ("Donbass",), 48.0, 38.5, "UA", "RGN", 0),
    ("Kashmir", (), 34.0, 76.0, "IN", "RGN", 0),
    ("Tibet", (), 31.0, 88.0, "CN", "RGN", 0),
    ("Cyrenaica", (), 31.0, 22.0, "LY", "RGN", 0),
    ("Tripolitania", (), 31.5, 13.5, "LY", "RGN", 0),
    ("Fezzan", (), 26.0, 14.0, "LY", "RGN", 0),
    ("Siberia", (), 60.0, 100.0, "RU", "RGN", 0),
    ("Midwest", ("Middle West",), 41.5, -90.0, "US", "RGN", 0),
    ("New England", (), 44.0, -71.5, "US", "RGN", 0),
    ("Pacific Northwest", (), 46.0, -121.0, "US", "RGN", 0),
    ("Southwest", (), 34.0, -111.0, "US", "RGN", 0),
    ("Deep South", (), 32.5, -87.0, "US", "RGN", 0),
    ("Appalachia", (), 38.0, -81.0, "US", "RGN", 0),
    ("Great Lakes", (), 45.0, -84.0, "", "RGN", 0),
    ("Mediterranean", ("Mediterranean Sea",), 35.0, 18.0, "", "RGN", 0),
    ("Arctic", (), 80.0, 0.0, "", "RGN", 0),
    ("European Union", ("EU", "E.U."), 50.84, 4.38, "", "RGN", 0),
    # seas, oceans, lakes and rivers often named in conflict and disaster reports
    ("Atlantic Ocean", ("Atlantic",), 0.0, -30.0, "", "OCN", 0),
    ("Pacific Ocean", ("Pacific",), 0.0, -160.0, "", "OCN", 0),
    ("Indian Ocean", (), -10.0, 75.0, "", "OCN", 0),
    ("Arctic Ocean", (), 85.0, 0.0, "", "OCN", 0),
    ("Mediterranean Sea", (), 35.0, 18.0, "", "SEA", 0),
    ("Black Sea", (), 43.0, 35.0, "", "SEA", 0),
    ("Red Sea", (), 20.0, 38.5, "", "SEA", 0),
    ("Caspian Sea", (), 41.5, 50.5, "", "SEA", 0),
    ("Arabian Sea", (), 15.0, 63.0, "", "SEA", 0),
    ("South China Sea", (), 12.0, 114.0, "", "SEA", 0),
    ("East China Sea", (), 29.0, 125.0, "", "SEA", 0),
    ("Baltic Sea", (), 58.0, 20.0, "", "SEA", 0),
    ("North Sea", (), 56.0, 3.0, "", "SEA", 0),
    ("Caribbean Sea", (), 15.0, -75.0, "", "SEA", 0),
    ("Gulf of Mexico", (), 25.0, -90.0, "", "GULF", 0),
    ("Gulf of Aden", (), 12.5, 48.0, "", "GULF", 0),
    ("Sea of Japan", ("East Sea",), 40.0, 135.0, "", "SEA", 0),
    ("Lake Victoria", (), -1.0, 33.0, "", "LK", 0),
    ("Lake Chad", (), 13.0, 14.0, "", "LK", 0),
    ("Lake Tanganyika", (), -6.0, 29.5, "", "LK", 0),
    ("Lake Erie", (), 42.2, -81.2, "", "LK", 0),
    ("Lake Michigan", (), 44.0, -87.0, "", "LK", 0),
    ("Lake Ontario", (), 43.7, -77.9, "", "LK", 0),
    ("Lake Superior", (), 47.7, -87.5, "", "LK", 0),
    ("Lake Huron", (), 44.8, -82.4, "", "LK", 0),
    ("Lake Titicaca", (), -15.8, -69.4, "", "LK", 0),
    ("Nile", ("Nile River", "River Nile", "White Nile", "Blue Nile"), 15.6, 32.5, "", "STM", 0),
    ("Euphrates", ("Euphrates River",), 34.5, 40.9, "", "STM", 0),
    ("Tigris", ("Tigris River",), 35.3, 43.3, "", "STM", 0),
    ("Mississippi River", (), 32.3, -91.0, "US", "STM", 0),
    ("Suez Canal", (), 30.6, 32.3, "EG", "CNL", 0),
    ("Panama Canal", (), 9.1, -79.7, "PA", "CNL", 0),
    ("Strait of Hormuz", (), 26.6, 56.3, "", "STRT", 0),
]
