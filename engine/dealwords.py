"""The words deals are reported in, kept in code so that every proposal can cite them.

Each list says what a phrase means for a deal: its kind, its status, who is a party and who only
stands by, which terms it carries. The patterns are matched case-insensitively unless noted.
"""

# Deal cues: (name, pattern, kind). Kind "other" marks a word that says there is a deal without
# saying which ("the agreement", "a deal"); the clause's other words decide. Longer phrases first:
# at one position the first alternative that matches wins.
DEAL_CUES = [
    ("joint_venture", r"joint[- ]ventures?|JVs?", "joint_venture"),
    ("stake", r"(?:equity |minority |majority |controlling )?stakes?", "investment"),
    ("licence_deal", r"licen[cs](?:ing|e) (?:deal|agreement|pact)s?|licensing", "licensing"),
    ("licence_verb", r"licens(?:es|ed)|licen[cs]es? (?:to|for)", "licensing"),
    # An offtake is a supply bought ahead of production; "the supply of" names the goods sold.
    (
        "supply_deal",
        r"(?:supply|offtake|off-take|power purchase) (?:deal|agreement|contract|pact)s?|"
        r"offtakes?|supply of|PPAs?",
        "supply",
    ),
    ("supply_verb", r"(?:to |will )suppl(?:y|ies)|suppl(?:ies|ied)|supplier of", "supply"),
    ("partnership", r"partnerships?|partner(?:s|ed|ing)? with|tie[- ]ups?", "partnership"),
    (
        "cooperation",
        r"(?:cooperation|collaboration)(?: framework)? (?:agreement|deal|pact)s?|"
        r"framework agreements?",
        "partnership",
    ),
    ("team_up", r"team(?:s|ed|ing)? up with", "partnership"),
    ("alliance", r"alliances?", "alliance"),
    ("merger", r"mergers?|merg(?:e|es|ed|ing) with|merg(?:e|es|ed|ing)", "merger"),
    (
        "combination",
        r"(?:possible |proposed |potential )?combination of|combin(?:e|es|ed|ing) with",
        "merger",
    ),
    ("takeover", r"takeovers?|t(?:ake|akes|aking|aken|ook) over|buyouts?", "acquisition"),
    # "a $5bn bid for Acme", "an offer for Acme": a bid is for a company.
    ("bid", r"(?:bids?|offers?) for", "acquisition"),
    ("acquire", r"acquisitions?|acquir(?:e|es|ed|ing)", "acquisition"),
    (
        "buy",
        r"buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|snap(?:s|ped|ping)? up|"
        r"swallow(?:s|ed|ing)?(?: up)?",
        "acquisition",
    ),
    ("sale", r"sale of|sell(?:s|ing)?|sold", "acquisition"),
    # "investment bank", "investment guru": the word names a trade, not a deal.
    (
        "invest",
        r"investments? in|invest(?:s|ed|ing)? in|investments?(?! (?:guru|gurus|banks?|bankers?|"
        r"banking|firms?|funds?|managers?|company|companies|vehicles?|arms?|house|grade|advice|"
        r"advisers?|strategy|portfolios?|groups?|trusts?|income|returns?|activity|climate)\b)",
        "investment",
    ),
    ("venture", r"ventures?", "joint_venture"),
    # A memorandum says there is a deal, and is a partnership unless its clause says more.
    ("memorandum", r"memorand(?:um|a) of understanding|MoUs?|memorand(?:um|a)", "partnership"),
    ("generic", r"agreements?|deals?|pacts?|transactions?", "other"),
]

# Words that name several deals, not one ("both deals", "the two agreements").
PLURAL_CUE = (
    r"(?:partnerships|alliances|tie[- ]ups|ventures|agreements|deals|mergers|acquisitions|"
    r"investments|stakes|JVs|pacts|transactions|takeovers)$"
)

# A stake that carries control makes its buyer the owner: an acquisition, not an investment.
CONTROLLING_STAKE = r"(?:controlling|majority)\s+stake"
STAKE_PERCENT = (
    r"(\d+(?:\.\d+)?)\s*(?:%|per\s?cent|percent)(?:\s+\w+)?\s+(?:stake|interest|holding)"
)

