"""The features, in the order their routes are tried. A new feature is a folder under
``bot/features/`` with a :class:`~bot.core.feature.Feature`, and one line here."""

from __future__ import annotations

from bot.core.feature import Feature
from bot.core.services import Services
from bot.features.admin.feature import Admin
from bot.features.hotlines.feature import Hotlines
from bot.features.navigation.feature import Navigation
from bot.features.news.feature import News
from bot.features.privacy.feature import Privacy
from bot.features.reading.feature import Reading
from bot.features.relay.feature import Relay
from bot.features.selfcheck.feature import SelfCheck
from bot.features.sharing.feature import Sharing
from bot.features.spoken.feature import Spoken

FEATURES: tuple[type[Feature], ...] = (
    Navigation,
    Hotlines,
    Privacy,
    Sharing,
    News,
    SelfCheck,
    Spoken,
    Admin,
    Relay,
    Reading,
)


def wording_keys() -> frozenset[str]:
    """Every wording key the features' code asks for: English must define each."""
    return frozenset().union(*(feature.keys for feature in FEATURES))


def assemble(services: Services) -> dict[type[Feature], Feature]:
    """Every feature, given the services; their routes go into ``services.routes``."""
    features = {feature: feature(services) for feature in FEATURES}
    for feature in features.values():
        services.routes.include(feature.routes())
    services.features = list(features.values())
    return features
