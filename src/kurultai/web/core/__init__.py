"""Home page, language switch, base template and the shared look of the platform."""
