"""Search over published items: the search document written at save (indexing),
one module per database backend (SQLite FTS5, PostgreSQL full-text), ranked
results, and suggestions for the search box and the 404 page."""
