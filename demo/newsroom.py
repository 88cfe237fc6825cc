"""The demo newsroom's registry: the companies, people and deals its stories report.

Facts (names, tickers, dates, values) are public; every sentence here is our own.
"""

from datetime import date

SECTIONS = [
    ("Business", "business", "Companies, deals and markets."),
    ("Technology", "technology", "Telecoms, software and the companies that build them."),
]

# slug, name, legal name, country, aliases (name, case-sensitive), tickers, parent slug
COMPANIES = [
    (
        "china-telecom",
        "China Telecom",
        "China Telecom Corporation Limited",
        "CN",
        [("China Telecom Corp.", False)],
        ["HKEX:0728", "SSE:601728"],
        None,
    ),
    ("att", "AT&T", "AT&T Inc.", "US", [("AT&T Inc.", False)], ["NYSE:T"], None),
    (
        "orange",
        "Orange",
        "Orange SA",
        "FR",
        [("Orange", True), ("Orange SA", False)],
        ["EPA:ORA"],
        None,
    ),
    (
        "shanghai-symphony-telecommunications",
        "Shanghai Symphony Telecommunications",
        "Shanghai Symphony Telecommunications Co. Ltd.",
        "CN",
        [],
        [],
        None,
    ),
    ("jefferies", "Jefferies", "Jefferies Financial Group Inc.", "US", [], ["NYSE:JEF"], None),
    (
        "xpeng",
        "XPeng",
        "XPeng Inc.",
        "CN",
        [("XPeng Inc.", False)],
        ["NYSE:XPEV", "HKEX:9868"],
        None,
    ),
    (
        "magna-international",
        "Magna International",
        "Magna International Inc.",
        "CA",
        [("Magna", True)],
        ["NYSE:MGA", "TSX:MG"],
        None,
    ),
    ("magna-steyr", "Magna Steyr", "Magna Steyr AG & Co KG", "AT", [], [], "magna-international"),
    (
        "microsoft",
        "Microsoft",
        "Microsoft Corporation",
        "US",
        [("Microsoft Corp.", False)],
        ["NASDAQ:MSFT"],
        None,
    ),
    (
        "activision-blizzard",
        "Activision Blizzard",
        "Activision Blizzard, Inc.",
        "US",
        [("Activision Blizzard Inc.", False), ("Activision", False)],
        [],
        "microsoft",
    ),
    (
        "ubisoft",
        "Ubisoft",
        "Ubisoft Entertainment SA",
        "FR",
        [("Ubisoft Entertainment SA", False)],
        ["EPA:UBI"],
        None,
    ),
    (
        "vodafone",
        "Vodafone",
        "Vodafone Group Plc",
        "GB",
        [("Vodafone Group Plc", False)],
        ["LSE:VOD"],
        None,
    ),
    (
        "ck-hutchison",
        "CK Hutchison",
        "CK Hutchison Holdings Limited",
        "HK",
        [("CK Hutchison Holdings Ltd.", False)],
        ["HKEX:0001"],
        None,
    ),
    ("vodafone-uk", "Vodafone UK", "", "GB", [], [], "vodafone"),
    ("three-uk", "Three UK", "", "GB", [], [], "ck-hutchison"),
    ("vodafonethree", "VodafoneThree", "", "GB", [], [], None),
    ("directv", "DirecTV", "", "US", [], [], None),
    ("tpg", "TPG", "TPG Inc.", "US", [("TPG Inc.", False)], ["NASDAQ:TPG"], None),
    (
        "toyota",
        "Toyota",
        "Toyota Motor Corporation",
        "JP",
        [("Toyota Motor Corp.", False)],
        ["TSE:7203"],
        None,
    ),
    (
        "panasonic",
        "Panasonic",
        "Panasonic Holdings Corporation",
        "JP",
        [("Panasonic Corp.", False)],
        ["TSE:6752"],
        None,
    ),
]

# Draft stories left for the editor to structure, with the engine's suggestions waiting.
DRAFTS = {"toyota-panasonic-batteries": "business"}

# slug, name, title, organisation slug
PEOPLE = [
    ("deng-xiaofeng", "Deng Xiaofeng", "managing director of global business", "china-telecom"),
    ("edison-lee", "Edison Lee", "analyst", "jefferies"),
]

SECTORS = ["IoT", "Cloud", "Big data", "5G", "Electric vehicles", "Video games", "Pay TV"]
REGIONS = ["Asia", "Europe", "Africa", "China", "North America", "United Kingdom"]

# story file stem -> section slug, hours since publication
STORIES = {
    "china-telecom-widens-ties": ("technology", 3),
    "xpeng-magna-europe": ("business", 26),
    "microsoft-activision-closes": ("technology", 50),
    "vodafone-three-merger": ("business", 75),
    "att-directv-stake": ("business", 100),
}

