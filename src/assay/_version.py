"""The one place the version of assay is written; the build backend reads it from here."""

__version__ = "0.1.0"
