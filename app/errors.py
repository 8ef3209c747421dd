"""Errors a service raises for the user to read; the UI shows ``str(error)``, never a traceback."""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal the user can act on; the message is the whole explanation."""


class FieldError(ServiceError):
    """One or more fields are invalid: ``errors`` maps field name → message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))


class NotFound(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass


class ConflictError(ServiceError):
    """Someone else saved the record first; nothing was overwritten."""


class StateError(ServiceError):
    """A move the workflow does not allow."""


class DatabaseError(ServiceError):
    """The database cannot be opened or is of an unsupported version."""
