"""The structure reader on the sample and on articles of each language."""

import re

from conftest import FIXTURES, ROOT, SAMPLE
from galley.citation_marks import find_citations
from galley.normalize import normalize
from galley.reference_entries import parse_reference, split_entries
from galley.structure import build


def sample():
    return build(normalize((ROOT / "sources" / SAMPLE / "article.txt").read_text(encoding="utf-8")).paragraphs)


def test_sample_has_three_titles_and_abstracts_and_english_keywords():
    article = sample()
    assert article.lang == "ru"
    assert list(article.front) == ["ru", "kk", "en"]
    assert all(part["title"] and part["abstract"] for part in article.front.values())
    assert article.front["kk"]["title"].startswith("АЙМАҚТЫҚ ИНТЕГРАЦИЯ")
    assert article.front["en"]["keywords"] == ["regional integration", "development",
                                               "the Republic of Kazakhstan", "prospects"]


def test_sample_sections_in_order_with_run_in_headings_split_off():
    article = sample()
    assert [(s.title, s.sec_type) for s in article.sections] == [
        ("Введение", "intro"), ("Методология", "methods"), ("Основная часть", "main"),
        ("Заключение", "conclusions")]
    assert article.sections[0].paragraphs[0].startswith("Актуальность темы")


def test_sample_citations_link_to_five_missing_references_with_hints():
    article = sample()
    citations = [c for s in article.sections for p in s.paragraphs for c in find_citations(p)]
    assert len(citations) == 6
    locators = [i.locator.replace("\xa0", " ") for c in citations for i in c.items if i.locator]
    assert locators == ["с. 152-167", "с. 228"]
    assert [r["id"] for r in article.references] == [f"ref-{n}" for n in range(1, 6)]
    assert all(r["custom"]["status"] == "missing" for r in article.references)
    hints = [r["custom"]["hints"][0].replace("\xa0", " ") for r in article.references]
    assert "М. Каплана" in hints[0] and "Карл Дойч" in hints[1]


def test_citation_forms():
    forms = {
        "[1]": [(1, "")], "[1, с. 152-167]": [(1, "с. 152-167")], "[2; 5]": [(2, ""), (5, "")],
        "[1-3]": [(1, ""), (2, ""), (3, "")], "[3, p. 12]": [(3, "p. 12")], "[4, б. 7]": [(4, "б. 7")],
        "[1, 2]": [(1, ""), (2, "")],
    }
    for text, expected in forms.items():
        found = find_citations(f"Текст {text} дальше.")
        assert [(i.number, i.locator) for i in found[0].items] == expected, text
    assert find_citations("массив [a] и [2021-2020] и [x, 5]") == []


def test_kazakh_article_is_detected_as_kazakh():
    text = ("ҚАЗАҚСТАНДАҒЫ САЯСИ ПАРТИЯЛАРДЫҢ ДАМУЫ\n\nАңдатпа\nМақалада саяси партиялардың дамуы "
            "қарастырылады.\n\nТүйін сөздер: саяси партия, сайлау, Қазақстан.\n\nКіріспе. Қазақстанда "
            "көппартиялық жүйе қалыптасты [1].\n\nҚорытынды. Партиялар дамып келеді.\n\nӘдебиеттер тізімі\n"
            "1. Әбенов Қ.Ж. Саяси партиялар. Алматы: Ғылым, 2010. 200 б.\n")
    article = build(normalize(text).paragraphs)
    assert article.lang == "kk"
    assert article.front["kk"]["keywords"] == ["саяси партия", "сайлау", "Қазақстан"]
    assert [s.sec_type for s in article.sections] == ["intro", "conclusions"]
    assert article.references[0]["author"][0]["family"] == "Әбенов"


def test_numbered_reference_list_splits_even_when_lines_were_joined():
    entries = split_entries(["1. Ivanov I. Book. Moscow: Nauka, 2001. 2. Petrov P. Paper // Journal. 2003. № 2."])
    assert [n for n, _ in entries] == [1, 2]


