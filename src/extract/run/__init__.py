"""A run over raw/: the run sequence written once (`sequence`), which files are papers (`sources`),
the pool of bounded worker processes (`workers`), and each paper's latest status (`status`)."""
