"""The evaluation set of real published deal stories, and the scorer that runs the engine on it.

The repository keeps only our gold labels and where each story can be found; the stories' texts
are fetched into the git-ignored ``var/eval/texts/`` and never committed. ``python -m
engine.evaluation`` (``make quality``) prints the scores per split. Pure Python, no Django.
"""
