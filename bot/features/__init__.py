"""The features, one folder each: its logic and routes (``feature.py``), its screens
(``screens.py``) and the wording keys it needs. They are registered in
:mod:`bot.features.registry`."""
