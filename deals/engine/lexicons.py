"""Word lists the engine reasons with, kept in code so that every suggestion can cite them."""

# Single-word company names that are also ordinary words: matched only in their exact case,
# and not where the context gives them their ordinary meaning.
COMMON_WORDS = frozenset(
    [
        "orange",
        "shell",
        "target",
        "apple",
        "amazon",
        "visa",
        "three",
        "gap",
        "next",
        "sky",
        "square",
        "block",
        "oracle",
        "delta",
        "united",
        "general",
        "national",
        "standard",
        "focus",
        "signal",
        "snap",
        "meta",
        "alphabet",
        "mosaic",
        "corning",
        "nvent",
        "ford",
        "chase",
        "discovery",
        "fox",
        "crown",
        "pilot",
        "eagle",
        "liberty",
        "summit",
        "pioneer",
    ]
)

# Words after a common-word name that show the ordinary meaning ("Orange County").
ORDINARY_FOLLOWERS = frozenset(
    [
        "juice",
        "juices",
        "county",
        "river",
        "street",
        "tree",
        "trees",
        "peel",
        "peels",
        "color",
        "colour",
        "colours",
        "colors",
        "belt",
        "belts",
        "market",
        "markets",
        "practice",
        "practices",
        "price",
        "prices",
        "audience",
        "audiences",
        "group",
        "groups",
        "light",
        "lights",
    ]
)

# Lower-case words after a sentence-initial common-word name that still show the company
# ("Orange said", "Apple shares"); any other lower-case word shows the ordinary word.
COMPANY_FOLLOWERS = frozenset(
    ["said", "says", "reported", "reports", "agreed", "agrees", "will", "would", "has", "have", "had", "is", "was", "plans", "planned", "announced", "announces", "unveiled", "launched", "launches", "posted", "cut", "cuts", "shares", "stock", "chief", "executive", "boss", "and", "or", "to", "on", "in", "for", "also", "added", "expects", "expected", "sued", "sells", "sold", "buys", "bought", "named", "hired"]
)

# Capitalised words that turn a company name into the name of one of its units ("Vodafone UK").
UNIT_WORDS = frozenset(
    ["UK", "US", "USA", "China", "Europe", "Americas", "Asia", "Africa", "India", "Japan", "Germany", "France", "Italy", "Spain", "Australia", "Canada", "Brazil", "Mexico", "Russia", "International", "Global", "Ventures", "Capital", "Bank", "Energy", "Foundation"]
)

LEGAL_SUFFIXES = (
    "Co., Ltd.",
    "Co. Ltd.",
    "Co., Ltd",
    "Co. Ltd",
    "Inc.",
    "Inc",
    "Corp.",
    "Corporation",
    "S.A.",
    "SA",
    "AG",
    "plc",
    "Plc",
    "PLC",
    "GmbH",
    "N.V.",
    "NV",
    "LLC",
    "L.L.C.",
    "Ltd.",
    "Ltd",
    "Limited",
    "Holdings",
    "Group",
    "SE",
    "S.p.A.",
    "KK",
    "AB",
    "ASA",
    "Oyj",
    "BV",
)

# Deal words: (regular expression, agreement kind, plural?)
DEAL_WORDS = [
    (r"joint[- ]ventures?", "joint_venture"),
    (r"\bJVs?\b", "joint_venture"),
    (r"partnerships?", "partnership"),
    (r"partner(?:s|ed|ing)? with", "partnership"),
    (r"alliances?", "alliance"),
    (r"tie[- ]ups?", "partnership"),
    (r"cooperation agreements?", "partnership"),
    (
        r"acquisitions?|acquir(?:e|es|ed|ing)|takeovers?|tak(?:e|es|ing|en) over|buyouts?",
        "acquisition",
    ),
    (
        r"(?:agreed|agrees|plans?|planning|set|move|moves) to (?:buy|purchase)|bought|buys",
        "acquisition",
    ),
    (r"mergers?|merg(?:e|es|ed|ing)", "merger"),
    (r"stakes?", "investment"),
    (r"investments?|invest(?:s|ed|ing)? in", "investment"),
    (r"licens(?:ing|e) (?:deal|agreement)s?|licens(?:es|ed|ing)", "licensing"),
    (r"supply (?:deal|agreement|contract)s?", "supply"),
    (r"(?:the )?venture", "joint_venture"),
    (r"(?:extended |new |the )?agreement", "other"),
    (r"\bdeal\b", "other"),
]

