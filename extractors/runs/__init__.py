"""Running the extraction: one run over files, the Airflow tasks, the extractor interface."""
