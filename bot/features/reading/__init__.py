"""Reading what people write: danger, situations, countries, questions."""
