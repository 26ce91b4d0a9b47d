"""The warehouse: Parquet tables, their atomic publish, and SQL over them."""
