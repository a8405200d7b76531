"""The content editors write: the YAML model, locales, sources, the hotline directory,
places, search, spoken messages, translations and coverage; loading and holding the bundle,
and the checks of everything Telegram would refuse."""
