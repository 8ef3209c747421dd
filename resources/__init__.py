"""Bundled resources (fonts, translations, icons); a package so they install with the app."""
