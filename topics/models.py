"""Models for the topics app (they arrive with its issue)."""
