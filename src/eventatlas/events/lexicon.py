"""Hand-written lexicons for event coding: countries, demonyms, actor aliases and ACLED actor codes.

All of this is our own knowledge of news language and of ACLED's public naming conventions; none of
it is derived from ACLED or CASE data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .literals import fold_case

# ISO-2 -> the country name ACLED uses in actor names ("Military Forces of X", "Protesters (X)").
COUNTRIES: dict[str, str] = {
    "DZ": "Algeria", "AO": "Angola", "BJ": "Benin", "BW": "Botswana", "BF": "Burkina Faso",
    "BI": "Burundi", "CM": "Cameroon", "CV": "Cape Verde", "CF": "Central African Republic",
    "TD": "Chad", "KM": "Comoros", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
    "CI": "Ivory Coast", "DJ": "Djibouti", "EG": "Egypt", "GQ": "Equatorial Guinea", "ER": "Eritrea",
    "SZ": "eSwatini", "ET": "Ethiopia", "GA": "Gabon", "GM": "Gambia", "GH": "Ghana", "GN": "Guinea",
    "GW": "Guinea-Bissau", "KE": "Kenya", "LS": "Lesotho", "LR": "Liberia", "LY": "Libya",
    "MG": "Madagascar", "MW": "Malawi", "ML": "Mali", "MR": "Mauritania", "MU": "Mauritius",
    "MA": "Morocco", "MZ": "Mozambique", "NA": "Namibia", "NE": "Niger", "NG": "Nigeria",
    "RW": "Rwanda", "ST": "Sao Tome and Principe", "SN": "Senegal", "SC": "Seychelles",
    "SL": "Sierra Leone", "SO": "Somalia", "ZA": "South Africa", "SS": "South Sudan", "SD": "Sudan",
    "TZ": "Tanzania", "TG": "Togo", "TN": "Tunisia", "UG": "Uganda", "EH": "Western Sahara",
    "ZM": "Zambia", "ZW": "Zimbabwe",
    "AF": "Afghanistan", "IQ": "Iraq", "SY": "Syria", "YE": "Yemen", "LB": "Lebanon", "JO": "Jordan",
    "IL": "Israel", "PS": "Palestine", "SA": "Saudi Arabia", "IR": "Iran", "TR": "Turkey",
    "PK": "Pakistan", "IN": "India", "BD": "Bangladesh", "MM": "Myanmar", "TH": "Thailand",
    "PH": "Philippines", "ID": "Indonesia", "LK": "Sri Lanka", "NP": "Nepal", "CN": "China",
    "UA": "Ukraine", "RU": "Russia", "US": "United States", "GB": "United Kingdom", "FR": "France",
    "DE": "Germany", "IT": "Italy", "ES": "Spain", "GR": "Greece", "MX": "Mexico", "CO": "Colombia",
    "VE": "Venezuela", "BR": "Brazil", "PE": "Peru", "CL": "Chile", "AR": "Argentina",
    "BO": "Bolivia", "EC": "Ecuador", "HT": "Haiti", "NI": "Nicaragua", "HN": "Honduras",
    "GT": "Guatemala", "SV": "El Salvador", "AE": "United Arab Emirates", "QA": "Qatar",
    "BH": "Bahrain", "KW": "Kuwait", "OM": "Oman", "AZ": "Azerbaijan", "AM": "Armenia",
    "GE": "Georgia", "BY": "Belarus", "RS": "Serbia", "XK": "Kosovo", "KR": "South Korea",
    "KP": "North Korea", "JP": "Japan", "VN": "Vietnam", "KH": "Cambodia", "MY": "Malaysia",
    "HK": "Hong Kong", "TW": "Taiwan", "CA": "Canada", "AU": "Australia", "BE": "Belgium",
    "NL": "Netherlands", "PL": "Poland", "SE": "Sweden", "NO": "Norway", "AT": "Austria",
    "CH": "Switzerland", "PT": "Portugal", "IE": "Ireland",
}

# Extra ways of naming a country in text (names, short forms, demonyms) -> ISO-2.
_COUNTRY_WORDS: dict[str, str] = {
    "algerian": "DZ", "angolan": "AO", "beninese": "BJ", "burkinabe": "BF", "burkinabé": "BF",
    "burundian": "BI", "cameroonian": "CM", "chadian": "TD", "congolese": "CD", "drc": "CD",
    "dr congo": "CD", "democratic republic of the congo": "CD", "democratic republic of congo": "CD",
    "congo": "CD", "republic of the congo": "CG", "congo-brazzaville": "CG",
    "car": "CF", "centrafrique": "CF", "ivorian": "CI", "cote d'ivoire": "CI", "côte d'ivoire": "CI",
    "djiboutian": "DJ", "egyptian": "EG", "eritrean": "ER", "ethiopian": "ET", "gabonese": "GA",
    "gambian": "GM", "ghanaian": "GH", "guinean": "GN", "kenyan": "KE", "liberian": "LR",
    "libyan": "LY", "malagasy": "MG", "malawian": "MW", "malian": "ML", "mauritanian": "MR",
    "moroccan": "MA", "mozambican": "MZ", "namibian": "NA", "nigerien": "NE", "nigerian": "NG",
    "rwandan": "RW", "senegalese": "SN", "sierra leonean": "SL", "somali": "SO", "somalian": "SO",
    "south african": "ZA", "south sudanese": "SS", "sudanese": "SD", "tanzanian": "TZ",
    "togolese": "TG", "tunisian": "TN", "ugandan": "UG", "zambian": "ZM", "zimbabwean": "ZW",
    "afghan": "AF", "iraqi": "IQ", "syrian": "SY", "yemeni": "YE", "lebanese": "LB",
    "jordanian": "JO", "israeli": "IL", "palestinian": "PS", "saudi": "SA", "iranian": "IR",
    "turkish": "TR", "pakistani": "PK", "indian": "IN", "bangladeshi": "BD", "burmese": "MM",
    "myanmar": "MM", "thai": "TH", "filipino": "PH", "philippine": "PH", "indonesian": "ID",
    "ukrainian": "UA", "russian": "RU", "american": "US", "u.s.": "US", "us": "US", "usa": "US",
    "british": "GB", "uk": "GB", "french": "FR", "german": "DE", "italian": "IT", "spanish": "ES",
    "mexican": "MX", "colombian": "CO", "venezuelan": "VE", "brazilian": "BR", "peruvian": "PE",
    "chilean": "CL", "haitian": "HT", "chinese": "CN", "sri lankan": "LK", "nepalese": "NP",
    "emirati": "AE", "uae": "AE", "qatari": "QA", "bahraini": "BH", "kuwaiti": "KW",
    "azerbaijani": "AZ", "armenian": "AM", "georgian": "GE", "belarusian": "BY", "serbian": "RS",
    "puntland": "SO", "somaliland": "SO", "galmudug": "SO", "ivory coast": "CI", "swaziland": "SZ",
    "the gambia": "GM", "syria": "SY", "burma": "MM",
}
COUNTRY_WORDS: dict[str, str] = {**{v.lower(): k for k, v in COUNTRIES.items()}, **_COUNTRY_WORDS}
# Words too ambiguous to signal a country on their own.
_AMBIGUOUS_COUNTRY_WORDS = {"us", "car", "congo", "georgian", "chad", "niger", "guinea", "jordan"}
COUNTRY_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w) for w in COUNTRY_WORDS if w not in _AMBIGUOUS_COUNTRY_WORDS),
                             key=len, reverse=True)) + r"|Chad|Niger|Guinea|Jordan|DRC|CAR|U\.S\.|US)\b",
    re.I,
)


def country_in(text: str) -> str | None:
    """ISO-2 of the first country named (by name or demonym) in a text, if any."""
    for m in COUNTRY_RE.finditer(text):
        word = m.group(1)
        if word in ("US", "CAR") or word.lower() not in ("us", "car"):
            return COUNTRY_WORDS.get(word.lower())
    return None


# Named actors: canonical ACLED-style name, ACLED inter code, alias patterns (regex, case-insensitive
# unless the alias is written in capitals, which are matched as written).
NAMED_ACTORS: list[tuple[str, int, list[str]]] = [
    ("Islamic State (Libya)", 2, [r"(?:IS|ISIS|ISIL|Islamic State|Daesh)(?:'s)? (?:in|affiliate in|branch in) Libya",
                                  r"Libyan (?:branch|affiliate) of (?:the )?(?:IS|ISIS|ISIL|Islamic State|Daesh)",
                                  r"Islamic State[- ](?:in )?Libya", r"Wilayat (?:Tarabulus|Barqa|Fezzan)"]),
    ("Islamic State (Sinai)", 2, [r"(?:IS|ISIS|ISIL|Islamic State|Daesh)(?:'s)? (?:in|affiliate in|branch in) (?:the )?Sinai",
                                  r"Sinai Province", r"Wilayat Sinai", r"Ansar Bayt al[- ]Maqdis",
                                  r"Ansar Beit al[- ]Maqdis", r"Islamic State[- ]Sinai"]),
    ("Islamic State (West Africa)", 2, [r"ISWAP", r"Islamic State West Africa(?: Province)?",
                                        r"Islamic State'?s? West Africa Province", r"Wilayat Gharb Ifriqiyyah"]),
    ("Islamic State (Greater Sahara)", 2, [r"ISGS", r"ISSP", r"Islamic State (?:in|of) the Greater Sahara",
                                           r"Islamic State(?:'s)? Sahel(?: Province)?",
                                           r"Islamic State (?:in|of) the Sahel"]),
    ("Islamic State (Somalia)", 2, [r"(?:IS|ISIS|Islamic State) (?:in|affiliate in) Somalia"]),
    ("Islamic State (Central Africa)", 2, [r"ISCAP", r"Islamic State Central Africa(?: Province)?"]),
    ("Islamic State (Khorasan)", 2, [r"ISIS-K", r"ISKP", r"Islamic State[- ]Khorasan(?: Province)?"]),
    ("Boko Haram", 2, [r"Boko Haram", r"Jama'?atu Ahlis Sunna Lidda'?awati wal-Jihad", r"JAS"]),
    ("Islamic State", 2, [r"Islamic State(?: group| of Iraq and (?:the Levant|Syria))?", r"ISIS", r"ISIL",
                          r"Daesh", r"Da'esh", r"IS(?=[ /-](?:militants|fighters|jihadists|group|militant|gunmen|"
                          r"claimed|said|attacked|seized|captured|has|had|took|Daesh|affiliated|linked|members?|"
                          r"commanders?|leaders?|positions|stronghold|held|controlled|cells?|suicide))"]),
    ("Al Shabaab", 2, [r"al[- ]?Shabaab?", r"Al[- ]Shabab", r"Harakat al[- ]Shabaab al[- ]Mujahideen"]),
    ("AQIM: Al Qaeda in the Islamic Maghreb", 2, [r"AQIM", r"al[- ]Qaeda in the Islamic Maghreb",
                                                  r"Al[- ]Qa'?ida in the Islamic Maghreb"]),
    ("AQAP: Al Qaeda in the Arabian Peninsula", 2, [r"AQAP", r"al[- ]Qaeda in the Arabian Peninsula"]),
    ("JNIM: Jama'at Nasr al-Islam wal Muslimin", 2, [r"JNIM", r"Jama'?at Nus?s?r?a?t? al[- ]Islam wal[- ]Muslimin"]),
    ("Al Mourabitoune", 2, [r"al[- ]Mourabitoune?", r"Al[- ]Murabitun"]),
    ("Ansar Dine", 2, [r"Ansar (?:Dine|Eddine)"]),
    ("Ansar al-Sharia", 2, [r"Ansar al[- ]Shari'?a"]),
    ("Okba Ibn Nafaa Brigade", 2, [r"Okba Ibn Nafaa?", r"Uqba (?:bin|ibn) Nafi"]),
    ("Jund al-Khilafa (Soldiers of the Caliphate)", 2, [r"Jund al[- ]Khilafah?", r"Soldiers of the Caliphate"]),
    ("Al Qaeda", 2, [r"al[- ]Qa'?eda", r"al[- ]Qa'?ida"]),
    ("Hayat Tahrir al-Sham", 2, [r"Hayat Tahrir al[- ]Sham", r"HTS", r"Nusra Front", r"Jabhat al[- ]Nusra"]),
    # Beyond Africa and the 2016 file: the groups most reported elsewhere, under ACLED-style names.
    ("TTP: Tehreek-i-Taliban Pakistan", 2, [r"TTP", r"Tehr[ei]e?k[- ][ei][- ]Taliban(?: Pakistan)?", r"Pakistani Taliban"]),
    ("BLA: Baloch Liberation Army", 2, [r"BLA", r"Baloch(?:istan)? Liberation Army"]),
    ("BLF: Baloch Liberation Front", 2, [r"BLF", r"Baloch(?:istan)? Liberation Front"]),
    ("PKK: Kurdistan Workers Party", 2, [r"PKK", r"Kurdistan Workers'? Party"]),
    ("SDF: Syrian Democratic Forces", 2, [r"SDF", r"Syrian Democratic Forces"]),
    ("YPG: People's Protection Units", 2, [r"YPG", r"People'?s Protection Units"]),
    ("ELN: National Liberation Army", 2, [r"ELN", r"Ej[eé]rcito de Liberaci[oó]n Nacional"]),
    ("FARC: Revolutionary Armed Forces of Colombia", 2, [r"FARC(?:-EP)?", r"Revolutionary Armed Forces of Colombia"]),
    ("CJNG: Jalisco New Generation Cartel", 3, [r"CJNG", r"Jalisco (?:New Generation )?Cartel",
                                                r"C[aá]rtel (?:de )?Jalisco Nueva Generaci[oó]n"]),
    ("Sinaloa Cartel", 3, [r"Sinaloa Cartel", r"C[aá]rtel de Sinaloa"]),
    ("NPA: New People's Army", 2, [r"New People'?s Army", r"NPA(?= (?:rebels|guerrillas|fighters|insurgents|members))"]),
    ("Abu Sayyaf Group", 2, [r"Abu Sayyaf(?: Group)?", r"ASG"]),
    ("AA: Arakan Army", 2, [r"Arakan Army"]),
    ("PDF: People's Defense Force", 2, [r"(?<!Uganda )(?<!Ugandan )People'?s Defen[cs]e Forces?"]),
    # (until November 2020 the TPLF governed: "TPLF forces" then were the state's; its forces since are the TDF)
    ("TPLF: Tigray People's Liberation Front", 2, [r"Tigray Defen[cs]e Forces", r"TDF",
                                                  r"Tigrayan (?:forces|fighters|rebels)"]),
    ("Fano Militia", 4, [r"Fano(?: militia| fighters| militiamen| forces)?"]),
    ("Ansaroul Islam", 2, [r"Ansar[ou]l Islam"]),
    ("Ambazonian Separatists", 2, [r"Ambazonia\w* (?:separatists|fighters|rebels|forces|Defen[cs]e Forces)",
                                   r"Amba (?:boys|fighters)", r"anglophone separatists"]),
    ("CODECO: Cooperative for Development of Congo", 4, [r"CODECO"]),
    ("VDP: Volunteers for the Defense of the Homeland", 3,
     [r"VDP", r"Volunteers? for the Defen[cs]e of the (?:Homeland|Fatherland)"]),
    # south-east Nigeria's separatists: the armed wing keeps its own name, as ACLED writes it
    ("ESN: Eastern Security Network", 3, [r"ESN", r"Eastern Security Network"]),
    ("IPOB: Indigenous People of Biafra", 3, [r"IPOB", r"Indigenous People of Biafra"]),
    ("Wagner Group", 8, [r"Wagner(?: Group| mercenaries| fighters| forces| paramilitaries)", r"Africa Corps"]),
    ("Taliban", 2, [r"Taliban"]),
    ("Houthis", 2, [r"Houthis?", r"Ansar Allah"]),
    ("Hezbollah", 2, [r"Hezbollah", r"Hizbullah", r"Hizballah"]),
    ("Hamas", 2, [r"Hamas", r"Qassam Brigades"]),
    ("ADF: Allied Democratic Forces", 2, [r"ADF(?:-NALU)?", r"Allied Democratic Forces"]),
    ("FDLR: Democratic Forces for the Liberation of Rwanda", 2, [r"FDLR"]),
    ("M23: March 23 Movement", 2, [r"M23"]),
    ("LRA: Lord's Resistance Army", 2, [r"LRA", r"Lord'?s Resistance Army"]),
    ("SPLM/A-IO: Sudan People's Liberation Movement/Army-In Opposition", 2,
     [r"SPLA[- ]?IO", r"SPLM[- ]?IO", r"SPLM/A[- ]?IO", r"SPLA/M[- ]?IO", r"SPLA in Opposition",
      r"SPLM in Opposition", r"Sudan(?:ese)? People'?s Liberation (?:Army|Movement)(?:/(?:Army|Movement))?[- ]"
      r"(?:in|In) Opposition"]),
    ("Ex-Seleka Militia", 2, [r"(?:ex-)?S[eé]l[eé]ka"]),
    ("Anti-Balaka Militia", 4, [r"anti-?balaka"]),
    ("Fulani Ethnic Militia", 4, [r"Fulani (?:herdsmen|herders|militia|militiamen|gunmen|attackers|men)", r"Fulanis",
                                  r"herdsmen", r"herders"]),
    ("Dahalo Militia", 4, [r"Dahalo"]),
    ("ZANU-PF: Zimbabwe African National Union-Patriotic Front", 3,
     [r"ZANU[- ]PF(?: (?:supporters|youths?|members|activists|militia|thugs))?"]),
    ("Police Forces of Sudan National Intelligence and Security Services", 1,
     [r"NISS", r"National Intelligence and Security Services?"]),
    ("Military Forces of the United States", 8,
     [r"(?:US|U\.S\.|American|United States)(?: and (?:British|UK|French|coalition|allied|Kenyan|Somali|Iraqi))? "
      r"(?:drones?|air ?strikes?|forces|troops|military|warplanes|aircraft|"
      r"special forces|jets|bombers)", r"AFRICOM", r"Pentagon"]),
    # Mayi Mayi factions keep their name in brackets, as ACLED writes them.
    ("Mayi Mayi Militia (Raia Mutomboki)", 4, [r"Ra[iy]a[- ]Mutomboki"]),
    ("Mayi Mayi Militia (Nyatura)", 4, [r"Nyatura"]),
    ("Mayi Mayi Militia (Kifuafua)", 4, [r"Kifuafua"]),
    ("Mayi Mayi Militia (Yakutumba)", 4, [r"Yakutumba"]),
    ("Mayi Mayi Militia (Mazembe)", 4, [r"Mazembe"]),
    ("Mayi Mayi Militia (Simba)", 4, [r"Ma[iy]i?[- ]?Ma[iy]i? Simba", r"Simba (?:militia|rebels)"]),
    ("Mayi Mayi Militia (Cheka)", 4, [r"NDC[- ]Cheka", r"Nduma Defen[cs]e of Congo"]),
    ("Mayi Mayi Militia (APCLS)", 4, [r"APCLS"]),
    ("Mayi Mayi Militia", 4, [r"Ma[iïy]i?[- ]?Ma[iïy]i?"]),
    ("Niger Delta Avengers", 2, [r"Niger Delta Avengers", r"NDA"]),
    ("MEND: Movement for the Emancipation of the Niger Delta", 2, [r"MEND"]),
    ("OLA: Oromo Liberation Army", 2, [r"OLA", r"Oromo Liberation Army"]),
    ("ONLF: Ogaden National Liberation Front", 2, [r"ONLF", r"ONLA", r"Ogaden National Liberation (?:Front|Army)"]),
    ("Libya Dawn", 3, [r"Libya Dawn", r"Fajr Libya"]),
    ("Misrata Militia", 3, [r"Misratan? (?:militia|brigades?|forces)"]),
    ("Zintan Militia", 3, [r"Zintani? (?:militia|brigades?|forces)"]),
    ("Benghazi Revolutionaries Shura Council", 2, [r"Benghazi Revolutionaries'? Shura Council", r"BRSC"]),
    ("Derna Mujahideen Shura Council", 2, [r"Derna Mujahideen Shura Council", r"DMSC"]),
    ("Military Forces of Libya", 1, [r"Libyan National Army", r"LNA", r"Haftar'?s? forces", r"Dignity forces"]),
    ("Military Forces of Somalia", 1, [r"SNA", r"SNAF", r"SNG ?F?(?: forces| troops| soldiers)?", r"Somali National Army",
                                       r"Somali (?:government|national) (?:forces|troops)"]),
    ("Military Forces of Sudan", 1, [r"SAF", r"Sudanese Armed Forces", r"Sudanese (?:army|military|troops)"]),
    ("RSF: Rapid Support Forces", 1, [r"RSF", r"Rapid Support Forces?", r"Janjaweed"]),
    ("SPLM-N: Sudan People's Liberation Movement-North", 2, [r"SPLM[-/ ]?N", r"SPLA[-/ ]?N", r"SPLM/A[-/ ]?N",
                                                             r"SPLM[- ]North"]),
    ("SLM/A: Sudan Liberation Movement/Army", 2, [r"SLM/A(?:[- ](?:AW|MM|Nur|Minnawi|Abdel Wahid))?", r"SLA[- ]?(?:AW|MM)",
                                                  r"Sudan Liberation (?:Movement|Army)", r"SLM[- ]?(?:AW|MM)"]),
    ("JEM: Justice and Equality Movement", 2, [r"JEM", r"Justice and Equality Movement"]),
    ("RENAMO: Mozambican National Resistance", 2, [r"RENAMO", r"Renamo"]),
    ("FRPI: Front for Patriotic Resistance of Ituri", 2, [r"FRPI"]),
    ("Military Forces of Jubaland", 1, [r"Jubaland (?:security )?(?:forces|troops|soldiers|army)"]),
    ("Military Forces of Somaliland", 1, [r"Somaliland (?:forces|troops|soldiers|army|military|police)"]),
    ("Military Forces of South Sudan", 1, [r"SPLA", r"SSPDF", r"SSAF"]),
    ("Military Forces of Democratic Republic of Congo", 1, [r"FARDC"]),
    ("Military Forces of Uganda", 1, [r"UPDF"]),
    ("Military Forces of Kenya", 1, [r"KDF", r"Kenya Defence Forces"]),
    ("Military Forces of Ethiopia", 1, [r"ENDF"]),
    ("Military Forces of Mali", 1, [r"FAMa"]),
    ("Military Forces of South Africa", 1, [r"SANDF"]),
    ("Military Forces of Central African Republic", 1, [r"FACA"]),
    ("Military Forces of Burundi", 1, [r"FDN"]),
    ("Military Forces of Nigeria", 1, [r"Nigerian Army", r"NAF", r"Operation Lafiya Dole"]),
    ("Police Forces of Somalia", 1, [r"NISA"]),
    ("Police Forces of South Africa", 1, [r"SAPS"]),
    ("Military Forces of Israel", 1, [r"IDF", r"Israel Defen[cs]e Forces"]),
    ("Military Forces of Ukraine", 1, [r"Ukrainian Armed Forces"]),
    # one entry for the African Union's Somalia mission under its three names; the coder writes the
    # name of the report's time (AMISOM to March 2022, ATMIS to 2024, AUSSOM since)
    ("AMISOM: African Union Mission in Somalia", 8,
     [r"AMISOM", r"ATMIS", r"AUSSOM", r"African Union (?:Mission in Somalia|troops|forces|mission|soldiers)",
      r"African Union Transition Mission(?: in Somalia)?", r"African Union Support and Stabili[sz]ation Mission"
      r"(?: in Somalia)?"]),
    ("MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali", 8, [r"MINUSMA"]),
    ("MONUSCO: United Nations Organization Stabilization Mission in the DR Congo", 8, [r"MONUSCO"]),
    ("MINUSCA: United Nations Multidimensional Integrated Stabilization Mission in the CAR", 8, [r"MINUSCA"]),
    ("UNMISS: United Nations Mission in South Sudan", 8, [r"UNMISS"]),
    ("Operation Barkhane", 8, [r"Barkhane"]),
    ("Multinational Joint Task Force", 8, [r"MNJTF", r"Multinational Joint Task Force"]),
    ("Galmudug Administration Militia", 3, [r"Galmudug (?:forces|militia|troops)"]),
    ("Khatumo Regional Militia", 3, [r"Khatumo (?:forces|militia|militiamen|troops|fighters|soldiers)"]),
    ("Military Forces of Puntland", 1, [r"Puntland (?:security )?(?:forces|troops|soldiers|army)", r"PMPF", r"Puntland Maritime Police Force"]),
    ("NATO", 8, [r"NATO"]),
    ("Imbonerakure", 3, [r"Imbonerakure"]),
    ("MNLA: National Movement for the Liberation of Azawad", 2, [r"MNLA"]),
    ("CMA: Coordination of Azawad Movements", 2, [r"CMA", r"Coordination of Azawad Movements"]),
    ("GATIA", 3, [r"GATIA"]),
    ("Al Sham Legion", 2, [r"Faylaq al[- ]Sham"]),
    ("Free Syrian Army", 2, [r"Free Syrian Army", r"FSA"]),
]


def _compile(alias: str) -> re.Pattern[str]:
    # Acronyms in capitals are matched case-sensitively so "is", "nda", "car" never match.
    flags = 0 if re.fullmatch(r"[A-Z0-9/\-]+(?: \(\?=.*)?", alias) or alias.startswith("IS(") else re.I
    return re.compile(r"(?<![\w-])(?:the )?" + alias + r"(?![\w])", flags)


NAMED_PATTERNS: list[tuple[re.Pattern[str], str, int]] = [
    (_compile(a), name, code) for name, code, aliases in NAMED_ACTORS for a in aliases
]


def _mandatory_literal(alias: str) -> str:
    """The longest piece of plain text every match of an alias must contain (lower-cased), so the
    alias's regex is run only on texts that hold it (most texts hold no named actor)."""
    out, depth, i, cur, runs = [], 0, 0, "", []
    while i < len(alias):
        c = alias[i]
        if c == "\\":
            i += 2
            runs.append(cur)
            cur = ""
            continue
        if c in "([":
            depth += 1
            runs.append(cur)
            cur = ""
        elif c in ")]":
            depth -= 1
            if i + 1 < len(alias) and alias[i + 1] in "?*":
                pass
        elif depth == 0 and c in "?*+{|.^$":
            if c in "?*" and cur:
                cur = cur[:-1]
            if c == "|":
                return ""
            runs.append(cur)
            cur = ""
        elif depth == 0:
            cur += c
        i += 1
    runs.append(cur)
    del out
    best = max((r.strip() for r in runs), key=len, default="")
    return best.lower() if len(best) >= 2 else ""


