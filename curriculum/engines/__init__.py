"""Engines: the logic behind activities, kept free of any widget code."""
