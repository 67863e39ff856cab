"""Names from the communities that live in the fens, written by hand (no Faker).

Each community has given names for older people (65 and over) and for younger adults, by sex,
and family names; where a language gives the family name a feminine form it is written as
"masculine/feminine". `weight` is its share of Fenmere's synthetic population, `older` the share
of its people who are 65 or over, `languages` the ways people describe the languages they speak.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Community:
    key: str
    weight: float
    older: float
    older_f: tuple[str, ...]
    older_m: tuple[str, ...]
    younger_f: tuple[str, ...]
    younger_m: tuple[str, ...]
    family: tuple[str, ...]
    languages_older: tuple[str, ...]
    languages_younger: tuple[str, ...]


def _t(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _s(text: str) -> tuple[str, ...]:
    """Family names separated by commas (some have spaces, like 'Da Silva')."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


COMMUNITIES = (
    Community(
        "english", 70.0, 0.72,
        _t("Edna Doris Joan Margaret Betty Jean Sheila Brenda Pauline Maureen Sylvia Irene Valerie Barbara "
           "Patricia Shirley Dorothy Audrey Eileen Marjorie Gwen Hazel Rita Iris Janet Christine Sandra Lesley"),
        _t("Arthur Harold Kenneth Brian Roy Dennis Derek Ronald Stanley Alan Colin Frank Leonard Gordon Norman "
           "Raymond Trevor Geoffrey Barry Terry Malcolm Clifford Bernard Wilfred Keith Graham Peter Michael"),
        _t("Sarah Claire Emma Rachel Gemma Kelly Lisa Nicola Hannah Laura Charlotte Amy Jodie Stacey Katie "
           "Leanne Zoe Becky Sophie Chloe Jade Louise Donna Michelle"),
        _t("Daniel James Mark Paul Lee Craig Darren Ryan Jamie Liam Tom Matthew Adam Wayne Shaun Dean Ben "
           "Luke Ashley Callum Jordan Nathan Gary Steven"),
        _s("Jones, Smith, Brown, Taylor, Wilson, Harrison, Cooper, Barker, Fisher, Thompson, Walker, Wright, "
           "Green, Hall, Wood, Clarke, Marshall, Turner, Bailey, Cook, Mason, Newton, Gotobed, Peacock, "
           "Ashby, Chapman, Scarlett, Hammond, Rudd, Boon, Pegg, Kisby, Tebbit, Crane, Burrows, Drake, Fenn, "
           "Goodwin, Holmes, Eastwood, Parfitt, Ward, Woods, Dunning, Larkin, Rowe, Quince, Sharman, Pinner"),
        ("English",), ("English",),
    ),
    Community(
        "polish", 7.0, 0.35,
        _t("Krystyna Zofia Halina Danuta Teresa Barbara Jadwiga Irena Stanisława Elżbieta Wanda Bożena"),
        _t("Stanisław Tadeusz Zbigniew Jerzy Henryk Kazimierz Józef Ryszard Andrzej Zdzisław Marian Władysław"),
        _t("Agnieszka Katarzyna Magdalena Joanna Monika Aleksandra Justyna Karolina Ewa Natalia Paulina Marta"),
        _t("Tomasz Piotr Paweł Marcin Łukasz Krzysztof Michał Grzegorz Kamil Dawid Mateusz Bartosz"),
        _s("Kowalski/Kowalska, Nowak, Wiśniewski/Wiśniewska, Wójcik, Kamiński/Kamińska, "
           "Lewandowski/Lewandowska, Zieliński/Zielińska, Szymański/Szymańska, Woźniak, Dąbrowski/Dąbrowska, "
           "Kozłowski/Kozłowska, Mazur, Krawczyk, Piotrowski/Piotrowska, Grabowski/Grabowska, Pawlak"),
        ("Polish, some English", "Polish", "Polish, a little English"), ("Polish, English", "Polish, some English"),
    ),
    Community(
        "lithuanian", 4.0, 0.3,
        _t("Danutė Aldona Genovaitė Birutė Janina Ona Regina Irena"),
        _t("Vytautas Algirdas Jonas Antanas Kazimieras Petras Stasys Juozas"),
        _t("Rasa Inga Jurgita Lina Agnė Eglė Greta Ieva Simona Kristina"),
        _t("Tomas Mindaugas Darius Andrius Mantas Lukas Rokas Paulius Marius Gintaras"),
        _s("Kazlauskas/Kazlauskienė, Jankauskas/Jankauskienė, Petrauskas/Petrauskienė, "
           "Stankevičius/Stankevičienė, Vasiliauskas/Vasiliauskienė, Žukauskas/Žukauskienė, "
           "Butkus/Butkienė, Paulauskas/Paulauskienė, Urbonas/Urbonienė, Kavaliauskas/Kavaliauskienė"),
        ("Lithuanian, Russian, some English", "Lithuanian, some English"), ("Lithuanian, English",),
    ),
    Community(
        "latvian", 2.0, 0.3,
        _t("Ilga Dzidra Skaidrīte Ausma Velta Mirdza Rasma"),
        _t("Jānis Andris Valdis Imants Gunārs Juris Aivars"),
        _t("Ilze Kristīne Līga Inese Laura Anna Sanita Zane"),
        _t("Mārtiņš Edgars Raimonds Artūrs Kārlis Roberts Kristaps Ivars"),
        _s("Bērziņš/Bērziņa, Kalniņš/Kalniņa, Ozols/Ozola, Jansons/Jansone, Liepiņš/Liepiņa, "
           "Krūmiņš/Krūmiņa, Balodis/Balode, Vītols/Vītola, Zariņš/Zariņa"),
        ("Latvian, Russian, some English", "Latvian, some English"), ("Latvian, English", "Latvian, Russian, English"),
    ),
    Community(
        "portuguese", 4.0, 0.3,
        _t("Maria Fernanda Rosa Lurdes Conceição Isabel Graça Fátima Natália"),
        _t("Manuel António José Joaquim Fernando Armando Alberto Domingos"),
        _t("Ana Sofia Catarina Inês Joana Filipa Mariana Sara Rita Vanessa"),
        _t("João Pedro Tiago Rui Nuno Ricardo Bruno Miguel Diogo Hugo"),
        _s("Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Sousa, Gomes, Lopes, "
           "Marques, Carvalho, Fernandes, Da Silva, Soares, Ximenes, Guterres, Belo"),
        ("Portuguese, some English", "Portuguese", "Tetum, Portuguese, some English"),
        ("Portuguese, English", "Tetum, Portuguese, English"),
    ),
    Community(
        "romanian", 3.0, 0.25,
        _t("Elena Maria Ioana Viorica Aurelia Floarea Mariana Rodica"),
        _t("Ion Gheorghe Vasile Constantin Nicolae Dumitru Mihai Petru"),
        _t("Andreea Ioana Alina Cristina Roxana Simona Bianca Florentina"),
        _t("Andrei Alexandru Florin Adrian Bogdan Cosmin Marian Ionuț Daniel"),
        _s("Popescu, Ionescu, Popa, Radu, Dumitru, Stan, Stoica, Gheorghe, Munteanu, Rusu, Moldovan, Lungu"),
        ("Romanian, some English", "Romanian"), ("Romanian, English", "Romanian, some English"),
    ),
    Community(
        "bulgarian", 1.5, 0.25,
        _t("Yordanka Penka Stoyanka Radka Vasilka Snezhana"),
        _t("Georgi Ivan Dimitar Petar Todor Stoyan"),
        _t("Maria Elena Desislava Gergana Ralitsa Tsvetelina Yana"),
        _t("Nikolay Hristo Martin Kaloyan Plamen Stefan Boris"),
        _s("Ivanov/Ivanova, Georgiev/Georgieva, Dimitrov/Dimitrova, Petrov/Petrova, Nikolov/Nikolova, "
           "Todorov/Todorova, Stoyanov/Stoyanova, Angelov/Angelova"),
        ("Bulgarian, some English", "Bulgarian, Turkish, some English"), ("Bulgarian, English",),
    ),
    Community(
        # Romany Gypsy and Irish Traveller families, and Roma families from central Europe.
        "gypsy_roma_traveller", 2.5, 0.45,
        _t("Mary Bridget Kathleen Nellie Violet Selina Britannia Defiance Maggie Winnie Margaret Rose"),
        _t("Levi Johnny Patrick Henry Jim Nelson Tommy Aaron Eli Goliath Jacko Joseph"),
        _t("Liberty Shannon Chelsea Mary Tammy Courtney Kayleigh Paris Priscilla Kizzy"),
        _t("Noah Tyson Levi Sonny Jimmy Martin Romeo Kyle Wesley Elvis"),
        _s("Lee, Smith, Boswell, Lovell, Price, Loveridge, Ward, McDonagh, Doherty, Joyce, Cash, Stokes, "
           "Buckley, Wells, Cooper, Gray, Hearne, Balog, Horváth/Horváthová, Giňa, Lakatoš"),
        ("English", "English, Romani", "Romani, Slovak, some English"), ("English", "Romani, Czech, English"),
    ),
    Community(
        "south_asian", 2.0, 0.5,
        _t("Fatima Rukhsana Kulwant Surinder Harbans Gurdev Hansaben Shamim Nasreen"),
        _t("Mohammed Abdul Gurdial Harjit Mahendra Ramesh Bashir Karamat Sohan"),
        _t("Priya Ayesha Sana Harpreet Nisha Anjali Samina Rubina Jasvir"),
        _t("Imran Rajesh Amarjit Sanjay Tariq Asif Vikram Harvinder Zain"),
        _s("Patel, Khan, Hussain, Ahmed, Singh/Kaur, Uddin/Begum, Sharma, Mistry, Shah, Iqbal, Chaudhry, Sandhu"),
        ("Punjabi, some English", "Urdu, some English", "Gujarati, English", "Bengali, some English"),
        ("English, Punjabi", "English, Urdu", "English, Gujarati"),
    ),
    Community(
        "black_british", 2.0, 0.5,
        _t("Beverley Marcia Gloria Hyacinth Norma Ngozi Abena Cynthia Pearl"),
        _t("Delroy Winston Errol Clive Lloyd Kwame Chidi Everton Desmond"),
        _t("Chantelle Tasha Shanice Adaeze Ama Naomi Jasmine Keisha Folake"),
        _t("Marcus Jermaine Tyrone Kofi Emeka Andre Dwayne Tunde Kieran"),
        _s("Campbell, Williams, Brown, Thomas, Francis, Grant, Okafor, Adeyemi, Mensah, Boateng, "
           "Okonkwo, Asante, Bennett, Morgan"),
        ("English", "English, Twi", "English, Yoruba", "English, Jamaican Patois"), ("English",),
    ),
)