NAMED_KEYS: list[str] = [_mandatory_literal(a) for _, _, aliases in NAMED_ACTORS for a in aliases]

# Generic actor nouns -> (role, ACLED inter code). Role names a template filled with the country.
GENERIC_ACTORS: list[tuple[re.Pattern[str], str, int]] = [
    # A state's intelligence service: ACLED codes it as a unit of the state's forces.
    (re.compile(r"\b(?:(?:national )?intelligence (?:service|agency|services|agents?|officers?|operatives)|"
                r"secret police|state security agents)\b", re.I), "Military Forces of {c} National Intelligence Service", 1),
    (re.compile(r"\b(?:police(?:men|man| officers?| forces?)?|gendarmes?|gendarmerie|riot police|"
                r"security forces|security personnel|security agents|law enforcement|"
                r"national guard)\b", re.I), "Police Forces of {c}", 1),
    (re.compile(r"\b(?:soldiers?|troops|army|military|armed forces|(?:military )?junta|"
                r"(?:government|state|regime|pro-government)"
                r" forces|(?:air force|navy|marines|warplanes|fighter jets|jets|military aircraft|"
                r"national army|defence forces|defense forces)|special forces|commandos?|joint (?:military )?forces|"
                r"coalition forces|allied forces|"
                r"paratroopers|artillery|drones|(?:helicopter )?gunships|military helicopters|tanks)\b", re.I),
     "Military Forces of {c}", 1),
    (re.compile(r"\b(?:gunmen|gunman|armed m[ae]n|(?:jihadist|islamist|militant|armed|unidentified|unknown) fighters|"
                r"unidentified (?:armed )?(?:men|assailants|attackers|gunmen|group)|"
                r"unknown (?:armed )?(?:men|assailants|attackers|gunmen)|assailants|attackers|armed group|"
                r"bandits|militants|insurgents|jihadists|terrorists|extremists|kidnappers|abductors|"
                r"suspected (?:militants|insurgents|terrorists|jihadists|rebels)|"
                r"suicide bombers?|suicide attackers?|(?:the|a) bomber(?! (?:jets?|aircraft|planes?))|"
                r"(?:armed |criminal )?gangs?(?! rape)|gang members|gangsters|cartel gunmen|hitmen|sicarios)\b", re.I),
     "Unidentified Armed Group ({c})", 3),
    (re.compile(r"\b(?:rebels?|rebel (?:group|fighters|forces))\b", re.I), "Rebel Group ({c})", 2),
    (re.compile(r"\b(?:vigilantes?|vigilante (?:group|militia|members)|self-defen[cs]e (?:group|militia)|"
                r"community (?:militia|defence|guards?)|civilian JTF|hunters'? (?:group|militia))\b", re.I),
     "Vigilante Militia ({c})", 4),
    (re.compile(r"\b(?:militia(?:men|s)?)\b", re.I), "Militia ({c})", 4),
    (re.compile(r"\b(?:rioters|mob|angry (?:crowd|residents|youths?)|youths?|looters)\b", re.I),
     "Rioters ({c})", 5),
    (re.compile(r"\b(?:protesters?|protestors?|demonstrators?|marchers|strikers|"
                r"(?:students|workers|teachers|doctors|nurses|traders|drivers|farmers|residents|unemployed"
                r"|activists|supporters|opposition supporters|employees|miners|women)"
                r"(?= (?:\w+ ){0,3}(?:protest|demonstrat|march|rall|strik|gather|picket|sit-in|block)))\b",
                re.I), "Protesters ({c})", 6),
    (re.compile(r"\b(?:civilians?|villagers?|residents?|people|persons|passengers|worshippers|"
                r"farmers?|herders?|women|children|girls|boys|men|man|woman|family|students?|pupils|"
                r"traders?|shepherds?|displaced|idps?|journalists?|teachers?|chiefs?|pastors?|priests?|"
                r"imams?|motorists|pedestrians|bodies|body)\b", re.I), "Civilians ({c})", 7),
]

