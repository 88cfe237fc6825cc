import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.story_format import (
    StoryFormatError,
    parse_ninjs,
    parse_story_file,
    parse_story_text,
)
from articles.text import normalise_body


def test_seed_story_parses_into_headline_body_byline_and_two_lists(seed_path):
    story = parse_story_text(seed_path.read_bytes())

    assert story.headline == "China Telecom Dials Up Deeper Partnerships With AT&T, Orange"
    assert [(r.name, r.email) for r in story.reporters] == [("Yang Ge", "geyang@caixin.com")]
    assert "Contact reporter" not in story.body
    assert "- 1" not in story.body
    assert story.body.startswith("China Telecom, the smallest")
    assert story.body.endswith("in the near term.”")
    assert len(story.body.split("\n\n")) == 8
    assert [len(entries) for entries in story.rankings] == [5, 5]
    assert story.rankings[0][4].title == "XPeng Partners With Magna to Build EVs in Europe"
    assert (
        story.rankings[1][0].title == "Power To The People: Pintec Serves A Booming Consumer Class"
    )


def test_contact_line_with_two_reporters_gives_both_in_order(fixtures_dir):
    story = parse_story_text((fixtures_dir / "stories" / "harbour-port-alliance.txt").read_bytes())

    assert [r.email for r in story.reporters] == [
        "ana.ruiz@newsroom.example",
        "tom.baker@newsroom.example",
    ]
    assert [[e.position for e in entries] for entries in story.rankings] == [[1, 2], [1]]


def test_hard_wrapped_paragraphs_are_joined(fixtures_dir):
    story = parse_story_text((fixtures_dir / "stories" / "wrapped.txt").read_bytes())

    assert (
        story.body
        == "This paragraph is wrapped across two lines.\n\nA second paragraph, also wrapped."
    )


def test_entry_title_starting_with_digits_keeps_them():
    story = parse_story_text(b"Headline\n\nBody.\n- 13M Shares Rise\n- 23M Shares Fall\n")

    assert [(e.position, e.title) for e in story.rankings[0]] == [
        (1, "3M Shares Rise"),
        (2, "3M Shares Fall"),
    ]


def test_windows_line_ends_and_decomposed_accents_are_normalised():
    story = parse_story_text("Cafe\u0301 Deal\r\n\r\nOne.\r\nTwo.\r\n".encode())

    assert story.headline == "Café Deal"
    assert story.body == "One.\n\nTwo."


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("empty.txt", None, "empty"),
        ("binary.txt", 3, "binary"),
        ("latin.txt", 3, "UTF-8"),
        ("no-headline.txt", 1, "headline"),
        ("no-body.txt", 1, "no text"),
        ("bad-contact.txt", 4, "Contact reporter NAME (EMAIL)"),
        ("bad-list.txt", 5, "numbered 2 or 1"),
        ("text-after-list.txt", 5, "only ranked-list entries"),
        ("broken.json", 4, "invalid JSON"),
        ("no-uri.json", None, "uri"),
        ("html-only.json", None, "plain-text body"),
    ],
)
def test_malformed_file_raises_error_naming_the_line(fixtures_dir, name, line, words):
    with pytest.raises(StoryFormatError) as caught:
        parse_story_file(name, (fixtures_dir / "bad" / name).read_bytes())

    assert caught.value.line == line
    assert words in caught.value.message


def test_ninjs_item_gives_headline_dek_body_and_byline(fixtures_dir):
    story = parse_ninjs((fixtures_dir / "stories" / "minimal.json").read_bytes())

    assert story.headline == "Minimal ninjs Story"
    assert story.dek == "A standfirst."
    assert story.body == "First paragraph.\n\nSecond paragraph."
    assert [r.name for r in story.reporters] == ["Ana Ruiz", "Tom Baker"]
    assert story.source_uri == "urn:newsroom:test:minimal-1"
    assert story.slug == "minimal-ninjs-story"


@pytest.mark.parametrize(
    ("item", "words"),
    [
        ([1, 2], "JSON object"),
        ({"uri": "urn:x", "headlines": "Headline"}, "'headlines' must be a list"),
        ({"uri": "urn:x", "headlines": [{"value": 3}]}, "headlines[0].value"),
        ({"uri": "urn:x", "headlines": [{"value": "H"}], "bodies": [{"value": ""}]}, "no body"),
        (
            {"uri": "urn:x", "headlines": [{"value": "H"}], "bodies": [{"value": "B"}], "by": 7},
            "'by' must be a string",
        ),
        (
            {
                "uri": "urn:x",
                "headlines": [{"value": "H"}],
                "bodies": [{"value": "B"}],
                "firstCreated": "yesterday",
            },
            "firstCreated",
        ),
    ],
)
def test_invalid_ninjs_is_refused_with_the_field_named(item, words):
    with pytest.raises(StoryFormatError) as caught:
        parse_ninjs(json.dumps(item).encode())

    assert words in caught.value.message


paragraph_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=40
).filter(lambda t: t.strip() and not t.strip().startswith("-") and "Contact" not in t)


@given(headline=paragraph_text, paragraphs=st.lists(paragraph_text, min_size=1, max_size=6))
def test_any_written_story_reads_back_with_the_same_paragraphs(headline, paragraphs):
    raw = "\n".join([headline, "", *paragraphs]).encode()

    story = parse_story_text(raw)

    assert story.body == normalise_body("\n\n".join(paragraphs))
    assert story.rankings == []


@given(st.text(max_size=200))
def test_normalising_a_body_twice_changes_nothing(text):
    once = normalise_body(text)

    assert normalise_body(once) == once
    assert "\r" not in once
    assert "\n\n\n" not in once
