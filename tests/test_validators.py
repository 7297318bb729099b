"""What journals, PMC and Crossref run on the outputs, offline (tests/validators.py): the JATS4R
Schematron (errors phase) and the PMC Style Checker on every JATS file, the Crossref 5.3.1 XSD on
every deposit, on the sample, the fixtures and the complete-metadata variant. Each reports zero
errors wherever the metadata it needs is there; where it is not, the only errors are the ones the
missing metadata explains, and the build says which keys to supply."""

import json

import pytest
from lxml import etree

from conftest import COMPLETE_ARTICLES, DTD, JOURNAL_URL, outputs
from galley import canonical
from galley.cli import main
from test_issue import final_copies
from validators import CrossrefSchema, Jats4r, StyleChecker

NS = {"c": "http://www.crossref.org/schema/5.3.1"}
COMPLETE_SLUGS = [a.name for a in COMPLETE_ARTICLES]


@pytest.fixture(scope="session")
def jats4r():
    return Jats4r("errors")  # SchXslt compiles the rules once per session


@pytest.fixture(scope="session")
def style_checker():
    return StyleChecker()


@pytest.fixture(scope="session")
def crossref_schema():
    return CrossrefSchema()


def complete_files(folder, slug):
    return {ext: folder / slug / f"{slug}.{ext}" for ext in ("md", "xml", "html", "crossref.xml", "report.json")}


def metadata(md_path):
    return canonical.read(md_path.read_text(encoding="utf-8"))[0]


def test_every_jats_file_passes_the_jats4r_errors_phase(built, built_complete, article_slugs, jats4r):
    files = [outputs(slug)["xml"] for slug in article_slugs]
    files += [complete_files(built_complete, slug)["xml"] for slug in COMPLETE_SLUGS]
    findings = {path.name: jats4r.check(path.read_bytes()) for path in files}
    assert findings == {path.name: [] for path in files}


def test_the_complete_variant_gives_each_country_its_iso_code(built_complete):
    warnings = Jats4r("warnings")
    for slug in COMPLETE_SLUGS:
        findings = warnings.check(complete_files(built_complete, slug)["xml"].read_bytes(), roles=("warning",))
        assert not [f for f in findings if "country" in f], slug
        doc = etree.parse(str(complete_files(built_complete, slug)["xml"]))
        assert [c.get("country") for c in doc.iter("country")] == ["KZ"]


def test_the_jats4r_checker_does_find_errors(jats4r, built):
    # A link with no text is the error the first outputs had: the checker must see it.
    xml = outputs("kk-party-system")["xml"].read_bytes()
    broken = xml.replace(b">PDF</self-uri>", b"/>", 1)
    assert broken != xml and any("self-uri" in f for f in jats4r.check(broken))


def test_pmc_style_checker_finds_no_error_in_the_complete_variant(built_complete, style_checker):
    for slug in COMPLETE_SLUGS:
        xml = complete_files(built_complete, slug)["xml"]
        assert style_checker.check(xml.read_bytes()) == [], slug
        etree.DTD(str(DTD)).assertValid(etree.parse(str(xml), etree.XMLParser(no_network=True)))


def test_pmc_errors_on_the_sample_and_fixtures_are_only_those_of_missing_metadata(built, article_slugs,
                                                                                 style_checker):
    """Built with the project's configuration (no ISSN confirmed yet): the ISSN errors are the
    journal's to answer; a missing publication date is the editor's, and the report asks for it."""
    for slug in article_slugs:
        meta = metadata(outputs(slug)["md"])
        errors = style_checker.check(outputs(slug)["xml"].read_bytes())
        unexplained = [e for e in errors if "issn" not in e
                       and not ("real publication date" in e and not (meta.get("year") or meta.get("published")))]
        assert unexplained == [], slug
        if any("publication date" in e for e in errors):
            report = json.loads(outputs(slug)["report.json"].read_text(encoding="utf-8"))
            assert any("publication year" in w["message"] for w in report["warnings"]), slug


def test_every_deposit_of_the_complete_variant_passes_the_crossref_schema(built_complete, crossref_schema):
    deposits = [complete_files(built_complete, slug)["crossref.xml"] for slug in COMPLETE_SLUGS]
    deposits.append(built_complete / "issue" / "crossref.xml")
    for path in deposits:
        assert crossref_schema.check(path.read_bytes()) == [], path.name
    issue = etree.parse(str(deposits[-1]))
    assert len(issue.findall(".//c:journal_article", NS)) == len(COMPLETE_SLUGS)


