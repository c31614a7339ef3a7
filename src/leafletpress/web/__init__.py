"""Web stage: each edition as an accessible static web page, at the address its QR code encodes, and the indexes around them.

pages.py renders an edition's page, a team's and the practice's index (templates/, web.css);
brand.py takes the brand colours out of the print stylesheets; site.py writes the build's shared
files. The worker makes and writes an edition's page with its PDFs; the API the shared files.
"""
