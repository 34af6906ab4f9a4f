"""The one home of the word lists every stage reads: speech and claim cue verbs, count words,
demonyms and other closed-class vocabularies. Each list lives in a module named for what it
holds; stages import from here and keep no private copy."""
