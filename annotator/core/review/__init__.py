"""Review of two annotators' work: compare (align and classify spans) and adjudicate into gold.

Kept free of imports on purpose: ``core.commands`` refers to ``decisions`` for typing,
and ``adjudicate`` builds on ``core.commands``, so this package must not import either.
"""
