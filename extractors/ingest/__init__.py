"""Reading input: article files and URLs in every supported format, as Article and Quarantined records."""
