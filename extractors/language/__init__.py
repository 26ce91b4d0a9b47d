"""Language: sentences, the candidate gate, time expressions, names and places."""
