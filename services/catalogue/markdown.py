"""A story's Markdown made safe: sanitised HTML for the screen, plain blocks for print."""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)")
_TAG = re.compile(r"<[^>\n]*>")


# Stories are parsed by a real Markdown parser (CommonMark, raw HTML off so any tag is shown as
# typed) and then cleaned by an HTML sanitiser: no regular expression has to guess every form an
# image can take (inline, reference, nested in a link, raw HTML). Only our own `/files/…` images
# survive; a remote one would tell its server who reads the story, and when.
_OWN_IMAGE = re.compile(r"^/files/[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
_STORY_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "s",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
    "img",
}
_STORY_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}


def _story_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("strikethrough")


def _defuse(tokens) -> None:
    """Remote or odd images become their alt text; links to anything but http(s) and mailto
    become their words (markdown-it has resolved reference definitions and autolinks already)."""
    from markdown_it.token import Token

    for block in tokens:
        if not block.children:
            continue
        children, unsafe_links = [], []
        for token in block.children:
            if token.type == "image" and not _OWN_IMAGE.match(str(token.attrGet("src") or "")):
                children.append(Token("text", "", 0, content=token.content))
                continue
            if token.type == "link_open":
                unsafe = not _SAFE_LINK.match(str(token.attrGet("href") or ""))
                unsafe_links.append(unsafe)
                if unsafe:
                    continue
            if token.type == "link_close" and unsafe_links and unsafe_links.pop():
                continue
            children.append(token)
        block.children = children


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if _OWN_IMAGE.match(value) else None
    if tag == "a" and attribute == "href":
        return value if _SAFE_LINK.match(value) else None
    return value


def story_html(text: str) -> str:
    """The story as sanitised HTML (for `st.html`, which adds no Markdown pass of its own):
    headings, lists, emphasis, quotes, code, http(s)/mailto links and our own images only."""
    import nh3

    parser = _story_parser()
    tokens = parser.parse(text or "")
    _defuse(tokens)
    html = parser.renderer.render(tokens, parser.options, {})
    return nh3.clean(
        html,
        tags=_STORY_TAGS,
        attributes=_STORY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_keep_attribute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


_MARKS = re.compile(r"(\*\*|__|\*|`)")  # bold, italic and code marks, dropped in print


def story_blocks(markdown: str) -> list[tuple[str, str]]:
    """The story as ("heading" | "bullet" | "text", plain words) blocks, for PDF and DOCX: the
    yearbook keeps its headings and lists without ever interpreting HTML."""
    text = _IMAGE.sub(lambda m: m.group(1), markdown or "")
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _TAG.sub("", text)
    blocks: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("text", " ".join(paragraph)))
            paragraph.clear()

    for line in text.split("\n"):
        bullet = re.match(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$", line)
        words = _MARKS.sub("", bullet.group(1) if bullet else line).strip()
        heading = None if bullet else re.match(r"^#{1,6}\s*(.*)$", words)
        if not words:
            flush()
        elif heading or bullet:
            flush()
            blocks.append(("heading", heading.group(1).strip()) if heading else ("bullet", words))
        else:
            paragraph.append(words)
    flush()
    return [(kind, words) for kind, words in blocks if words]
