"""The marker for messages defined as data and translated where they are printed."""


def N_(message: str) -> str:  # noqa: N802 - the name pybabel extracts (babel.cfg, make messages)
    """Return the message unchanged; marks it for the gettext catalogues."""
    return message
