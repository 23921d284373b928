"""Chinese academic and policy papers into schema-checked Parquet datasets."""

__version__ = "0.3.0"