def test_each_doi_resolves_to_the_galley_in_the_site(built_complete):
    site = built_complete / "site"
    issue = etree.parse(str(built_complete / "issue" / "crossref.xml"))
    for resource in issue.iterfind(".//c:doi_data/c:resource", NS):
        assert resource.text.startswith(JOURNAL_URL + "/"), resource.text
        assert (site / resource.text.removeprefix(JOURNAL_URL + "/")).is_file(), resource.text


def test_persons_are_deposited_as_person_names(built, article_slugs, config_with_prefix, crossref_schema, tmp_path):
    """Every article of the sample and fixtures with the journal's deposit configuration: a deposit
    that passes the schema, with people as person_name (names read from the text split into given
    name and surname), or, where the editor has not given what Crossref requires, no deposit and
    the keys to supply."""
    deposited = refused = 0
    for slug, folder in zip(article_slugs, final_copies(article_slugs, tmp_path)):  # a proof is never deposited
        files = outputs(slug)
        out, facts = tmp_path / f"{slug}.crossref.xml", tmp_path / f"{slug}.crossref.json"
        assert main(["crossref", str(files["md"]), f"{folder}/work/references.json",
                     str(config_with_prefix), str(out), str(facts)]) == 0
        status = json.loads(facts.read_text(encoding="utf-8"))
        if not status["deposited"]:
            refused += 1
            assert not out.exists()
            meta = metadata(files["md"])
            keys = status["warnings"][0]["keys"]
            assert keys and all(not meta.get(key) for key in keys), (slug, keys)
            continue
        deposited += 1
        assert crossref_schema.check(out.read_bytes()) == [], slug
        doc = etree.parse(str(out))
        assert doc.find(".//c:organization", NS) is None
        assert all(p.findtext("c:surname", namespaces=NS) for p in doc.iterfind(".//c:person_name", NS))
        doi = doc.findtext(".//c:doi_data/c:doi", namespaces=NS)
        assert ".." not in doi and not doi.endswith("."), doi  # never a DOI from empty parts
    assert deposited and refused


def test_a_missing_deposit_is_a_warning_of_the_report_naming_the_keys(built, built_complete, config_with_prefix,
                                                                     tmp_path):
    slug = "kk-party-system"  # no year nor issue in its text, no article.yaml
    work = outputs(slug)["md"].parent / "work"
    facts = tmp_path / "crossref.json"
    final = final_copies([slug], tmp_path)[0]  # a proof is never deposited, and Crossref's keys wait until final
    assert main(["crossref", str(outputs(slug)["md"]), f"{final}/work/references.json", str(config_with_prefix),
                 str(tmp_path / "x.crossref.xml"), str(facts)]) == 0
    report = tmp_path / f"{slug}.report.json"
    stages = [work / f"{name}.json" for name in ("normalize", "structure", "references", "pdf")]
    assert main(["report", str(report), *map(str, stages), str(facts)]) == 0
    warning = next(w for w in json.loads(report.read_text(encoding="utf-8"))["warnings"] if w["rule"] == "crossref")
    assert warning["keys"] == ["year", "issue"] and "supply year, issue" in warning["message"]
    # In a build, the report reads the deposit's facts: the complete variant's say "deposited".
    for slug in COMPLETE_SLUGS:
        built_report = json.loads(complete_files(built_complete, slug)["report.json"].read_text(encoding="utf-8"))
        assert built_report["stages"]["crossref"]["deposited"] is True


def test_a_group_the_editor_names_is_a_collab_and_an_organization(built, config_with_prefix, style_checker,
                                                                    crossref_schema, tmp_path):
    from galley import crossref, jats, render
    from galley.settings import load_config

    slug = "vestnik-2021-2-regional-integration"
    job = render.load(outputs(slug)["md"], outputs(slug)["md"].parent / "work" / "references.json",
                      load_config(config_with_prefix))
    job.metadata["authors"] = [{"name": "Steppe Libraries Study Group"}, {"family": "Doe", "given": "Jane"}]
    xml = jats.render_jats(job)
    assert [e for e in style_checker.check(xml) if "contrib" in e] == []
    contribs = etree.fromstring(xml, jats.parser()).findall(".//contrib")
    assert [c.findtext("collab") for c in contribs] == ["Steppe Libraries Study Group", None]
    deposit = crossref.deposit(job, tmp_path / "x.xml")
    assert crossref_schema.check(deposit) == []
    people = etree.fromstring(deposit).find(".//c:contributors", NS)
    assert [e.tag.split("}")[1] for e in people] == ["organization", "person_name"]
