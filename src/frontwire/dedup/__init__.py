"""Copies and corroboration: copy clusters, story clusters and one record per real event."""
