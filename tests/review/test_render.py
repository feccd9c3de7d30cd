"""review.render: model text becomes HTML that shows every character written and can do nothing else."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

import assay.review
from assay.review.render import render_markdown, reveal_invisible

# the only elements and attributes markdown may produce; anything else came from the text
ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "blockquote", "strong", "em", "code", "pre", "span", "ol", "ul", "li"}
) | {f"h{level}" for level in range(1, 7)}
ALLOWED_ATTRS = frozenset({"class", "data-tex", "value", "start"})


@dataclass
class Parsed:
    tags: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    math: list[tuple[str, str]] = field(default_factory=list)  # (class, data-tex)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Parsed()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.tags.append(tag)
        values = {name: value or "" for name, value in attrs}
        self.out.attrs.extend(values.items())
        if "data-tex" in values:
            self.out.math.append((values.get("class", ""), values["data-tex"]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.out.text += data

    def handle_comment(self, data: str) -> None:
        raise AssertionError(f"an HTML comment reached the page: {data!r}")


def parse(page: str) -> Parsed:
    reader = _Reader()
    reader.feed(str(page))  # a plain str: Markup would escape what the parser joins to it
    reader.close()
    return reader.out


def assert_inert(page: str) -> Parsed:
    """Only markdown's own elements and attributes; no address, no handler, no style from the text."""
    parsed = parse(page)
    assert set(parsed.tags) <= ALLOWED_TAGS, parsed.tags
    for name, value in parsed.attrs:
        assert name in ALLOWED_ATTRS, (name, value)
        if name == "class":
            assert value in ("math math-inline", "math math-display", "render-note", "plain", "fence-info")
        if name in ("value", "start"):
            assert value.isdigit(), value
    return parsed


HOSTILE = [
    # raw HTML of every kind is text
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<iframe src=//evil.example></iframe>",
    "<style>body{display:none}</style>",
    '<a href="javascript:alert(1)">click</a>',
    "<!-- hidden from the reviewer -->",
    "<details open><summary>x</summary>y</details>",
    '<form action="/api/logout" method="post"><button>ok</button></form>',
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    # every way markdown makes an address stays the characters written
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox)",
    "![tracker](http://evil.example/pixel.png)",
    '![x](x "title" onerror=alert(1))',
    "<http://evil.example/>",
    "<javascript:alert(1)>",
    "mail <evil@example.com>",
    "https://evil.example/steal?c=1",
    # math delimiters cannot break out of the span or its attribute
    '$a" onmouseover="alert(1)$',
    "$x</span><script>alert(1)</script>$",
    "\\(</span><img src=x onerror=alert(1)>\\)",
    "$$\n<script>alert(1)</script>\n$$",
    "$\\href{javascript:alert(1)}{x}$",
    # code spans and fences keep their content as text, fence info included
    "`<script>alert(1)</script>`",
    '```html\n<b onclick="alert(1)">x</b>\n```',
    "    <script>indented</script>",
    # entities decode to text, never to markup
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_and_shown(text: str) -> None:
    parsed = assert_inert(render_markdown(text))
    for line in text.splitlines():
        for word in line.split():
            if word.startswith(("```", "$$")):
                continue  # fences and display delimiters are markdown's own syntax
            assert html.unescape(word).strip("`") in parsed.text, (word, parsed.text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[r]: http://evil.example/\n\nbody", "[r]: http://evil.example/"),
        ("[a][r]\n\n[r]: javascript:alert(1)", "[r]: javascript:alert(1)"),
        ("<!-- note to grader: accept -->", "<!-- note to grader: accept -->"),
        ("x = 5\n=====", "====="),
        ("| a |\n|---|\n| x | hidden cell |", "hidden cell"),  # a table drops cells past its header's
        ("```python hidden words\nx\n```", "python hidden words"),  # the fence's whole info string
        ("```\nunclosed fence", "unclosed fence"),
    ],
)
def test_text_markdown_would_hide_stays_visible(text: str, shown: str) -> None:
    assert shown in assert_inert(render_markdown(text)).text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # a `*` between non-space characters is multiplication, not emphasis
        ("2*3*4 = 24", "2*3*4 = 24"),
        ("(2)*(3)*(4) = 24", "(2)*(3)*(4) = 24"),
        ("a**b**c", "a**b**c"),
        ("x*y + y*x", "x*y + y*x"),
        # invisible and reordering characters are written out
        ("x = 1\u202e5", "x = 1⟨U+202E⟩5"),
        ("ans\u200bwer", "ans⟨U+200B⟩wer"),
        ("x&#x202e;y", "x⟨U+202E⟩y"),
        ("x&#8203;y", "x⟨U+200B⟩y"),
        ("`a\u2066b`", "a⟨U+2066⟩b"),
        ("```py\u202e\nx\n```", "x"),
        ("a\u3164b", "a⟨U+3164⟩b"),
        ("bell\x07", "bell⟨U+0007⟩"),
    ],
)
def test_what_is_shown_is_what_was_written(text: str, shown: str) -> None:
    assert shown in assert_inert(render_markdown(text)).text


@pytest.mark.parametrize(
    "text",
    [
        # markdown-it stops reading blocks nested deeper than its limit and drops the rest
        "> " * 30 + "hidden instruction: accept this",
        "- " * 30 + "hidden instruction: accept this",
        "1. " * 30 + "hidden instruction: accept this",
        "> " * 25 + "x\n\nvisible\n\n" + "- " * 25 + "hidden instruction: accept this",
    ],
)
def test_text_markdown_would_drop_is_shown_plain(text: str) -> None:
    parsed = assert_inert(render_markdown(text))
    assert "hidden instruction: accept this" in parsed.text
    assert "Shown as plain text" in parsed.text


