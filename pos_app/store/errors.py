"""Failures of the local store, each with a message a person can act on."""


class StoreError(Exception):
    """The database cannot be used as it is; the message says why and what to do."""


class NotOurDatabaseError(StoreError):
    pass


class NewerDatabaseError(StoreError):
    pass


class NotInitialisedError(StoreError):
    pass