def family_name(entry: str, female: bool) -> str:
    """'Kowalski/Kowalska' -> 'Kowalska' for a woman; names without a feminine form stay as they are."""
    masculine, _, feminine = entry.partition("/")
    return feminine if female and feminine else masculine


# Names for circle members who have no record of their own.
NEIGHBOUR_NAMES = _s("Pauline next door, Dave across the road, Mrs Ashby at number 9, Jan from the bungalows, "
                     "Colin two doors down, the Wards opposite, Bev upstairs, Tomasz next door, "
                     "Ray at the corner shop, Shirley on the green, Aldona downstairs, the lady with the spaniel")
FRIEND_NAMES = _s("Maureen from chapel, Ken from the bowls club, Joyce, Stan from work, Barbara from the WI, "
                  "Irena from church, Gwen from the lunch club, Roy from the allotments, Jurgita, Des, Hazel, "
                  "Marta from Polish school, Trevor from the British Legion, Liz from the choir, Sunny")
PROFESSIONALS = (
    ("Dr Anita Rao", "GP at Wickfield Surgery"),
    ("Dr Tom Fielding", "GP at Holme St Agnes Medical Centre"),
    ("Dr Grace Mensah", "GP at Marshby Health Centre"),
    ("Julie Crane", "district nurse"),
    ("Sam Okoro", "social prescribing link worker"),
    ("Karen Bell", "community psychiatric nurse"),
    ("Helen Dobbs", "occupational therapist"),
    ("Ravi Shah", "pharmacist at the Boots on Bridge Street"),
    ("Lisa Harding", "respiratory nurse, COPD clinic"),
    ("Mike Tebbit", "housing officer"),
    ("Nadia Kowalczyk", "Admiral nurse (dementia)"),
    ("Emma Rudd", "learning disability nurse"),
)
COMMUNITY_GROUPS = (  # names from data/fenmere/directory.json, so a worker can find them in the directory
    ("Wickfield Memory Cafe", "memory cafe on Tuesdays"),
    ("Fen Breathers singing group", "singing for my lungs"),
    ("Carers' Cafe, Wickfield", "carers' group"),
    ("Fendyke Tinkerers", "the shed - 'keeps me sane'"),
    ("Marshby Lithuanian Community Association", "Saturday club"),
    ("Marshby Good Neighbours", "good neighbour scheme - lifts to the surgery"),
    ("Open Kitchen at Marshby Baptist", "Wednesday lunch"),
    ("Tea and Talk after Loss", "bereavement group"),
    ("Wickfield Deaf Club", "deaf club"),
    ("Friday Night Club", "Friday night club"),
    ("Polish parish, St Mary's", "church - Polish Mass on Sundays"),
)
PAS = _s("Jamie Rowe, Marta Ferreira, Agnieszka Nowak, Claire Dunning, Ollie Price")
