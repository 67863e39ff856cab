"""Who the synthetic people are: situations, what matters to them, strengths and interests, in their words.

A profile is a situation someone may be in (frailty and falls, dementia, a learning disability...).
It sets the kinds of help they tend to ask for (`needs`, keys of kithkin.demo.talk.NEEDS), where they
tend to live, and phrases for their record. Phrases are short and combined, so records read differently.
"""

from dataclasses import dataclass

from kithkin.people.models import LivingSituation as L


@dataclass(frozen=True)
class Profile:
    key: str
    older: bool
    weight: int
    needs: dict[str, int]
    living: dict[str, int]
    what_matters: tuple[str, ...]
    communication: tuple[str, ...] = ()


OLDER_HOME = {L.ALONE: 38, L.PARTNER: 36, L.FAMILY: 14, L.OTHERS: 2, L.CARE_HOME: 4, L.SHARED_LIVES: 1, L.UNKNOWN: 5}

PROFILES = (
    Profile("frail_falls", True, 18, {"falls": 4, "home": 3, "lonely": 1, "transport": 1, "discharge": 2}, OLDER_HOME,
            ("Staying in my own home, with the stairs if I can", "Not ending up in hospital again",
             "Getting to the shops on my own, even slowly", "Not being a burden on my son"),
            ("Hard of hearing: face her and speak clearly", "")),
    Profile("dementia", True, 12, {"memory": 5, "carer": 2, "home": 1, "money": 1},
            {L.PARTNER: 45, L.ALONE: 20, L.FAMILY: 20, L.CARE_HOME: 10, L.UNKNOWN: 5},
            ("Being at home with my things around me", "My husband and our dog", "Sundays with the grandchildren",
             "The garden and the birds at the feeder", "Going to church like I always have"),
            ("Has dementia: short questions, one at a time, and time to answer",
             "Best in the mornings; gets tired and muddled by the afternoon",
             "Speak to her daughter as well: she keeps track of appointments")),
    Profile("lung_heart", True, 12, {"condition": 4, "home": 2, "transport": 2, "lonely": 1, "discharge": 1},
            OLDER_HOME,
            ("Being able to breathe well enough to get to the allotment", "Staying out of hospital this winter",
             "Getting to the Breathe Easy singing group", "Keeping my independence, thank you very much"),
            ("Gets breathless on long calls: keep them short, or call back", "")),
    Profile("sight_hearing", True, 8, {"disability": 3, "digital": 2, "lonely": 2, "home": 1}, OLDER_HOME,
            ("Keeping up with the news and my talking books", "Not feeling cut off from people",
             "Getting about the town safely with my cane"),
            ("Registered blind: phone rather than letters; large print if written",
             "Deaf: uses British Sign Language; book an interpreter", "Hearing aids: a quiet room helps")),
    Profile("lonely_bereaved", True, 14, {"lonely": 4, "bereaved": 3, "mental": 1, "digital": 1}, OLDER_HOME,
            ("Having someone to talk to since my wife died", "A reason to get dressed in the morning",
             "Getting out of the house at least twice a week", "Seeing people at the lunch club"), ()),
    Profile("older_carer", True, 10, {"carer": 5, "money": 1, "condition": 1, "home": 1},
            {L.PARTNER: 80, L.FAMILY: 15, L.UNKNOWN: 5},
            ("Looking after my husband at home for as long as I can", "A couple of hours to myself now and then",
             "Knowing someone will step in if I'm taken ill"), ()),
    Profile("stroke", True, 6, {"home": 3, "condition": 2, "transport": 1, "discharge": 3}, OLDER_HOME,
            ("Getting my speech back and being understood", "Driving again, or at least getting out",
             "Making my own cup of tea"),
            ("Aphasia since the stroke: give him time, and use yes/no questions", "")),
    Profile("well_older", True, 10, {"money": 3, "digital": 2, "transport": 2, "housing": 1, "lonely": 1},
            OLDER_HOME,
            ("Staying independent and busy", "Keeping the car on the road", "My volunteering at the charity shop"),
            ()),
    Profile("learning_disability", False, 8, {"disability": 3, "money": 2, "housing": 2, "lonely": 1},
            {L.FAMILY: 38, L.SUPPORTED_LIVING: 25, L.SHARED_LIVES: 10, L.ALONE: 12, L.OTHERS: 10, L.UNKNOWN: 5},
            ("Having my own flat one day", "My job at the café on Fridays", "Going to Friday Night Club",
             "Choosing what I do, not being told"),
            ("Easy Read letters, please", "Likes to have his mum with him for big conversations",
             "Uses Makaton alongside speech")),
    Profile("autism", False, 5, {"disability": 2, "mental": 2, "money": 1, "lonely": 1},
            {L.FAMILY: 45, L.ALONE: 30, L.SUPPORTED_LIVING: 15, L.UNKNOWN: 10},
            ("Knowing what is going to happen and when", "My trains and my model railway",
             "Getting a job where people are straight with me"),
            ("Autistic: tell him in advance who is coming and when; prefers email to phone calls",
             "Prefers text messages; phone calls make her anxious")),
    Profile("mental_health", False, 9, {"mental": 4, "housing": 1, "money": 2, "lonely": 1},
            {L.ALONE: 40, L.FAMILY: 25, L.OTHERS: 15, L.PARTNER: 10, L.NO_FIXED_ABODE: 3, L.UNKNOWN: 7},
            ("Keeping well and out of hospital", "Seeing my kids every other weekend",
             "Getting back to work when I'm ready", "The growing project - digging clears my head"),
            ("Prefers a call to a letter, but not before 10 in the morning", "")),
    Profile("physical_disability", False, 6, {"disability": 2, "home": 3, "transport": 2, "money": 1},
            {L.ALONE: 30, L.PARTNER: 30, L.FAMILY: 30, L.UNKNOWN: 10},
            ("Getting in and out of my own front door", "Carrying on at work", "Playing wheelchair basketball"), ()),
    Profile("brain_injury", False, 3, {"disability": 2, "home": 1, "mental": 1, "money": 1},
            {L.FAMILY: 50, L.ALONE: 25, L.SUPPORTED_LIVING: 15, L.UNKNOWN: 10},
            ("Remembering what I've planned for the day", "Getting back on my bike", "My mates from the darts team"),
            ("Memory problems since the accident: write things down for him", "")),
    Profile("younger_carer", False, 6, {"carer": 4, "money": 1, "mental": 1},
            {L.FAMILY: 70, L.PARTNER: 25, L.UNKNOWN: 5},
            ("Keeping my job while looking after Mum", "Some time for me and my own kids",
             "Mum being safe when I'm at work"), ()),
    Profile("substance", False, 2, {"mental": 2, "housing": 2, "money": 1},
            {L.ALONE: 40, L.OTHERS: 25, L.NO_FIXED_ABODE: 15, L.FAMILY: 10, L.UNKNOWN: 10},
            ("Staying dry, one day at a time", "Somewhere settled to live", "Getting back in touch with my brother"),
            ()),
)

