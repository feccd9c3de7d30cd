"""The human review app (`assay review serve`): accounts and roles, queues with overlap, leases and gold
items, append-only decisions with re-verified edits, agreement metrics and adjudication.

`assay.review.app.create_app` makes the web app; `assay.review.decisions.kept` gives the kept set.
Importing this package imports no web framework (the `serve` extra is needed only for the app).
"""
