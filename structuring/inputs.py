"""What each Structure screen endpoint accepts, as DRF serializers.

Error messages are written as the end of a sentence about the field ("must be ..."), so that
``first_error`` can name the field in front of them: "'start' must be a whole number ...".
"""

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import serializers

from deals.models import Agreement, AgreementEvent, Claim, Party
from registry.models import Company, Person

from .models import Annotation

# The largest id or offset a database column holds; bigger numbers are refused here rather
# than overflowing the database driver.
LARGEST = 2**63 - 1
WHOLE = {
    key: "must be a whole number of zero or more."
    for key in ("invalid", "min_value", "max_value", "max_string_length")
}
REQUIRED = {"required": "is required.", "null": "must not be empty."}


def whole_number(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0, max_value=LARGEST, error_messages={**REQUIRED, **WHOLE}, **kwargs
    )


def choice(choices, what: str, **kwargs) -> serializers.ChoiceField:
    names = ", ".join(value for value, _ in choices)
    return serializers.ChoiceField(
        choices,
        error_messages={**REQUIRED, "invalid_choice": f"must be a known {what} ({names})."},
        **kwargs,
    )


def text(max_length: int, **kwargs) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length,
        error_messages={
            **REQUIRED,
            "invalid": "must be text.",
            "blank": "must not be empty.",
            "max_length": f"must be at most {max_length} characters.",
        },
        **kwargs,
    )


def names(max_length: int = 100, **kwargs) -> serializers.ListField:
    """A list of names; empty entries are dropped."""
    return serializers.ListField(
        child=text(max_length, allow_blank=True),
        max_length=100,
        error_messages={"not_a_list": "must be a list of names.", **REQUIRED},
        **kwargs,
    )


class RowField(serializers.PrimaryKeyRelatedField):
    """The id of a row that must exist, such as ``company_id``."""

    def __init__(self, noun: str, **kwargs):
        self.noun = noun
        super().__init__(error_messages=REQUIRED, **kwargs)

    def to_internal_value(self, data):
        pk = whole_number().run_validation(data)
        try:
            return self.get_queryset().get(pk=pk)
        except ObjectDoesNotExist:
            raise serializers.ValidationError(
                f"names no {self.noun} (there is no id {pk})."
            ) from None


class PartyInput(serializers.Serializer):
    company_id = RowField("company", queryset=Company.objects.all(), source="company")
    role = choice(Party.Role.choices, "role", default=Party.Role.PARTNER)


class TagInput(serializers.Serializer):
    """Words an editor selected, and what they name: an existing row or a new one."""

    start = whole_number()
    end = whole_number()
    kind = choice(Annotation.Kind.choices, "kind of annotation")
    version = whole_number(required=False, allow_null=True, source="expected_version")
    company_id = RowField(
        "company", queryset=Company.objects.all(), required=False, allow_null=True, source="company"
    )
    new_company = text(200, required=False, allow_blank=True)
    agreement_id = RowField(
        "agreement",
        queryset=Agreement.objects.all(),
        required=False,
        allow_null=True,
        source="agreement",
    )
    parties = PartyInput(many=True, required=False)
    agreement_kind = choice(Agreement.Kind.choices, "kind of agreement", default="partnership")
    person_id = RowField(
        "person", queryset=Person.objects.all(), required=False, allow_null=True, source="person"
    )
    new_person = text(200, required=False, allow_blank=True)
    title = text(300, required=False, allow_blank=True)

    def validate(self, data: dict) -> dict:
        kind = data["kind"]
        if kind == Annotation.Kind.COMPANY and not (data.get("company") or data.get("new_company")):
            raise serializers.ValidationError(
                {"company_id": "is required: choose a company, or give 'new_company'."}
            )
        new_deal = kind == Annotation.Kind.AGREEMENT and not data.get("agreement")
        if new_deal and len(data.get("parties") or []) < 2:
            raise serializers.ValidationError(
                {"parties": "must name at least two parties for a new agreement."}
            )
        if kind == Annotation.Kind.PERSON and not (data.get("person") or data.get("new_person")):
            raise serializers.ValidationError(
                {"person_id": "is required: choose a person, or give 'new_person'."}
            )
        return data


class EventInput(serializers.Serializer):
    kind = choice(AgreementEvent.Kind.choices, "kind of event")
    occurred_on = serializers.DateField(
        required=False, allow_null=True, error_messages={"invalid": "must be a date YYYY-MM-DD."}
    )
    precision = choice(AgreementEvent.Precision.choices, "precision", required=False)
    description = text(500, required=False, allow_blank=True)