def test_reference_parsing_gost_and_apa():
    gost = parse_reference(1, "Иванов И.И., Петров П.П. Интеграция в Азии // Вестник МГУ. 2019. Т. 5, № 2. С. 10-20.")
    assert [a["family"] for a in gost["author"]] == ["Иванов", "Петров"]
    assert (gost["title"], gost["container-title"]) == ("Интеграция в Азии", "Вестник МГУ")
    assert (gost["volume"], gost["issue"], gost["page"]) == ("5", "2", "10-20")
    apa = parse_reference(2, "Smith, J., & Doe, A. (2020). Water and power. Journal of Peace, 7(2), 1-9. "
                             "https://doi.org/10.1000/xyz123")
    assert apa["issued"] == {"date-parts": [[2020]]} and apa["DOI"] == "10.1000/xyz123"
    assert (apa["container-title"], apa["volume"], apa["issue"], apa["page"]) == ("Journal of Peace", "7", "2", "1-9")
    assert gost["note"].startswith("Иванов") and apa["note"].startswith("Smith")


FIXTURES_DIR = FIXTURES / "articles"


def fixture(slug):
    from conftest import FIXTURES

    return build(normalize((FIXTURES / "articles" / slug / "article.txt").read_text(encoding="utf-8")).paragraphs)


def test_kazakh_fixture_main_language_sections_and_references():
    article = fixture("kk-party-system")
    assert article.lang == "kk" and list(article.front) == ["kk", "ru", "en"]
    assert article.classifications == {"udc": "32.019.5"}
    assert [s.sec_type for s in article.sections] == ["intro", "methods", "main", "conclusions"]
    assert [r["author"][0]["family"] for r in article.references] == ["Әбенов", "Сейтқали", "Нұрланова"]
    assert article.references[1]["container-title"] == "ҚазҰУ Хабаршысы"


def test_english_imrad_fixture_parses_fifteen_gost_and_apa_references():
    article = fixture("en-imrad-water-policy")
    refs = article.references
    assert len(refs) == 15 and not any(r.get("custom", {}).get("status") == "missing" for r in refs)
    assert all(r.get("title") and r.get("issued") and r.get("author") for r in refs)
    by_type = {r["id"]: r["type"] for r in refs}
    assert by_type["ref-1"] == by_type["ref-8"] == "article-journal" and by_type["ref-10"] == "book"
    assert refs[7]["DOI"] == "10.1080/09668136.2013.822708" and refs[7]["page"] == "1994-2013"
    assert refs[8]["publisher-place"] == "Алматы" and refs[8]["number-of-pages"] == "180"


def test_transliterated_second_list_is_paired_with_the_original():
    refs = fixture("ru-translit-references").references
    assert [r["author"][0]["family"] for r in refs] == ["Иванов", "Петрова"]
    alternatives = [r["custom"]["alternative"].replace("\xa0", " ") for r in refs]
    assert alternatives[0].startswith("Ivanov I.I. Tsifrovaya diplomatiya")
    assert alternatives[1].endswith("No. 3. P. 10-25.")


def test_authors_affiliations_and_codes_printed_above_the_title_are_read():
    from galley.editor import canonical_metadata

    article = fixture("ru-authors-in-text")
    assert article.classifications == {"irsti": "11.25.40", "udc": "327.8"}
    assert article.front["ru"]["title"].startswith("ВНЕШНЯЯ ПОЛИТИКА")
    metadata = canonical_metadata(article, {}, {})
    names = [a["name"] for a in metadata["authors"]]
    assert names == ["А.Б. Иванов", "С.К. Сериков"]
    assert [a["affiliations"] for a in metadata["authors"]] == [["aff-1"], ["aff-2"]]
    assert metadata["affiliations"][1]["name"].startswith("Евразийский национальный университет")
    assert article.front_notes == ["e-mail: ivanov@example.kz"]