CIVILIAN_WORDS = re.compile(
    r"\b(?:civilians?|villagers?|residents?|people|persons|passengers|worshippers|farmers?|women|children|"
    r"girls|boys|(?<!armed )man|(?<!armed )men|woman|family|families|students?|pupils|traders?|shepherds?|displaced|idps?|"
    r"journalists?|teachers?|chiefs?|pastors?|priests?|imams?|motorists|pedestrians|bodies|body|"
    r"corpses?|herders?|fisherm[ae]n|hunters?|miners|aid workers?|officials?|councillors?|politicians?|"
    r"candidates?|voters|mourners|shoppers|customers|tourists|refugees|migrants|inmates|prisoners|"
    r"worker|workers|driver|drivers|businessman|elder|elders|leader|boy|girl|child|wife|husband|"
    r"son|daughter|brother|mother|father|cleric|nuns?|doctor|nurse|baby|infant|teenager|youth|"
    r"member of the public|public|hostages?|captives?|staff|staffers|employees?|pastoralists?|cameram[ae]n|photographers?|reporters?|vendors?|hawkers?)\b",
    re.I,
)
ARMED_WORDS = re.compile(
    r"\b(?:soldiers?|troops|army|military|police(?:men|man)?|officers?|policemen|gendarmes?|security forces"
    r"|forces|militants?|insurgents?|fighters?|rebels?|jihadists?|terrorists?|militiam[ae]n|militias?|"
    r"gunmen|armed (?:man|men)|warriors?|al[- ]?shabaa?b|boko haram|sect|guards?|base|checkpoint|barracks|outpost|patrol|"
    # "a convoy of traders": whose convoy it is decides
    r"convoy(?!\s+of\s+(?:\w+\s+)?(?:civilians|traders|merchants|aid|humanitarian|refugees|displaced|"
    r"passengers|travell?ers|people|families|pilgrims|villagers|buses|trucks|lorries|cars|vehicles carrying civilians))|position|positions|camp|"
    r"post|garrison|commander|personnel|servicem[ae]n|combatants?|bandits|vigilantes?|(?:armed )?islamists?|patrols|peacekeep\w*|MONUSCO|MINUSMA|MINUSCA|UNAMID|"
    r"UNMISS|AMISOM|SPLA|FARDC|ENDF|KDF|UPDF|SNA|RSF|TPDF|FDLR|SAF)\b",
    re.I,
)


