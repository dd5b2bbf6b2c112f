"""strength checks."""
