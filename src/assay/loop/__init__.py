"""The generational loop: models training on their own output, with and without verification."""
