"""Languages as data: detection by letters and frequent words, and a language added from a folder of
data files with no change to the code."""

import json
import subprocess
import sys

import pytest

from galley.languages import detect_language, match_label

# Sentences composed for these tests, one per language and shape.
DETECTION = [
    ("Бул макалада өлкөнүн экономикасы жана анын өнүгүшү үчүн маанилүү маселелер каралат.", "ky"),
    ("Бұл мақалада елдің экономикасы және оның дамуы үшін маңызды мәселелер қарастырылады.", "kk"),
    ("В статье рассматриваются вопросы развития экономики страны и региона.", "ru"),
    # A name with letters of another alphabet tells nothing of the sentence around it.
    ("В статье рассматривается опыт Қазақстан и его соседей.", "ru"),
    ("This article examines how the economy developed, following Diomandé.", "en"),
    ("Este artigo examina o desenvolvimento da economia e não apenas os preços.", "pt"),
    ("Este artículo examina el desarrollo de la economía y los precios del país.", "es"),
    ("ТООЛУУ АЙМАКТАРДЫН ӨНҮГҮШҮ ЖАНА КЫЗМАТТАШТЫК", "ky"),
    ("ТАУЛЫ АЙМАҚТАРДЫҢ ДАМУЫ ЖӘНЕ ЫНТЫМАҚТАСТЫҚ", "kk"),
    ("OS DESAFIOS DA EDUCAÇÃO NO CAMPO", "pt"),
    ("LOS DESAFÍOS DE LA ENSEÑANZA EN EL CAMPO", "es"),
]


@pytest.mark.parametrize(("text", "lang"), DETECTION)
def test_language_is_told_by_its_letters_and_frequent_words(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(("text", "prefer", "lang"), [
    ("саяси партия, сайлау, Қазақстан", "kk", "kk"),  # no letter of its own: the label decides
    ("саяси партия, сайлау, Қазақстан", None, "ru"),
    ("Бул макалада өлкөнүн экономикасы жана анын өнүгүшү үчүн маанилүү маселелер каралат.", "ru", "ky"),
])
def test_a_labels_language_is_preferred_unless_the_text_clearly_says_otherwise(text, prefer, lang):
    assert detect_language(text, prefer=prefer) == lang


@pytest.mark.parametrize(("paragraph", "kind", "lang"), [
    ("Аннотация", "abstract", "ru"),  # Russian and Kyrgyz print it: the script's default language
    ("Кыскача мазмуну. Макалада", "abstract", "ky"),
    ("Ачкыч сөздөр: тоо, суу", "keywords", "ky"),
    ("Resumo. O artigo", "abstract", "pt"),
    ("Palabras clave: agua, suelo", "keywords", "es"),
    ("Referências", "references", "pt"),
])
def test_labels_of_every_language(paragraph, kind, lang):
    label = match_label(paragraph)
    assert (label[0], label[2]) == (kind, lang)


GERMAN = """code: de
name: Deutsch
script: latin
alphabet: "abcdefghijklmnopqrstuvwxyzäöüß"
distinctive_letters: "äöüß"
frequent_words: [der, die, das, und, ist, nicht, mit, von, den, zu]
citeproc_locale: de-DE
hyphenation: de_DE
spelling: {hunspell: [de_DE], spelling_warnings: false}
and_words: [und]
et_al: [u. a.]
abbreviations: {volume: [Bd.], issue: [H.], part: [T.], pages: [S.]}
locators: [S.]
classification_labels: {udc: [DK]}
abstract_labels: [Zusammenfassung]
keyword_labels: [Schlüsselwörter]
reference_titles: [Literaturverzeichnis]
abstract_parts: {methods: [Methoden], results: [Ergebnisse]}
headings: {intro: [Einleitung], conclusions: [Fazit]}
institution_words: [universität]
labels: {abstract: Zusammenfassung, keywords: Schlüsselwörter, references: Literaturverzeichnis,
         missing_reference: Eintrag fehlt, context: Kontext, udc: DK, irsti: IRSTI, pages: S., volume: Bd.,
         issue: H.}
"""

ARTICLE = [
    "Die Wasserwirtschaft der Bergregionen",
    "Zusammenfassung. Der Beitrag untersucht, wie die Gemeinden das Wasser verteilen und was sich ändert.",
    "Schlüsselwörter: Wasser, Gemeinde, Verteilung.",
    "Einleitung. Die Verteilung des Wassers ist nicht einfach [1].",
    "Fazit. Die Gemeinden arbeiten zusammen.",
    "Literaturverzeichnis",
    "1. Müller A. Wasser und Gemeinde. Berlin: Verlag, 2019. 120 S.",
]


def test_a_language_is_added_from_a_data_folder_without_changing_the_code(tmp_path):
    (tmp_path / "de.yaml").write_text(GERMAN, encoding="utf-8")
    script = ("import json, sys; from galley.structure import build; a = build(json.load(sys.stdin)); "
              "print(json.dumps({'lang': a.lang, 'front': a.front, 'sections': [s.sec_type for s in a.sections],"
              " 'refs': [r.get('author', [{}])[0].get('family') for r in a.references]}))")
    run = subprocess.run([sys.executable, "-c", script], input=json.dumps(ARTICLE), capture_output=True,
                         text=True, env={"GALLEY_LANGUAGES": str(tmp_path), "PATH": "/usr/bin:/bin"}, check=True)
    result = json.loads(run.stdout)
    assert result["lang"] == "de"
    assert result["front"]["de"]["keywords"] == ["Wasser", "Gemeinde", "Verteilung"]
    assert result["front"]["de"]["abstract"][0].startswith("Der Beitrag")
    assert result["sections"] == ["intro", "conclusions"]
    assert result["refs"] == ["Müller"]
