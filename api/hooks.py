"""What the partner API registers in ``articles.hooks``: a tombstone when a live story leaves."""

from articles import hooks
from articles.models import Article

from .models import Tombstone


@hooks.register(hooks.FEED_CHANGED)
def keep_tombstone(article_id: int, *, left_public: bool, deal: bool = False) -> None:
    """Remember when a live story stopped being public, in the same transaction, so that a later
    move (a new embargo, a return to draft) cannot hide its removal from a partner's copy."""
    if left_public:
        removed_at = Article.objects.filter(pk=article_id).values_list("updated_at", flat=True)[0]
        Tombstone.objects.update_or_create(
            article_id=article_id, defaults={"removed_at": removed_at}
        )
