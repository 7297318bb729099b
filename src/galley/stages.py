"""The pipeline's stages by name: the function that does each one and the names of its arguments.

The Snakefile's rules, the command line and the tests all reach a stage through this table, so a
stage is run the same way whoever asks. Each stage lives in the module of its name.
"""

from importlib import import_module

STAGES = {
    "normalize": ("normalize", "run", ["source", "text_out", "report_out", "article_yaml", "max_megabytes",
                                       "word_list"]),
    "structure": ("structure", "run", ["normalized", "normalize_report", "editor_yaml", "canonical_out",
                                       "report_out"]),
    "citations": ("citations", "run", ["canonical", "config", "out", "issue_file"]),
    "jats": ("jats", "write", ["canonical", "references", "config", "out", "plan"]),
    "html": ("html", "write", ["canonical", "references", "config", "out", "plan"]),
    "fonts": ("fonts", "write", ["out"]),
    "epub": ("epub", "write", ["canonical", "references", "config", "out", "fonts_archive"]),
    "crossref": ("crossref", "write", ["canonical", "references", "config", "out", "facts_out", "plan"]),
    "pdf": ("pdf", "write", ["canonical", "references", "config", "jats", "out", "facts_out"]),
    "pages": ("pages", "write", ["issue_file", "facts", "plan_out", "folios_out"]),
    "folios": ("folios", "write", ["typeset_pdf", "plan", "folios_pdf", "config", "jats", "out",
                                   "facts_in"]),
    "report": ("report", "write", ["out", "reports"]),
    "proof": ("proof", "write", ["report", "out"]),
    "issue": ("issue", "write", ["config", "issue_file", "out_dir", "articles"]),
    "site": ("site", "write", ["toc", "contents", "out_dir", "articles"]),
}


def stage_function(name):
    """The function that runs a stage; its module is imported only now (WeasyPrint costs most of a
    second, and a job that does not typeset should not pay for it)."""
    module, function, _ = STAGES[name]
    return getattr(import_module(f"galley.{module}"), function)


def argument_names(name):
    return STAGES[name][2]
