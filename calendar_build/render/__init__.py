"""Rendering: page model -> HTML (Jinja2) -> PDF (WeasyPrint), with fonts, colour and print marks."""
