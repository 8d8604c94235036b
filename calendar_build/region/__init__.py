"""The region of an edition: its legal holidays, school holidays and wording, all from the profile in edition.yaml."""
