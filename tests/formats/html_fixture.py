"""A web page as a browser saves it, around an article's paragraphs: for the web-page
tests and the intake bench."""

from __future__ import annotations


def saved_page(paragraphs: list[str], *, title: str = "تهران و مسکو توافق کردند",
               lang: str = "fa-IR", charset: str = "utf-8", outlet: str = "Example News",
               date: str = "2026-01-15T08:30:00+03:30", author: str = "Ali Rezaei") -> str:
    """A page as a browser saves it: cookie banner, navigation, article with a caption
    and share buttons, related links and a footer around the article."""
    body = "\n".join(f"<p>{p.replace('&', '&amp;')}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head>
<meta charset="{charset}">
<title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="og:title" content="{title}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}">
<link rel="canonical" href="https://news.example.org/{date[:10].replace('-', '/')}/agreement">
<script>var tracking = "script text is never kept";</script>
<style>.x {{ color: red }}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
<button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/world">World</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
{body}
<figure><img src="https://cdn.example.org/photo.jpg" alt="The ministers">
<figcaption>The ministers after the talks. Photo: Agency</figcaption></figure>
<div class="share-buttons"><a href="https://twitter.com/share">Share on Twitter</a>
<a href="https://facebook.com/share">Share on Facebook</a></div>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Another story</a></li>
<li><a href="/b">Yet another story</a></li></ul></aside></main>
<footer><p>© 2026 {outlet}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""
