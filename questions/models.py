"""Models for the questions app (they arrive with its issue)."""
