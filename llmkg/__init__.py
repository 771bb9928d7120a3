"""The ``llmkg`` command: a thin shell over the two libraries, :mod:`kg` (the graph: store,
queries, analytics, exports) and :mod:`ingest` (documents in).

It sits above both, as :mod:`api` does: ``kg`` imports neither ``ingest`` nor this package,
``ingest`` imports ``kg``, and the shells import both. See ``llmkg/cli.py``.
"""
