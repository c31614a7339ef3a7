"""The print house rules, in one place: what the layout checks (typeset/legible.py) and preflight hold every leaflet to."""

PPI_ERROR = 150  # below this a picture prints visibly blurred or blocky
PPI_WARNING = 300  # the usual offset-print target
MIN_TEXT_PT_ERROR = 6.0  # smaller text cannot be read in print
MIN_TEXT_PT_WARNING = 9.0  # the house minimum (docs/designers.md: keep text at least 9 pt), for patients all the more
MAX_INK = 300  # total area coverage in %, what coated sheet-fed offset dries with (GWG 2015: 300 %)
RICH_BLACK_TEXT_PT = 12  # black or grey text smaller than this must be black ink alone
MIN_LINE_PT = 0.25  # thinner lines break up or vanish on the plate (our marks are 0.25 pt, registration)
CONTRAST_NORMAL = 4.5  # WCAG 2.1 AA, 1.4.3: text against what is behind it
CONTRAST_LARGE = 3.0  # ... for text of 18 pt, or 14 pt bold