def test_sentence_case_keeps_acronyms_and_names_the_text_capitalises():
    from galley.titlecase import display_title

    context = "Страны Центральной Азии и ЕАЭС, как и Орталық Азия, обсуждают сотрудничество."
    title = display_title("ИНТЕГРАЦИЯ ЕАЭС В ЦЕНТРАЛЬНОЙ АЗИИ", context, "sentence")
    assert title == "Интеграция ЕАЭС в Центральной Азии"
    assert display_title("ОРТАЛЫҚ АЗИЯДАҒЫ ЫНТЫМАҚТАСТЫҚ", context, "sentence") == "Орталық Азиядағы ынтымақтастық"
    assert display_title("ИНТЕГРАЦИЯ", context, "original") == "ИНТЕГРАЦИЯ"
    assert display_title("Already in sentence case", context, "sentence") == "Already in sentence case"


def test_numbered_caps_headings_bracketed_reference_numbers_and_volume():
    from galley.normalize import normalize as run_normalize

    text = (FIXTURES_DIR / "en-numbered-headings" / "article.txt").read_text(encoding="utf-8")
    result = run_normalize(text)
    assert (result.furniture["volume"], result.furniture["issue"], result.furniture["pages_seen"]) == ("66", "2", [45])
    article = build(result.paragraphs)
    assert [(s.title, s.sec_type) for s in article.sections] == [
        ("INTRODUCTION", "intro"), ("DATA AND METHODS", "methods"), ("RESULTS", "results"),
        ("CONCLUSION", "conclusions")]
    assert [r["id"] for r in article.references] == [f"ref-{n}" for n in range(1, 6)]
    assert article.references[1]["DOI"] == "10.1126/science.aah5309"
    assert not any(r.get("custom", {}).get("status") == "missing" for r in article.references)
    assert [a["name"] for a in article.authors] == ["M. Bekova", "T. Ospanov"]


def test_a_line_of_names_in_the_body_stays_text_and_is_flagged():
    article = build(["Кіріспе. Зерттеулер көбейді [1].", "А.Б. Сейітова, Қ.Т. Мұратов",
                     "Нәтижелер. Респонденттердің жартысы қатысты."])
    assert [s.sec_type for s in article.sections] == ["intro", "results"]
    assert article.sections[0].paragraphs[-1] == "А.Б. Сейітова, Қ.Т. Мұратов"
    assert [w["rule"] for w in article.warnings if w["rule"] == "stray-names"] == ["stray-names"]


# --- reference lists: split where an entry starts, never at a wrapped line ---------------------

UNNUMBERED = [
    # APA entries joined into one paragraph, one of them with a DOI cut at its slash.
    (["Abe, K., & Lund, P. (2011). Rivers of the steppe. Water Policy, 4(2), 10-20. https://doi.org/10.1000/ "
      "abc.2011 Baker, T. (2015). Dry years. Journal of Arid Lands, 7, 1-9."], ["Abe, K.", "Baker, T."]),
    # ABNT capitals and a corporate author; a wrapped line starting with a place stays in its entry.
    (["KARIMOV, A. Water and power. Almaty: Gylym, 2019.", "WORLD BANK. Central Asia water report.",
      "Washington, D.C.: World Bank, 2020."], ["KARIMOV, A.", "WORLD BANK."]),
    # Family names with glued initials, and a name inside an entry ("ed. R. Lee, B. Kim") is no start.
    (["AdamsPJ, LeeK. 2002. Aerosols in models. In: Models, ed. R. Lee, B. Kim. Oxford. "
      "BakerT. 2004. Clouds. Atmos Res 3: 1-2."], ["AdamsPJ", "BakerT."]),
    # Vancouver: family and initials without stops, one entry per line.
    (["Berg RA, Lee B: River deltas. Environ Sci 2004, 38:945-956.",
      "Ivanova T: Coral reefs. Mar Biol 2001, 9:1-5."], ["Berg RA", "Ivanova T"]),
]


