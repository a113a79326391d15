"""Answering requests fast and safely in production: the counters changes raise
(counters.py) and the page cache keyed on them, the stored pages (invalidation,
reading, rendering ahead by the worker: pages.py), middleware and security
headers, health probes, error pages, start-up checks, log formatting and
database upkeep."""
