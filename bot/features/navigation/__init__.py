"""Navigation: /start and deep links, /menu, /help, pages, languages, free text."""
