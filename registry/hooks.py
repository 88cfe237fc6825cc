"""What the registry registers in ``articles.hooks``."""

from articles import hooks

from .models import Company, CompanyAlias, Person, Ticker

for model in (Company, CompanyAlias, Ticker, Person):
    hooks.register(hooks.PAGE_MODELS, model)
