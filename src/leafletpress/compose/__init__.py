"""Compose stage: one edition (condition x team) resolved from the library as plain data, then its HTML."""
