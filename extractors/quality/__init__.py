"""Measuring extraction quality against gold articles."""
