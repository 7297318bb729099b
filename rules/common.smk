# Helpers shared by the rules.

import sys

GALLEY = f"{sys.executable} -m galley"


def editor_metadata(wildcards):
    """The editor's article.yaml when there is one: its absence is normal, not an error."""
    path = Path(SOURCES) / wildcards.slug / "article.yaml"
    return [str(path)] if path.exists() else []


def work(name):
    return f"{OUT}/{{slug}}/work/{name}"


def log(rule_name):
    return f"{OUT}/{{slug}}/logs/{rule_name}.log"
