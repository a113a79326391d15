"""Titles that are everyday English words ("Service", "Host", "Event"): the one rule the
admin's common-word check (editorial/common_words.py) and an import (terms/records.py)
both apply, so a word is common in the same way wherever a term comes from.

A title is a common word when it is one word, not written in capitals, that is (in
the singular) an everyday English word with a technical sense too (EVERYDAY, a short
list written for this glossary's subjects).
"""

import re

from glossary_site.content.wordforms import singulars

_WORD = re.compile(r"\w+")
# Everyday English words that glossaries of software and infrastructure use as terms.
EVERYDAY = frozenset(
    """account address agent agreement alarm alert anchor badge balance bank batch beacon
    block board body book bridge bucket budget buffer bug build bundle burst bus cache
    canary card cell chain channel check chunk class client clock cloud cluster code
    comment commit container contract cookie core cursor dashboard deadline debt domain
    draft drift driver edge element engine entry environment event field file filter fix
    flag flow fork form frame function gate gateway grid guest handle handler hash head
    health heap heartbeat hook host image incident index instance issue job kernel key
    label layer lease ledger level library license limit line link list load lock log
    map mark master match memory message method mirror model module monitor mount name
    network node note object offer order origin owner package page patch path pattern
    peak pipe pipeline pixel plan platform plug point pointer policy pool port post
    probe process profile project property proxy pull push queue quota range record
    reference region registry release report request resource response role root route
    rule runner salt sample scale schedule scope screen script seal secret seed service
    session set shard shell signal sink slot snapshot socket source span spike stack
    stage state statement step store story stream string switch table tag target task
    template tenant terminal thread ticket tier timer token topic trace track traffic
    trail tree trigger type unit user value vault version view volume wall window worker
    zone""".split()
)


def common_word(title):
    """The title's word when the title is a common word, else "" ("Node (DOM)" is
    judged by "Node")."""
    word = title.partition("(")[0].strip()
    if len(_WORD.findall(word)) != 1 or any(ch.isupper() for ch in word[1:]):
        return ""
    if not {word.lower(), *(form.lower() for form in singulars(word))} & EVERYDAY:
        return ""
    return word


def is_everyday(word):
    """Whether the folded word, or its singular, is an everyday word (EVERYDAY)."""
    return word in EVERYDAY or any(form in EVERYDAY for form in singulars(word))


def capitalised_share(word, texts):
    """Of the word's uses (its singular and plural too) in the middle of a sentence of
    the plain texts, the share written with a capital; None when there are none."""
    forms = sorted({word, *singulars(word)}, key=len, reverse=True)
    alternatives = "|".join(re.escape(form) for form in forms)
    pattern = re.compile(rf"(?<=[^.!?\s])\s+((?:{alternatives})\w{{0,3}})\b", re.I)
    lower = capital = 0
    for text in texts:
        for match in pattern.finditer(text):
            if match.group(1)[0].isupper():
                capital += 1
            else:
                lower += 1
    return capital / (lower + capital) if lower + capital else None