WHAT_MATTERS = (
    "Seeing my family", "My cat, Smudge", "My dog, Bess, and our walks along the drove",
    "Watching the football on a Saturday", "Going to Mass on Sunday", "A tidy garden",
    "Keeping my own front door", "Feeling useful", "Getting out to the market on Thursdays",
    "Not having strangers in the house", "Being near my friends", "Knowing the bills are paid",
    "Being treated like a grown-up", "Having a laugh", "Staying in Fenmere, where I've always been",
)
COMMUNITY_MATTERS = {
    "polish": ("Polish Mass at St Mary's on Sundays", "Talking to my grandchildren in Polish"),
    "lithuanian": ("The Saturday club at the Lithuanian association", "Phoning my sister in Kaunas"),
    "latvian": ("Singing in the Latvian choir", "Cooking grey peas and bacon at Christmas"),
    "portuguese": ("Sunday lunch with the whole family", "The Portuguese shop on Bridge Street"),
    "romanian": ("The Orthodox church in Holme St Agnes", "Video calls with my daughter in Iași"),
    "bulgarian": ("My vegetable patch - I grow peppers like at home", "Family nearby"),
    "gypsy_roma_traveller": ("Staying with my family on the site", "The horse fair at Stow in the spring",
                             "Being spoken to with respect"),
    "south_asian": ("Going to the gurdwara", "The mosque on a Friday", "Cooking for the family"),
    "black_british": ("Church on Sunday and the choir", "Dominoes with my friends"),
}
STRENGTHS = (
    "Knows everyone on the street", "Good with my hands - can fix most things", "Still drives", "Very organised",
    "Determined", "Great sense of humour", "A good cook", "Patient and kind", "Close family who visit",
    "Good neighbours", "Strong faith", "Knows what she wants", "Happy to try new things", "Good on the computer",
    "Walks every day", "Used to run the village fete", "Good listener",
    "Gets on with people", "Keeps a diary of everything", "Good at budgeting", "Loves to help others",
)
INTERESTS = (
    "gardening", "the allotment", "fishing on the lode", "darts at the Five Bells", "bingo", "knitting",
    "crosswords", "football", "speedway", "bowls", "the church choir", "cooking", "jigsaws", "bird watching",
    "family history", "old films", "country music", "line dancing", "dominoes", "model railways", "horses",
    "car boot sales", "reading", "walking the dog", "baking", "sewing", "cards", "the radio", "snooker on telly",
)
GOOD_LIFE = (
    "A cup of tea with someone most days and my garden kept nice",
    "Being in my own home, doing things my way",
    "Seeing my grandchildren grow up",
    "Getting out and about, and not being stuck indoors",
    "Feeling safe at night",
    "Having my own money and spending it how I like",
    "A job, a home and friends - same as anyone",
    "Being able to help other people, not just be helped",
    "Not having to ask for help with everything",
    "Living with my partner and our pets, near my family",
    "Peace and quiet, and people who don't fuss",
    "Being part of things in the village again",
)
SHARING_NOTES = (
    "Happy for her daughter to know everything.",
    "Does not want his son told about money matters.",
    "Talk to me first, not my family.",
    "Fine to share with the surgery.",
    "",
)
