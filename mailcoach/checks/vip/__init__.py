"""vip checks."""
