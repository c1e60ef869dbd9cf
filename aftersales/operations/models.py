"""No models: the module makes migrate send this app post_migrate (the cache table, cache.py)."""