def test_unnumbered_reference_lists_split_where_an_author_starts():
    for paragraphs, starts in UNNUMBERED:
        entries = split_entries(paragraphs)
        assert [text[:len(start)] for (_, text), start in zip(entries, starts)] == starts, paragraphs
        assert len(entries) == len(starts), paragraphs
        assert "".join(text for _, text in entries).replace(" ", "") == "".join(paragraphs).replace(" ", "")


def test_numbered_entries_open_their_paragraphs_even_after_a_page_count():
    entries = split_entries(["1. Fisher RA. The Theory. 1930:318 p.", "2. Burch CL: Evolution. Genetics 1999."])
    assert [n for n, _ in entries] == [1, 2]


def test_a_doi_cut_at_its_line_end_is_kept_whole():
    item = parse_reference(1, "Abe, K. (2011). Rivers. Water, 4, 1-2. https://doi.org/10.1000/ abc.2011")
    assert item["DOI"] == "10.1000/abc.2011" and item["note"].endswith("10.1000/ abc.2011")


# --- author-year citations ------------------------------------------------------------------------

AUTHOR_YEAR = [
    ("As shown (Abe, 2010).", [("Abe, 2010", "Abe", "2010")]),
    ("Abe and Lund (2010a) found it.", [("Abe and Lund (2010a)", "Abe", "2010a")]),
    ("Known (Abe et al., 2010, p. 5; Lund 2011).",
     [("Abe et al., 2010", "Abe", "2010"), ("Lund 2011", "Lund", "2011")]),
    ("Как отмечено (Абенов, 2015, с. 7).", [("Абенов, 2015", "Абенов", "2015")]),
    ("Data (WORLD BANK, 2020, 2020b).", [("WORLD BANK, 2020", "WORLD BANK", "2020"), ("2020b", "WORLD BANK", "2020b")]),
    ("In 2010 (see Figure 2) and in 2015 (n = 30).", []),
]


def test_author_year_citation_shapes():
    from galley.citation_marks import author_year_items

    for text, expected in AUTHOR_YEAR:
        assert [(i.text, i.family, i.year) for i in author_year_items(text)] == expected, text


def test_author_year_citations_link_to_the_alphabetical_list_in_the_canonical_text():
    from galley.canonical import paragraph_markdown
    from galley.citation_marks import author_year_index

    article = build(["Introduction", "Rivers dry up (Abe et al., 2010; Lund 2011a), as Baker (2015) says.",
                     "References", "Abe, K., Lund, P., & Ode, S. (2010). Rivers. Water, 4, 1-2.",
                     "Baker, T. (2015). Dry years. Arid Lands, 7, 1-9.", "Lund, P. (2011a). Steppe. Oxford: Press."])
    assert [r["note"][:5] for r in article.references] == ["Abe, ", "Baker", "Lund,"]
    markdown = paragraph_markdown(article.sections[0].paragraphs[0], author_year_index(article.references))
    assert markdown == ('Rivers dry up ([Abe et al., 2010]{.cite-ref ref="ref-1"}; '
                        '[Lund 2011a]{.cite-ref ref="ref-3"}), as [Baker (2015)]{.cite-ref ref="ref-2"} says.')
    assert not [w for w in article.warnings if w["rule"] in ("uncited-reference", "unlinked-citation")]


def test_a_numbered_list_whose_numbers_stop_goes_on_by_its_authors():
    # The PDF drew the rest of the numbers apart from their entries: a lone number stays text.
    paragraphs = ["1. Berg RA, Lee B. River deltas. Environ Sci. 2004;38:945–56.",
                  "2. Ivanova T. Coral reefs. Mar Biol. 2001;9:1–5.", "9.",
                  "Kent O, Sadykov M. Salt in lakes. Lake Res. 2010;3:11–19.",
                  "Lind GA. Closed basins. Oxford: Press; 2012."]
    entries = split_entries(paragraphs)
    assert [n for n, _ in entries] == [1, 2, 3, 4]
    assert [text[:6] for _, text in entries] == ["Berg R", "Ivanov", "Kent O", "Lind G"]
    printed = "".join(paragraphs).replace(" ", "")[2:].replace("2.Iv", "Iv")  # less the numbers read
    assert "".join(t for _, t in entries).replace(" ", "") == printed


