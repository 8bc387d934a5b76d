"""Exports: slides, spreadsheets and printable tables; every function returns bytes."""
