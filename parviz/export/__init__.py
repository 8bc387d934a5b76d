"""Exports: slides, spreadsheets and printable tables; every function returns bytes.

Fed by the same steps as the pages (… → rank / compare / find → views → exports): the deck
draws ``parviz.storyline``, the report the findings and ``overview``/``ranking`` rules, the
annex ``ranking.ranked``; none chooses its units by a rule of its own.
"""
