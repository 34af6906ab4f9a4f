"""Event coding: ACLED- and PLOVER-compatible events with actors, counts, dates, places, sources.

The stage is :class:`frontwire.events.stage.EventsStage`; the coder it runs is
:class:`frontwire.events.coder.EventCoder`. Nothing heavy is imported here, so the store and
the exports can use the small modules (countries, exports) without loading the models.
"""
