"""Writes. Each module holds one concern; functions take keyword-only arguments."""
