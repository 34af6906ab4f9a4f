"""Geoparsing: the offline gazetteer, toponym resolution and where events happen."""

from frontwire.places.gazetteer import Gazetteer, load_gazetteer
from frontwire.places.locate import event_location
from frontwire.places.resolve import Context, Resolution, resolve

__all__ = ["Context", "Gazetteer", "Resolution", "event_location", "load_gazetteer", "resolve"]
