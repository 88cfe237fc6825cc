"""The subscription form: filters as an editor thinks of them, stored as lists."""

from django import forms

from articles.models import Section
from deals.models import AgreementKind

from .models import EVENTS, Subscription, validate_company_references


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(
        label="Endpoint",
        max_length=500,
        assume_scheme="https",
        help_text="Where the signed POSTs go: https://, or http:// to 127.0.0.1 for testing.",
    )
    companies = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text=(
            "Comma-separated: company slugs, or lei:…, ticker:EXCHANGE:SYMBOL, wikidata:Q…. "
            "Empty: stories about any company."
        ),
    )
    kinds = forms.MultipleChoiceField(
        label="Agreement kinds",
        choices=AgreementKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only stories reporting a deal of a ticked kind. None ticked: any story.",
    )
    events = forms.MultipleChoiceField(
        choices=list(EVENTS.items()),
        required=True,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Which changes to send. A withdrawal of a story this endpoint was told of is "
            "always sent, so that no copy outlives its story."
        ),
    )
    sections = forms.MultipleChoiceField(
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only stories filed in a ticked section. None ticked: every section.",
    )

    class Meta:
        model = Subscription
        fields = ("partner", "url", "events", "companies", "kinds", "sections", "is_active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = list(Section.objects.values_list("slug", "name"))
        if self.instance.pk:
            self.initial["companies"] = ", ".join(self.instance.companies)

    def clean_companies(self) -> list[str]:
        refs = [r.strip() for r in self.cleaned_data["companies"].split(",") if r.strip()]
        validate_company_references(refs)
        return refs
