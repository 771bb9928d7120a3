"""llmkg ingestion: loaders, the spaCy pipeline, extraction and the mapping to RDF.

Importing ``ingest`` registers nothing and builds no pipeline: :func:`make_nlp` does.
"""

from .loaders import load_bytes, load_path
from .nlp import make_nlp
from .pipeline import DocumentOutcome, IngestReport, extract_document, ingest_bytes, ingest_url, run_ingest
from .records import Document, Extraction

__all__ = [
    "Document",
    "DocumentOutcome",
    "Extraction",
    "IngestReport",
    "extract_document",
    "ingest_bytes",
    "ingest_url",
    "load_bytes",
    "load_path",
    "make_nlp",
    "run_ingest",
]
