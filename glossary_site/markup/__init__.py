"""From an editor's Markdown to stored, safe HTML: the one renderer and its
limits, the automatic term linker and what keeps its links current, and the
checks every uploaded image passes."""
