"""close_matches() leaves titles out before difflib scores them: it must leave out
only titles difflib would not offer, so that every "did you mean" is unchanged."""

import difflib
import random

import pytest

from glossary_site.content.text import fold
from glossary_site.search.suggestions import close_matches
from glossary_site.testing import corpus

TITLES = [fold(title) for title, *_ in corpus.entries()] + [
    "キャッシュ",
    "データベース",
    "docker コンテナ",
    "straße",
    "école",
    "aa",
    "a",
    "",
]


def typed(title, rng):
    """The title as a hurried reader types it: a letter dropped, doubled, swapped."""
    letters = list(title)
    for _ in range(rng.randint(0, 3)):
        if len(letters) < 2:
            break
        at = rng.randrange(len(letters) - 1)
        slip = rng.choice(["drop", "double", "swap", "change"])
        if slip == "drop":
            del letters[at]
        elif slip == "double":
            letters.insert(at, letters[at])
        elif slip == "swap":
            letters[at], letters[at + 1] = letters[at + 1], letters[at]
        else:
            letters[at] = rng.choice("aeioustnrx")
    return "".join(letters)


@pytest.mark.parametrize(("n", "cutoff"), [(1, 0.6), (1, 0.75), (5, 0.5)])
def test_close_matches_answers_as_difflib_does(n, cutoff):
    rng = random.Random(29)
    queries = [typed(rng.choice(TITLES), rng) for _ in range(400)] + ["", "x", "cache cache cache"]
    # And words no title is near.
    queries += ["".join(rng.choices("bcdfghjklmnpqvwxz", k=rng.randint(3, 12))) for _ in range(100)]
    differ = [
        q
        for q in queries
        if close_matches(q, TITLES, n, cutoff) != difflib.get_close_matches(q, TITLES, n, cutoff)
    ]
    assert not differ, differ[:5]
    # Not a vacuous comparison: many of the slips find their title, many find none.
    found = sum(bool(close_matches(q, TITLES, n, cutoff)) for q in queries)
    assert 40 < found < len(queries) - 40, found


def test_close_matches_leaves_out_titles_difflib_scores_under_the_cutoff():
    # Same letters, in another order: a bag of letters passes, difflib does not.
    assert difflib.SequenceMatcher(None, "tset", "test").quick_ratio() == 1.0
    assert (
        close_matches("tset", ["test"], n=1, cutoff=0.8)
        == difflib.get_close_matches("tset", ["test"], 1, 0.8)
        == []
    )
    assert close_matches("tes", ["test"], n=1, cutoff=0.8) == ["test"]
