"""The llmkg HTTP service (FastAPI); built in a later issue."""
