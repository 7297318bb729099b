"""The independent validators that journals, PMC and Crossref run, offline, from ../shared:
the JATS4R Schematron (phase "errors", through SchXslt on Saxon-HE), the PMC Style Checker (XSLT 1
in lxml) and the Crossref 5.3.1 XSD. Each returns a list of findings, empty when clean.

How each is run, and why, is in ../shared/validators/README.md: the JATS4R rules need two edits on
a copy before SchXslt compiles them, and both JATS checkers need the article's DOCTYPE pointing at
the local DTD so that id()/idref() see typed IDs.
"""

import re
import shutil
import tempfile
from pathlib import Path

from lxml import etree

SHARED = Path(__file__).resolve().parents[2] / "shared"
VALIDATORS = SHARED / "validators"
JATS_DTD = SHARED / "schemas" / "jats" / "publishing-1.3" / "JATS-journalpublishing1-3.dtd"
JATS4R = SHARED / "schemas" / "jats4r" / "schematrons" / "1.0"
SCHXSLT = VALIDATORS / "schxslt" / "core" / "src" / "main" / "resources" / "xslt" / "2.0" / "pipeline-for-svrl.xsl"
STYLECHECKER = VALIDATORS / "nlm-stylechecker" / "xsl" / "nlm-stylechecker.xsl"
CROSSREF_XSD = VALIDATORS / "crossref-schema-0.3.1" / "crossref5.3.1.xsd"
# The catalogs that keep every schema import and DTD on disk (libxml2 reads this before its first parse).
CATALOGS = [VALIDATORS / "crossref-schema-0.3.1" / "catalog.xml", SHARED / "schemas" / "jats" / "dtd" / "catalog.xml"]
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
# The JDK parser inside Saxon caps entity expansion; the JATS DTD's modules exceed the defaults.
ENTITY_LIMITS = ("totalEntitySizeLimit", "maxGeneralEntitySizeLimit", "maxParameterEntitySizeLimit",
                 "entityExpansionLimit")


def with_local_dtd(xml_bytes):
    """The article with its DOCTYPE's system id pointing at the local JATS 1.3 DTD."""
    text = xml_bytes.decode("utf-8")
    return re.sub(r'(<!DOCTYPE article PUBLIC "[^"]*" )"[^"]*"', rf'\1"{JATS_DTD.as_uri()}"', text, count=1)


class Jats4r:
    """The JATS4R Schematron compiled once (phase errors); check() gives each failed assert."""

    def __init__(self, phase="errors"):
        from saxonche import PySaxonProcessor

        self.processor = PySaxonProcessor(license=False)
        for limit in ENTITY_LIMITS:
            self.processor.set_configuration_property(
                f"http://saxon.sf.net/feature/parserProperty?uri=jdk.xml.{limit}", "0")
        xslt = self.processor.new_xslt30_processor()
        # The rules open their lookup tables (lang.xml, countries.xml) with doc() beside the .sch
        # files at run time: the patched copy lives as long as the checker.
        self._folder = tempfile.TemporaryDirectory(prefix="jats4r-")
        rules = Path(self._folder.name) / "1.0"
        shutil.copytree(JATS4R, rules)
        _prepare_for_schxslt(rules / "jats4r.sch")
        compiler = xslt.compile_stylesheet(stylesheet_file=str(SCHXSLT))
        compiler.set_parameter("phase", self.processor.make_string_value(phase))
        compiled = rules / f"jats4r-{phase}.xsl"
        compiler.transform_to_file(source_file=str(rules / "jats4r.sch"), output_file=str(compiled))
        self.stylesheet = xslt.compile_stylesheet(stylesheet_file=str(compiled))

    def check(self, xml_bytes, roles=("error", None)):
        # Saxon reads the DTD's external modules only for a document parsed from a file.
        with tempfile.TemporaryDirectory(prefix="jats4r-") as tmp:
            article = Path(tmp) / "article.xml"
            article.write_text(with_local_dtd(xml_bytes), encoding="utf-8")
            node = self._parse(article)
        svrl = etree.fromstring(self.stylesheet.transform_to_string(xdm_node=node).encode("utf-8"))
        # Upstream's errors phase also runs the general-citations warnings; their role tells them apart.
        return [f"{e.get('location')}: {' '.join(e.findtext('svrl:text', '', SVRL).split())}"
                for e in svrl.xpath(".//svrl:failed-assert | .//svrl:successful-report", namespaces=SVRL)
                if e.get("role") in roles]


    def _parse(self, path):
        """The article as Saxon's tree. SaxonC 13.1.1's parser fails every second document that loads
        a DTD ("I/O error reported by XML parser", also on the same file): a failed parse is tried
        once more; a real error fails twice."""
        from saxonche import PySaxonApiError

        try:
            return self.processor.parse_xml(xml_file_name=str(path))
        except PySaxonApiError:
            return self.processor.parse_xml(xml_file_name=str(path))


def _prepare_for_schxslt(sch):
    """The two edits SchXslt needs: the xsl:functions before the includes (it copies only those that
    precede every pattern), and the xsd prefix that their "as" types use, declared."""
    text = sch.read_text(encoding="utf-8")
    functions = re.findall(r"<xsl:function\b.*?</xsl:function>", text, flags=re.S)
    for function in functions:
        text = text.replace(function, "")
    first_include = text.index("<include ")
    declaration = '<ns prefix="xsd" uri="http://www.w3.org/2001/XMLSchema"/>\n'
    text = text[:first_include] + declaration + "\n".join(functions) + "\n" + text[first_include:]
    sch.write_text(text, encoding="utf-8")


class StyleChecker:
    """The PMC (NLM) Style Checker 5.31; check() gives each <error> it inserts."""

    def __init__(self):
        self.transform = etree.XSLT(etree.parse(str(STYLECHECKER)))

    def check(self, xml_bytes, level="error"):
        # The DTD loaded through the DOCTYPE (not validated separately) keeps the ID table that
        # the checker's xref tests read.
        parser = etree.XMLParser(load_dtd=True, no_network=True, resolve_entities=True)
        doc = etree.fromstring(with_local_dtd(xml_bytes).encode("utf-8"), parser).getroottree()
        result = self.transform(doc, style="'article'")
        return [f"{e.getparent().tag}: {' '.join(''.join(e.itertext()).split())}" for e in result.iter(level)]


class CrossrefSchema:
    """The Crossref deposit schema 5.3.1, every import local; check() gives each schema error."""

    def __init__(self):
        self.schema = etree.XMLSchema(etree.parse(str(CROSSREF_XSD), etree.XMLParser(no_network=True)))

    def check(self, xml_bytes):
        doc = etree.fromstring(xml_bytes, etree.XMLParser(no_network=True, resolve_entities=False))
        if self.schema.validate(doc):
            return []
        return [f"line {e.line}: {e.message}" for e in self.schema.error_log]
