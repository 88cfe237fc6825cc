"""Read a company registry file (CSV or JSON lines), check every row, then write all or nothing."""

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.functions import Lower

from articles.slugs import free_slug

from .identifiers import is_country, is_lei, is_wikidata_id, split_ticker
from .models import Company, CompanyAlias, Ticker

COLUMNS = ("name", "aliases", "country", "tickers", "lei", "wikidata")


class RegistryFileError(Exception):
    """Rows that cannot be imported, each as (line, message)."""

    def __init__(self, problems: list[tuple[int | None, str]]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class CompanyRow:
    line: int
    name: str
    aliases: list[str] = field(default_factory=list)
    country: str = ""
    tickers: list[tuple[str, str]] = field(default_factory=list)
    lei: str = ""
    wikidata: str = ""


def _split(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split("|") if v.strip()]


def _row(line: int, raw: dict, problems: list) -> CompanyRow | None:
    unknown = set(raw) - set(COLUMNS)
    if unknown:
        problems.append((line, f"unknown column(s): {', '.join(sorted(unknown))}"))
        return None
    name = str(raw.get("name") or "").strip()
    if not name:
        problems.append((line, "a company needs a name"))
        return None
    row = CompanyRow(line, name[:200], _split(raw.get("aliases")))
    row.country = str(raw.get("country") or "").strip().upper()
    if row.country and not is_country(row.country):
        problems.append((line, f"country '{row.country}' is not a two-letter ISO 3166 code"))
    for ticker in _split(raw.get("tickers")):
        parts = split_ticker(ticker.upper(), exchange_required=True)
        if parts is None:
            problems.append((line, f"ticker '{ticker}' must be written EXCHANGE:SYMBOL"))
        else:
            row.tickers.append(parts)
    row.lei = str(raw.get("lei") or "").strip().upper()
    if row.lei and not is_lei(row.lei):
        problems.append((line, f"LEI '{row.lei}' must be 18 letters or digits then 2 digits"))
    row.wikidata = str(raw.get("wikidata") or "").strip()
    if row.wikidata and not is_wikidata_id(row.wikidata):
        problems.append((line, f"Wikidata id '{row.wikidata}' must look like Q12345"))
    if any(len(a) > 200 for a in row.aliases):
        problems.append((line, "an alias is longer than 200 characters"))
    return row


def read_rows(name: str, raw: bytes) -> list[CompanyRow]:
    """Parse and check every row; raise :class:`RegistryFileError` listing every bad one."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegistryFileError([(raw[: error.start].count(b"\n") + 1, "not UTF-8 text")]) from None
    problems: list[tuple[int | None, str]] = []
    rows: list[CompanyRow] = []
    if name.lower().endswith((".jsonl", ".json", ".ndjson")):
        for line, content in enumerate(text.splitlines(), start=1):
            if not content.strip():
                continue
            try:
                item = json.loads(content)
            except json.JSONDecodeError as error:
                problems.append((line, f"invalid JSON: {error.msg}"))
                continue
            if not isinstance(item, dict):
                problems.append((line, "each line must be a JSON object"))
                continue
            if (row := _row(line, item, problems)) is not None:
                rows.append(row)
    else:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        if "name" not in header:
            raise RegistryFileError([(1, f"the header must name the columns {','.join(COLUMNS)}")])
        for item in reader:
            if None in item:
                problems.append((reader.line_num, "more values than columns"))
                continue
            if (row := _row(reader.line_num, item, problems)) is not None:
                rows.append(row)
    if not rows and not problems:
        problems.append((None, "the file has no companies"))
    _check_duplicates(rows, problems)
    if problems:
        raise RegistryFileError(sorted(problems, key=lambda p: p[0] or 0))
    return rows


def _check_duplicates(rows: list[CompanyRow], problems: list) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        keys = [("name", row.name.lower())] + ([("lei", row.lei)] if row.lei else [])
        keys += [("ticker", t) for t in row.tickers]
        for key in keys:
            if key in seen:
                problems.append(
                    (
                        row.line,
                        f"{key[0]} '{row.name if key[0] == 'name' else key[1]}' repeats line {seen[key]}",
                    )
                )
            else:
                seen[key] = row.line


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def write_rows(
    rows: list[CompanyRow], progress: Callable[[Iterable], Iterable] = lambda rows: rows
) -> ImportSummary:
    """Create or update the companies (found by LEI, else by name); all rows or none."""
    by_lei = {c.lei: c for c in Company.objects.exclude(lei="")}
    names = {r.name.lower() for r in rows}
    by_name = {
        c.lower_name: c
        for c in Company.objects.annotate(lower_name=Lower("name")).filter(lower_name__in=names)
    }
    slugs = set(Company.objects.values_list("slug", flat=True))
    owners = {(t.exchange, t.symbol): t.company_id for t in Ticker.objects.all()}
    problems, summary = [], ImportSummary()
    for row in progress(rows):
        company = by_lei.get(row.lei) if row.lei else None
        company = company or by_name.get(row.name.lower())
        created = company is None
        if created:
            slug = free_slug(row.name, slugs.__contains__)
            slugs.add(slug)
            company = Company(name=row.name, slug=slug)
        wanted = {"country": row.country, "lei": row.lei, "wikidata_id": row.wikidata}
        changed = created
        for attribute, value in wanted.items():
            if value and getattr(company, attribute) != value:
                setattr(company, attribute, value)
                changed = True
        if changed:
            company.save()
        have_aliases = set(company.aliases.values_list("name", flat=True)) if not created else set()
        new_aliases = [
            a for a in dict.fromkeys(row.aliases) if a not in have_aliases and a != row.name
        ]
        CompanyAlias.objects.bulk_create(CompanyAlias(company=company, name=a) for a in new_aliases)
        new_tickers = []
        for exchange, symbol in row.tickers:
            owner = owners.get((exchange, symbol))
            if owner is None:
                new_tickers.append(Ticker(company=company, exchange=exchange, symbol=symbol))
                owners[(exchange, symbol)] = company.pk
            elif owner != company.pk:
                problems.append(
                    (row.line, f"ticker {exchange}:{symbol} belongs to another company")
                )
        Ticker.objects.bulk_create(new_tickers)
        if created:
            summary.created += 1
        elif changed or new_aliases or new_tickers:
            summary.updated += 1
        else:
            summary.unchanged += 1
    if problems:
        transaction.set_rollback(True)
        raise RegistryFileError(problems)
    return summary