RUN_IN_NUMBERED = [
    ("2.1. Lakes and Basins. We counted forty lakes.", "Lakes and Basins", "We counted forty lakes."),
    ("3.2.1 Salt. It rose.", "Salt", "It rose."),
    # Not headings: one level of numbering, a phrase in sentence case, a decimal number.
    ("2. The lakes rose in spring. Then they fell.", None, None),
    ("2.1. The lakes rose in every spring we saw. Then they fell.", None, None),
    ("2.5 Mg of salt per litre. It rose.", None, None),
]


def test_a_numbered_subsection_heading_run_in_to_its_paragraph():
    for text, title, rest in RUN_IN_NUMBERED:
        sections = build(["Introduction", "Lakes keep salt.", text]).sections
        if title is None:
            assert [s.title for s in sections] == ["Introduction"], text
        else:
            assert [(s.title, s.paragraphs) for s in sections][1:] == [(title, [rest])], text


BARE_LIST = ["Referencias", "1. Ortiz L, Vega P. Lagos salados. Rev Agua. 2001;3:1-9.",
             "2. Mora T. Ríos del norte. Rev Agua. 2004;5:10-19.", "3. Solís A. Sequías. Madrid: Prensa; 2009.",
             "4. Paz R. Cuencas cerradas. Rev Agua. 2012;9:20-29."]


def test_superscript_numbers_flattened_by_the_extraction_link_to_a_numbered_list():
    from galley.canonical import write

    body = ["Introducción", "Los lagos salados cubren la meseta. 2 Su nivel baja cada verano.4,5 Los ríos, 1 las "
            "cuencas y los pozos se secan. 3 , 4 En 2010. 30 pozos y la Fig. 2 lo muestran.", "Análise1 dos dados."]
    article = build(body + BARE_LIST)
    markdown = write({"references": article.references}, article.sections, "x.md")
    assert [int(n) for n in re.findall(r'\{\.cite-ref ref="ref-(\d+)"\}', markdown)] == [2, 1, 3, 4, 1]
    assert "meseta. [2]{.cite-ref" in markdown and "} , [4]{.cite-ref" in markdown
    # A number the list lacks (5, 30) leaves its group as text, and so does an abbreviation's ("Fig. 2").
    assert "verano.4,5 Los" in markdown and "En 2010. 30 pozos" in markdown and "Fig. 2 lo" in markdown
    assert not [w for w in article.warnings if w["rule"] == "uncited-reference"]


def test_bare_numbers_stay_text_where_the_article_cites_otherwise():
    from galley.canonical import write

    bracketed = build(["Introducción", "Los lagos cubren la meseta [1]. 2 ríos y 3 pozos, 4 cuencas.", *BARE_LIST])
    markdown = write({"references": bracketed.references}, bracketed.sections, "x.md")
    assert markdown.count(".cite-ref") == 0 and markdown.count("@ref-") == 1
    # One bare number over a list of four: plain text, not the article's way of citing.
    few = build(["Introducción", "Los lagos cubren la meseta. 2 Su nivel baja.", *BARE_LIST])
    assert ".cite-ref" not in write({"references": few.references}, few.sections, "x.md")


