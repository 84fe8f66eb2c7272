#!/usr/bin/env python3
"""Build the HTML test pages in ``tests/fixtures/html/`` from BASIL articles.

    python3 scripts/make_html_fixtures.py [--basil ../shared/corpora/basil] [--out tests/fixtures/html]

Each page wraps the first paragraphs of one BASIL article (Fan et al. 2019;
``../shared/corpora/basil/SOURCE.md``) in the furniture of a real news page:
meta tags and JSON-LD, inline ``<style>`` and ``<script>``, a navigation menu,
a cookie banner, share buttons, a newsletter sign-up, "related" links, an
``<aside>``, advertisement slots and a footer; one page also has a reader
comments section.  Beside each ``NAME.html`` it writes ``NAME.expected.json``:

* ``paragraphs``: the article paragraphs on the page (BASIL sentences of a
  paragraph joined by one space), which the extracted text must hold, each as
  one paragraph;
* ``furniture``: every line of text on the page that is not the article
  (menu items, banner and button text, link titles, footer lines, the lines of
  the scripts and style sheets, meta descriptions), none of which may reach
  the extracted text;
* ``metadata``: title, outlet, date and URL as BASIL gives them.

The page text other than the article (menus, banners, footers) is made up and
generic; the article paragraphs, titles, dates and URLs are BASIL's.  Only the
first few paragraphs of each article are used: BASIL carries no licence, so the
fixtures keep short excerpts for testing.  The output is deterministic; the
committed pages were made by this script and are not edited by hand.
"""
from __future__ import annotations

import argparse
import html
import json
from pathlib import Path
from typing import Any, Callable, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BASIL = ROOT.parent / "shared" / "corpora" / "basil"
DEFAULT_OUT = ROOT / "tests" / "fixtures" / "html"
MAX_PARAGRAPHS = 8
OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


class Page(NamedTuple):
    name: str  # output stem
    article: str  # path under BASIL's articles/
    template: str


PAGES = (
    Page("fox_shutdown", "2019/1e41e98b-9ac1-441d-b2c2-19d8f730c74a_1.json", "fox"),
    Page("nyt_shutdown", "2019/1e41e98b-9ac1-441d-b2c2-19d8f730c74a_2.json", "nyt"),
    Page("hpo_shutdown", "2019/1e41e98b-9ac1-441d-b2c2-19d8f730c74a_3.json", "hpo"),
    Page("blog_emergency", "2019/3ae35b16-7f7f-4a5e-9f24-5ce724106a73_3.json", "blog"),
)


class Furniture:
    """Collects every furniture line while the page is written."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def t(self, text: str) -> str:
        """A line of visible furniture text, escaped for HTML."""
        self.lines.append(text)
        return html.escape(text, quote=False)

    def code(self, body: str) -> str:
        """The body of a <script> or <style>: each non-blank line is furniture."""
        self.lines.extend(line.strip() for line in body.splitlines() if line.strip())
        return body


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def head(f: Furniture, meta: dict[str, str], description: str, style: str, script: str) -> str:
    ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": meta["title"],
        "datePublished": meta["date"], "url": meta["url"],
        "publisher": {"@type": "Organization", "name": meta["outlet"]},
    }, sort_keys=True)
    f.lines.append(ld)
    f.lines.append(description)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(meta["title"])} | {esc(meta["outlet"])}</title>
<meta name="description" content="{esc(description)}">
<meta property="og:title" content="{esc(meta["title"])}">
<meta property="og:site_name" content="{esc(meta["outlet"])}">
<meta property="og:type" content="article">
<meta property="og:url" content="{esc(meta["url"])}">
<meta property="article:published_time" content="{esc(meta["date"])}T12:00:00-05:00">
<link rel="canonical" href="{esc(meta["url"])}">
<script type="application/ld+json">{ld}</script>
<style>
{f.code(style)}
</style>
<script>
{f.code(script)}
</script>
</head>
"""


STYLE = """body { font-family: Georgia, serif; margin: 0; }
.cookie-banner { position: fixed; bottom: 0; width: 100%; background: #222; color: #fff; }
nav ul li { display: inline-block; padding: 0 8px; }"""

SCRIPT = """window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag('js', new Date());
gtag('config', 'UA-000000-1', { 'anonymize_ip': true });"""

INLINE_SCRIPT = """var adSlots = document.querySelectorAll('.ad-slot');
adSlots.forEach(function (slot) { slot.setAttribute('data-loaded', 'false'); });"""


