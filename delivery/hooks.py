"""What webhooks register in ``articles.hooks``: the outbox row, in the changing transaction."""

from articles import hooks

from .services import event_record


@hooks.register(hooks.FEED_CHANGED)
def write_outbox(article_id: int, *, left_public: bool, deal: bool = False) -> None:
    event_record(article_id, left_public=left_public, about_deal=deal)