# Where a named actor operates: a text naming it is about that country unless it names another.
ACTOR_HOME: dict[str, str] = {
    "Islamic State (Libya)": "LY", "Islamic State (Sinai)": "EG", "Islamic State (West Africa)": "NG",
    "Islamic State (Greater Sahara)": "ML", "Islamic State (Somalia)": "SO", "Islamic State (Central Africa)": "CD",
    "Islamic State (Khorasan)": "AF", "Boko Haram": "NG", "Al Shabaab": "SO",
    "TTP: Tehreek-i-Taliban Pakistan": "PK", "BLA: Baloch Liberation Army": "PK", "BLF: Baloch Liberation Front": "PK",
    "ELN: National Liberation Army": "CO", "FARC: Revolutionary Armed Forces of Colombia": "CO",
    "CJNG: Jalisco New Generation Cartel": "MX", "Sinaloa Cartel": "MX", "NPA: New People's Army": "PH",
    "Abu Sayyaf Group": "PH", "AA: Arakan Army": "MM", "PDF: People's Defense Force": "MM",
    "TPLF: Tigray People's Liberation Front": "ET", "Fano Militia": "ET", "Ansaroul Islam": "BF",
    "CODECO: Cooperative for Development of Congo": "CD",
    "AQIM: Al Qaeda in the Islamic Maghreb": "DZ", "AQAP: Al Qaeda in the Arabian Peninsula": "YE",
    "JNIM: Jama'at Nasr al-Islam wal Muslimin": "ML", "Ansar Dine": "ML", "Okba Ibn Nafaa Brigade": "TN",
    "Jund al-Khilafa (Soldiers of the Caliphate)": "DZ", "Hayat Tahrir al-Sham": "SY", "Taliban": "AF", "Houthis": "YE", "Hezbollah": "LB",
    "Hamas": "PS", "ADF: Allied Democratic Forces": "CD", "FDLR: Democratic Forces for the Liberation of Rwanda": "CD",
    "M23: March 23 Movement": "CD", "SPLM/A-IO: Sudan People's Liberation Movement/Army-In Opposition": "SS", "Dahalo Militia": "MG",
    "ZANU-PF: Zimbabwe African National Union-Patriotic Front": "ZW",
    "Police Forces of Sudan National Intelligence and Security Services": "SD", "Ex-Seleka Militia": "CF", "Anti-Balaka Militia": "CF",
    "Mayi Mayi Militia": "CD", "Mayi Mayi Militia (Raia Mutomboki)": "CD",
    "Mayi Mayi Militia (Nyatura)": "CD", "Mayi Mayi Militia (Kifuafua)": "CD", "Mayi Mayi Militia (Yakutumba)": "CD",
    "Mayi Mayi Militia (Mazembe)": "CD", "Mayi Mayi Militia (Simba)": "CD", "Mayi Mayi Militia (Cheka)": "CD",
    "Mayi Mayi Militia (APCLS)": "CD", "Niger Delta Avengers": "NG", "MEND: Movement for the Emancipation of the Niger Delta": "NG",
    "OLA: Oromo Liberation Army": "ET", "ONLF: Ogaden National Liberation Front": "ET", "Libya Dawn": "LY", "Misrata Militia": "LY", "Zintan Militia": "LY",
    "Benghazi Revolutionaries Shura Council": "LY", "Derna Mujahideen Shura Council": "LY",
    "Military Forces of Libya": "LY", "Military Forces of Somalia": "SO", "Military Forces of Sudan": "SD",
    "RSF: Rapid Support Forces": "SD", "Military Forces of South Sudan": "SS",
    "Military Forces of Democratic Republic of Congo": "CD", "Military Forces of Uganda": "UG",
    "Military Forces of Kenya": "KE", "Military Forces of Ethiopia": "ET", "Military Forces of Mali": "ML",
    "Military Forces of South Africa": "ZA", "Military Forces of Central African Republic": "CF",
    "Military Forces of Burundi": "BI", "Military Forces of Nigeria": "NG", "Police Forces of Somalia": "SO",
    "Police Forces of South Africa": "ZA", "Military Forces of Israel": "IL", "Military Forces of Ukraine": "UA",
    "AMISOM: African Union Mission in Somalia": "SO",
    "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali": "ML",
    "MONUSCO: United Nations Organization Stabilization Mission in the DR Congo": "CD",
    "MINUSCA: United Nations Multidimensional Integrated Stabilization Mission in the CAR": "CF",
    "UNMISS: United Nations Mission in South Sudan": "SS", "Galmudug Administration Militia": "SO",
    "Military Forces of Puntland": "SO", "Khatumo Regional Militia": "SO", "Imbonerakure": "BI", "MNLA: National Movement for the Liberation of Azawad": "ML",
    "CMA: Coordination of Azawad Movements": "ML", "GATIA": "ML", "PKK: Kurdistan Workers Party": "TR",
    "YPG: People's Protection Units": "SY", "SDF: Syrian Democratic Forces": "SY", "Free Syrian Army": "SY",
    "SPLM-N: Sudan People's Liberation Movement-North": "SD", "SLM/A: Sudan Liberation Movement/Army": "SD",
    "JEM: Justice and Equality Movement": "SD", "RENAMO: Mozambican National Resistance": "MZ",
    "FRPI: Front for Patriotic Resistance of Ituri": "CD", "Janjaweed Militia": "SD", "Ambazonian Separatists": "CM",
    "Military Forces of Jubaland": "SO", "Military Forces of Somaliland": "SO", "Fulani Ethnic Militia": "NG",
    "LRA: Lord's Resistance Army": "CF", "Al Mourabitoune": "ML", "Ansar al-Sharia": "LY",
}

