"""The canonical Markdown keeps the author's text exactly: nothing in it turns into markup."""

import pypandoc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from galley.canonical import escape
from galley.render import MARKDOWN

HOSTILE = ["<script>alert(1)</script>", "]]> & <!DOCTYPE x SYSTEM \"file:///etc/passwd\">", "{{ name }}",
           "1. not a list", "# not a heading", "- not an item", "*not emphasis* and _this_", "$x^2$ ~sub~",
           "@author [@key] [link](http://x)", "| a | b |", "> not a quote", "\\textbf{x}", "`code`",
           ": definition", "2018. год", "&amp; &lt;"]


def read_back(text):
    plain = pypandoc.convert_text(escape(text), "plain", format=MARKDOWN, extra_args=["--wrap=none"])
    return plain.strip("\n")


def test_hostile_strings_stay_plain_text():
    for text in HOSTILE:
        assert read_back(text) == text, text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("аәбқxyz019 .,;:!?-*_[]{}<>#$^~@&|\\`'\"()=+%/")), min_size=1,
               max_size=40).map(str.strip).filter(bool))
def test_any_text_reads_back_unchanged(text):
    assert read_back(text) == " ".join(text.split())
