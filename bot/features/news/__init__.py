"""Campaign news: subscriptions, /broadcast for admins, and the paced sender."""
