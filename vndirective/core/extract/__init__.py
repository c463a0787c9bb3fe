"""The extractors: one module per part of a document (header, recipients, references, tasks, signature, distribution)."""
