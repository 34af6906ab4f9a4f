"""Scoring frontwire's stages on public gold sets read in place from the shared folder."""
