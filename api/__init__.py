"""The llmkg HTTP service: a FastAPI app over the same library the CLI uses.

Importing ``api`` opens no store: :func:`create_app` builds the app and the store is opened
when it starts (``llmkg serve``).
"""

from .main import create_app

__all__ = ["create_app"]