class AgreementInput(serializers.Serializer):
    """Changes to an agreement of the story; a field left out (or null) is left as it is."""

    kind = choice(Agreement.Kind.choices, "kind of agreement", required=False, allow_null=True)
    status = choice(Agreement.Status.choices, "status", required=False, allow_null=True)
    parties = PartyInput(many=True, required=False, allow_null=True)
    sectors = names(required=False, allow_null=True)
    regions = names(required=False, allow_null=True)
    announced_on = serializers.DateField(
        required=False,
        allow_null=True,
        error_messages={"invalid": "must be a date written YYYY-MM-DD."},
    )
    announced_place = text(200, required=False, allow_blank=True, allow_null=True)
    resulting_company_id = RowField(
        "company",
        queryset=Company.objects.all(),
        required=False,
        allow_null=True,
        source="resulting_company",
    )
    event = EventInput(required=False, allow_null=True)

    def validate(self, data: dict) -> dict:
        # The resulting company is the one field where null means something: no such company.
        changes = {k: v for k, v in data.items() if v is not None or k == "resulting_company"}
        if changes.get("parties") is not None:
            changes["parties"] = [(p["company"], p["role"]) for p in changes["parties"]]
        for field in ("sectors", "regions"):
            if field in changes:
                changes[field] = [name for name in changes[field] if name]
        return changes


class AcceptAllInput(serializers.Serializer):
    ids = serializers.ListField(
        child=whole_number(),
        required=False,
        allow_null=True,
        max_length=10_000,
        error_messages={"not_a_list": "must be a list of annotation ids."},
    )


class DecisionInput(serializers.Serializer):
    decision = choice(
        [(d, d) for d in ("accept", "reject", "keep", "drop", "accept-company")], "decision"
    )


class SearchInput(serializers.Serializer):
    what = choice([(w, w) for w in ("companies", "people", "agreements")], "search")
    q = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_q(self, value: str) -> str:
        # A search box never needs more; longer input is cut, not refused, as the user types.
        return value[:100]


def first_error(detail, path: str = "") -> str:
    """The first of a serializer's errors as a sentence naming the field, e.g. "'parties[1].role'
    must be a known role (...)"."""
    if isinstance(detail, dict):
        field, inner = next(iter(detail.items()))
        if field == "non_field_errors":
            name = path
        elif isinstance(field, int):  # the item of a list, e.g. the third sector
            name = f"{path}[{field}]"
        else:
            name = f"{path}.{field}" if path else field
        return first_error(inner, name)
    if isinstance(detail, list):
        for index, inner in enumerate(detail):
            if inner:
                nested = isinstance(inner, dict | list)
                return first_error(inner, f"{path}[{index}]" if nested else path)
        return f"'{path}' is not valid."
    message = str(detail)
    if not path:
        return message
    if message[:1].islower():
        return f"'{path}' {message}"
    return f"'{path}': {message}"


def number(max_digits: int, **kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=max_digits,
        decimal_places=2,
        error_messages={
            **REQUIRED,
            "invalid": "must be a number such as 1200000000 or 49.5.",
            "max_digits": "is too large.",
            "max_whole_digits": "is too large.",
            "max_decimal_places": "must have at most two decimal places.",
        },
        **kwargs,
    )


class ClaimInput(serializers.Serializer):
    """A term of a deal the story states: its value, and the selected words (``start``, ``end``)
    or ``asserted`` when the editor asserts it without words to point at."""

    term = choice(Claim.Term.choices, "term")
    start = whole_number(required=False)
    end = whole_number(required=False)
    asserted = serializers.BooleanField(default=False)
    kind = choice(Agreement.Kind.choices, "kind of agreement", required=False)
    status = choice(Agreement.Status.choices, "status", required=False)
    role = choice(Party.Role.choices, "role", required=False)
    company_id = RowField(
        "company", queryset=Company.objects.all(), required=False, source="company"
    )
    counterpart_id = RowField(
        "company", queryset=Company.objects.all(), required=False, source="counterpart"
    )
    approval = choice(Claim.Approval.choices, "state of approval", required=False)
    amount = number(20, required=False)
    currency = text(3, required=False)
    percent = number(5, required=False)
    on = serializers.DateField(
        required=False, error_messages={"invalid": "must be a date written YYYY-MM-DD."}
    )
    precision = choice(AgreementEvent.Precision.choices, "precision", required=False)
    sector = text(100, required=False)
    region = text(100, required=False)
    text = text(200, required=False)

    def validate(self, data: dict) -> dict:
        if ("start" in data) != ("end" in data):
            missing = "end" if "start" in data else "start"
            raise serializers.ValidationError({missing: "is required with the other end."})
        if "start" in data and data["end"] <= data["start"]:
            raise serializers.ValidationError({"end": "must be after start."})
        return data
