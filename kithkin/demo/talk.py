"""What people say when they get in touch, and what the conversation finds, by kind of need.

`{who}` is the person the contact is about, as the caller would say it ("Mum", "my brother"); `{they}`,
`{them}` and `{their}` are their pronouns and `{partner}` is "husband" or "wife" (for what they say themselves,
about their own partner; for what others say, the partner of the person it is about).
`term` is the directory taxonomy term whose services a worker connects them with.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Need:
    term: str
    self_words: tuple[str, ...]
    family_words: tuple[str, ...]
    referral_words: tuple[str, ...]
    not_working: tuple[str, ...]
    ideas: tuple[str, ...]


NEEDS = {
    "falls": Need("health.falls",
                  ("I've had two falls since Christmas and I'm frightened of the stairs now.",
                   "I fell in the garden last week and lay there an hour. I don't want to go in a home.",
                   "My legs aren't what they were. Is there anything to help me stay steady?"),
                  ("{who} keeps falling and won't use the frame the hospital gave {them}.",
                   "{who} had a fall on Sunday. We're worried about the stairs and the bath."),
                  ("Third fall this year, lives alone, no pendant alarm. Would value a community approach.",
                   "Frequent faller, declining confidence; discharged today. Please make contact."),
                  ("Scared to go out since the fall", "Can't get in and out of the bath", "No alarm if {they} falls"),
                  ("Tried a stick but it stays in the hall", "Son fitted a second banister rail")),
    "home": Need("home",
                 ("I can't manage the hoovering and the shopping any more.",
                  "I need a bit of help at home, nothing fancy - just the heavy jobs.",
                  "Since my operation I can't reach the top cupboards or carry the washing."),
                 ("{who} isn't eating properly; the fridge was empty when I visited.",
                  "{who} is struggling with the house and won't let strangers in."),
                 ("Needs help with meals and housework following a period of ill health.",
                  "Carers report the home environment is deteriorating; client declines formal care."),
                 ("Kitchen is hard to use", "Shopping is too heavy to carry from the bus", "Garden has got away"),
                 ("Neighbour does some shopping", "Tried online shopping but the app was confusing")),
    "lonely": Need("connect",
                   ("I don't see a soul from one week to the next.",
                    "Since my {partner} passed I sit in all day. I'd like something to go to.",
                    "I'm new to the area and I don't know anyone here."),
                   ("{who} is very lonely since Dad died and has stopped going out.",
                    "{who} says the days are long. Is there a club or someone who could visit?"),
                   ("Socially isolated; would benefit from community connection (social prescribing).",
                    "Patient reports low mood linked to loneliness. Please contact."),
                   ("Days are long and quiet", "Lost touch with friends after the move", "Doesn't drive any more"),
                   ("Used to go to the lunch club but the bus stopped", "Daughter phones every evening")),
    "carer": Need("carers",
                  ("I look after my {partner} and I'm worn out. I need a break now and then.",
                   "I'm caring for my mum and working full time. I don't know what help there is.",
                   "Who would look after my {partner} if I was taken ill? I lie awake thinking about it."),
                  ("{who} looks after everyone and is exhausted, but {they} won't admit it.",
                   "We all help look after {who} and we're at the end of our tether."),
                  ("Carer strain evident at appointment. Carer would like information on breaks.",
                   "Main carer admitted to hospital; cared-for person at home alone."),
                  ("No time to myself", "Not sleeping", "Nobody to step in in an emergency"),
                  ("Family help at weekends", "Tried a sitting service once but it was too far")),
    "memory": Need("memory",
                   ("I keep forgetting things and it frightens me. The doctor says it's early days.",
                    "I've been told I have dementia and I want to know what there is."),
                   ("{who} is getting confused - left the gas on twice this month.",
                    "{who} has been diagnosed with Alzheimer's. What happens now?",
                    "{who} is getting muddled with {their} tablets and I live an hour away."),
                   ("New diagnosis of mixed dementia; family would like post-diagnostic support.",
                    "Memory clinic referral: lives with spouse who is finding things difficult."),
                   ("Getting lost on the way back from the shop", "Tablets muddled", "Husband is tired"),
                   ("Dosette box from the pharmacy", "Calendar on the kitchen wall")),
    "condition": Need("health.long-term",
                      ("My breathing's bad this winter and I can't get to the shops.",
                       "With my heart I can't do what I used to. I want to stay at home though."),
                      ("{who}'s COPD is worse and {they} gets breathless just getting dressed.",
                       "{who} has Parkinson's and is finding the mornings hard."),
                      ("COPD, recent exacerbation; would benefit from support to self-manage at home.",
                       "Diabetic, poor control, lives alone; possible community support?"),
                      ("Breathless on the stairs", "Can't get to appointments", "Worried about winter"),
                      ("Rescue pack at home", "Went to pulmonary rehab last year")),
    "discharge": Need("home",
                      ("I'm coming out of hospital on Friday and there's nobody at home.",),
                      ("{who} is being discharged tomorrow and lives on {their} own.",),
                      ("Discharge planned for Friday; lives alone, needs help with shopping for a couple of weeks.",
                       "Medically fit for discharge; family abroad. Please make contact to support return home."),
                      ("Nobody at home to help", "Fridge empty", "Can't manage the stairs yet"),
                      ("Neighbour has a key", "Ward has ordered a commode")),
    "money": Need("money",
                  ("I've had a letter about my benefits and I don't understand it.",
                   "The heating bills are frightening me. Can anyone help me check what I'm entitled to?"),
                  ("{who} has been sent a form for Attendance Allowance and needs help with it.",
                   "{who} gave money to someone at the door. We think it's a scam."),
                  ("Financial hardship affecting wellbeing; please signpost for benefits advice.",),
                  ("Forms are too long", "Behind with the gas", "Doesn't trust the phone"),
                  ("Grandson helped with the online account", "Went to the post office but it was shut")),
    "transport": Need("getting-around",
                      ("The bus only comes twice a day now. How do I get to my hospital appointments?",
                       "I've had to give up driving and I'm stuck out here."),
                      ("{who} can't get to the surgery now the bus has been cut.",),
                      ("Missed three outpatient appointments: transport barrier.",),
                      ("No bus on a Sunday", "Taxis cost too much", "Can't walk to the stop"),
                      ("Neighbour gives lifts when she can",)),
    "mental": Need("health.mental",
                   ("I've been feeling really low and I don't want to go back to how it was.",
                    "I can't cope with everything at the moment. I don't need a doctor, I need a hand."),
                   ("{who} has stopped going out and isn't answering the phone.",),
                   ("Anxiety and low mood; would benefit from peer support and activity.",
                    "Recently discharged from the community mental health team; please contact."),
                   ("Not sleeping", "Stopped going out", "Debts on top of everything"),
                   ("Talking therapies - on the waiting list", "Walks the dog every day")),
    "bereaved": Need("health.bereavement",
                     ("My {partner} died in March. I don't know what to do with myself.",
                      "I lost my {partner} and I can't seem to pick up again."),
                     ("{who} lost {their} {partner} last month and isn't coping.",),
                     ("Recently bereaved, isolated, low mood. Please make contact.",),
                     ("House feels empty", "Can't face the paperwork", "Stopped eating properly"),
                     ("Son phones most days", "Went to the vicar")),
    "housing": Need("living",
                    ("My landlord wants me out and I've nowhere to go.",
                     "The flat's damp and up three flights of stairs. I can't manage it now."),
                    ("{who} needs somewhere on one level; {they} can't do the stairs.",),
                    ("Housing no longer suitable; client requesting advice on options.",),
                    ("Stairs", "Damp", "Notice to quit"), ("Went to the council's housing desk",)),
    "disability": Need("disability",
                       ("I want to do more for myself and get out more, but I need a bit of support.",
                        "I've lost most of my sight and I need to learn to manage things differently."),
                       ("{who} has left college and has nothing to do all week.",
                        "{who} needs some help to live more independently."),
                       ("Young adult moving on from children's services; please contact family.",
                        "Sight loss registration completed; would benefit from rehabilitation and peer support."),
                       ("Nothing to do in the week", "Relying on Mum for everything", "Can't read the post"),
                       ("Tried a day centre but it wasn't for him", "Has a talking watch")),
    "digital": Need("learning.digital",
                    ("Everything's online now and I can't get on with it.",
                     "My grandson bought me a tablet and I'd like to learn to video call him."),
                    ("{who} can't do the online forms and won't ask.",),
                    ("Digital exclusion affecting access to services.",),
                    ("No internet at home", "Forgets passwords"), ("Library course was full",)),
}

WORKING_WELL = (
    "Close to the family", "Good neighbours who keep an eye out", "Still cooks every day", "Loves the garden",
    "Gets to church every week", "A good GP", "Knows lots of people in the village", "Manages money well",
    "Keeps active with the dog", "Family phone every day", "Happy in the bungalow", "Strong faith",
)
STRENGTHS_AND_NETWORK = (
    "Daughter nearby, two good neighbours, friends from chapel", "Son in Marshby, grandchildren visit weekly",
    "Husband, and a friend from the bowls club", "Sister and a neighbour with a car",
    "Wide family on the site; cousins close by", "Friends from the Polish parish",
    "Not many people nearby; a nephew in Peterborough", "Workmates, and his partner",
)
NO_FURTHER_ACTION = (
    "Already getting the help they need from the GP surgery",
    "Didn't want anything from us for now; has our number and will call back",
    "Wanted the council tax team: passed on the number",
    "Moved out of the district: gave details of the council there",
    "Not able to reach after three tries; letter sent",
    "Family have sorted things themselves",
)
ADVICE_NOTES = (
    "Talked through the options; they will ring the service themselves",
    "Gave information by post in large print", "Sent the details by text", "Explained what the council can do",
    "Advice on benefits checked with them on the phone", "Talked through an emergency plan",
)
CRISIS_NOTES = (
    "Short-term support at home arranged for two weeks", "Emergency respite while the carer is in hospital",
    "Urgent reablement visit booked for tomorrow morning", "Night-time check calls for a week",
)
ONGOING_NOTES = (
    "Passed to the practitioner for a care and support assessment", "Needs a support plan: coordinator allocated",
    "Carer's assessment booked", "Occupational therapy assessment for adaptations",
)
