"""hospital-kg: Chinese hospital news → knowledge graph."""
__version__ = "0.1.0"
