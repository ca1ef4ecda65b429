"""riksdoc's version (also in pyproject.toml), in a module of its own so that every other
module can take it without importing the package's API."""

__version__ = "0.1.0"
