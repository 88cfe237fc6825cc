"""Stories and what surrounds them: sections, reporters, bylines, rankings and page views."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from . import hooks
from .renditions import validate_picture_file
from .text import BODY_MAX, cut_at_word, normalise_body, normalise_text


class Section(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order of the section in the site navigation; lower comes first."
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", args=[self.slug])


class ReporterQuerySet(models.QuerySet):
    def public(self):
        """Reporters readers and partners may see: those with at least one live story."""
        return self.filter(pk__in=Article.objects.live().values("bylines__reporter_id"))


class Reporter(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    email = models.EmailField(
        blank=True, help_text="Shown in the byline as the reporter's contact. Unique when given."
    )
    bio = models.TextField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporter",
        help_text="The admin account this reporter logs in with, if any.",
    )

    objects = ReporterQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~Q(email=""),
                name="reporter_email_unique_ci",
                violation_error_message="Another reporter already has this email address.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:reporter", args=[self.slug])


class Picture(models.Model):
    """A photograph or graphic with what readers and the law need: words for those who cannot
    see it, a caption, who made it, who holds the rights and under which licence."""

    image = models.ImageField(
        upload_to="pictures/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_picture_file],
        help_text="JPEG, PNG or WebP, at most 20 MB, at least 1200 × 675 pixels.",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        "alt text",
        max_length=250,
        help_text="What the picture shows, for readers who cannot see it. Required.",
    )
    caption = models.CharField(max_length=500, blank=True, help_text="Shown under the picture.")
    credit = models.CharField(
        max_length=200, help_text="Who made it, as printed: e.g. Lin Hao/Newsroom."
    )
    rights_holder = models.CharField(
        max_length=200, help_text="Who owns the copyright, e.g. Newsroom or an agency."
    )
    licence = models.CharField(
        max_length=200,
        blank=True,
        help_text="The licence or terms we use it under, e.g. Staff, CC BY 4.0, agency contract.",
    )
    focal_x = models.FloatField(
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Where the subject is, across (0 left, 1 right): crops keep it in frame.",
    )
    focal_y = models.FloatField(
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Where the subject is, down (0 top, 1 bottom).",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="picture_alt_text_required"),
        ]

    def __str__(self) -> str:
        return self.caption or self.alt_text


class ArticleQuerySet(models.QuerySet):
    @staticmethod
    def live_condition(at=None) -> Q:
        """The live rule, the one place it is written: published, and past any embargo."""
        return Q(status=Article.Status.PUBLISHED, publish_at__lte=at or timezone.now())

    def live(self, *, at=None):
        """Stories the public may see: published, and past any embargo."""
        return self.filter(self.live_condition(at))

    def embargoed(self, *, at=None):
        """Published stories whose embargo has not lifted: the published ones ``live`` leaves out."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=at or timezone.now())

    def with_byline(self):
        """Prefetch the ordered byline so listing reporters costs one query for the whole page."""
        return self.prefetch_related(
            models.Prefetch(
                "bylines", queryset=Byline.objects.select_related("reporter").order_by("position")
            )
        )


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class StoryText(models.Model):
    """The words of a story that an editor writes: the live story's, and a working copy's."""

    headline = models.CharField(max_length=300)
    dek = models.CharField(
        max_length=500, blank=True, help_text="The standfirst shown under the headline."
    )
    dateline = models.CharField(
        max_length=100, blank=True, help_text="Where the story was filed from, e.g. SHANGHAI."
    )
    language = models.CharField(max_length=16, default="en", help_text="BCP 47 tag, e.g. en.")
    body = models.TextField(
        help_text=(
            f"Plain text. Separate paragraphs with a blank line. Annotations follow edits. "
            f"At most {BODY_MAX:,} characters."
        ),
        validators=[
            MaxLengthValidator(
                BODY_MAX,
                f"A story may be at most {BODY_MAX:,} characters long "
                "(this one has %(show_value)s).",
            )
        ],
    )
    source_uri = models.CharField(
        max_length=500,
        blank=True,
        help_text="Identifier of the imported original (a ninjs uri or a file), if imported.",
    )

    class Meta:
        abstract = True

    def normalise(self) -> None:
        """Tidy the words as every save does: no control characters, paragraphs kept."""
        self.headline = normalise_text(self.headline)
        self.dek = normalise_text(self.dek)
        self.body = normalise_body(self.body)


