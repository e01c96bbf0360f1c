"""Use cases that join the domain rules, the local store and (later) sync: the terminal's verbs."""
