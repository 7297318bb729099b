"""Synthetic raw articles, seeded: for property tests and benchmarks, never for output.

Each article is what a PDF extraction gives: a title and abstract per language, run-in headings,
citations, a numbered reference list, lines wrapped at a fixed width with words split by hyphens,
running heads and page numbers at page breaks, and Latin look-alike letters in Cyrillic words.
`clean` keeps the same text without the damage, to check that normalization repairs it.
"""

import random
from dataclasses import dataclass

VOCABULARY = {
    "ru": ("интеграция государство регион сотрудничество политика экономика безопасность развитие "
           "исследование процесс организация отношения международный стратегия общество культура "
           "направление интересы решение проблема участник система концепция влияние граница "
           "соглашение ресурсы управление энергетика торговля образование технологии").split(),
    "kk": ("интеграция мемлекет аймақ ынтымақтастық саясат экономика қауіпсіздік даму зерттеу "
           "үдеріс ұйым қатынастар халықаралық стратегия қоғам мәдениет бағыт мүдде шешім мәселе "
           "қатысушы жүйе тұжырымдама ықпал шекара келісім ресурстар басқару энергетика сауда білім").split(),
    "en": ("integration state region cooperation policy economy security development research process "
           "organization relations international strategy society culture direction interests decision "
           "problem participant system concept influence border agreement resources management energy "
           "trade education technology").split(),
}
HEADINGS = {"ru": ["Введение", "Методология", "Основная часть", "Заключение"],
            "kk": ["Кіріспе", "Әдістеме", "Негізгі бөлім", "Қорытынды"],
            "en": ["Introduction", "Methods", "Results", "Conclusion"]}
LABELS = {"ru": ("Аннотация", "Ключевые слова", "Список литературы"),
          "kk": ("Аңдатпа", "Түйін сөздер", "Әдебиеттер тізімі"),
          "en": ("Abstract", "Keywords", "References")}
# Letters a PDF font swaps for their look-alikes in the other script (both directions).
LOOKALIKES = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "ә": "ə",
              "a": "а", "e": "е", "o": "о", "c": "с"}
WIDTH = 95


@dataclass
class Synthetic:
    raw: str
    clean: str
    lang: str


def sentence(rng, lang, words=(6, 14)):
    chosen = [rng.choice(VOCABULARY[lang]) for _ in range(rng.randint(*words))]
    return " ".join(chosen).capitalize() + "."


def paragraph(rng, lang, sentences=(2, 5)):
    return " ".join(sentence(rng, lang) for _ in range(rng.randint(*sentences)))


def article(rng, lang, paragraphs_per_section=3, references=5):
    """The clean text of an article, as paragraphs (one per line-group)."""
    blocks = []
    for other in [lang] + [code for code in LABELS if code != lang]:
        abstract_label, keywords_label, _ = LABELS[other]
        blocks.append(" ".join(rng.choice(VOCABULARY[other]) for _ in range(6)).upper())
        blocks.append(abstract_label)
        blocks.append(paragraph(rng, other))
        blocks.append(f"{keywords_label}: " + ", ".join(rng.sample(VOCABULARY[other], 4)) + ".")
    for n, heading in enumerate(HEADINGS[lang]):
        body = [paragraph(rng, lang) for _ in range(paragraphs_per_section)]
        cited = rng.randint(1, references)
        body[0] = f"{heading}. {body[0][:-1]} [{cited}]."
        if n == 1:
            body[-1] = body[-1][:-1] + f" [1, {'p' if lang == 'en' else 'с'}. {rng.randint(2, 300)}]."
        blocks += body
    blocks.append(LABELS[lang][2])
    for n in range(1, references + 1):
        pages = f"{rng.randint(1, 50)}-{rng.randint(51, 99)}"
        blocks.append(f"{n}. {sentence(rng, lang, (3, 6))[:-1]} // {sentence(rng, lang, (2, 3))[:-1]}. "
                      f"{rng.randint(1995, 2024)}. № {rng.randint(1, 12)}. С. {pages}.")
    return blocks


def damage(rng, blocks, lang, journal="Вестник университета, серия «Политические науки»"):
    """Raw extracted text: wrapped lines, split words, page furniture, look-alike letters."""
    lines, page_lines, page = [], 0, rng.randint(5, 300)
    year, issue = rng.randint(2000, 2025), rng.randint(1, 4)
    for block in blocks:
        for line in _wrap(rng, block):
            lines.append(_lookalike(rng, line) if rng.random() < 0.1 else line)
            page_lines += 1
            if page_lines >= 45:
                lines += ["", "", f"{journal}, №{issue} ({rng.randint(50, 99)}), {year} г.", "", str(page), ""]
                page, page_lines = page + 1, 0
        lines.append("")
    return "\n".join(lines) + "\n"


def _wrap(rng, text):
    """Lines of at most WIDTH characters; now and then a long word is split by a hyphen."""
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > WIDTH:
            if len(word) > 7 and word.isalpha() and rng.random() < 0.3:
                cut = rng.randint(3, len(word) - 3)
                lines.append(f"{current} {word[:cut]}-")
                current = word[cut:]
                continue
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _lookalike(rng, line):
    words = line.split(" ")
    i = rng.randrange(len(words))
    for cyrillic, latin in LOOKALIKES.items():
        if cyrillic in words[i] and sum(c.isalpha() for c in words[i]) > 3:
            words[i] = words[i].replace(cyrillic, latin, 1)
            break
    return " ".join(words)


def make(seed, lang=None, **sizes):
    rng = random.Random(seed)
    lang = lang or rng.choice(sorted(LABELS))
    blocks = article(rng, lang, **sizes)
    return Synthetic(raw=damage(rng, blocks, lang), clean="\n\n".join(blocks) + "\n", lang=lang)
