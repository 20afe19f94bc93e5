"""Catalogue I/O: reading directories (HSDS and spreadsheets) into the domain catalogue."""
