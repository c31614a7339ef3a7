"""Typeset stage: an edition's HTML and stylesheets laid out by WeasyPrint into panel pages, measured and read."""
