"""Event coding: ACLED- and PLOVER-compatible events with actors, counts, dates, places, sources."""

from frontwire.events.coder import EventCoder, EventsOptions

__all__ = ["EventCoder", "EventsOptions"]
