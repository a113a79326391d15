"""Import and export of content files (Markdown with front matter, CSV)."""