class Article(StoryText):
    Status = ArticleStatus

    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The story's address. Renaming it keeps the old address working (a redirect).",
    )
    uid = models.UUIDField(
        "permanent identifier",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Never changes, whatever the slug: feed readers and partners know it by this.",
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    reporters = models.ManyToManyField(
        Reporter, through="Byline", related_name="articles", blank=True
    )
    lead_picture = models.ForeignKey(
        Picture,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of",
        help_text="Shown above the story and in shares and feeds.",
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the story goes live. A time in the future is an embargo.",
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    changed_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text=(
            "Where the story sits in the partners' change feed: the later of its last change and "
            "its publish time, so a story whose embargo lifts enters the feed when it goes live."
        ),
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every save; a stale save is refused."
    )

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-publish_at", "-id"]
        permissions = [
            ("publish_article", "Can publish or schedule stories"),
            ("withdraw_article", "Can withdraw published stories"),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_live_idx"),
            models.Index(fields=["section", "status", "publish_at"], name="article_section_idx"),
            models.Index(fields=["updated_at"], name="article_updated_idx"),
            models.Index(fields=["source_uri"], name="article_source_uri_idx"),
            models.Index(fields=["changed_at", "id"], name="article_changed_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="article_version_positive"),
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="article_published_has_publish_at",
                violation_error_message="A published story needs a publish time.",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("articles:article", args=[self.slug])

    @property
    def is_live(self) -> bool:
        return self.live_at(self.status, self.publish_at, timezone.now())

    @staticmethod
    def live_at(status: str, publish_at, now) -> bool:
        """The live rule for values already read (``ArticleQuerySet.live_condition`` in SQL)."""
        return status == Article.Status.PUBLISHED and publish_at is not None and publish_at <= now

    @property
    def urn(self) -> str:
        """The story's permanent identifier as a URI (feed GUIDs and Atom ids)."""
        return self.uid.urn

    def summary(self, limit: int = 200) -> str:
        """The dek, or else the start of the body: plain text, cut at a word."""
        return cut_at_word(self.dek or self.body, limit)

    @property
    def byline(self) -> list["Reporter"]:
        return [b.reporter for b in self.bylines.all()]

    def clean(self) -> None:
        self.normalise()
        if not self.body:
            raise ValidationError({"body": "A story needs a body."})
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()

    def save(self, *args, **kwargs) -> None:
        self.normalise()
        self.updated_at = timezone.now()
        if self.status == self.Status.PUBLISHED:
            if self.publish_at is None:
                self.publish_at = self.updated_at
            if self.first_published_at is None:
                self.first_published_at = max(self.publish_at, self.created_at)
        self.changed_at = max(self.updated_at, self.publish_at or self.updated_at)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at", "changed_at", "version"}
        updating = self.pk is not None and not kwargs.get("force_insert")
        with transaction.atomic():
            old_body = None
            was_live = False
            if updating:
                row = (
                    Article.objects.select_for_update()
                    .filter(pk=self.pk)
                    .values("body", "version", "slug", "status", "publish_at")
                    .first()
                )
                if row:
                    old_body = row["body"]
                    was_live = Article.live_at(row["status"], row["publish_at"], self.updated_at)
                    self.version = row["version"] + 1
                    if row["slug"] != self.slug:
                        FormerSlug.objects.update_or_create(
                            slug=row["slug"], defaults={"article": self}
                        )
            super().save(*args, **kwargs)
            # A slug taken (back) by a story is its address now, not a redirect.
            FormerSlug.objects.filter(slug=self.slug).delete()
            if not updating:
                old_body = ""  # a new story: its whole body is new
            if old_body is not None and old_body != self.body:
                # The text's own invariants (anchored annotations quote it) must hold at commit.
                hooks.run(hooks.BODY_CHANGED, self, old_body)
            left_public = was_live and not Article.live_at(
                self.status, self.publish_at, self.updated_at
            )
            hooks.run(hooks.FEED_CHANGED, self.pk, left_public=left_public)


class WorkingCopy(StoryText):
    """Changes to a published story that readers do not see yet (Wagtail's draft revision).

    A published story keeps serving its own row, the live revision; anyone's edit of it lands
    here instead, and only an editor's "Publish changes" copies it onto the story, through the
    publish checks. One working copy per story; its history keeps each save for merging.
    """

    #: The fields a working copy carries; the rest of the story (status, dates) stays live.
    FIELDS = (
        "headline",
        "slug",
        "dek",
        "section",
        "lead_picture",
        "dateline",
        "language",
        "body",
        "source_uri",
    )

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="working_copy")
    slug = models.SlugField(
        max_length=200, help_text="The address the story will have once the changes are live."
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_picture = models.ForeignKey(
        Picture, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    based_on_version = models.PositiveIntegerField(
        help_text="The version of the live story these changes started from."
    )
    revision = models.PositiveIntegerField(
        default=1, help_text="Raised on every save of the changes; a stale save is merged."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the changes were handed to the editors."
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "working copy"
        verbose_name_plural = "working copies"

    def __str__(self) -> str:
        return f"Changes waiting to “{self.article}”"

    def save(self, *args, **kwargs) -> None:
        self.normalise()
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)


def attribute_of(name: str) -> str:
    """The attribute holding a field's value: the key, not the object, for relations."""
    return f"{name}_id" if name in ("section", "lead_picture") else name


def story_values(story) -> dict:
    """A story's (or a revision's, or a working copy's) editable fields by name, comparable."""
    return {name: getattr(story, attribute_of(name)) for name in WorkingCopy.FIELDS}


class InlinePicture(models.Model):
    """A picture inside a story, shown after one of its paragraphs."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="inline_pictures")
    picture = models.ForeignKey(Picture, on_delete=models.PROTECT, related_name="inline_in")
    after_paragraph = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        help_text="Shown after this paragraph (1 is the first); past the last, at the end.",
    )

    class Meta:
        ordering = ["after_paragraph", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "picture"], name="inline_picture_once_a_story"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.picture} after paragraph {self.after_paragraph}"


class FormerSlug(models.Model):
    """A slug a story had before it was renamed; its old address answers 301 to the new one."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=200, unique=True)
    retired_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-retired_at"]

    def __str__(self) -> str:
        return self.slug


class Byline(models.Model):
    """One reporter in an article's byline, at a position (1 is first)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    reporter = models.ForeignKey(Reporter, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="byline_position_unique"),
            models.UniqueConstraint(fields=["article", "reporter"], name="byline_reporter_unique"),
            models.CheckConstraint(condition=Q(position__gte=1), name="byline_position_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.reporter}"


class RankingKind(models.TextChoices):
    EDITORIAL = "editorial", "Editorial (hand-ordered)"
    MOST_READ = "most_read", "Most read (computed from page views)"
    PARTNER = "partner", "Partner (sponsored content)"


class Ranking(models.Model):
    """An ordered list of story links shown on pages, like the lists at the foot of a story."""

    Kind = RankingKind

    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.EDITORIAL)
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rankings",
        help_text="Show this list only with this story; empty shows it site-wide.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order among the lists on a page; lower comes first."
    )
    window_days = models.PositiveSmallIntegerField(
        default=2, help_text="For most-read lists: how many recent days of page views count."
    )
    size = models.PositiveSmallIntegerField(
        default=5, help_text="For most-read lists: how many stories to show."
    )

    class Meta:
        ordering = ["position", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RankingKind.values), name="ranking_kind_valid"
            ),
            models.CheckConstraint(condition=Q(window_days__gte=1), name="ranking_window_positive"),
            models.CheckConstraint(condition=Q(size__gte=1), name="ranking_size_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class RankingEntry(models.Model):
    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ranking_entries",
        help_text="The story this entry links to, when it is ours.",
    )
    url = models.URLField(
        max_length=500, blank=True, help_text="A link outside the site (partner content only)."
    )
    sponsor = models.CharField(
        max_length=200, blank=True, help_text="Who paid for this entry (partner lists)."
    )
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["ranking", "position"]
        verbose_name_plural = "ranking entries"
        constraints = [
            models.UniqueConstraint(
                fields=["ranking", "position"],
                name="ranking_entry_position_unique",
                violation_error_message="This list already has an entry at that position.",
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="ranking_entry_position_positive"
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(starts_at__lte=F("ends_at")),
                name="ranking_entry_dates_ordered",
                violation_error_message="An entry must start before it ends.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def clean(self) -> None:
        if self.url and not self.url.lower().startswith(("https://", "http://")):
            raise ValidationError({"url": "Only http and https links are allowed."})


class PageView(models.Model):
    """Views of a story on one day, the input to most-read rankings."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="page_views")
    day = models.DateField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="page_view_article_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} on {self.day}: {self.count}"
