"""What a Directive becomes: Nghị định 30 records and registers, Thông tư 05 packages, display, spaCy."""
