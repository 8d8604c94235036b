"""The holiday stage: rules of the catalogue -> every occurrence in a Gregorian year."""