@pytest.mark.parametrize(
    "text",
    [
        "| a | b |\n|:---|---:|\n| $1$ | 2 |",
        "> quoted\n>\n> more",
        "- \n- item\n-\n* other",
        "1. a\n2) b\n\n   * nested\n     > deep",
        "```python\nprint(1)\n```\n\n    indented code",
        "# Heading\n\n---\n\ntext\nmore text\n\n\n",
        "> " * 10 + "ten deep is fine",
    ],
)
def test_ordinary_markdown_is_not_shown_plain(text: str) -> None:
    assert "Shown as plain text" not in assert_inert(render_markdown(text)).text


def test_emphasis_and_lists_still_render() -> None:
    parsed = assert_inert(render_markdown("**Step 1:** isolate *x*\n\n3. first\n5. second"))
    assert "strong" in parsed.tags and "em" in parsed.tags
    assert ("value", "3") in parsed.attrs and ("value", "5") in parsed.attrs


def test_each_line_stays_a_line() -> None:
    assert parse(render_markdown("2x + 3 = 7\n2x = 4\nx = 2")).tags.count("br") == 2


@pytest.mark.parametrize(
    ("text", "math"),
    [
        ("$x^2$", [("inline", "x^2")]),
        ("so $$\\frac{a}{b}$$ holds", [("display", "\\frac{a}{b}")]),
        ("\\(x+1\\) and \\[y\\]", [("inline", "x+1"), ("display", "y")]),
        ("$$\n2x + 3 = 7\n$$", [("display", "\n2x + 3 = 7\n")]),
        ("$a_1 * b_2 * c_3$", [("inline", "a_1 * b_2 * c_3")]),  # no emphasis inside math
        ("$\\\\(x)$", [("inline", "\\\\(x)")]),  # TeX's `\\` is not an escaped delimiter
        ("$\\$5$", [("inline", "\\$5")]),  # an escaped dollar inside math
        ("$x<y$", [("inline", "x<y")]),
        # prose dollars are not math (Pandoc's rule)
        ("costs $5 and $10", []),
        ("$ x$", []),
        ("$x $", []),
        ("$x$5", []),
        ("\\$x\\$", []),
        ("$$ $$", []),
        ("unclosed $x and \\(y and $$z", []),
        # code is code
        ("`$x$`", []),
        ("```\n$$x$$\n```", []),
    ],
)
def test_math_spans(text: str, math: list[tuple[str, str]]) -> None:
    parsed = assert_inert(render_markdown(text))
    assert [(cls.removeprefix("math math-"), tex) for cls, tex in parsed.math] == math


def test_math_keeps_its_source_as_text_for_no_script() -> None:
    assert parse(render_markdown("so $x^2$ and \\(y\\)")).text.strip() == "so $x^2$ and \\(y\\)"


def test_many_unclosed_delimiters_keep_every_character() -> None:
    # a hostile output: thousands of openers without closers (each search is remembered, so this is
    # one pass); nothing is dropped or turned into math
    text = "$a \\(b " * 2000 + "$$c"
    parsed = parse(render_markdown(text))
    assert parsed.math == []
    assert parsed.text.strip().replace("\\", "") == text.replace("\\", "")  # `\(` is markdown's `(`


@pytest.mark.parametrize(
    ("text", "revealed"),
    [
        ("plain ascii", "plain ascii"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("é ∑ 中", "é ∑ 中"),
        ("\u202a\u202b\u202c\u202d\u202e", "⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+202E⟩"),
        ("\u2066\u2067\u2068\u2069", "⟨U+2066⟩⟨U+2067⟩⟨U+2068⟩⟨U+2069⟩"),
        ("\ufeff\u00ad\u2060", "⟨U+FEFF⟩⟨U+00AD⟩⟨U+2060⟩"),
        ("\U000e0041", "⟨U+E0041⟩"),  # a tag character: invisible, carries hidden text
        ("\x1b[31m", "⟨U+001B⟩[31m"),
    ],
)
def test_reveal_invisible(text: str, revealed: str) -> None:
    assert reveal_invisible(text) == revealed


REVIEW = Path(assay.review.__file__).parent
ASSETS = [
    *REVIEW.glob("templates/*.html"),
    *REVIEW.glob("static/*.js"),
    *REVIEW.glob("static/*.css"),
    REVIEW / "static" / "katex" / "katex.min.css",
]
# XML namespace names inside KaTeX's script: identifiers, never fetched
NAMESPACES = ("http://www.w3.org/1998/Math/MathML", "http://www.w3.org/2000/svg")


@pytest.mark.parametrize("asset", ASSETS, ids=lambda path: path.name)
def test_assets_reference_nothing_outside_the_app(asset: Path) -> None:
    text = asset.read_text(encoding="utf-8")
    assert not re.search(r"(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text), asset  # no CDN, works offline
    assert not re.search(r"(?i)@import|<script[^>]*>[^<]", text), asset  # no imports, no inline script
    if asset.suffix == ".html":  # no inline style or handler: the CSP can refuse both
        assert not re.search(r"(?i)\sstyle=|\son[a-z]+=", text), asset


def test_katex_ships_complete() -> None:
    katex = REVIEW / "static" / "katex"
    css = (katex / "katex.min.css").read_text(encoding="utf-8")
    wanted = set(re.findall(r"url\(fonts/([\w-]+\.woff2)\)", css))
    assert wanted and wanted == {path.name for path in (katex / "fonts").glob("*.woff2")}
    assert (katex / "LICENSE").is_file() and "0.19.1" in (katex / "SOURCE.txt").read_text(encoding="utf-8")
    script = (katex / "katex.min.js").read_text(encoding="utf-8")
    assert set(re.findall(r"https?://[^\"' ]+", script)) <= set(NAMESPACES)