# Well-known cities, regions and landmarks whose country is not in doubt (our own general knowledge,
# used before geoparsing so that small places resolve within the right country).
_PLACE_COUNTRY_SRC: dict[str, str] = {
    "DZ": "Algiers|Oran|Constantine|Annaba|Batna|Setif|Sétif|Tizi Ouzou|Bouira|Bejaia|Béjaïa|Ouargla|Ghardaia|"
          "Tamanrasset|In Amenas|Boumerdes|Skikda|Tlemcen|Blida|Medea|Djelfa|Biskra|Khenchela|Tebessa|Kabylie",
    "EG": "Cairo|Alexandria|Giza|Sinai|North Sinai|Arish|Al-Arish|El-Arish|Rafah|Sheikh Zuweid|Ismailia|Suez|"
          "Port Said|Mansoura|Fayoum|Minya|Assiut|Asyut|Sohag|Luxor|Aswan|Tanta|Zagazig|Damietta|Beni Suef|"
          "Helwan|Qalyubia|Sharqiya|Dakahlia|Tahrir Square|Kafr el-Sheikh|Matrouh|Beheira|Menoufia",
    "LY": "Tripoli|Benghazi|Misrata|Misurata|Sirte|Derna|Darnah|Tobruk|Sabha|Sebha|Ajdabiya|Zawiya|Zliten|"
          "Gharyan|Bani Walid|Zintan|Kufra|Ubari|Murzuq|Ras Lanuf|Sidra|Brega|Al Bayda|Bayda|Marj|Sabratha|"
          "Tarhuna|Khoms|Nofaliya|Harawa|Ben Jawad|Zueitina|Ghat|Jufra|Hun|Waddan|Surman|Janzour|Tajoura|Garyounis|"
          "Fezzan|Cyrenaica|Tripolitania",
    "TN": "Tunis|Sfax|Sousse|Kairouan|Kasserine|Sidi Bouzid|Gafsa|Gabes|Gabès|Medenine|Ben Guerdane|Bizerte|"
          "Nabeul|Monastir|Mahdia|Jendouba|Siliana|Tataouine|Tozeur|Kebili|Beja|Béja|Zaghouan|Ariana|"
          "Ben Arous|Manouba|Kef|Le Kef|Chaambi|Mount Chaambi|Dehiba|Remada|Redeyef|Metlaoui",
    "MA": "Rabat|Casablanca|Marrakesh|Marrakech|Fez|Fes|Tangier|Agadir|Meknes|Oujda|Laayoune|Tetouan|Al Hoceima",
    "NG": "Lagos|Abuja|Kano|Kaduna|Maiduguri|Borno|Yobe|Adamawa|Yola|Damaturu|Gwoza|Bama|Dikwa|Monguno|"
          "Konduga|Damboa|Biu|Chibok|Potiskum|Mubi|Madagali|Benue|Plateau|Jos|Port Harcourt|Rivers State|"
          "Bayelsa|Delta State|Warri|Enugu|Onitsha|Anambra|Owerri|Imo|Abia|Aba|Calabar|Uyo|Ibadan|Oyo|Ogun|"
          "Abeokuta|Ondo|Akure|Ekiti|Osun|Ilorin|Kwara|Kogi|Lokoja|Nasarawa|Makurdi|Taraba|Jalingo|Bauchi|"
          "Gombe|Sokoto|Zamfara|Gusau|Katsina|Kebbi|Niger State|Minna|Jigawa|Edo|Benin City|Agatu|"
          "Southern Kaduna|Sambisa|Niger Delta|Lake Chad",
    "CM": "Yaounde|Yaoundé|Douala|Maroua|Mora|Kolofata|Far North Region|Extreme North|Bamenda|Buea|Garoua|"
          "Fotokol|Limani",
    "NE": "Niamey|Diffa|Bosso|Agadez|Zinder|Tillaberi|Tillabéri|Tahoua|Maradi",
    "TD": "N'Djamena|Ndjamena|Abeche|Abéché|Bol|Moundou",
    "ML": "Bamako|Timbuktu|Tombouctou|Gao|Kidal|Mopti|Sevare|Sévaré|Menaka|Ménaka|Segou|Ségou|Sikasso|Kayes|"
          "Tessalit|Aguelhok|Ber|Douentza|Niono|Diabaly|Nampala|Tenenkou|Léré|Lere|Goundam|Ansongo|Gossi|Boni",
    "BF": "Ouagadougou|Bobo-Dioulasso|Djibo|Dori|Ouahigouya|Koudougou|Dedougou|Dédougou|Fada N'Gourma",
    "SN": "Dakar|Ziguinchor|Casamance|Thies|Thiès|Touba|Saint-Louis|Kaolack",
    "CI": "Abidjan|Yamoussoukro|Bouake|Bouaké|Grand-Bassam|Korhogo|Daloa|San Pedro|Man",
    "GH": "Accra|Kumasi|Tamale|Bawku|Sunyani|Takoradi|Cape Coast|Ho|Bolgatanga",
    "SO": "Mogadishu|Kismayo|Baidoa|Beledweyne|Beletweyne|Galkayo|Garowe|Bosaso|Bossaso|Hargeisa|Berbera|"
          "Marka|Merca|Afgooye|Afgoye|Barawe|Brava|Jowhar|Balad|Dhusamareb|Adado|Bardera|Bardhere|Garbaharey|"
          "Garbahaarey|Luuq|Dolow|Elwak|El Wak|Buulo Burde|Bulo Burde|Hiraan|Hiran|Bakool|Bay region|Gedo|"
          "Lower Shabelle|Middle Shabelle|Lower Juba|Middle Juba|Mudug|Galgaduud|Nugaal|Bari region|Sool|Sanaag|"
          "Las Anod|Laascaanood|Qandala|Buuhoodle|Wanlaweyn|Qoryoley|Kurtunwarey|Janaale|Hawl-Wadaag|"
          "Hodan|Wadajir|Dharkenley|Karaan|Yaqshid|Shibis|Bondhere|Hamar Weyne|Heliwa|Daynile|Kahda|"
          "Jubaland|Puntland|Somaliland|Galmudug|Hirshabelle|Xudur|Hudur|Tiyeglow|Baardheere|Ceel Cadde|"
          "El Adde|Ceel Buur|El Bur|Jariiban|Eyl|Beyturaas|Shalaambood",
    "KE": "Nairobi|Mombasa|Kisumu|Nakuru|Eldoret|Garissa|Mandera|Wajir|Lamu|Mpeketoni|Kitui|Machakos|Nyeri|"
          "Marsabit|Turkana|Baringo|Kakamega|Thika|Malindi|Kwale|Tana River|Isiolo|Moyale|Kibera|Mathare",
    "ET": "Addis Ababa|Gondar|Bahir Dar|Mekelle|Dire Dawa|Harar|Jimma|Adama|Nazret|Hawassa|Awassa|Oromia|Amhara|"
          "Tigray|Gambella|Ogaden|Afar|Benishangul|Bale|Ambo|Shashamane|Nekemte|West Wallaga|Wollega|Arsi|"
          "Hararghe|East Hararge|West Hararge|Shewa|Shawa|Konso|Gedeo|Borena|Guji|Dembi Dollo|Meki|Dugda",
    "ER": "Asmara|Massawa|Assab",
    "DJ": "Djibouti City",
    "SD": "Khartoum|Omdurman|Darfur|North Darfur|South Darfur|West Darfur|Central Darfur|East Darfur|El Fasher|"
          "Al Fashir|Nyala|El Geneina|Geneina|Zalingei|Ed Daein|Jebel Marra|Jebel Marrah|Kordofan|"
          "South Kordofan|North Kordofan|West Kordofan|Kadugli|Dilling|El Obeid|Blue Nile|Damazin|Kassala|"
          "Port Sudan|Gedaref|Wad Madani|Gezira|Sennar|Abyei|Tawila|Kutum|Kabkabiya|Sortony|Golo|Umm Dukhun|"
          "Mellit|Nuba Mountains|Tabit|Shangil Tobaya|Kalma",
    "SS": "Juba|Malakal|Bor|Bentiu|Wau|Yei|Torit|Rumbek|Aweil|Yambio|Kuajok|Nasir|Leer|Akobo|Pibor|Renk|"
          "Unity State|Upper Nile|Jonglei|Lakes State|Warrap|Western Equatoria|Eastern Equatoria|Central Equatoria|"
          "Western Bahr el Ghazal|Northern Bahr el Ghazal|Mundri|Maridi|Tambura|Kajo Keji|Nimule|Magwi|Lainya|"
          "Terekeka|Yirol|Tonj|Mayom|Panyijiar|Fangak|Ulang|Kapoeta|Raja|Lanyi",
    "UG": "Kampala|Gulu|Lira|Mbarara|Jinja|Entebbe|Kasese|Arua|Mbale|Masaka|Fort Portal|Karamoja|Moroto|Kotido|"
          "Makerere",
    "RW": "Kigali|Gisenyi|Rubavu|Musanze|Ruhengeri|Huye|Butare",
    "BI": "Bujumbura|Gitega|Ngozi|Muyinga|Kirundo|Makamba|Rumonge|Cibitoke|Bubanza|Mwaro|Muramvya|Kayanza|"
          "Cankuzo|Rutana|Ruyigi|Karuzi|Bururi|Musaga|Mutakura|Cibitoke|Nyakabiga|Jabe|Ngagara|Kinama|"
          "Kamenge|Buterere|Kanyosha|Mutimbuzi|Nyakabiga|Bwiza|Buyenzi|Rohero|Kinindo|Gihosha|Cibitoke",
    "CD": "Kinshasa|Goma|Bukavu|Beni|Butembo|Bunia|Kisangani|Lubumbashi|Kananga|Mbuji-Mayi|Kindu|Uvira|Rutshuru|"
          "Masisi|Walikale|Lubero|Oicha|Eringeti|Mbau|Kalehe|Fizi|Shabunda|Ituri|North Kivu|South Kivu|"
          "Kivu|Katanga|Tanganyika|Kalemie|Manono|Haut-Uele|Bas-Uele|Dungu|Faradje|Aru|Mahagi|Djugu|Irumu|"
          "Kasai|Tshikapa|Kwilu|Bandundu|Matadi|Mbandaka|Pweto|Moba|Mitwaba|Nyunzu|Kabalo|Bangadi|Duru|"
          "Kamango|Mutwanga|Virunga",
    "CF": "Bangui|Bambari|Bria|Kaga-Bandoro|Ndele|Ndélé|Bossangoa|Bouar|Berberati|Berbérati|Bangassou|Obo|"
          "Zemio|Zémio|Paoua|Batangafo|Kabo|Sibut|Bozoum|Bocaranga|Alindao|Mobaye|Ouaka|Haute-Kotto|Vakaga|"
          "Nana-Grebizi|Ouham|Ouham-Pende|Mbomou|Haut-Mbomou|Lobaye|PK5|PK 5",
    "CG": "Brazzaville|Pointe-Noire|Pool region|Kinkala",
    "GA": "Libreville|Port-Gentil",
    "AO": "Luanda|Cabinda|Huambo|Lobito|Benguela",
    "ZM": "Lusaka|Kitwe|Ndola|Copperbelt|Livingstone|Kabwe|Chingola|Mufulira",
    "ZW": "Harare|Bulawayo|Mutare|Gweru|Masvingo|Chitungwiza|Kwekwe|Epworth",
    "MW": "Lilongwe|Blantyre|Zomba|Mzuzu",
    "MZ": "Maputo|Beira|Nampula|Tete|Quelimane|Chimoio|Gorongosa|Sofala|Manica|Zambezia|Cabo Delgado|Pemba|"
          "Mocimboa da Praia|Inhambane|Xai-Xai|Matola|Moatize|Morrumbala|Muxungue|Vanduzi|Macossa",
    "MG": "Antananarivo|Toamasina|Mahajanga|Fianarantsoa|Toliara|Tulear|Antsiranana",
    "ZA": "Johannesburg|Pretoria|Tshwane|Cape Town|Durban|eThekwini|Port Elizabeth|Nelson Mandela Bay|"
          "Gqeberha|Bloemfontein|East London|Pietermaritzburg|Soweto|Khayelitsha|Alexandra|Marikana|"
          "Rustenburg|Polokwane|Mahikeng|Mafikeng|Kimberley|Nelspruit|Mbombela|Grahamstown|Makhanda|"
          "Stellenbosch|Mthatha|Umtata|Richards Bay|Vereeniging|Sebokeng|Tembisa|Diepsloot|Orange Farm|"
          "Mitchells Plain|Gugulethu|Nyanga|Langa|Philippi|Umlazi|KwaMashu|Inanda|Chatsworth|Braamfontein|"
          "Hillbrow|Gauteng|KwaZulu-Natal|KZN|Western Cape|Eastern Cape|Northern Cape|Free State|Limpopo|"
          "Mpumalanga|North West province|Vuwani|Malamulele|Wits University|University of Cape Town|"
          "Tshwane University|Rhodes University|UKZN|Riverlea|Ekurhuleni|Germiston|Benoni|Boksburg|"
          "Krugersdorp|Randburg|Sandton|Midrand|Centurion|Mamelodi|Atteridgeville|Soshanguve|Hammanskraal|"
          "Zandspruit|Lenasia|Eldorado Park|Kagiso|Mogale City|Emfuleni|Sharpeville|Welkom|Sasolburg",
    "LS": "Maseru",
    "SZ": "Mbabane|Manzini",
    "NA": "Windhoek|Walvis Bay|Oshakati|Rundu|Katutura",
    "BW": "Gaborone|Francistown",
    "TZ": "Dar es Salaam|Dodoma|Arusha|Mwanza|Zanzibar|Pemba Island|Stone Town|Unguja|Mbeya|Morogoro|Tanga|"
          "Kigoma|Chake Chake|Wete|Mkoani",
    "LR": "Monrovia|Gbarnga|Buchanan|Ganta|Zwedru",
    "SL": "Freetown|Bo|Kenema|Makeni|Koidu|Kono",
    "GN": "Conakry|Nzerekore|N'Zerekore|Kankan|Kindia|Labe|Labé|Boke|Boké",
    "GW": "Bissau",
    "GM": "Banjul|Serrekunda|Brikama",
    "TG": "Lome|Lomé|Sokode|Sokodé|Kara",
    "BJ": "Cotonou|Porto-Novo|Parakou",
    "MR": "Nouakchott|Nouadhibou|Zouerate",
    "EH": "Laayoune|Dakhla|Smara",
    "IQ": "Baghdad|Mosul|Basra|Fallujah|Ramadi|Kirkuk|Erbil|Tikrit|Samarra|Anbar|Nineveh|Diyala|Karbala|Najaf",
    "SY": "Damascus|Aleppo|Homs|Hama|Idlib|Raqqa|Deir ez-Zor|Deir al-Zour|Palmyra|Latakia|Daraa|Ghouta|Kobani",
    "YE": "Sanaa|Sana'a|Aden|Taiz|Hodeidah|Marib|Saada|Mukalla|Hadramawt|Abyan|Lahj|Shabwa",
    "AF": "Kabul|Kandahar|Helmand|Herat|Kunduz|Jalalabad|Nangarhar|Mazar-i-Sharif|Ghazni|Lashkar Gah",
    "PK": "Karachi|Lahore|Islamabad|Peshawar|Quetta|Rawalpindi|Balochistan|Khyber Pakhtunkhwa|Waziristan",
}
PLACE_COUNTRY: dict[str, str] = {}
for _cc, _names in _PLACE_COUNTRY_SRC.items():
    for _n in _names.split("|"):
        PLACE_COUNTRY.setdefault(_n.lower(), _cc)