def nav(f: Furniture, items: list[str]) -> str:
    lis = "".join(f'<li><a href="/{esc(i.lower().replace(" ", "-"))}">{f.t(i)}</a></li>' for i in items)
    return f'<nav class="site-nav" aria-label="Main"><ul>{lis}</ul></nav>\n'


def cookie_banner(f: Furniture) -> str:
    return (
        '<div id="cookie-consent" class="cookie-banner" role="dialog">\n'
        f'<p>{f.t("We use cookies and similar technologies to improve your experience, personalise content and ads, and analyse our traffic.")}</p>\n'
        f'<p>{f.t("By clicking Accept you agree to our use of cookies as described in our Cookie Policy.")}</p>\n'
        f'<button class="accept">{f.t("Accept all cookies")}</button> <button class="manage">{f.t("Manage preferences")}</button>\n'
        "</div>\n"
    )


def share(f: Furniture) -> str:
    return (
        '<div class="share-tools"><ul>'
        f'<li><a href="#fb">{f.t("Share on Facebook")}</a></li>'
        f'<li><a href="#tw">{f.t("Share on Twitter")}</a></li>'
        f'<li><a href="#mail">{f.t("Email this article")}</a></li>'
        f'<li><a href="#print">{f.t("Print")}</a></li>'
        "</ul></div>\n"
    )


def newsletter(f: Furniture, name: str) -> str:
    return (
        '<div class="newsletter-signup">\n'
        f"<h3>{f.t(f'Sign up for the {name} newsletter')}</h3>\n"
        f"<p>{f.t('Get the day’s top political stories delivered to your inbox every weekday morning.')}</p>\n"
        f'<form><input type="email" placeholder="Email address"><button>{f.t("Subscribe")}</button></form>\n'
        f'<p class="legal">{f.t("By signing up you agree to our Terms of Use and Privacy Policy.")}</p>\n'
        "</div>\n"
    )


def related(f: Furniture, heading: str, titles: list[str]) -> str:
    lis = "\n".join(f'<li><a href="/story/{k}">{f.t(t)}</a></li>' for k, t in enumerate(titles))
    return f'<section class="related-links">\n<h2>{f.t(heading)}</h2>\n<ul>\n{lis}\n</ul>\n</section>\n'


def ad(f: Furniture) -> str:
    return f'<div class="ad-slot" data-slot="mid">{f.t("Advertisement")}</div>\n'


def footer(f: Furniture, outlet: str) -> str:
    links = ["About Us", "Contact", "Careers", "Terms of Use", "Privacy Policy", "Do Not Sell My Personal Information"]
    lis = "".join(f'<li><a href="/{k}">{f.t(x)}</a></li>' for k, x in enumerate(links))
    return (
        f'<footer class="site-footer">\n<ul class="footer-links">{lis}</ul>\n'
        f"<p>{f.t(f'© 2019 {outlet}. All rights reserved.')}</p>\n"
        f"<p>{f.t('Market data provided by a third party. Quotes delayed at least 15 minutes.')}</p>\n"
        "</footer>\n"
    )


RELATED = [
    "Senate rejects dueling bills to end the shutdown",
    "Federal workers line up at food banks as paychecks stop",
    "What a national emergency declaration would mean",
    "Airports report delays as air traffic controllers call in sick",
]
MENU = ["Home", "U.S.", "Politics", "World", "Business", "Opinion", "Entertainment", "Sports", "Video"]


def paras(ps: list[str], wrap: Callable[[str], str]) -> str:
    return "\n".join(wrap(html.escape(p, quote=False)) for p in ps)


def fox(f: Furniture, meta: dict[str, str], ps: list[str]) -> str:
    half = len(ps) // 2
    return (
        head(f, meta, "Politics news, analysis and commentary.", STYLE, SCRIPT)
        + "<body>\n<header class=\"site-header\">\n"
        + f'<a class="logo" href="/">{f.t(meta["outlet"])}</a>\n'
        + nav(f, MENU)
        + f'<a class="login" href="/login">{f.t("Log in")}</a>\n</header>\n'
        + cookie_banner(f)
        + '<main>\n<article class="article">\n<header class="article-header">\n'
        + f'<div class="eyebrow"><a href="/politics">{f.t("Politics")}</a></div>\n'
        + f'<h1 class="headline">{esc(meta["title"])}</h1>\n'
        + f'<div class="article-date"><time datetime="{meta["date"]}">{f.t("Published January 25, 2019")}</time></div>\n'
        + share(f)
        + "</header>\n<div class=\"article-body\">\n"
        + paras(ps[:half], lambda p: f"<p>{p}</p>")
        + "\n" + ad(f) + newsletter(f, "Politics")
        + paras(ps[half:], lambda p: f"<p>{p}</p>")
        + f"\n<script>\n{f.code(INLINE_SCRIPT)}\n</script>\n"
        + "</div>\n</article>\n"
        + '<aside class="sidebar">\n'
        + f"<h2>{f.t('Trending')}</h2>\n<ol>"
        + "".join(f"<li><a href=\"/t/{k}\">{f.t(t)}</a></li>" for k, t in enumerate(
            ["Stocks rally as investors weigh trade talks", "Winter storm to bring snow to the Northeast"]))
        + "</ol>\n</aside>\n"
        + related(f, "Related Articles", RELATED[:3])
        + "</main>\n"
        + footer(f, meta["outlet"])
        + "</body>\n</html>\n"
    )


