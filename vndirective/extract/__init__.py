"""Deprecated package: the extractors moved to vndirective.core.extract, entities and assignments to vndirective.analysis."""
