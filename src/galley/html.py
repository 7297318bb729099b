"""Writer: the HTML galley, one self-contained page per article (styles/html.html, styles/galley.css)."""

import json

from . import render
from .atomic import atomic_path

FILTERS = ["citations.lua", "references.lua", "front-matter.lua"]


def write(canonical_path, references_path, config, out, plan=None):
    job = render.load(canonical_path, references_path, config, plan)
    metadata = render.template_metadata(job)
    # Google Scholar wants absolute addresses; without the journal's URL they stay relative (the
    # build warns: settings.config_warnings).
    metadata["page-url"] = render.article_url(job.config, job.slug, "html")
    metadata["pdf-url"] = render.article_url(job.config, job.slug, "pdf")
    affiliations = {a["id"]: a["name"] for a in metadata["affiliations"]}
    for author in metadata["authors"]:
        author["institutions"] = [affiliations[a] for a in author.get("affiliations", []) if a in affiliations]
    with atomic_path(out) as tmp:
        render.run_pandoc(job, "html5", output=tmp, template="html.html", filters=FILTERS, metadata=metadata,
                          extra=["--shift-heading-level-by=1", "--standalone"],
                          variables={**render.inline_css("galley.css"), "json-ld": json_ld(metadata)})


def json_ld(data):
    """schema.org ScholarlyArticle, as a script block's text: "<", ">" and "&" as JSON escapes, so no
    text ("</script>", "<!--<script>") can close or comment out the block."""
    article = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": data["title"],
        "name": data["title"],
        "inLanguage": data["lang"],
        "alternativeHeadline": [t["title"] for t in data["trans-titles"]],
        "author": [{"@type": "Person", "name": a["display"],
                    **({"identifier": f"https://orcid.org/{a['orcid']}"} if a.get("orcid") else {}),
                    **({"affiliation": [{"@type": "Organization", "name": n} for n in a["institutions"]]}
                       if a.get("institutions") else {})} for a in data["authors"]],
        "abstract": " ".join((data.get("abstract-main") or {}).get("paragraphs", [])),
        "keywords": [k for group in data["keyword-groups"] for k in group["terms"]],
        "isPartOf": {"@type": "PublicationIssue", "issueNumber": str(data.get("issue", "")),
                     "isPartOf": {"@type": "Periodical", "name": data["journal"]["title"],
                                  "issn": [i["value"] for i in data["journal"]["issns"]]}},
        "url": data["page-url"],
        "encoding": [{"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": data["pdf-url"]}],
    }
    for key, value in (("datePublished", data.get("published") or data.get("year")), ("pageStart", data.get("fpage")),
                       ("pageEnd", data.get("lpage")), ("license", data["license"].get("url"))):
        if value:
            article[key] = str(value)
    if data.get("doi"):
        article["sameAs"] = f"https://doi.org/{data['doi']}"
    text = json.dumps(article, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
