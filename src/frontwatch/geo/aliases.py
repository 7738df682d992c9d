"""Small general lexicons: common English country names and demonym rules.

Names only (no coordinates): every coordinate comes from the packaged GeoNames data.
"""
from __future__ import annotations

# English names in everyday use that differ from the GeoNames country name.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("America", "USA", "U.S.", "U.S.A.", "US", "United States of America"),
    "GB": ("Britain", "Great Britain", "UK", "U.K.", "United Kingdom of Great Britain"),
    "PS": ("Palestine", "Palestinian Territories", "Palestinian territories"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "CZ": ("Czech Republic", "Czechia"),
    "MM": ("Burma",),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Republic of the Congo"),
    "RU": ("Russian Federation",),
    "IR": ("Islamic Republic of Iran",),
    "SY": ("Syrian Arab Republic",),
    "VA": ("Vatican", "Holy See"),
    "NL": ("Holland",),
    "MK": ("Macedonia",),
    "TR": ("Turkiye", "Türkiye"),
    "AE": ("UAE", "Emirates"),
    "TL": ("East Timor",),
    "CV": ("Cabo Verde",),
    "SZ": ("Swaziland",),
}

# Common demonyms (more come from ``countryinfo`` when it is installed).
IRREGULAR_DEMONYMS: dict[str, str] = {
    "British": "GB", "English": "GB", "Scottish": "GB", "Welsh": "GB", "French": "FR",
    "Dutch": "NL", "Swiss": "CH", "Greek": "GR", "Danish": "DK", "Swedish": "SE",
    "Finnish": "FI", "Polish": "PL", "Irish": "IE", "Spanish": "ES", "Portuguese": "PT",
    "Filipino": "PH", "Thai": "TH", "Saudi": "SA", "Emirati": "AE", "Kuwaiti": "KW",
    "Qatari": "QA", "Omani": "OM", "Bahraini": "BH", "Yemeni": "YE", "Iraqi": "IQ",
    "Israeli": "IL", "Pakistani": "PK", "Bangladeshi": "BD", "Afghan": "AF", "Kenyan": "KE",
    "Somali": "SO", "Malian": "ML", "Sudanese": "SD", "Lebanese": "LB", "Chinese": "CN",
    "Japanese": "JP", "Vietnamese": "VN", "Burmese": "MM", "Ukrainian": "UA", "American": "US",
    "Palestinian": "PS", "Turkish": "TR", "Syrian": "SY", "Iranian": "IR", "Russian": "RU",
    "Egyptian": "EG", "Libyan": "LY", "Nigerian": "NG", "Mexican": "MX", "Canadian": "CA",
    "Indian": "IN", "German": "DE", "Italian": "IT", "Jordanian": "JO", "Tunisian": "TN",
    "Algerian": "DZ", "Moroccan": "MA", "Ethiopian": "ET", "Korean": "KR", "Australian": "AU",
}
# Unions located by their continent (no GeoNames feature of their own in the packaged data).
CONTINENT_ALIASES: dict[str, tuple[str, ...]] = {"Europe": ("EU", "European Union", "E.U.")}
# Adjectives of the continents (the continent names and coordinates come from GeoNames).
CONTINENT_DEMONYMS: dict[str, str] = {
    "European": "Europe", "African": "Africa", "Asian": "Asia", "Antarctic": "Antarctica",
    "Oceanian": "Oceania", "North American": "North America", "South American": "South America",
}
# Generic words that mark an administrative region after (or before) its name.
ADMIN_WORDS = frozenset({
    "province", "governorate", "district", "county", "parish", "state", "region", "oblast",
    "prefecture", "department", "municipality", "muhafazat", "wilayah", "territory",
    # the units conflict reports name ("Pawe woreda", "Gujba LGA", "Lafey constituency")
    "woreda", "zone", "lga", "commune", "cercle", "constituency", "kebele", "raion", "rayon", "chiefdom",
    "subcounty", "sub-county", "canton", "emirate",
})

# AP-style US state abbreviations used in datelines and appositions ("Alexandria, La.").
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "Alabama": ("Ala.",), "Arizona": ("Ariz.",), "Arkansas": ("Ark.",), "California": ("Calif.", "Cal."),
    "Colorado": ("Colo.",), "Connecticut": ("Conn.",), "Delaware": ("Del.",), "Florida": ("Fla.",),
    "Georgia": ("Ga.",), "Illinois": ("Ill.",), "Indiana": ("Ind.",), "Kansas": ("Kan.", "Kans."),
    "Kentucky": ("Ky.",), "Louisiana": ("La.",), "Maryland": ("Md.",), "Massachusetts": ("Mass.",),
    "Michigan": ("Mich.",), "Minnesota": ("Minn.",), "Mississippi": ("Miss.",), "Missouri": ("Mo.",),
    "Montana": ("Mont.",), "Nebraska": ("Neb.", "Nebr."), "Nevada": ("Nev.",),
    "New Hampshire": ("N.H.",), "New Jersey": ("N.J.",), "New Mexico": ("N.M.",), "New York": ("N.Y.",),
    "North Carolina": ("N.C.",), "North Dakota": ("N.D.",), "Oklahoma": ("Okla.",),
    "Oregon": ("Ore.", "Oreg."), "Pennsylvania": ("Pa.", "Penn."), "Rhode Island": ("R.I.",),
    "South Carolina": ("S.C.",), "South Dakota": ("S.D.",), "Tennessee": ("Tenn.",),
    "Vermont": ("Vt.",), "Virginia": ("Va.",), "Washington": ("Wash.",), "West Virginia": ("W.Va.", "W. Va."),
    "Wisconsin": ("Wis.", "Wisc."), "Wyoming": ("Wyo.",),
}
# Canadian province abbreviations (Canadian Press style and postal codes).
CA_PROVINCE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "Alberta": ("Alta.", "AB"), "British Columbia": ("B.C.", "BC"), "Manitoba": ("Man.", "MB"),
    "New Brunswick": ("N.B.", "NB"), "Newfoundland and Labrador": ("N.L.", "Nfld.", "Newfoundland"),
    "Nova Scotia": ("N.S.", "NS"), "Ontario": ("Ont.", "ON"), "Prince Edward Island": ("P.E.I.", "PEI"),
    "Quebec": ("Que.", "QC"), "Saskatchewan": ("Sask.", "SK"),
}
# Words after a place name that make the span an institution of that place
# ("Henderson County Jail", "Mosul University"): the place itself is still a toponym.
INSTITUTION_WORDS = frozenset({
    "jail", "court", "courthouse", "sheriff", "police", "department", "council", "commission",
    "commissioners", "board", "school", "schools", "university", "college", "hospital", "airport",
    "library", "museum", "fire", "office", "government", "prison", "hall", "chamber", "zoo",
    "station", "municipality", "assembly", "legislature", "senate", "health", "community",
    "regional", "memorial", "public", "high", "middle", "elementary", "city", "town", "airbase",
    "base", "dam", "bridge", "port", "harbor", "harbour", "stadium", "mall", "center", "centre",
})