def nyt(f: Furniture, meta: dict[str, str], ps: list[str]) -> str:
    chunks = [ps[i:i + 3] for i in range(0, len(ps), 3)]
    body = ""
    for k, chunk in enumerate(chunks):
        if k:
            body += ad(f)
        body += '<div class="StoryBodyCompanionColumn"><div class="css-53u6y8">\n'
        body += paras(chunk, lambda p: f'<p class="css-exrw3m evys1bk0">{p}</p>')
        body += "\n</div></div>\n"
    return (
        head(f, meta, "Breaking news, analysis and opinion.", STYLE, SCRIPT)
        + "<body>\n"
        + f'<div id="skip"><a href="#site-content">{f.t("Skip to content")}</a> '
        + f'<a href="#site-index">{f.t("Skip to site index")}</a></div>\n'
        + '<header class="masthead">\n'
        + f'<div class="section-name">{f.t("Politics")}</div>\n'
        + nav(f, ["World", "U.S.", "Politics", "N.Y.", "Business", "Opinion", "Tech", "Science", "Health"])
        + f'<a href="/subscription">{f.t("Subscribe for $1 a week")}</a>\n</header>\n'
        + cookie_banner(f)
        + '<main id="site-content">\n<article id="story">\n<header>\n'
        + f'<h1 itemprop="headline">{esc(meta["title"])}</h1>\n'
        + share(f)
        + f'<time datetime="{meta["date"]}">{f.t("Jan. 25, 2019")}</time>\n</header>\n'
        + '<section name="articleBody" itemprop="articleBody">\n'
        + body
        + "</section>\n"
        + f'<div class="bottom-of-article"><p>{f.t("A version of this article appears in print on Page A1 of the New York edition.")}</p>'
        + f'<p><a href="/reprints">{f.t("Order Reprints | Today’s Paper | Subscribe")}</a></p></div>\n'
        + "</article>\n"
        + f'<aside class="editors-picks"><h2>{f.t("Editors’ Picks")}</h2><ul>'
        + "".join(f"<li><a href=\"/e/{k}\">{f.t(t)}</a></li>" for k, t in enumerate(
            ["The best winter coats, tested", "A guide to the week’s new films"]))
        + "</ul></aside>\n"
        + related(f, "More in Politics", RELATED[1:])
        + "</main>\n"
        + f'<div id="site-index"><h2>{f.t("Site Index")}</h2>'
        + nav(f, ["Arts", "Books", "Food", "Travel", "Magazine", "Real Estate"])
        + "</div>\n"
        + footer(f, meta["outlet"])
        + "</body>\n</html>\n"
    )


def hpo(f: Furniture, meta: dict[str, str], ps: list[str]) -> str:
    half = len(ps) // 2
    wrap = lambda p: f'<div class="primary-cli cli cli-text"><p>{p}</p></div>'  # noqa: E731
    return (
        head(f, meta, "The latest news, politics and opinion.", STYLE, SCRIPT)
        + "<body>\n"
        + cookie_banner(f)
        + '<div class="header">\n'
        + f'<a class="logo" href="/">{f.t(meta["outlet"])}</a>\n'
        + nav(f, ["News", "Politics", "Entertainment", "Life", "Communities", "Shopping"])
        + "</div>\n"
        + '<div id="main" class="entry">\n'
        + f'<h1 class="headline">{esc(meta["title"])}</h1>\n'
        + f'<div class="timestamp"><span>{f.t("01/25/2019 02:12 PM ET")}</span></div>\n'
        + share(f)
        + '<div class="entry__content-list js-entry-content">\n'
        + paras(ps[:half], wrap)
        + "\n"
        + f'<div class="cli-related-articles"><span>{f.t("RELATED...")}</span><ul>'
        + "".join(f"<li><a href=\"/r/{k}\">{f.t(t)}</a></li>" for k, t in enumerate(RELATED[:2]))
        + "</ul></div>\n"
        + paras(ps[half:], wrap)
        + "\n</div>\n"
        + '<div class="support-huffpost">\n'
        + f"<h3>{f.t('Support independent journalism')}</h3>\n"
        + f"<p>{f.t('At a time when information is everything, your support keeps our newsroom going.')}</p>\n"
        + f'<a href="/support">{f.t("Contribute")}</a>\n</div>\n'
        + newsletter(f, "Morning Email")
        + "</div>\n"
        + f'<aside class="right-rail"><h2>{f.t("Most Popular")}</h2><ul>'
        + "".join(f"<li><a href=\"/p/{k}\">{f.t(t)}</a></li>" for k, t in enumerate(RELATED[2:]))
        + "</ul></aside>\n"
        + footer(f, meta["outlet"])
        + "</body>\n</html>\n"
    )


