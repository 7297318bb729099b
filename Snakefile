# galley: every article under the sources folder → JATS, EPUB, PDF, HTML and a report.
# The Snakefile only names files; each stage is a function of the galley package (src/galley),
# called in-process by its rule (rules/common.smk: galley()).

from pathlib import Path

from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


CONFIG_FILE = workflow.configfiles[-1] if workflow.configfiles else "config/config.yaml"


include: "rules/common.smk"


SETTINGS = journal_settings(config)  # validated once; what every stage that needs it is given
SETTINGS_KEY = json.dumps(SETTINGS, sort_keys=True, ensure_ascii=False)  # the parameter Snakemake compares
SOURCES = config["sources"]
OUT = config["output"]
SLUG = r"[A-Za-z0-9][A-Za-z0-9._-]*"


wildcard_constraints:
    slug=SLUG,


SLUGS = article_slugs(SOURCES, SLUG)
LISTED = listed_articles(SOURCES, SLUGS)  # the issue file's articles, paginated together
GALLEYS = ["xml", "pdf", "epub", "html"]
FORMATS = [*GALLEYS, "report.json", "proof.html"]
ISSUE_OUTPUTS = [f"{OUT}/issue/{name}" for name in ("toc.json", "toc.html", "toc.pdf", "galleys.zip")]
# A final article's Crossref deposit (<slug>.crossref.xml, and the issue's crossref.xml for its final
# articles) is written when doi_prefix is set; a proof gets none, so the rule's output is a record.
DEPOSITS = [f"{OUT}/{{slug}}/work/crossref.json"] if config.get("doi_prefix") else []


include: "rules/article.smk"
include: "rules/issue.smk"


rule all:
    default_target: True
    input:
        expand(f"{OUT}/{{slug}}/{{slug}}.{{ext}}", slug=SLUGS, ext=FORMATS),
        expand(DEPOSITS, slug=SLUGS),
        ISSUE_OUTPUTS if SLUGS else [],
        f"{OUT}/site" if SLUGS else [],


onstart:
    no_job_rate_limit()
    share_work_locally()


onsuccess:
    finish_build()
    print_summary(OUT, SLUGS)


onerror:
    finish_build()
    print_summary(OUT, SLUGS)
