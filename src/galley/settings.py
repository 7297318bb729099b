"""The journal's configuration and an article's editor metadata, both checked against schemas.

Errors name the file, the key and its line, and say what to change.
"""

from functools import cache
from pathlib import Path

import jsonschema
import yaml

from .errors import InputError
from .languages import DATA


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML as editors write it: a date stays the text "2022-09-30", as the schemas expect."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_config(path):
    """The validated journal configuration of a file, with the schema's defaults filled in."""
    return check_config(_load_yaml(path), path)


def check_config(data, source):
    """The configuration validated, with the schema's defaults filled in (in place, and returned).

    The Snakefile calls this once on the configuration Snakemake holds (its files and --config
    values together); the stages then take that one dictionary. source names the file an error
    points to."""
    _validate(data, "config.schema.yaml", source)
    check_url(data["journal"].get("url"), source, "journal.url")
    check_url((data.get("license") or {}).get("url"), source, "license.url")
    for key, spec in _schema("config.schema.yaml")["properties"].items():
        if "default" in spec:
            data.setdefault(key, spec["default"])
    return data


def config_warnings(config):
    """What a valid configuration still lacks for complete outputs, as messages for the build."""
    warnings = []
    if not config["journal"].get("url"):
        warnings.append("journal.url is not set: the HTML galleys' citation_* and schema.org addresses are "
                        "relative, which indexers (Google Scholar) ignore; set journal.url to the site's address")
    return warnings


def default(key):
    """The schema's default value of a configuration key."""
    return _schema("config.schema.yaml")["properties"][key]["default"]


def load_editor_metadata(path):
    """The editor's article.yaml, validated; {} when there is none."""
    data = _load_optional(path, "article.schema.yaml")
    check_url((data.get("license") or {}).get("url"), path, "license.url")
    for n, item in enumerate(data.get("references") or []):
        check_url(item.get("URL"), path, f"references[{n}].URL")
    return data


# The only links taken from metadata into the outputs: no javascript:, data:, file: or relative ones.
SAFE_SCHEMES = ("http:", "https:", "mailto:", "doi:")


def check_url(value, path, key):
    """Refuse a link from the journal's or the editor's metadata (or a references file) that is not
    http(s):, mailto: or doi:; an empty or absent value is no link."""
    if value in (None, ""):
        return
    if not isinstance(value, str) or not value.strip().lower().startswith(SAFE_SCHEMES):
        raise InputError(path, f"key '{key}': {value!r} is not an http(s):, mailto: or doi: address",
                         f"Correct '{key}' to a full address starting with https:// (or remove it)")


def load_issue_file(path):
    """The issue file, validated; {} when there is none (articles then go in name order)."""
    return _load_optional(path, "issue.schema.yaml")


def _load_optional(path, schema_name):
    if not path or not Path(path).exists():
        return {}
    data = _load_yaml(path)
    _validate(data, schema_name, path)
    return data


def _load_yaml(path):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, f"not UTF-8 text ({err.reason})", "Save the file as UTF-8") from None
    data = parse_yaml(text, path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, "the file is not a mapping of keys to values",
                         "Write it as 'key: value' lines", line=1)
    return data


def parse_yaml(text, path):
    """The data of a YAML text as editors write it; InputError, with its line, for a syntax error or
    an anchor or alias: a few hundred bytes of nested aliases expand to gigabytes in whatever later
    walks the data ("billion laughs"), and an editor's file has no need of them."""
    try:
        _refuse_aliases(text, path)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(path, f"YAML syntax error: {getattr(err, 'problem', err)}",
                         "Fix the YAML at that line (indentation, a missing ':' or an unclosed quote)",
                         line=mark.line + 1 if mark else None) from None


def _refuse_aliases(text, path):
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise InputError(path, "a YAML anchor or alias ('&name', '*name'): refused, as nested aliases can "
                             "expand beyond any memory", "Write the value out in full where it is used",
                             line=event.start_mark.line + 1)


def _validate(data, schema_name, path):
    problem = schema_problem(data, schema_name)
    if problem:
        key, message = problem
        raise InputError(path, f"key '{key}': {message}", f"Correct '{key}' as {schema_name} describes",
                         line=line_of(path, [int(k) if k.isdigit() else k for k in key.split(".")]))


def schema_problem(data, schema_name):
    """(the dotted key, the problem) of the first place data departs from the schema; None if none."""
    errors = sorted(_validator(schema_name).iter_errors(data), key=lambda e: [str(p) for p in e.path])
    if not errors:
        return None
    err = errors[0]
    path = [str(p) for p in err.absolute_path]
    if err.validator == "required" and isinstance(err.instance, dict):
        path.append(next(k for k in err.validator_value if k not in err.instance))  # name the missing key
    return ".".join(path) or "(top level)", err.message


@cache
def _schema(name):
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=_Loader)


@cache
def _validator(name):
    return jsonschema.Draft202012Validator(_schema(name))


def line_of(path, keys):
    """The line where a key path stands in a YAML file, found by walking its node tree."""
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    line = node.start_mark.line + 1 if node else None
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(key)), None)
            if not match:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line
