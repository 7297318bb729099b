"""One source of configuration: what Snakemake holds (config/config.yaml, --configfile, --config)
is validated once and given to the stages, so a value set on the command line changes the outputs
and reruns only the jobs that use the configuration."""

import json
import shutil
import subprocess

from lxml import etree

from conftest import ENGLISH, FIXTURES, ROOT, SNAKEMAKE


def snakemake(sources, out, *config):
    return subprocess.run([str(SNAKEMAKE), "--cores", "2", "--config", f"sources={sources}", f"output={out}",
                           *config], cwd=ROOT, capture_output=True, text=True)


def mixed_citations(xml):
    root = etree.parse(str(xml))
    return ["".join(m.itertext()) for m in root.iter("mixed-citation")]


def test_csl_style_on_the_command_line_changes_the_references(tmp_path):
    sources, out = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(FIXTURES / "articles" / ENGLISH, sources / ENGLISH)
    assert snakemake(sources, out).returncode == 0
    references, xml = out / ENGLISH / "work" / "references.json", out / ENGLISH / f"{ENGLISH}.xml"
    canonical = out / ENGLISH / f"{ENGLISH}.md"
    gost, gost_jats, canonical_time = references.read_text(encoding="utf-8"), mixed_citations(xml), canonical.stat()
    run = snakemake(sources, out, "csl_style=apa")
    assert run.returncode == 0, run.stderr[-2000:]
    apa = json.loads(references.read_text(encoding="utf-8"))
    assert apa["style"] == "apa" and json.loads(gost)["style"] == "gost-r-7-0-100-2018"
    assert [e["text"] for e in apa["entries"]] != [e["text"] for e in json.loads(gost)["entries"]]
    assert mixed_citations(xml) != gost_jats
    assert canonical.stat().st_mtime_ns == canonical_time.st_mtime_ns  # the text's stages did not rerun


def test_a_bad_value_is_one_line_naming_the_key(tmp_path):
    run = snakemake(tmp_path, tmp_path / "out", "title_case=loud")
    assert run.returncode != 0
    errors = [line for line in run.stderr.splitlines() if "ERROR:" in line]
    assert errors and "title_case" in errors[0] and "config" in errors[0]
    assert "Traceback" not in run.stderr
