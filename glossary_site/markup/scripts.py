"""Where a word begins and ends, per script: the one place the term linker and its
never-link phrases learn what a token is.

- Scripts that put spaces between words (Latin, Cyrillic, Greek...): a token is a
  run of letters and digits, as `\\w+` finds it.
- Han, kana and Hangul (CJK) put none: each of their characters is a token of its
  own. A name written in them is a sequence of such tokens with nothing between,
  so it is found anywhere in a run of CJK text, and the longest name wins there as
  it does in Latin text ("ノードプール" over "ノード").
- A Latin name inside CJK text ("このAPIは", "KubernetesのPod") is a token of its
  own, since the characters around it are not Latin; inside a Latin word it is not
  ("RAPID" holds no "API").

Katakana and Hangul are where the anywhere rule costs most: a katakana word ends
in many others ("ポート" in "サポート", "ログ" in "ブログ", "ロール" in
"コントロール"), and a Korean noun is followed by its particle but not preceded by
anything. So a name beginning in one of them must begin where its run does
(`continues_a_word`): "ノード" is found in "ノードプール", never "ログ" in "ブログ".
Han compounds have no such sign, and a kanji name is found anywhere.
"""

import functools
import re
import unicodedata

from glossary_site.content.text import fold

_KATAKANA = "\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HANGUL = "\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3"
_HIRAGANA = "\u3041-\u3096\u309d-\u309f"
_HAN = "\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK = _KATAKANA + _HANGUL + _HIRAGANA + _HAN

# A run of word characters of the spaced scripts, or one CJK character.
WORD = re.compile(rf"[^\W{_CJK}]+|[{_CJK}]")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_RUN_STARTS = (re.compile(rf"[{_KATAKANA}]"), re.compile(rf"[{_HANGUL}]"))
# Below this code point no character is CJK: most text is decided by one comparison.
_FIRST_CJK = 0x1100


_SPACED_WORD = re.compile(r"\w+")


def tokens(text):
    """The tokens of a text as matches (start, end, group). Text without CJK, most of
    it, is split by the simpler expression, which finds the same tokens sooner."""
    if not has_cjk(text):
        return _SPACED_WORD.finditer(text)
    return WORD.finditer(text)


def words(text):
    """The tokens of a text, as written."""
    return [match.group() for match in tokens(text)]


def is_cjk(token):
    """Whether a token is one CJK character."""
    return len(token) == 1 and ord(token) >= _FIRST_CJK and _CJK_CHAR.match(token) is not None


def has_cjk(text):
    """Whether the text has a Han, kana or Hangul character."""
    return not text.isascii() and _CJK_CHAR.search(text) is not None


def fold_token(token):
    """A token as names are compared: lower case without accents for the spaced
    scripts; a CJK character only normalised (half-width kana made full-width), so
    voiced and plain kana stay apart ("デ" is not "テ")."""
    if token.isascii():
        return token.lower()  # most tokens, and lower() is the whole fold for them
    if is_cjk(token):
        return _fold_cjk(token)
    return fold(token)


@functools.cache
def _fold_cjk(character):
    return unicodedata.normalize("NFKC", character)


def continues_a_word(text, at):
    """Whether the token at text[at] continues a katakana or Hangul word begun before it."""
    if at == 0 or ord(text[at]) < _FIRST_CJK:
        return False
    return any(run.match(text, at) and run.match(text, at - 1) for run in _RUN_STARTS)


def single_character(words):
    """Whether a name's tokens are one CJK character: 木, 鍵, 根, part of countless
    compounds that no space tells apart, so never linked unless the editor asked
    for that spelling alone."""
    return len(words) == 1 and is_cjk(words[0])
