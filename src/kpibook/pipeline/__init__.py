"""What the commands do, as functions: the CLI (and later the web app) are thin wrappers."""
