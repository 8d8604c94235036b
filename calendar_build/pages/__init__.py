"""The page model: occurrences + portraits -> one fully formatted context per page."""
