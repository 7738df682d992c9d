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

# Demonyms that no suffix rule reaches (see ``frontwatch.geo.demonyms``).
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
# Generic words that mark an administrative region after (or before) its name.
ADMIN_WORDS = frozenset({
    "province", "governorate", "district", "county", "parish", "state", "region", "oblast",
    "prefecture", "department", "municipality", "muhafazat", "wilayah", "territory",
})