def test_an_unnumbered_list_splits_after_cut_links_link_labels_and_undated_entries():
    paragraphs = [
        # a DOI cut after its full stop: its last piece on the next line, then the next entry
        "AbeK, LundP. 2010. Salt lakes. Water Res 4: 1–9. doi: 10.1000/wr. 4411 BergT. 2012. Dry rivers.",
        "Arid Lands 7: 1–9. Available from: http://example.org/ CoxR, DiasM. 2013. Steppe soils. Soil 2: 3–4.",
        # a platform's label for the link after each entry, on a line of its own
        "Dunn AB, Egan C: Closed basins. Lake Sci. 2014; 3(1): 11–19.", "Full Text Online",
        "Ford J, Gale K: Reed beds. Lake Sci. 2015; 4(2): 1–5.", "Library Record",
        # an ISBN ends an entry without a full stop; an entry with no year
        # a DOI cut after "/", its rest opening with a capital and digits: no name
        "Gray, P. (2015). Dunes. Sand, 2, 1-5. https://doi.org/10.1000/ S1000-20150001 "
        "Hale, P. (2016). Deserts. Press. ISBN: 978-0-00-000000-2",
        "Ives, R. (n.d.). Wind maps. Retrieved from a site.",
        # a work with no person for author, then a wrapped entry whose last line holds its volume
        "Lake Atlas Project. (n.d.). Lakes. Retrieved from a site.", "Kemp, A. (2019). Reeds in the",
        "Marsh, 3, 1-9.",
        # a family name and bare initials, then a year or a title, at a line's start
        "Lund PA 2015.", "Moss W Reeds of the lakes: a field guide 2012.",
        # a long list of authors holds the year back
        "Nash, A., " + ", ".join(f"{name}, {name[0]}." for name in ["Oakes", "Pryce", "Quinn", "Reyes", "Stone",
                                                                  "Tamm", "Udall", "Vance", "Wolfe", "Xiang",
                                                                  "Young", "Zorn", "Ames", "Bligh", "Crane",
                                                                  "Drake", "Estes", "Frost", "Grant", "Hayes",
                                                                  "Irwin", "Joyce", "Keats", "Lowry", "Mayer",
                                                                  "Noble", "Olsen", "Pratt", "Quirk", "Rhodes",
                                                                  "Sousa", "Tully", "Unger"])
        + " (2018). Sand dunes. Dunes, 3, 1-9.",
    ]
    entries = [text for _, text in split_entries(paragraphs)]
    assert [e[:4] for e in entries] == ["AbeK", "Berg", "CoxR", "Dunn", "Ford", "Gray", "Hale", "Ives",
                                              "Lake", "Kemp", "Lund", "Moss", "Nash"]
    assert entries[0].endswith("10.1000/wr. 4411") and entries[3].endswith("Full Text Online")
    assert "".join(entries).replace(" ", "") == "".join(paragraphs).replace(" ", "")  # nothing lost


def test_a_question_in_capitals_or_title_case_is_a_heading_and_in_sentence_case_a_sentence():
    article = build(["Introduction", "The lakes rose.", "WHERE DO THE RIVERS GO?", "They go east.",
                     "Where do the rivers go?", "Nobody knows.", "Which Rivers Reach the Lakes?", "Two do."])
    assert [s.title for s in article.sections] == ["Introduction", "WHERE DO THE RIVERS GO?",
                                                   "Which Rivers Reach the Lakes?"]
    assert article.sections[1].paragraphs == ["They go east.", "Where do the rivers go?", "Nobody knows."]


def test_publishers_notes_among_the_body_and_the_references_are_kept_aside_as_front_notes():
    article = build(["Introduction", "The lakes rose.", "Correspondence: Ada Reed (ada@example.org)",
                     "Copyright", "© 2031 Reed. Open access under a licence that allows reuse.",
                     "References", "Abe, K. (2010). Salt lakes. Water, 4, 1-9.",
                     "Citation: Reed A (2031) Lakes that rise. Imag. Lakes 3:7.",
                     "This note came with the issue. Copyright © 2031 Reed.",
                     "Berg, T. (2012). Dry rivers. Arid Lands, 7, 1-9."])
    assert [s.title for s in article.sections] == ["Introduction", "Copyright"]
    assert article.sections[0].paragraphs == ["The lakes rose."]
    assert article.sections[1].paragraphs[0].startswith("© 2031")  # a copyright section stays in the body
    assert [r["note"][:4] for r in article.references] == ["Abe,", "Berg"]
    assert [n[:12] for n in article.front_notes] == ["Corresponden", "Citation: Re", "This note ca"]
    assert sum(w["message"].startswith("a publisher's note") for w in article.warnings) == 3


