# galley: every article under the sources folder → JATS, EPUB, PDF, HTML and a report.
# The Snakefile only names files; each stage is a function of the galley package (src/galley),
# called in-process by its rule (rules/common.smk: galley()).

import hashlib
import sys
from pathlib import Path

from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


CONFIG_FILE = workflow.configfiles[-1] if workflow.configfiles else "config/config.yaml"


include: "rules/common.smk"


SETTINGS = journal_settings(config)  # validated once; what every stage that needs it is given
# The parameter Snakemake compares: a digest, as a string with braces ("{journal}" in a DOI pattern)
# would be read as a wildcard.
SETTINGS_KEY = hashlib.sha256(json.dumps(SETTINGS, sort_keys=True).encode()).hexdigest()
SOURCES = config["sources"]
OUT = config["output"]
SLUG = r"[A-Za-z0-9][A-Za-z0-9._-]*"


wildcard_constraints:
    slug=SLUG,


SLUGS = article_slugs(SOURCES, SLUG)
UNWRITABLE = unwritable_outputs(OUT, SLUGS)  # {slug: message}: left out, so that the others build
SLUGS = [slug for slug in SLUGS if slug not in UNWRITABLE]
LISTED = listed_articles(SOURCES, SLUGS)  # the issue file's articles, paginated together
GALLEYS = ["xml", "pdf", "epub", "html"]
FORMATS = [*GALLEYS, "report.json", "proof.html"]
ISSUE_OUTPUTS = [f"{OUT}/issue/{name}" for name in ("toc.json", "toc.html", "toc.pdf", "galleys.zip")]
# Crossref deposits (per article and the issue's) are written for final articles whose metadata is
# complete; the crossref job's record (its rule's output) says which, and what to supply otherwise.
DEPOSITS = bool(config.get("doi_prefix"))


include: "rules/article.smk"
include: "rules/issue.smk"


rule all:
    default_target: True
    input:
        expand(f"{OUT}/{{slug}}/{{slug}}.{{ext}}", slug=SLUGS, ext=FORMATS),
        ISSUE_OUTPUTS if SLUGS else [],
        f"{OUT}/site" if SLUGS else [],


onstart:
    no_job_rate_limit()
    share_work_locally()


onsuccess:
    finish_build()
    print_summary(OUT, SLUGS, UNWRITABLE)
    if UNWRITABLE:
        sys.exit(1)  # the others built, but not every article


onerror:
    finish_build()
    print_summary(OUT, SLUGS, UNWRITABLE)
