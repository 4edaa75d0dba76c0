"""Renderers: the scorecard pack as JSON, HTML, PDF and Excel.

Every renderer formats numbers through :mod:`kpibook.scorecard.format`, so the same
figure reads the same everywhere.
"""
