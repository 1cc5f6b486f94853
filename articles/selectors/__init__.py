"""Reads for views, services and commands. Plain functions with keyword-only arguments."""
