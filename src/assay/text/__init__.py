"""Text helpers every domain's readers share (pure text work: no domain vocabulary, no I/O)."""