# Names that are also common words or shared between countries are only trusted in a place context.
_PLACE_NEEDS_CONTEXT = {"bo", "ho", "man", "kara", "bol", "ber", "hun", "imo", "aba", "edo", "raja", "kabo", "golo",
                        "bari region", "bay region", "boni", "duru", "kef", "pemba", "aru", "moba", "afar", "bale",
                        "free state", "alexandria", "tanganyika", "plateau", "rivers state", "sool", "ghat",
                        "jabe", "langa", "nyanga", "philippi", "alexandra", "konso", "kalma", "leer", "balad",
                        "amhara", "tigray", "ogaden", "gedo", "hodan", "karaan", "ituri", "kasai", "zawiya",
                        "arish", "rafah", "abyei", "kivu", "hodeidah", "ambo", "arsi", "meki", "dugda", "lanyi",
                        "eyl", "beira", "tete", "sebha", "ben jawad", "marj", "bayda", "brega"}
_PLACE_CONTEXT = re.compile(r"\b(?:in|near|at|of|from|to|outside|around|towards|into|across|between|and)\s+(?:the\s+)?$",
                            re.I)
_WORD = re.compile(r"[\w'’.-]+")
_PLACE_MAXLEN = max(len(n.split()) for n in PLACE_COUNTRY)


