"""Indicator definitions: YAML metadata and SQL, shipped as a library and checked on load."""
