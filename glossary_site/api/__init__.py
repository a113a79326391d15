"""The public read-only API's plumbing, shared by whatever the apps serve under it:
CORS and the per-address rate limit (middleware; serving/ratelimit.py counts), JSON
errors and pages of results (responses). What is served, and how an item looks in
JSON, belongs to the apps."""
