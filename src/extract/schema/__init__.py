"""Ground floor: the data contract declared once. The datasets, their columns, keys and input formats
(`datasets`), the quality-flag kinds (`flags`), and the checks generated from them (`checks`)."""
