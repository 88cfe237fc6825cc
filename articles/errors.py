"""What the story workflow refuses, and why: raised by the services, shown by the admin."""


class WorkflowError(Exception):
    """A workflow step that was refused, with every reason."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class StaleEdit(Exception):
    """Someone saved the story after the editor opened it."""

    def __init__(self, article, changes: list[str]):
        super().__init__(
            "This story was saved by someone else since you opened it"
            + (f" (changed: {', '.join(changes)})" if changes else "")
            + ". Reload it to see their version; nothing of yours was saved."
        )
        self.article = article
        self.changes = changes
