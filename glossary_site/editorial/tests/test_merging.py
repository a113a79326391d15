"""Three-way merges of an edit conflict, field by field and line by line."""

from glossary_site.editorial.merging import has_markers, merge_fields, merge_text


def test_a_field_only_they_changed_is_taken_and_one_only_i_changed_is_kept():
    base = {"title": "API", "summary": "Old.", "body": "Text."}
    theirs = {"title": "API", "summary": "Theirs.", "body": "Text."}
    mine = {"title": "APIs", "summary": "Old.", "body": "Text.\r\n"}  # a browser's CRLF is no change

    merge = merge_fields(base, theirs, mine)

    assert merge.result == {"title": "APIs", "summary": "Theirs.", "body": "Text.\r\n"}
    assert (merge.taken, merge.conflicts) == (["summary"], [])


def test_the_same_change_on_both_sides_is_no_conflict_but_different_ones_are():
    base, theirs, mine = {"a": 1, "b": 1}, {"a": 2, "b": 2}, {"a": 2, "b": 3}
    merge = merge_fields(base, theirs, mine)
    assert (merge.taken, merge.conflicts, merge.result) == ([], ["b"], {"a": 2, "b": 3})


def test_changes_to_different_lines_merge_cleanly():
    assert merge_text("a\nb\nc\nd", "a\nB\nc\nd", "a\nb\nc\nD", "alice") == ("a\nB\nc\nD", 0)


def test_changes_to_the_same_lines_stand_between_markers():
    text, conflicts = merge_text("a\nb\nc", "a\nmine\nc", "a\ntheirs\nc", "alice")
    assert conflicts == 1
    assert text == "a\n<<<<<<< Your text\nmine\n=======\ntheirs\n>>>>>>> Saved by alice\nc"
    assert has_markers(text)


def test_a_setext_heading_underline_is_not_taken_for_a_marker():
    assert not has_markers("Title\n=======\n\nText.")


def test_lines_both_sides_added_alike_stay_outside_the_markers():
    text, _ = merge_text("a", "a\n\nmine\nend", "a\n\ntheirs\nend", "alice")
    assert text == "a\n\n<<<<<<< Your text\nmine\n=======\ntheirs\n>>>>>>> Saved by alice\nend"
