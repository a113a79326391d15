"""Answering requests fast and safely in production: the names of what pages show
(keys.py), the counters changes raise (counters.py) and the page cache keyed on
them (pagecache.py); the stored pages: what a save tells them (invalidation.py),
which are stale (staleness.py), the read path (reading.py), rendering ahead by the
worker (pages.py, builds.py, fragments.py); scheduled publications made public by
the worker (publications.py); middleware and security headers, health probes,
error pages, start-up checks, log formatting and database upkeep; what search may
take of the site (searchguard.py, searchslots.py) and the per-client rate limits
it shares with the API (ratelimit.py)."""
