"""Answering requests fast and safely in production: the page cache and the
content counter it keys on, middleware and security headers, health probes,
error pages, start-up checks, log formatting and database upkeep."""
