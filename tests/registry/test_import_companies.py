import pytest
from django.core.management import CommandError, call_command

from registry.models import Company, CompanyAlias, Ticker
from tests.factories import CompanyFactory, TickerFactory

pytestmark = pytest.mark.django_db

CSV = """name,aliases,country,tickers,lei,wikidata
China Telecom,China Telecom Corp.|中国电信,cn,HKEX:0728|SSE:601728,,
AT&T,AT&T Inc.,US,NYSE:T,,Q35476
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_csv_creates_companies_with_aliases_and_tickers(tmp_path, capsys):
    call_command("import_companies", write(tmp_path, "companies.csv", CSV))

    telecom = Company.objects.get(name="China Telecom")
    assert telecom.country == "CN"
    assert set(telecom.aliases.values_list("name", flat=True)) == {
        "China Telecom Corp.",
        "中国电信",
    }
    assert {str(t) for t in telecom.tickers.all()} == {"HKEX:0728", "SSE:601728"}
    assert Company.objects.get(slug="att").wikidata_id == "Q35476"
    assert "2 created" in capsys.readouterr().out


def test_importing_again_updates_instead_of_duplicating(tmp_path, capsys):
    path = write(tmp_path, "companies.csv", CSV)
    call_command("import_companies", path)

    call_command("import_companies", path)

    assert Company.objects.count() == 2
    assert CompanyAlias.objects.count() == 3
    assert "2 unchanged" in capsys.readouterr().out


def test_company_is_found_by_lei_before_name(tmp_path):
    existing = CompanyFactory(name="Old Name", lei="5493001KJTIIGC8Y1R12")

    call_command(
        "import_companies",
        write(
            tmp_path,
            "c.jsonl",
            '{"name": "New Name", "lei": "5493001KJTIIGC8Y1R12", "aliases": ["NN"]}\n',
        ),
    )

    assert Company.objects.get() == existing
    assert existing.aliases.get().name == "NN"


def test_every_bad_row_is_listed_with_its_line_and_nothing_is_written(tmp_path, capsys):
    text = (
        CSV + "Bad Country,,China,,,\nBad Ticker,,,T,,\n,,,,,\nBad Lei,,,,12,Q1\nBad Wiki,,,,,12\n"
    )

    with pytest.raises(CommandError, match="5 bad row"):
        call_command("import_companies", write(tmp_path, "companies.csv", text))

    err = capsys.readouterr().err
    for line in (4, 5, 6, 7, 8):
        assert f"companies.csv:{line}:" in err
    assert Company.objects.count() == 0


def test_bad_json_line_is_reported(tmp_path, capsys):
    text = '{"name": "Good"}\n{"name": \n["not", "an", "object"]\n'

    with pytest.raises(CommandError):
        call_command("import_companies", write(tmp_path, "c.jsonl", text))

    err = capsys.readouterr().err
    assert "c.jsonl:2: invalid JSON" in err
    assert "c.jsonl:3: each line must be a JSON object" in err
    assert Company.objects.count() == 0


def test_ticker_of_another_company_rolls_back_the_whole_file(tmp_path, capsys):
    TickerFactory(exchange="NYSE", symbol="T", company__name="Someone Else")

    with pytest.raises(CommandError):
        call_command("import_companies", write(tmp_path, "companies.csv", CSV))

    assert "belongs to another company" in capsys.readouterr().err
    assert not Company.objects.filter(name="China Telecom").exists()
    assert Ticker.objects.count() == 1


def test_repeated_company_in_one_file_is_an_error(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_companies", write(tmp_path, "c.csv", CSV + "at&t,,,,,\n"))

    assert "c.csv:4: name 'at&t' repeats line 3" in capsys.readouterr().err


def test_missing_file_and_missing_header_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_companies", str(tmp_path / "nope.csv"))
    with pytest.raises(CommandError):
        call_command("import_companies", write(tmp_path, "h.csv", "company,country\nX,CN\n"))
