"""Agenda: turn news articles into tables of scheduled meetings."""

__version__ = "0.1.0"
