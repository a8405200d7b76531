"""The self-check "Is my situation safe?": one private question per screen."""
