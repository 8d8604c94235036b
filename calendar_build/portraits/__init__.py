"""Portraits: the twelve residents of an edition, loaded from portraits/<year>/*.yaml and checked."""
