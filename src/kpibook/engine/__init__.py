"""The engine: indicator SQL on DuckDB, for every month end, level and cohort at once."""
