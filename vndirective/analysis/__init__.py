"""What is read from a parsed Directive: entities, assignments (who must do what), units, the format check."""
