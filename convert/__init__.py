"""riksdoc: Word→text exports of Riksdag documents → AKN XML, DOCX and PDF.

The package reads as its pipeline: `decode` → `normalise` → `parse` → `model`
→ `writers` (and `readers` for the formats riksdoc reads back).
"""

__version__ = "0.1.0"
