# Helpers shared by the rules.

import sys

GALLEY = f"{sys.executable} -m galley"


def editor_metadata(wildcards):
    """The editor's article.yaml when there is one: its absence is normal, not an error."""
    path = Path(SOURCES) / wildcards.slug / "article.yaml"
    return [str(path)] if path.exists() else []


def editor_files(wildcards):
    """Files that article.yaml names (a references file), so that editing them rebuilds the article."""
    import yaml

    found = []
    for path in editor_metadata(wildcards):
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
            name = data.get("references_file") if isinstance(data, dict) else None
        except (yaml.YAMLError, UnicodeDecodeError):
            name = None  # the structure stage reports the error with its line
        if isinstance(name, str) and (Path(path).parent / name).exists():
            found.append(str(Path(path).parent / name))
    return found


def work(name):
    return f"{OUT}/{{slug}}/work/{name}"


def log(rule_name):
    return f"{OUT}/{{slug}}/logs/{rule_name}.log"
