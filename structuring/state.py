"""What the Structure screen shows, described as DRF serializers over ``selectors``.

``structure.js`` reads exactly these fields; change both together.
"""

from rest_framework import serializers

from articles.models import Article, WorkingCopy
from articles.publishing import publish_problems

from . import claim_screen, selectors
from .models import Annotation
from .tasks import suggestions_pending


class TargetSerializer(serializers.Serializer):
    """What an annotation points at: a company, an agreement or a person."""

    type = serializers.CharField()
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    slug = serializers.CharField()

    def to_representation(self, annotation: Annotation) -> dict | None:
        for kind, row, name in (
            ("company", annotation.company, "name"),
            ("agreement", annotation.agreement, "title"),
            ("person", annotation.person, "name"),
        ):
            if row is not None:
                return {"type": kind, "id": row.pk, "name": getattr(row, name), "slug": row.slug}
        return None


class AnnotationStateSerializer(serializers.ModelSerializer):
    target = TargetSerializer(source="*", allow_null=True)
    made_by = serializers.SerializerMethodField()
    reviewed_by = serializers.StringRelatedField()

    class Meta:
        model = Annotation
        fields = [
            "id",
            "start",
            "end",
            "exact",
            "kind",
            "review_state",
            "anchor_state",
            "source",
            "confidence",
            "why",
            "proposal",
            "target",
            "made_by",
            "reviewed_by",
            "reviewed_at",
        ]

    def get_made_by(self, annotation: Annotation) -> str:
        if annotation.created_by:
            return str(annotation.created_by)
        if annotation.source in Annotation.Source.machine():
            return "machine"
        return "" if annotation.source == Annotation.Source.EDITOR else annotation.source


class CompanyStateSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    slug = serializers.CharField()


class ArticleStateSerializer(serializers.ModelSerializer):
    public_url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "headline", "version", "status", "body", "public_url"]

    def get_public_url(self, article: Article) -> str | None:
        return article.get_absolute_url() if article.is_live else None


def structure_state(article: Article) -> dict:
    """Everything the Structure screen shows, as JSON-ready data, read fresh from the database."""
    article.refresh_from_db()
    marked = set(selectors.story_agreements(article).values_list("pk", flat=True))
    return {
        "article": ArticleStateSerializer(article).data,
        "annotations": AnnotationStateSerializer(
            selectors.story_annotations(article), many=True
        ).data,
        # Each agreement as this story claims it, with the live stories that say otherwise.
        "agreements": claim_screen.agreements_state(article, marked),
        "companies": CompanyStateSerializer(selectors.story_companies(article), many=True).data,
        "problems": publish_problems(article),
        "suggestions_pending": suggestions_pending(article.pk),
        "status_line": status_line(article),
    }


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def status_line(article: Article) -> str:
    """The story's state in a few words, with what is left for an editor: "Live — 1 mention
    needs review", "Draft — ready to publish"."""
    Status = Article.Status
    if article.status == Status.PUBLISHED:
        label = "Live" if article.is_live else "Scheduled"
    else:
        label = article.get_status_display()
    annotations = [
        a
        for a in selectors.story_annotations(article)
        if a.review_state != Annotation.ReviewState.REJECTED
    ]
    open_items = [
        _count(
            sum(a.anchor_state == Annotation.AnchorState.NEEDS_REVIEW for a in annotations),
            "mention needs review",
            "mentions need review",
        ),
        _count(
            sum(a.anchor_state == Annotation.AnchorState.ORPHANED for a in annotations),
            "mention is orphaned",
            "mentions are orphaned",
        ),
        _count(
            sum(a.review_state == Annotation.ReviewState.SUGGESTED for a in annotations),
            "suggestion waits",
            "suggestions wait",
        ),
    ]
    open_items = [item for item in open_items if not item.startswith("0 ")]
    if suggestions_pending(article.pk):
        open_items.append("suggestions are being made")
    if WorkingCopy.objects.filter(article=article).exists():
        # This screen structures the live text; the changes are structured once they are live.
        open_items.append("changes to the text wait for an editor")
    if open_items:
        return f"{label} — {', '.join(open_items)}"
    if article.status in (Status.DRAFT, Status.REVIEW):
        return f"{label} — ready to publish" if not publish_problems(article) else label
    return label
