"""What deals registers in ``articles.hooks``."""

from articles import hooks

from .models import Agreement, AgreementEvent, Claim, Evidence, Party, Region, Sector

for model in (
    Agreement,
    Party,
    AgreementEvent,
    Sector,
    Region,
    Claim,
    Evidence,
    Agreement.sectors.through,
    Agreement.regions.through,
):
    hooks.register(hooks.PAGE_MODELS, model)
