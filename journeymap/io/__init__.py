"""Reading and writing journey files (YAML format v1)."""
