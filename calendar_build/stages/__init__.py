"""The stages of a build, each a function from a typed value to a typed value (see pipeline.py)."""
