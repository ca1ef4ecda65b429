"""The built-in house style, installed as the data package ``riksdoc.styles``.

This folder is ``styles/`` in the checkout and ``riksdoc/styles/`` in an
installed riksdoc (pyproject.toml maps it).  It holds no code: riksdoc reads
its files through `importlib.resources` (`riksdoc.housestyle`), never by a
path relative to the source, so a wheel, an sdist and a checkout all find them.
"""
