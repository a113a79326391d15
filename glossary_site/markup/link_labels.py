"""Link labels measured once: markdown-it's parseLinkLabel, remembering where each
"[" that is only text closes.

The parser measures a label from every "[" it meets: a link, an image, a span. Inside
brackets nested twenty deep (what the limits allow), each measure walks again over
every inner label, so the cost grows with the square of the depth. Jumping over an
inner label already measured gives the same answer, since the walk over it is the
same walk: the bracket opens a level and its "]" closes it.
"""

from types import SimpleNamespace

from markdown_it import helpers


def install(md):
    md.helpers = SimpleNamespace(
        parseLinkDestination=helpers.parseLinkDestination,
        parseLinkTitle=helpers.parseLinkTitle,
        parseLinkLabel=parse_link_label,
    )


def parse_link_label(state, start, disable_nested=False):
    """The position of the "]" closing the label that opens at start, or -1; with
    disable_nested, -1 too for a label holding a link."""
    known = state.env.setdefault("link_label_ends", {}).setdefault(state.src, {})
    if start in known:
        end, holds_link = known[start]
        if end < state.posMax:
            return -1 if disable_nested and holds_link else end
    old_pos, level, end, holds_link = state.pos, 1, -1, False
    state.pos = start + 1
    while state.pos < state.posMax:
        marker = state.src[state.pos]
        if marker == "]":
            level -= 1
            if level == 0:
                end = state.pos
                break
        before = state.pos
        state.md.inline.skipToken(state)
        if marker != "[":
            continue
        if before == state.pos - 1:
            level += 1  # a "[" that is only text
            closes, inner_link = known.get(before, (-1, False))
            if before < closes < state.posMax:
                state.pos = closes  # its "]" is read next, closing its level
                holds_link = holds_link or inner_link
        else:
            holds_link = True
        if holds_link and disable_nested:
            state.pos = old_pos
            return -1
    state.pos = old_pos
    if end >= 0:
        known[start] = (end, holds_link)
    return end