# Status cues, strongest first: the first kind of cue found decides the status.
STATUS_CUES = [
    (
        "cancelled",
        r"call(?:s|ed)? off|scrap(?:s|ped)?|abandon(?:s|ed)?|cancel(?:s|led|ed)?|walk(?:s|ed)? away|drop(?:s|ped)? (?:the|its|their) (?:plan|bid)",
    ),
    (
        "terminated",
        r"terminat(?:e|es|ed|ing)|dissolv(?:e|es|ed)|wound up|end(?:s|ed)? (?:the|its|their) (?:partnership|alliance|venture|agreement)",
    ),
    (
        "completed",
        r"complet(?:e|es|ed|ing)|clos(?:e|es|ed|ing) (?:the|its|their)|finali[sz](?:e|es|ed)",
    ),
    ("extended", r"extend(?:s|ed|ing)?|extensions?|renew(?:s|ed|al)?"),
    ("expanded", r"expand(?:s|ed|ing)?|expansion|widen(?:s|ed)?|broaden(?:s|ed)?"),
    (
        "rumored",
        r"reportedly|rumou?r(?:s|ed)?|people familiar|according to (?:people|sources|a person)|is said to be",
    ),
    (
        "planned",
        r"in talks|in discussions|plan(?:s|ned)? to|considering|weighing|explor(?:e|es|ing) a|intends? to|would (?:buy|acquire|merge)",
    ),
    ("signed", r"sign(?:s|ed)|agreed|agrees|struck|seal(?:s|ed)|inked"),
    ("announced", r"announc(?:e|es|ed|ing)|unveil(?:s|ed)"),
]

SECTORS = {
    "IoT": r"internet of things|\bIoT\b|connected devices?",
    "Cloud": r"\bcloud\b",
    "Big data": r"big data",
    "5G": r"\b5G\b",
    "AI": r"artificial intelligence|\bAI\b",
    "Semiconductors": r"semiconductors?|chips?\b",
    "Electric vehicles": r"electric (?:cars?|vehicles?)|\bEVs?\b",
    "Batteries": r"batter(?:y|ies)",
    "Payments": r"payments?|card network",
    "Video games": r"video[- ]games?|gaming",
    "Streaming": r"streaming",
    "Pay TV": r"pay[- ]TV|satellite broadcaster",
    "Telecoms": r"telecoms services|mobile (?:operator|network)s?",
    "Energy": r"\boil\b|\bgas\b|renewable|solar|wind power",
    "Pharmaceuticals": r"pharmaceuticals?|drugs?\b|vaccines?",
    "Banking": r"\bbank(?:s|ing)?\b",
    "Logistics": r"logistics|shipping|container terminals?",
}

REGIONS = {
    "Asia": r"\bAsia(?:n)?\b",
    "Europe": r"\bEurope(?:an)?\b",
    "Africa": r"\bAfrica(?:n)?\b",
    "North America": r"\bNorth America(?:n)?\b",
    "South America": r"\bSouth America(?:n)?\b|\bLatin America\b",
    "Middle East": r"\bMiddle East\b",
    "China": r"\bChina\b(?! Telecom| Mobile| Unicom)|\bChinese\b",
    "United States": r"\bU\.S\.(?! giant)|\bUnited States\b|\bAmerica\b",
    "United Kingdom": r"\bU\.K\.|\bBritain\b|\bUnited Kingdom\b|\bBritish\b",
    "Japan": r"\bJapan(?:ese)?\b",
    "India": r"\bIndia(?:n)?\b",
    "Hong Kong": r"\bHong Kong\b",
}

# Words that refer back to the companies of an earlier sentence.
BACK_REFERENCES = r"\b(?:the pair|the two companies|the two firms|the two groups|the two carriers|the companies|the duo|both companies|both firms)\b"

NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}
