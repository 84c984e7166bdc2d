"""Use cases: every write is one operation that returns what changed."""
