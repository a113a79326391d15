"""The other forms of a name that the automatic linker (markup/linker.py) and search
(search/variants.py) both accept: the plural of a singular title and the singular of
a plural one ("Queue" / "queues", "Policies" / "policy"), and a name written open or
closed ("Load Balancer" / "loadbalancer"; "Timestamp" is found as "time stamp" by the
linker itself, word by word).

Regular English patterns only, no dictionary: each rule is kept to where it does
not make a pair of two different words ("news" is not the plural of "new", nor
"analysis" of "analysi"). A form that is no word at all ("cachs") costs a table
entry and never matches, so the rules may be generous in that direction only.
"""


def applies_to(language):
    """Whether these English forms apply to names and text in the language (a code)."""
    return language == "en" or language.startswith("en-")


# Words ending in s that are not plurals of the word without it.
_NOT_PLURALS = frozenset(
    """news series species means lens bias gas yes this its has was does goes always
    perhaps whereas thus plus minus bonus campus corpus status virus canvas atlas alias
    chaos kudos ethos pathos cosmos physics graphics analytics economics mathematics
    statistics ethics politics logistics electronics semantics linguistics dynamics
    robotics optics ergonomics""".split()
)
_SIBILANT_ENDS = ("s", "x", "z", "ch", "sh")
_VOWELS = "aeiou"
# The ends of a word whose plural may be in -ves: "shelf", "leaf", "scarf".
_F_TO_VES = ("lf", "eaf", "arf")


def plurals(word):
    """The plural forms of a singular word, in the word's own case."""
    lower = word.lower()
    if len(lower) < 3:
        forms = [word + "s"] if word.isupper() else []  # "IPs", but "bu" makes no "bus"
    elif lower.endswith("ss"):
        forms = [word + "es"]  # "classes"
    elif lower.endswith("us"):
        forms = [word + "es"] if len(lower) > 4 else []  # "statuses"; "bus" is too short to tell
    elif lower.endswith("is"):
        forms = [word[:-2] + "es"] if len(lower) > 5 else []  # "analyses", "hypotheses"
    elif lower.endswith(_SIBILANT_ENDS):
        forms = [word + "es"]
    elif lower.endswith("y") and lower[-2] not in _VOWELS:
        forms = [word[:-1] + "ies"]
    elif lower.endswith("ife"):
        forms = [word[:-2] + "ves"]  # "knives"; but "safe" makes "safes", not "saves"
    elif lower.endswith(_F_TO_VES):
        forms = [word + "s", word[:-1] + "ves"]  # "shelves", "leaves"; "proofs", "chiefs"
    else:
        forms = [word + "s"]
    return [form for form in forms if form.lower() not in _NOT_PLURALS]


def singulars(word):
    """The singular forms a plural word may stand for, in the word's own case."""
    lower = word.lower()
    if len(word) > 2 and word[-1] == "s" and word[-2].isupper():
        return [word[:-1]]  # "APIs"
    if len(lower) < 4 or not word.endswith("s") or lower in _NOT_PLURALS:
        return []  # an acronym ending in S (HTTPS, DNS) is no plural either
    if lower.endswith(("ss", "us", "is", "ics")):
        return []
    forms = []
    if lower.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif lower.endswith("ives"):
        forms.append(word[:-3] + "fe")
    elif lower.endswith(tuple(end[:-1] + "ves" for end in _F_TO_VES)):
        forms.append(word[:-3] + "f")
    if lower.endswith(("sses", "xes", "zes", "ches", "shes")) or lower.endswith("uses") and len(lower) > 5:
        forms.append(word[:-2])
    return [*forms, word[:-1]]


def variants(words):
    """Other spellings of a name given as its words: the last word's plural or
    singular forms and, for a name of two plain words, its closed compound. Each
    variant is a list of words, in the name's case."""
    *head, last = words
    found = [[*head, form] for form in singulars(last) or plurals(last)]
    if len(words) == 2 and all(word.isalpha() and word[1:].islower() for word in words):
        closed = words[0] + words[1].lower()
        found += [[closed], *([form] for form in singulars(closed) or plurals(closed))]
    return found


# German nouns whose plural is -en whatever else: "Bereitstellung", "Sicherheit".
_GERMAN_EN = ("ung", "heit", "keit", "schaft", "ion", "tät", "ik", "enz", "anz")


def german_forms(word):
    """The regular plural and genitive forms of a German noun, no umlaut ("Dienste",
    "Diensten", "Dienstes"; "Server" "Servern", "Servers"; "Caches", "Proxys"): a
    generous list, as a form that is no word costs a table entry and never matches."""
    lower = word.lower()
    if word.isupper():
        return [word + "s"] if len(word) > 1 else []  # "die APIs"
    if len(lower) < 3:
        return []
    if lower.endswith(_GERMAN_EN):
        return [word + "en"]
    if lower.endswith(("el", "er", "en")):
        return [word + "s", word + "n"] if not lower.endswith("en") else [word + "s"]
    if lower.endswith("e"):
        return [word + "n", word + "s"]
    if lower.endswith(tuple("aiouy")):
        return [word + "s"]
    return [word + "e", word + "en", word + "es", word + "s"]


def variants_in(language, words):
    """variants() of a name in the language: English forms in English, the last word's
    regular German forms in German, none elsewhere (a Japanese name has no plural)."""
    if applies_to(language):
        return variants(words)
    if language == "de" or language.startswith("de-"):
        *head, last = words
        return [[*head, form] for form in german_forms(last)]
    return []


# Second words that make a verb of an open compound: "set up" is no "Setup".
PARTICLES = frozenset("up in out on off over down back away through".split())


def spellings(name):
    """The name and the other ways a text may write it, as phrases a search can look
    for (markup/relinking.py finds the bodies to link again with them): its variants
    and, for one long word, every way of writing it open ("time stamp")."""
    words = name.split()
    found = {name, *(" ".join(form) for form in variants(words))} if words else {name}
    if len(words) == 1 and words[0].isalpha() and len(words[0]) >= 6:
        word = words[0]
        found |= {f"{word[:n]} {word[n:]}" for n in range(3, len(word) - 2)}
    return found
