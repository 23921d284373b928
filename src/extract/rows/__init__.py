"""One paper's rows: the document model mapped to rows (`records`), and every input character
accounted for in an output or a recorded removal (`accounting`)."""
