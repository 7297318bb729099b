"""The fidelity benchmark's measures: how close an article's published text comes to its ground truth.

Every function here compares plain values (strings, lists, dicts), so that each measure can be tested on
small hand-written inputs; reading the JATS is fidelity_jats.py's job, building and reporting
fidelity.py's. The rules follow the corpus README ("What a fidelity harness should compare"): both sides
in Unicode NFC with white space collapsed and no-break spaces as spaces; detectors of leaks and
hyphenation errors count only what the truth itself does not hold.
"""

import difflib
import re
import unicodedata
from collections import Counter

SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
# U+2010 and U+2011 print as "-": a typesetter's hyphen is the same character to a reader.
HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
SOFT_HYPHEN = "\u00ad"
TOKEN = re.compile(r"\w+|[^\w\s]")
WORD = re.compile(r"[^\W\d_]+")
TRAILING_PUNCTUATION = re.compile(r"[\s.,;:!?…]+$")
HEADING_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+")
DASHES = str.maketrans({"–": "-", "—": "-", "−": "-"})


# --- text ----------------------------------------------------------------------------------------

def normalize(text):
    """NFC, one space for any run of white space (no-break spaces included), one hyphen character."""
    text = unicodedata.normalize("NFC", text or "").translate(HYPHENS)
    return SPACES.sub(" ", text).strip()


def tokens(text):
    """Words and single punctuation marks: the units the text alignments match."""
    return TOKEN.findall(text)


def text_similarity(truth, output):
    """F1 of the characters of aligned tokens (0–1): missing text lowers recall, extra text precision.

    Tokens are aligned in order (difflib), each weighing its length, so a lost paragraph counts by its
    size and a stray page number barely at all.
    """
    truth_tokens, output_tokens = tokens(normalize(truth)), tokens(normalize(output))
    if not truth_tokens or not output_tokens:
        return float(truth_tokens == output_tokens)
    matcher = difflib.SequenceMatcher(None, truth_tokens, output_tokens, autojunk=False)
    matched = sum(len(token) for block in matcher.get_matching_blocks()
                  for token in truth_tokens[block.a:block.a + block.size])
    recall = matched / sum(map(len, truth_tokens))
    precision = matched / sum(map(len, output_tokens))
    return 0.0 if not matched else 2 * precision * recall / (precision + recall)


def title_key(title):
    """A title as compared: case and trailing punctuation ignored (a layout may print it upper-case)."""
    return TRAILING_PUNCTUATION.sub("", normalize(title)).casefold()


def title_similarity(truth, output):
    """1.0 for the same title; otherwise the share of characters in common, for partial credit."""
    return difflib.SequenceMatcher(None, title_key(truth), title_key(output), autojunk=False).ratio()


# --- front matter ---------------------------------------------------------------------------------

# Text found under another language's tag than the truth's earns this share of its similarity.
WRONG_LANGUAGE_CREDIT = 0.5


def score_by_language(truth, output, similarity):
    """Mean over the truth's languages of similarity(truth text, output text of that language).

    A part the output tags with a language the truth does not have (a Kyrgyz abstract tagged Kazakh)
    is the right text with the wrong tag: it earns half its similarity. None when the truth has none.
    """
    if not truth:
        return None
    stray = [value for lang, value in output.items() if lang not in truth]
    scores = []
    for lang, expected in truth.items():
        if lang in output:
            scores.append(similarity(expected, output[lang]))
        else:
            scores.append(WRONG_LANGUAGE_CREDIT * max((similarity(expected, v) for v in stray), default=0.0))
    return sum(scores) / len(scores)


def keyword_set(keywords):
    """Keywords split at commas (both sides may hold a whole line as one keyword), case ignored."""
    return {title_key(part) for keyword in keywords for part in keyword.split(",") if title_key(part)}


def keywords_f1(truth, output):
    expected, found = keyword_set(truth), keyword_set(output)
    if not expected or not found:
        return float(expected == found)
    common = len(expected & found)
    return 0.0 if not common else 2 * common / (len(expected) + len(found))


# --- sections and body ------------------------------------------------------------------------------

def heading_key(title):
    """A section title as compared: its numbering ("2.1", "IV.") and trailing punctuation ignored."""
    return title_key(HEADING_NUMBER.sub("", normalize(title)))


