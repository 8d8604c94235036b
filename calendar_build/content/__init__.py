"""Content: YAML files of a calendar project, loaded safely and validated into typed values."""