# Each agreement: its facts, parties (company slug, role), and timeline events
# (kind, date, precision, story stem, description). The phrase marks the agreement in that story.
AGREEMENTS = [
    {
        "slug": "china-telecom-att-joint-venture",
        "title": "China Telecom and AT&T joint venture (Shanghai Symphony)",
        "kind": "joint_venture",
        "status": "extended",
        "parties": [("china-telecom", "partner"), ("att", "partner")],
        "resulting_company": "shanghai-symphony-telecommunications",
        "sectors": ["IoT", "Cloud", "Big data"],
        "regions": ["China"],
        "announced_place": "Shanghai",
        "events": [
            (
                "extended",
                None,
                "day",
                "china-telecom-widens-ties",
                "wider services and a larger footprint",
            )
        ],
        "phrase": ("china-telecom-widens-ties", "the joint venture"),
    },
    {
        "slug": "china-telecom-orange-partnership",
        "title": "China Telecom and Orange partnership",
        "kind": "partnership",
        "status": "extended",
        "parties": [("china-telecom", "partner"), ("orange", "partner")],
        "sectors": ["IoT"],
        "regions": ["Asia", "Europe", "Africa"],
        "announced_place": "Shanghai",
        "events": [("extended", None, "day", "china-telecom-widens-ties", "carried into IoT")],
        "phrase": ("china-telecom-widens-ties", "partnership"),
    },
    {
        "slug": "xpeng-magna-europe-production",
        "title": "XPeng and Magna European production partnership",
        "kind": "partnership",
        "status": "announced",
        "parties": [("xpeng", "partner"), ("magna-international", "partner")],
        "sectors": ["Electric vehicles"],
        "regions": ["Europe"],
        "announced_place": "Graz",
        "events": [("announced", None, "day", "xpeng-magna-europe", "contract assembly in Graz")],
        "phrase": ("xpeng-magna-europe", "The partnership"),
    },
    {
        "slug": "microsoft-activision-blizzard-acquisition",
        "title": "Microsoft acquisition of Activision Blizzard",
        "kind": "acquisition",
        "status": "completed",
        "parties": [("microsoft", "acquirer"), ("activision-blizzard", "target")],
        "sectors": ["Video games"],
        "regions": ["North America"],
        "announced_on": date(2022, 1, 18),
        "value": "68700000000",
        "currency": "USD",
        "events": [
            (
                "announced",
                date(2022, 1, 1),
                "month",
                "microsoft-activision-closes",
                "all-cash offer of $68.7 billion",
            ),
            (
                "completed",
                date(2023, 10, 13),
                "day",
                "microsoft-activision-closes",
                "closed after UK clearance",
            ),
        ],
        "phrase": ("microsoft-activision-closes", "acquisition"),
    },
    {
        "slug": "vodafone-three-uk-merger",
        "title": "Vodafone and Three UK merger",
        "kind": "merger",
        "status": "completed",
        "parties": [("vodafone", "partner"), ("ck-hutchison", "partner")],
        "resulting_company": "vodafonethree",
        "sectors": ["5G"],
        "regions": ["United Kingdom", "Europe"],
        "announced_on": date(2023, 6, 14),
        "events": [
            ("announced", date(2023, 6, 1), "month", "vodafone-three-merger", "plan made public"),
            (
                "completed",
                date(2025, 5, 1),
                "month",
                "vodafone-three-merger",
                "VodafoneThree formed",
            ),
        ],
        "phrase": ("vodafone-three-merger", "merger"),
    },
    {
        "slug": "tpg-directv-stake",
        "title": "TPG purchase of AT&T's DirecTV stake",
        "kind": "acquisition",
        "status": "signed",
        "parties": [("tpg", "acquirer"), ("directv", "target"), ("att", "seller")],
        "sectors": ["Pay TV"],
        "regions": ["North America"],
        "value": "7600000000",
        "currency": "USD",
        "events": [("signed", None, "day", "att-directv-stake", "sale of the 70% stake agreed")],
        "phrase": ("att-directv-stake", "sell its 70% stake"),
    },
]

RANKINGS = {
    "top-stories": {
        "title": "Top stories",
        "kind": "editorial",
        # The editors' three picks, in their order; "Most read" is the readers' list.
        "entries": [
            "vodafone-three-merger",
            "microsoft-activision-closes",
            "att-directv-stake",
        ],
    },
    "most-read": {"title": "Most read", "kind": "most_read"},
    "from-our-partners": {
        "title": "From our partners",
        "kind": "partner",
        "sponsor": "Harbourline Payments",
        "entries": [
            (
                "Paying abroad: a guide for small exporters",
                "https://partners.newsroom.example/exporters",
            ),
            (
                "How card networks settle cross-border payments",
                "https://partners.newsroom.example/settlement",
            ),
        ],
    },
}