def test_numeric_citations_keep_the_separator_the_text_printed():
    from galley.canonical import paragraph_markdown

    markdown = paragraph_markdown("Lakes [2, 3], rivers [4; 5], wells [6, 7–9, с. 5].")
    assert markdown == ("Lakes [@ref-2,; @ref-3], rivers [@ref-4; @ref-5], "
                        "wells [@ref-6,; @ref-7; @ref-8; @ref-9, с. 5].")


def test_a_family_name_of_two_words_and_four_initials_are_read_whole():
    from galley.reference_entries import first_author_and_year

    assert first_author_and_year("Da Costa, I.; Moura, P. 2018. Rivers. Agua, 2: 1-9.") == ("Da Costa", "2018")
    entries = split_entries(["Abe, R. 2012. Lakes. Bol, 7: 195-218.",
                             "Cruz, K.L.M.N.; Lima, D. 2012. Dunes. Bol, 7: 2-8."])
    assert [text[:5] for _, text in entries] == ["Abe, ", "Cruz,"]


def test_a_word_before_a_comma_at_a_narrative_citations_start_is_no_author():
    from galley.citation_marks import author_year_items

    index = {("okafor", "2006"): ["ref-3"], ("abe", "2010"): ["ref-1"]}
    found = author_year_items("Thus, Okafor et al. (2006) and Abe, Lund and Ode (2010) agree.", index)
    assert [(i.text, i.family) for i in found] == [("Okafor et al. (2006)", "Okafor"),
                                                   ("Abe, Lund and Ode (2010)", "Abe")]


def test_a_numbered_heading_may_run_longer_than_a_plain_one():
    long_title = "Closed basins of the northern steppe and the salt lakes that the rivers feed, one by one"
    article = build(["Introduction", "The lakes rose.", f"2. {long_title}", "They go east.",
                     long_title, "2. The lakes rose in spring. They fell in the long autumn of the dry years"])
    assert [s.title for s in article.sections] == ["Introduction", long_title]
    assert article.sections[1].paragraphs[1:] == [long_title, "2. The lakes rose in spring. They fell in the long "
                                                  "autumn of the dry years"]


def test_a_copyright_notice_before_the_first_heading_is_a_front_note():
    article = build(["Salt lakes of the steppe", "Abstract", "The lakes rose over the years and the reeds followed.",
                     "Keywords: lakes, reeds", "© 2031 The authors. Open access under a licence that allows reuse.",
                     "Introduction", "The lakes rose."])
    assert any(n.startswith("© 2031") for n in article.front_notes)
    assert not any("© 2031" in p for s in article.sections for p in s.paragraphs)


# A results section whose table pdftotext laid out one cell a line: a header row, rows led by rank
# numbers or labels, and figures under them.
TABLE_BODY = [
    "Introduction", "Lakes keep salt for decades after the rivers that fed them dry up.",
    "Salt by basin", "Table 2 gives the salt of each basin in the three years we sampled.",
    "Basin", "Share", "Change", "1 north", "0.42", "2 south", "0.31",
    "Upland", "12.5 14.1 (0.8)", "Lowland plain", "(0.27)", "Closed basins dry up first.",
    "Discussion", "Salt stays.",
    "3. Results", "2.50 3.75 (4)", "Salt rose in every basin.",
]


def test_the_cells_of_a_table_laid_out_a_line_each_are_not_headings():
    sections = build(TABLE_BODY).sections
    assert [s.title for s in sections] == ["Introduction", "Salt by basin", "Discussion", "Results"]
    # every cell stays in its section's text, rank numbers included
    assert sections[1].paragraphs == TABLE_BODY[3:16]


def test_a_heading_before_figures_stays_a_heading_when_numbered_or_named_by_the_language_data():
    sections = build(["Introduction", "Salt.", "Methods", "0.42 0.31", "2.1 Sampling", "12 (4)", "Text."]).sections
    assert [s.title for s in sections] == ["Introduction", "Methods", "Sampling"]
