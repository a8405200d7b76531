"""The Telegram-free core every feature builds on: screens and replies, the button data
table, routes, the visit (who asks, in which language), the services and the shape of a
feature."""
