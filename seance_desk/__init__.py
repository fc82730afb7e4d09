"""Séance Desk: the président de séance's desk for French local deliberative assemblies."""

__version__ = "0.1.0"