def scan_names(text: str, table: dict[str, str], maxlen: int, capital: bool = True) -> list[tuple[int, int, str]]:
    """Longest names of `table` (lower-cased keys) written in text: (start, end, name as written). Fast:
    one pass over the words, dictionary look-ups instead of a large regex."""
    words, lowered = _words(text)
    longest = _first_words(table)
    out = []
    i = 0
    while i < len(words):
        a = words[i][0]
        if (capital and not text[a].isupper()) or lowered[i] not in longest:
            i += 1
            continue
        hit = 0
        for n in range(min(maxlen, longest[lowered[i]], len(words) - i), 0, -1):
            key = " ".join(lowered[i:i + n])
            if key in table:
                hit = n
                break
        if hit:
            b = words[i + hit - 1][0] + len(words[i + hit - 1][2])
            out.append((a, b, text[a:b]))
            i += hit
        else:
            i += 1
    return out


_FIRST_WORDS: dict[int, tuple[dict[str, str], int, dict[str, int]]] = {}


def _first_words(table: dict[str, str]) -> dict[str, int]:
    """The first word of each name of `table`, with the most words a name starting with it has:
    only those words can start a name, and no longer name need be tried. Kept per table, and made
    again should the table change size."""
    got = _FIRST_WORDS.get(id(table))
    if got is None or got[0] is not table or got[1] != len(table):
        firsts: dict[str, int] = {}
        for key in table:
            parts = key.split(" ")
            firsts[parts[0]] = max(firsts.get(parts[0], 0), len(parts))
        got = (table, len(table), firsts)
        _FIRST_WORDS[id(table)] = got
    return got[2]


