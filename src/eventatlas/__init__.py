"""eventatlas: a sourced, georeferenced atlas of political violence from news reports."""

__version__ = "0.1.0"
