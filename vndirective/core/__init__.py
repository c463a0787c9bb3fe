"""The parser: text helpers, code tables, patterns, rules, the line model, zones, ids, the extractors and the pipeline."""