@lru_cache(maxsize=16)
def _words(text: str) -> tuple[tuple[tuple[int, int, str], ...], tuple[str, ...]]:
    """(start, end, lower-cased word without a final dot) of each word, and those words alone: a text
    is scanned for several tables."""
    words = tuple((m.start(), m.end(), m.group(0).rstrip(".").lower()) for m in _WORD.finditer(text))
    return words, tuple(w for _, _, w in words)


def places_country(text: str) -> dict[str, float]:
    """Votes for countries from well-known place names written in a text (capitalised, as names are)."""
    votes: dict[str, float] = {}
    for a, _, w in scan_names(text, PLACE_COUNTRY, _PLACE_MAXLEN):
        lw = w.lower()
        if lw in _PLACE_NEEDS_CONTEXT or len(lw) <= 3:
            if not _PLACE_CONTEXT.search(text[max(0, a - 20): a]):
                continue
        cc = PLACE_COUNTRY[lw]
        votes[cc] = votes.get(cc, 0.0) + 1.0
    return votes


# Parties, unions, movements, agencies and leaders whose country is not in doubt: a report naming
# them is about that country (most reports name a party long before, or instead of, the country).
# Acronyms are matched as written (capitals); names without regard to case. Our own general knowledge.
_ORG_COUNTRY_SRC: dict[str, str] = {
    "ZA": "ANC|ANCYL|EFF|IFP|COSATU|NUMSA|SASCO|PASMA|SANCO|NEHAWU|SAMWU|AMCU|POPCRU|CPUT|UKZN|TUT|"
          "Democratic Alliance|Economic Freedom Fighters|Inkatha|Fees Must Fall|FeesMustFall|Pawusa|Zuma|Malema|"
          "University of the Witwatersrand|Wits University|Tshwane University of Technology|"
          "Vaal University of Technology|Durban University of Technology|Walter Sisulu University",
    "ZW": "ZANU-PF|ZANU PF|MDC-T|MDC|ZCTU|ZRP|Tajamuka|Mugabe|Tsvangirai|Zimbabwe Republic Police",
    "UG": "FDC|NRM|Forum for Democratic Change|National Resistance Movement|Besigye|Museveni",
    "KE": "ODM|IEBC|Orange Democratic Movement|Jubilee Party|Kenyatta|Raila Odinga",
    "TZ": "CCM|CUF|Chadema|Chama cha Mapinduzi|Civic United Front|Magufuli",
    "NG": "PDP|NLC|NANS|IPOB|MASSOB|NSCDC|EFCC|ASUU|Ohanaeze|Biafra|Biafran|Buhari|"
          "Islamic Movement in Nigeria|All Progressives Congress|Peoples Democratic Party|"
          "Nigeria Labour Congress|Indigenous People of Biafra|Civilian JTF|Niger Delta",
    "CD": "UDPS|LUCHA|Filimbi|Kabila|Tshisekedi|Katumbi|Raia Mutomboki|Nyatura",
    "BI": "CNDD-FDD|FOREBU|RED-Tabara|Nkurunziza|FNL",
    "ET": "EPRDF|OPDO|TPLF|Medrek|Qeerroo|Oromo|Addis Ababa Master Plan|Hailemariam",
    "EG": "Muslim Brotherhood|Ultras Ahlawy|Ultras White Knights|Press Syndicate|Doctors Syndicate|"
          "April 6 Youth Movement|Sisi",
    "TN": "UGTT|UTICA|Ennahda|Nidaa Tounes|Essebsi",
    "DZ": "Bouteflika|RND|Rassemblement National Démocratique",
    "LY": "Government of National Accord|Presidential Council|Serraj|Sarraj|Haftar|Hafter|"
          "Special Deterrence Force|Special Deterrence Forces|Petroleum Facilities Guard|Petroleum Facilities Guards|PFG|House of Representatives in Tobruk",
    "SD": "NISS|National Congress Party|Umma Party|Omar al-Bashir",
    "SS": "SPLM|Salva Kiir|Riek Machar|Arrow Boys",
    "SO": "Khatumo|ISWA|SNGF|Interim South West Administration|Hizbul Islam|Ahlu Sunna|Ras Kamboni|Farmajo",
    "ML": "Ganda Koy|Ganda Izo|Dan Na Ambassagou",
    "BF": "Koglweogo|Kabore|Kaboré|Compaore|Compaoré",
    "NE": "MODEN|PNDS|Lumana|Issoufou|Hama Amadou",
    "SN": "PDS|Y'en a marre|Macky Sall",
    "CI": "FPI|PDCI|RDR|Ouattara|Gbagbo",
    "GN": "UFDG|Alpha Condé|Alpha Conde|Cellou Dalein Diallo",
    "GA": "PDG|Ali Bongo|Jean Ping",
    "CG": "Ntoumi|Sassou|Ninja Nsiloulou",
    "MZ": "Frelimo|Nyusi|Dhlakama",
    "ZM": "UPND|Hichilema|Lungu",
    "MW": "MCP|Mutharika",
    "MG": "Dahalo|Rajaonarimampianina",
    "LR": "Congress for Democratic Change|Weah|Sirleaf",
    "NA": "Swapo|struggle kids",
    "AO": "MPLA|UNITA|FLEC|Dos Santos",
    "CF": "Touadera|Touadéra|FPRC|MPC|Anti-Balaka|anti-balaka|Seleka|Séléka",
    "GH": "NPP|Akufo-Addo|Mahama",
    "TG": "Faure Gnassingbe|Faure Gnassingbé",
    "TD": "Idriss Deby|Idriss Déby|Deby",
    "CM": "Ambazonia|Ambazonian|Biya",
    "RW": "Kagame",
    "ER": "Afwerki",
}
_ORG_ACRONYM: dict[str, str] = {}
_ORG_NAME: dict[str, str] = {}
for _cc, _names in _ORG_COUNTRY_SRC.items():
    for _n in _names.split("|"):
        if re.fullmatch(r"[A-Z0-9-]+", _n):
            _ORG_ACRONYM.setdefault(_n, _cc)
        else:
            _ORG_NAME.setdefault(_n.lower(), _cc)
_ORG_NAME_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _ORG_NAME), key=len, reverse=True)) + r")(?!\w)",
                          re.I)
_ORG_ACRONYM_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _ORG_ACRONYM), key=len, reverse=True)) +
                             r")(?![\w-])")


# The same alternatives in the same order, each with the name it spells.
_ORG_NAME_ALTS = sorted(((re.escape(n), n) for n in _ORG_NAME), key=lambda a: len(a[0]), reverse=True)
_ORG_ACRONYM_ALTS = sorted(((re.escape(n), n) for n in _ORG_ACRONYM), key=lambda a: len(a[0]), reverse=True)


@lru_cache(maxsize=1024)
def _org_regex(alternatives: tuple[str, ...], acronyms: bool) -> re.Pattern[str]:
    if acronyms:
        return re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?![\w-])")
    return re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?!\w)", re.I)


def _org_matches(text: str, folded: str, acronyms: bool) -> Iterator[re.Match[str]]:
    """The matches of _ORG_ACRONYM_RE (or _ORG_NAME_RE) in text, found by that regex cut down to the
    names that occur in the text: a name that occurs nowhere matches nowhere, so leaving it out of the
    alternation (order kept) changes no match, and the short regex scans far faster."""
    if acronyms:
        present = tuple(alt for alt, name in _ORG_ACRONYM_ALTS if name in text)
    else:
        # names are matched without regard to case: test their fold (a non-ASCII name is always kept)
        present = tuple(alt for alt, name in _ORG_NAME_ALTS if not name.isascii() or name in folded)
    return _org_regex(present, acronyms).finditer(text) if present else iter(())


def orgs_country(text: str) -> list[tuple[int, str]]:
    """(offset, ISO-2) for each party, union, movement or leader of a known country a text names."""
    folded = fold_case(text)
    out = [(m.start(), _ORG_ACRONYM[m.group(1)]) for m in _org_matches(text, folded, acronyms=True)]
    out += [(m.start(), _ORG_NAME[m.group(1).lower()]) for m in _org_matches(text, folded, acronyms=False)
            if m.group(1).lower() in _ORG_NAME]
    return sorted(out)