def blog(f: Furniture, meta: dict[str, str], ps: list[str]) -> str:
    """Older markup: no <article> or <main>, table layout, reader comments."""
    comments = [
        ("reader123", "This is exactly what the framers warned about."),
        ("sam_t", "Finally someone is doing something about the border."),
    ]
    comment_html = "".join(
        f'<div class="comment"><span class="author">{f.t(u)}</span><p>{f.t(c)}</p></div>\n' for u, c in comments
    )
    return (
        head(f, meta, "News from Washington.", STYLE, SCRIPT)
        + "<body>\n"
        + '<table class="layout" width="100%"><tr><td class="left-col" width="20%">\n'
        + f"<nav class=\"menu\"><b>{f.t('Sections')}</b><br>"
        + "<br>".join(f'<a href="/{k}">{f.t(x)}</a>' for k, x in enumerate(["Front page", "National", "Foreign", "Archive"]))
        + "</nav>\n"
        + "</td><td class=\"content-col\">\n"
        + cookie_banner(f)
        + '<div class="post">\n'
        + f'<h2 class="post-title">{esc(meta["title"])}</h2>\n'
        + f'<div class="post-meta">{f.t("Posted on February 15, 2019 in National")}</div>\n'
        + '<div class="post-content">\n'
        + paras(ps, lambda p: f"<p>{p}</p>")
        + "\n</div>\n"
        + f'<div class="tags">{f.t("Tags: border, emergency, Congress")}</div>\n'
        + share(f)
        + "</div>\n"
        + f'<div id="comments" class="comments"><h3>{f.t("2 Comments")}</h3>\n{comment_html}</div>\n'
        + "</td><td class=\"right-col\" width=\"20%\">\n"
        + f'<aside class="widget"><h4>{f.t("Archives")}</h4><ul>'
        + "".join(f"<li><a href=\"/a/{m}\">{f.t(m)}</a></li>" for m in ["February 2019", "January 2019", "December 2018"])
        + "</ul></aside>\n"
        + "</td></tr></table>\n"
        + footer(f, meta["outlet"])
        + "</body>\n</html>\n"
    )


TEMPLATES = {"fox": fox, "nyt": nyt, "hpo": hpo, "blog": blog}


def build(basil: Path, page: Page) -> tuple[str, dict[str, Any]]:
    doc = json.loads((basil / "articles" / page.article).read_text(encoding="utf-8"))
    ps = [" ".join(" ".join(s.split()) for s in p).strip() for p in doc["body-paragraphs"][:MAX_PARAGRAPHS]]
    ps = [p for p in ps if p]
    meta = {
        "title": doc["title"],
        "outlet": OUTLETS[doc["source"].lower()] if page.template != "blog" else "The Capitol Ledger",
        "date": doc["date"],
        "url": doc["url"],
    }
    f = Furniture()
    text = TEMPLATES[page.template](f, meta, ps)
    furniture = list(dict.fromkeys(line for line in f.lines if line.strip()))
    expected = {
        "basil_article": page.article,
        "metadata": meta,
        "paragraphs": ps,
        "furniture": furniture,
    }
    return text, expected


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for page in PAGES:
        text, expected = build(args.basil, page)
        (args.out / f"{page.name}.html").write_text(text, encoding="utf-8")
        (args.out / f"{page.name}.expected.json").write_text(
            json.dumps(expected, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{page.name}.html: {len(expected['paragraphs'])} paragraphs, {len(expected['furniture'])} furniture lines")


if __name__ == "__main__":
    main()