# Status cues, strongest first: the first status with a cue in a deal's sentences decides.
STATUS_CUES = [
    (
        "cancelled",
        r"call(?:s|ed|ing)? off|scrap(?:s|ped|ping)?|ditch(?:es|ed|ing)?|abandon(?:s|ed|ing)?|"
        r"cancel(?:s|led|ed|ling|ing)?|walk(?:s|ed|ing)? away|block(?:s|ed|ing)?|prevent(?:s|ed)?|"
        r"end(?:s|ed)? talks|could not move forward|fell through|collaps(?:e|ed|es)|"
        r"drop(?:s|ped|ping)? (?:the |its |their )?(?:\w+ )?(?:plans?|bid|offer|talks|pursuit|"
        r"approach|interest)|withdr(?:ew|awn|aws?) (?:the|its) (?:bid|offer)|reject(?:s|ed|ing)|"
        r"ceased|not to proceed|decided against|unable to agree|"
        # "would have created": what the deal would have done, had it happened.
        r"would have (?!to\b)\w+(?:ed|en)",
    ),
    (
        "terminated",
        r"terminat(?:e|es|ed|ing)|dissolv(?:e|es|ed)|wound up|unwind|"
        r"end(?:s|ed)? (?:the|its|their) (?:partnership|alliance|venture|agreement|tie-up)|"
        r"exit(?:s|ed)? (?:the|its|their) (?:partnership|alliance|venture)|phas(?:e|ed|ing) out",
    ),
    (
        "completed",
        r"complet(?:e|es|ed|ing)|clos(?:e|es|ed|ing) (?:the|its|their)|finali[sz](?:e|es|ed)|"
        r"was (?:acquired|bought|purchased|taken over|snapped up|sold)|closed|"
        r"(?:has |have |had )?(?:acquired|bought|purchased|took over|snapped up|swallowed)|"
        # A stake taken is a stake held; a deal dated by a year before its noun is a past deal.
        r"(?:has|have|had) taken|took an? (?:[\w.%-]+ ){0,3}(?:stake|holding|interest)|(?:19|20)\d\d (?:acquisition|purchase|takeover|"
        r"merger|buyout)",
    ),
    ("extended", r"extend(?:s|ed|ing)?|extensions?|renew(?:s|ed|al|ing)?|prolong(?:s|ed)?"),
    (
        "expanded",
        # Only an expansion of the deal itself: "expand its range" is not the deal's status.
        r"(?:expand(?:s|ed|ing)?|widen(?:s|ed)?|broaden(?:s|ed)?|expansion of) (?:the |their |its "
        r"|an? |existing )*(?:\w+ ){0,2}(?:partnership|alliance|venture|agreement|deal|tie-up|"
        r"cooperation|collaboration)",
    ),
    (
        "rumored",
        r"reportedly|rumou?r(?:s|ed)?|people familiar|familiar with the (?:matter|plans?|talks)|"
        r"according to (?:people|sources|a person|two people|three people)|is said to be|"
        r"speculation|sources said|people briefed|people close to|reports? (?:of|that)",
    ),
    (
        "planned",
        r"in (?:advanced |early |exclusive |preliminary )?(?:talks|discussions|negotiations)|"
        r"(?:nearing|close to) (?:a|an) (?:deal|agreement)|talks (?:with|over|about)|plan(?:s|ned)? to|"
        r"will sign|to sign|about to|planned (?:formation|creation|merger|acquisition|sale|"
        r"purchase|takeover|deal|venture|joint venture|partnership)|whether to|weigh(?:s|ing)?(?: up)?|considering|explor(?:e|es|ing) (?:a|an|the|options)|intends? to|"
        r"would (?:buy|acquire|merge)|may|might|could|possible|potential|proposed|"
        r"seeking to|aims? to|wants? to|bid(?:s|ding)? for|offer(?:s|ed)? (?:to buy|for)|"
        r"non-binding|proposals?|intention|intends|letter of intent",
    ),
    # "Agreed" is announced, not signed: the newsroom's labels keep "signed" for an agreement the
    # text says was signed or entered into (engine/evaluation/README.md).
    ("signed", r"sign(?:s|ed|ing)|seal(?:s|ed)|inked|entered into|enters into"),
    ("announced", r"announc(?:e|es|ed|ing)|unveil(?:s|ed)|agreed|agrees|struck|strikes|reached"),
]

