"""transparency checks."""
