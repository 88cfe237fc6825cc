"""The suggestion engine: a body of text and the registry in, explained suggestions out.

Plain Python with no ORM and no request, so it can be tested hard and benchmarked. The thin
layer that stores suggestions as annotations is :mod:`structuring.suggesting`.
"""

from .model import Registry, RegistryAgreement, RegistryCompany, RegistryPerson, Suggestion
from .pipeline import suggest

__all__ = [
    "Registry",
    "RegistryAgreement",
    "RegistryCompany",
    "RegistryPerson",
    "Suggestion",
    "suggest",
]