def longest_common_subsequence(first, second):
    previous = [0] * (len(second) + 1)
    for item in first:
        current = [0]
        for j, other in enumerate(second):
            current.append(previous[j] + 1 if item == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def section_recall(truth_titles, output_titles):
    """The share of the truth's section titles found among the output's, in the same order."""
    if not truth_titles:
        return None
    found = longest_common_subsequence([heading_key(t) for t in truth_titles], [heading_key(t) for t in output_titles])
    return found / len(truth_titles)


def truth_body_blocks(sections):
    """The truth's body as the reader sees it: each section's title, then its paragraphs."""
    return [block for s in sections for block in ([s["title"]] if s["title"] else []) + s["paragraphs"]]


# --- references ---------------------------------------------------------------------------------------

MATCH_THRESHOLD = 0.3  # below this token overlap two entries are different references


def _word_bag(text):
    return Counter(token.casefold() for token in tokens(normalize(text)))


def _overlap(first, second):
    """Dice coefficient of two bags of tokens: a quick pairing measure, blind to order."""
    size = sum(first.values()) + sum(second.values())
    return 2 * sum((first & second).values()) / size if size else 0.0


def pair_references(truth, output):
    """{truth index: output index}: each truth entry paired with the most alike output entry, best pairs
    first, each entry used once. Order is not assumed, so a list sorted otherwise still pairs."""
    truth_bags, output_bags = [_word_bag(t) for t in truth], [_word_bag(o) for o in output]
    candidates = sorted(((_overlap(t, o), i, j) for i, t in enumerate(truth_bags) for j, o in enumerate(output_bags)),
                        reverse=True)
    pairs, used = {}, set()
    for overlap, i, j in candidates:
        if overlap < MATCH_THRESHOLD:
            break
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def references_score(truth, output, pairs=None):
    """(score, details): a quarter for the number of entries, three quarters for their text (each truth
    entry against the output entry paired with it, divided by the larger count, so extras cost too)."""
    if not truth and not output:
        return None, {"count": 0, "expected": 0}
    pairs = pair_references(truth, output) if pairs is None else pairs
    count = min(len(truth), len(output)) / max(len(truth), len(output))
    text = sum(text_similarity(truth[i], output[j]) for i, j in pairs.items()) / max(len(truth), len(output))
    return 0.25 * count + 0.75 * text, {"count": len(output), "expected": len(truth), "paired": len(pairs),
                                        "count_score": round(count, 4), "text_score": round(text, 4)}


# --- citations ---------------------------------------------------------------------------------------

# A page locator after a cited number: ", с. 152-167", ", p. 12", ", 14, 16".
_LOCATOR = r"(?:,\s*(?:[^\W\d_]{1,4}\.?\s*)?\d[\d\s,\-]*)?"
LOCATOR = re.compile(rf"^\s*{_LOCATOR}\s*$")
# What may stand between two links of one citation group: a locator, a closing bracket, a separator and
# an opening bracket ("1, с. 15; 2", "1]–[5", "2], [3", "7-9"). Words ("A (2006) and B (2010)") part groups.
GROUP_SEPARATOR = re.compile(rf"^\s*{_LOCATOR}\s*[\])]?\s*[,;-]?\s*[\[(]?\s*$")
RANGE_SEPARATOR = re.compile(r"^\s*[\])]?\s*-\s*[\[(]?\s*$")
OPENING, CLOSING = "[(", "])"
LABEL_REACH = 40  # the longest locator between a group's last link and its closing bracket


def citation_groups(text, links, reference_order=()):
    """The citation groups of one paragraph: [(label, [reference ids])].

    text is the paragraph as printed; links its citation links in order, (start, end, [ids]). Links
    one separator apart form one group ("[1; 5]", "[1, с. 15; 2]", "[1]–[5]"); an opening bracket right
    before the group takes the label to its closing bracket when only a locator stands before that. A dash between two
    links covers the references listed between them (reference_order: ids in list order).
    """
    groups = []
    for start, end, ids in links:
        between = text[groups[-1][1]:start] if groups else None
        if between is not None and GROUP_SEPARATOR.match(_dashes(between)):
            last = groups[-1]
            if RANGE_SEPARATOR.match(_dashes(between)):
                ids = _range_between(last[2][-1:], ids, reference_order) + ids
            groups[-1] = (last[0], end, last[2] + ids)
        else:
            groups.append((start, end, list(ids)))
    return [(_group_label(text, start, end), ids) for start, end, ids in groups]


def _dashes(text):
    return normalize(text).translate(DASHES)


def _range_between(first_ids, last_ids, order):
    if not first_ids or not last_ids or first_ids[0] not in order or last_ids[0] not in order:
        return []
    return list(order[order.index(first_ids[0]) + 1:order.index(last_ids[0])])


def _group_label(text, start, end):
    before = text[:start].rstrip()
    if before and before[-1] in OPENING:
        stop = text.find(CLOSING[OPENING.index(before[-1])], end, end + LABEL_REACH)
        if stop >= 0 and LOCATOR.match(_dashes(text[end:stop])):
            return before[-1] + text[start:stop + 1]
    return text[start:end]


def label_key(label):
    """A citation label as compared: brackets, spaces and dots ignored ("[1, с. 5]" = "[1, с 5]")."""
    return re.sub(r"[^\w,;-]", "", _dashes(label).casefold())


def citations_score(truth_citations, output_groups, id_map, known_ids):
    """(score, details): the mean of three shares.

    count: groups found against the truth's, the smaller over the larger; labels: the labels matched in
    order (difflib ratio); links: the groups matched by label whose links, through the pairing of
    reference lists (id_map: output id → truth id), reach exactly the truth's references, over the larger
    count. dangling: links to no reference the output lists (known_ids), or to one marked missing.
    """
    dangling = sum(1 for _, ids in output_groups for i in ids if i not in known_ids)
    details = {"count": len(output_groups), "expected": len(truth_citations), "dangling": dangling}
    if not truth_citations:
        return (None if not output_groups else 0.0), details
    if not output_groups:
        return 0.0, details | {"count_score": 0.0, "label_score": 0.0, "link_score": 0.0}
    truth_keys = [label_key(c["label"]) for c in truth_citations]
    output_keys = [label_key(label) for label, _ in output_groups]
    matcher = difflib.SequenceMatcher(None, truth_keys, output_keys, autojunk=False)
    larger = max(len(truth_keys), len(output_keys))
    count = min(len(truth_keys), len(output_keys)) / larger
    matched = [(truth_citations[block.a + k], output_groups[block.b + k])
               for block in matcher.get_matching_blocks() for k in range(block.size)]
    correct = sum(1 for expected, (_, ids) in matched if {id_map.get(i) for i in ids} == set(expected["rids"]))
    scores = {"count_score": count, "label_score": matcher.ratio(), "link_score": correct / larger}
    return sum(scores.values()) / 3, details | {k: round(v, 4) for k, v in scores.items()}


# --- the truth's vocabulary -----------------------------------------------------------------------------

# A compound as a line end may leave it: words joined by hyphens, or by a hyphen and a space.
COMPOUND = re.compile(r"[^\W\d_]+(?:-[ ]?[^\W\d_]+)+")
HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
SPACED_PAIR = re.compile(r"(?<![-\w])([^\W\d_]+) (?=([^\W\d_]+)(?![-\w]))")
MAX_JOINTS = 8  # a longer chain ("A-T-G-C-…") is judged whole, not joint by joint
MIN_PIECE = 2  # a line-end hyphen leaves at least two letters on each side (so "M M" is no split "mm")


class Vocabulary:
    """The truth's words, compounds and word pairs, case folded: what the detectors compare with, so that
    nothing the truth itself prints counts as an error."""

    def __init__(self, text, joined_by_pdftotext=()):
        self.text = normalize(text).casefold()
        self.words = set(WORD.findall(self.text)) | set(HYPHENATED.findall(self.text))
        self.pairs = {f"{a} {b}" for a, b in SPACED_PAIR.findall(self.text)}
        # numbers stay in the sequence: in "top 20 nearest", "top" and "nearest" are no neighbours
        sequence = re.findall(r"[^\W_]+", self.text)
        self.neighbours = set(zip(sequence, sequence[1:]))
        self.dehyphenated = {w.replace("-", "") for w in self.words if "-" in w}
        self.joined_by_pdftotext = {normalize(w).casefold() for w in joined_by_pdftotext}

    def adjacent(self, before, after):
        """Whether the truth runs these two pieces together: as neighbouring words, or as one word cut
        where a page broke ("ad-" | "dition")."""
        before, after = before.casefold(), after.casefold()
        return (before, after) in self.neighbours or before.rstrip("-") + after in self.words


# --- page furniture ------------------------------------------------------------------------------------

GLUED_BEFORE = re.compile(r"([^\W\d_]{2,})(\d+)(?!\d)")  # "dition76"
GLUED_AFTER = re.compile(r"(?<![\d\w])(\d+)([^\W\d_]{3,})")  # "76dition" (not "2nd", "25mg")


def furniture_count(text, furniture):
    """How often the running heads occur in text (case ignored)."""
    folded = normalize(text).casefold()
    return sum(folded.count(normalize(head).casefold()) for head in furniture if normalize(head))


def page_number_marks(text, page_numbers, vocabulary):
    """Counter of (shape, number) for the printed page numbers found where the truth has none.

    alone: between two words that the truth runs together ("in ad 76 dition", "of the 76 city"), so a
    count ("only 4 names") or a table's cell is none; glued: stuck to a lower-case word the truth has
    ("dition76", "76dition"), so "Kv2.1" or "T4" is none.
    """
    numbers = {str(n) for n in page_numbers}
    text = normalize(text)
    marks = Counter()
    words = text.split()
    for previous, word, following in zip(words, words[1:], words[2:]):
        if word in numbers and WORD.search(previous) and WORD.match(following):
            before = WORD.findall(previous)[-1] + ("-" if previous.endswith("-") else "")
            if vocabulary.adjacent(before, WORD.match(following).group()):
                marks["alone", word] += 1
    for letters, digits in GLUED_BEFORE.findall(text):
        if digits in numbers and letters.islower() and letters.casefold() in vocabulary.words:
            marks["glued", digits] += 1
    for digits, letters in GLUED_AFTER.findall(text):
        if digits in numbers and letters.islower() and letters.casefold() in vocabulary.words:
            marks["glued", digits] += 1
    return marks


def leaks(output_text, truth_text, furniture, page_numbers, vocabulary):
    """Furniture leaks in one field: running heads and page numbers the output has beyond the truth's own
    (a head that is also a phrase of the article, or "в 74 регионах" in the truth, is no leak)."""
    heads = max(0, furniture_count(output_text, furniture) - furniture_count(truth_text, furniture))
    extra = page_number_marks(output_text, page_numbers, vocabulary) - \
        page_number_marks(truth_text, page_numbers, vocabulary)
    return {"heads": heads, "page_numbers": sum(extra.values())}


# --- hyphenation ------------------------------------------------------------------------------------

def hyphenation_errors(output_text, vocabulary):
    """Counter of hyphenation errors in output_text by kind (see hyphenation_findings)."""
    return Counter(kind for kind, _ in hyphenation_findings(output_text, vocabulary))


def hyphenation_findings(output_text, vocabulary):
    """[(kind, words)] for each hyphenation error in output_text, judged against the truth's vocabulary.

    kept: a line-end hyphen left in a word ("обра-зования", "обра- зования"); split: a word cut in two by
    a space ("выразитель ности"); lost: a real hyphen dropped ("бизнесфорум" for "бизнес-форум", save the
    words pdftotext itself joined); soft: soft hyphens. A word the truth does not have is not judged.
    """
    text = normalize(output_text)
    extra_soft = text.count(SOFT_HYPHEN) - vocabulary.text.count(SOFT_HYPHEN)
    findings = [("soft", SOFT_HYPHEN)] * max(0, extra_soft)
    folded = text.replace(SOFT_HYPHEN, "").casefold()
    for compound in COMPOUND.findall(folded):
        findings += [("kept", compound)] * _kept_hyphens(compound, vocabulary)
    for first, second in SPACED_PAIR.findall(folded):
        if min(len(first), len(second)) >= MIN_PIECE and first + second in vocabulary.words \
                and f"{first} {second}" not in vocabulary.pairs:
            findings.append(("split", f"{first} {second}"))
    for word in WORD.findall(COMPOUND.sub(" ", folded)):
        if word in vocabulary.dehyphenated and word not in vocabulary.words \
                and word not in vocabulary.joined_by_pdftotext:
            findings.append(("lost", word))
    return findings


def _kept_hyphens(compound, vocabulary):
    """How many hyphens of one compound a line end left: the fewest joints to close so that it becomes a
    word of the truth, each "- " (hyphen, space) counting anyway; 0 when no choice gives a truth word."""
    if compound in vocabulary.words:
        return 0
    parts = re.split(r"-( ?)", compound)
    pieces, spaced = parts[0::2], [bool(space) for space in parts[1::2]]
    fewest = None
    for closed in range(1 << len(spaced)) if len(spaced) <= MAX_JOINTS else ():
        candidate = pieces[0] + "".join(piece if closed >> k & 1 else "-" + piece for k, piece in enumerate(pieces[1:]))
        if candidate in vocabulary.words:
            errors = sum(1 for k, space in enumerate(spaced) if space or closed >> k & 1)
            fewest = errors if fewest is None else min(fewest, errors)
    return fewest or 0
