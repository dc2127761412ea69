"""The likes service: like and share counts per term, for a Termbook site's `like_endpoint`.

A small ASGI application (`app.create_app`) over one storage interface (`store.Store`) with two
backends, SQLite (the default: one file, nothing to install) and PostgreSQL (for several service
instances). It knows the glossary it serves (`catalog`), so it only counts known terms. Run it
with `termbook likes serve`; docs/likes.md says how to deploy it.
"""