# Where one clause of a sentence ends and another begins.
# A dash opens an aside; ", eclipsing ...", ", making ..." start a clause of their own.
CLAUSE_BREAKS = (
    r",\s+(?:which|who|while|but|and|as|after|before|until|because|although)\b|;|"
    r"\s(?:until|while|because|although|whereas|but)\s|—|,\s+(?-i:(?!including\b)[a-z]+ing)\b"
)

# A completion that is awaited is no completion ("until Acme closes its acquisition of Bolt").
AWAITED = (
    r"\b(?:until|before|once|when|after|pending|expected to|is to|are to|will|would|agreed to|"
    r"agrees to|plans? to|wants? to|set to)\s+"
)

SECTORS = {
    "IoT": r"internet of things|\bIoT\b|connected devices?",
    "Cloud": r"\bcloud\b",
    "Big data": r"big data",
    "5G": r"\b5G\b",
    "AI": r"artificial intelligence|(?-i:AI)",
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
BACK_REFERENCES = (
    r"\b(?:the pair|the two(?! (?:deals|agreements|partnerships|ventures))|both companies|"
    r"both firms|both groups|the companies|the duo|the partners|the parties|both parties|each other|"
    r"(?:its|their) (?:partner|counterpart))\b"
)

# Words after which a named company stands by a deal without being a party to it.
BYSTANDER_CUES = (
    r"\b(?:rivals?|competitors?(?: (?:for|to|of))?|compet(?:e|es|ing) (?:with|against)|"
    r"such as|unlike|ahead of|versus|vs\.?|overtak(?:e|es|ing)|challeng(?:e|es|ing)|"
    r"(?:companies|groups|firms|carriers|operators|players) like|"
    # The press that carries the story.
    r"reports|reported by|according to|told)\b"
)

# Currency symbols and words, as ISO 4217 codes. Longer symbols first.
CURRENCIES = {
    "US$": "USD",
    "HK$": "HKD",
    "A$": "AUD",
    "C$": "CAD",
    "S$": "SGD",
    "NZ$": "NZD",
    "R$": "BRL",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "dollars": "USD",
    "euros": "EUR",
    "pounds": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "francs": "CHF",
    "won": "KRW",
}
ISO_CURRENCIES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "HKD", "CHF", "INR", "AUD", "CAD", "SGD", "KRW",
    "SEK", "NOK", "DKK", "BRL", "ZAR", "RMB",
)  # fmt: skip
SCALES = {
    "trillion": 1e12,
    "tn": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "thousand": 1e3,
    "k": 1e3,
}
# Words that make an amount the price of the deal rather than a company's sales.
VALUE_CUES = (
    r"(?:for|worth|valued at|valuing \w+ at|value of|price of|paying|pay|in a|an?|"
    r"enterprise value of|consideration of|about|around|some|nearly|roughly)\s*$"
)
VALUE_FOLLOWERS = (
    r"\s*(?:\(\w+\)\s*)?(?:deal|acquisition|takeover|merger|investment|purchase|bid|offer|"
    r"transaction|buyout|agreement|contract|cash|in cash|all-cash|all-stock)\b"
)

REGULATORS = (
    "European Commission", "Competition and Markets Authority", "CMA", "Federal Trade Commission",
    "FTC", "Department of Justice", "Justice Department", "DOJ", "SAMR", "State Administration "
    "for Market Regulation", "FCC", "Ofcom", "BaFin", "CFIUS", "ACCC", "Competition Commission",
    "Bundeskartellamt", "Federal Cartel Office", "SEC", "Securities and Exchange Commission",
    "antitrust regulators", "competition regulators", "regulators", "shareholders",
)  # fmt: skip
APPROVAL_STATES = [
    ("blocked", r"block(?:s|ed)|prohibit(?:s|ed)|veto(?:es|ed)?|rejected"),
    (
        "granted",
        r"approv(?:ed|es)|clear(?:s|ed)|gave (?:its )?(?:approval|clearance)|"
        r"green light|signed off",
    ),
    ("required", r"subject to|pending|needs?|requires?|awaits?|awaiting|seeking|must|approval"),
]
ADVISER_CUES = (
    r"advis(?:ed|ing|es)|advisers?|advisors?|counsel|acted for|acting for|represent(?:ed|ing|s)"
)
