"""llmkg package."""
