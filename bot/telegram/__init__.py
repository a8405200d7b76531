"""Where the bot meets Telegram: building the Application, showing screens, delivering
campaign news, the patient HTTP client, per-user ordering, logging and the runner."""
