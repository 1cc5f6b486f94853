"""Pieces of the news-file parser (`articles/parsing.py`): pure modules, no Django."""
