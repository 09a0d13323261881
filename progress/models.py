"""Models for the progress app (they arrive with its issue)."""
