"""What a publishable item is and how the public reaches it: the Publishable base
model and its published() queryset, the registry of kinds the apps fill in,
addresses (paths, old-slug redirects), staff preview, page metadata (SEO,
sitemaps, feeds, robots.txt) and the text folding that sorting and search share."""
