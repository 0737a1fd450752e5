"""Drafting events from an article's own words: the candidates `timeline draft` proposes.

An analyst makes a timeline by finding, in each article, who said, claimed, denied or
did what, and when. This module does the finding with general rules of news English,
never with rules for one article: reporting verbs ("said", "told", "insists", "refused to
confirm", "claimed responsibility", "according to"), quotation marks, attacks and strikes
("launched air strikes", "were shot dead"), videos and broadcasts, and reported figures
("104 have been killed"). Each candidate quotes the article verbatim: its quotes are
spans of the text itself (see sentences.py), never retyped.

Dates are worked out by relative_dates; a sentence that dates two happenings ("began
air strikes on Wednesday with new attacks Thursday morning") makes a candidate of each.
The speaker and the other actors are kept as the article's words here and matched to
actors in draft_actors.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from . import relative_dates
from .controls import CONTROL
from .dates import DateError, parse_date
from .draft_actors import PERSON_NOUNS
from .sentences import Sentence, split


@dataclass(frozen=True)
class Span:
    """A passage of the article: where it starts and ends, and its characters."""

    start: int
    end: int
    text: str


@dataclass
class FigureDraft:
    quantity: str  # a slug: what is counted, "people-killed"
    value: int
    what: str  # the article's words for it, verbatim
    qualifier: str  # about, over, nearly, at least, up to, exactly


@dataclass
class Candidate:
    kind: str
    status: str
    cue: str  # the words that made it a candidate: "refused to confirm", "video"
    quotes: list[Span]
    speaker: Span | None = None  # who speaks or acts, in the article's words
    speaker_role: str = "speaker"
    others: list[tuple[Span, str]] = field(default_factory=list)  # other actors named, with a role
    date: object | None = None  # a relative_dates.Resolved, or None when the text gives none
    figures: list[FigureDraft] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    claimant: Span | None = None  # who the article says reports it: "..., the army said"
    refers_back: bool = False  # the speaker is named by "he", "the spokesman": someone before


# --- cues ---------------------------------------------------------------------------------
# (class, kind, status, tag, pattern); the first class that matches a sentence decides its
# kind, so the narrower come first: "claimed responsibility" before "claimed", "refused
# to confirm" before "refused".

_SPEECH = (
    ("responsibility", "claim", "alleged", "claim-of-responsibility",
     r"claim(?:s|ed|ing)? (?:of )?responsibility"),
    ("refusal", "denial", "reported", "refused-to-confirm",
     r"(?:refus|declin)(?:ed|es|e|ing) to (?:confirm|comment|discuss|say|answer)|"
     r"(?:would|could|did|does|will) not (?:confirm|comment)|(?:wouldn|couldn|didn|doesn)[’']t (?:confirm|comment)|"
     r"no comment"),
    ("denial", "denial", "reported", None,
     r"den(?:y|ies|ied|ying)|rejected|rejects|refuted|refutes|"
     r"never (?:said|mentioned|spoken|spoke|stated|claimed|told)|neither (?:has|did) \w+ (?:said|spoken|spoke|mentioned)"),
    ("accusation", "claim", "alleged", "accusation",
     r"accus(?:ed|es|ing)|blam(?:ed|es|ing)"),
    ("threat", "statement", "reported", "threat",
     r"threaten(?:ed|s|ing)?|warn(?:ed|s|ing)?|vow(?:ed|s|ing)?"),
    ("criticism", "statement", "reported", "criticism",
     r"condemn(?:ed|s|ing)?|critici[sz](?:ed|es|ing)|denounc(?:ed|es|ing)|slamm?(?:ed|s)|blast(?:ed|s)?|"
     r"went on to blast"),
    ("claim", "claim", "alleged", None,
     r"claim(?:s|ed|ing)?|made the claims?|alleg(?:es|ed that|ing)|asserted|asserts|contend(?:s|ed)"),
    ("statement", "statement", "reported", None,
     r"said|says|say|told|tells|declared|declares|stated|states|added|adds|announced|announces|insist(?:s|ed)?|"
     r"comment(?:s|ed)|wrote|writes|continued|explained|not(?:ed|es)|noticed|observed|remarked|report(?:s|ed)?|"
     r"describ(?:es|ed)|argu(?:es|ed)|believes?|acknowledged|admit(?:s|ted)|conced(?:es|ed)|confirm(?:s|ed)|"
     r"pledged|promised|urged|called for|repl(?:ied|ies)|respond(?:ed|s)|quoting|according to|tweeted|posted|"
     r"discovered|concluded|found that|estimated|predicted"),
)

_HAPPENING = (
    ("airstrike", "airstrike", "reported", None,
     r"air ?strikes?|air raids?|drone strikes?|bomb(?:ed|ing) (?:raids?|campaign)|launched (?:new )?strikes|"
     r"air campaign|airstrikes"),
    ("attack", "attack", "reported", None,
     r"attack(?:ed|s)?|killed|shot dead|stabb(?:ed|ing)|(?:suicide )?bombings?|explosions?|shelling|ambush(?:ed)?|"
     r"opened fire|assassinat(?:ed|ion)|murder(?:ed)?|beheading|executed|gunmen"),
    ("media", "media", "reported", None,
     r"videos?|documentary|footage|broadcast|preview|televised|aired|to air|filmed|interview"),
    ("political", "political", "reported", None,
     r"(?:took|taken|seized) power|appointed|elected|resigned|sworn in|signed|ratified|sanctions|"
     # a rule or office held since a date ("who has led Chechnya since 2007"): see _since_began
     r"(?:has|have)\s+(?:\w+ly\s+)?(?:led|ruled|governed|headed|run|controlled)\b(?=[^,.;]*\bsince\b)"),
)

_CUES = [(name, kind, status, tag, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
         for name, kind, status, tag, pattern in (*_SPEECH, *_HAPPENING)]
_SPEECH_NAMES = {name for name, *_ in _SPEECH}
# "The claim could not be verified", "Kadyrov's claims": a claim spoken of, not made.
_NOUN_LIKE = {"claim", "claims", "report", "reports", "comment", "comments", "notes", "say", "interview"}
_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|this|that|these|those|his|her|their|its|our|such)|['’]s)\s+$",
                          re.IGNORECASE)
# "The documentary could be the latest evidence of ...": the writer's guess about a medium,
# not a happening; a medium that speaks ("the documentary claims") is still a cue.
_SPECULATION = re.compile(r"\s+(?:could|may|might|would|must|should)(?:\s+well)?(?:\s+also)?\s+be\b", re.IGNORECASE)
# Words that mark a happening as reported at second hand, not established.
_ALLEGED = re.compile(r"\b(?:allegedly|reportedly|purportedly|unconfirmed|unverified|it said were|said to have)\b",
                      re.IGNORECASE)
# Words that follow a reporting verb to say how the speaker is introduced, not who
# speaks: "added", "continued" make a sentence part of the statement before it.
_CONTINUING = re.compile(r"\b(?:added|adds|adding|continued|went on)\b", re.IGNORECASE)

_OPENING = "“\""
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_LEADING_WORDS = re.compile(r"^(?:(?:but|and|yet|so|meanwhile|however|also|then|now),?\s+)+", re.IGNORECASE)
MAX_SPEAKER_WORDS = 9
MAX_QUOTES = 3


def draft(text: str, published) -> list[Candidate]:
    """Every candidate event in the article, in the order of the text; `published` is
    the publication date (a When), against which the text's dates are read, or against
    the dateline's date when the story opens with one (see find_dateline)."""
    dateline = find_dateline(text, published)
    if dateline is None:
        return _draft(text, published)
    # The dateline is no date of the first sentence's: blanked (same length, so every
    # offset and every other character holds), and the text read against its day.
    start, end, day = dateline
    candidates = _draft(text[:start] + " " * (end - start) + text[end:], day)
    words = " ".join(text[start:end].split()).rstrip(" -–—")
    note = (f"; read against the dateline '{words}' ({day.edtf()}), the day the story was written: 'published' "
            f"above is that day (the page is of {published.edtf()})")
    for candidate in candidates:
        if candidate.date is not None:
            candidate.date = replace(candidate.date, basis=candidate.date.basis + note)
    return candidates


# "MOSCOW, Feb 9 (Reuters) - ", "GROZNY, Russia, 9 February 2016 (AFP) — ": the place in
# capitals, a day and month (a year perhaps), an agency perhaps, and a dash.
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}(?:,\s+[A-Z][A-Za-z.'’ -]{1,30})?),\s+"
                       r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?)"
                       r"\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|-{1,2})\s*", re.MULTILINE)
DATELINE_LINES = 4  # a dateline opens the story: it is looked for in the text's first lines
DATELINE_DAYS = 31  # how long before the publication a story's writing may be


def find_dateline(text: str, published):
    """(start, end, day) of the dateline that opens the story, its date a When of one
    day, or None. News copy dates its weekdays from the day it was written, which the
    dateline gives and the page's publication may not (a wire story of Tuesday on a page
    of Friday: its "on Wednesday" is the Wednesday before Tuesday)."""
    top = "\n".join(text.split("\n")[:DATELINE_LINES + 2])
    for match in _DATELINE.finditer(top):
        place = match["place"].split(",")[0]
        if place.upper() != place or not re.search(r"[A-Z]{3}", place):
            continue
        filed = relative_dates.resolve(f"It was filed on {match['date']}.", published)
        if filed is None or "?" in filed.edtf or "/" in filed.edtf:
            continue
        day = parse_date(filed.edtf)
        last = published.latest
        if day.precision == 3 and last is not None and 0 <= (last - day.earliest).days <= DATELINE_DAYS:
            return match.start(), match.end(), day
    return None


def _draft(text: str, published) -> list[Candidate]:
    end = story_end(text)
    sentences = [part for s in split(text) if s.start < end and (_usable(s) or _opens_block(s))
                 for part in _dated_parts(s, published)]
    candidates: list[Candidate] = []
    block_speaker: Span | None = None  # the speaker of a block quote ("..., adding:")
    block_paragraph = -1
    previous: Candidate | None = None
    previous_end = -1
    for sentence in sentences:
        paragraph = _paragraph_start(text, sentence.start)
        in_block = block_speaker is not None and paragraph == block_paragraph
        if block_speaker is not None and not in_block and paragraph > block_paragraph >= 0:
            block_speaker, block_paragraph = None, -1
        found = _candidate(sentence, text, previous, block_speaker if in_block else None)
        joins = previous is not None and _joins(sentence, found, previous, text, previous_end, in_block)
        if joins:
            previous.quotes.append(_span(sentence))
            previous.figures += _figures(sentence.text, sentence.start)
            if found is not None and found.kind == "denial" and previous.kind == "statement":
                previous.kind, previous.status = "denial", "reported"
        elif found is not None:
            candidates.append(found)
            previous = found
        if found is not None or joins:
            previous_end = sentence.end
        opener = _block_opener(sentence, found, previous)
        if opener is not None:
            block_speaker, block_paragraph = opener, _next_paragraph_start(text, sentence.end)
    dated: list[Candidate] = []
    for candidate in candidates:
        planned = _date(candidate, text, published)
        dated.append(candidate)
        if planned is not None:
            dated += _planned_happening(candidate, planned)
        dated += _earlier_clause(candidate, published)
        _since_began(candidate)
    _carry_over(dated, published)
    return dated


# A line of the page around the story, not of the story: a newsletter to sign up to, an
# appeal for money, a call to comment. Where one stands in the second half of the text,
# the story is over and the rest is the page's ("Dear readers, ... The authorities claim
# our work ..." is the outlet's appeal, not news).
_FURNITURE = re.compile(r"^\s*(?:sign up\b|subscribe\b|support (?:us|our|the)\b|donate\b|dear readers\b"
                        r"|a message from\b|please let us know\b|new .{0,40}\bnewsletter\b|.{0,40}\bnewsletter:"
                        r"|read more\s*$|related (?:articles|stories)\b|advertisement\s*$)", re.IGNORECASE)
FURNITURE_WORDS = 12
_LINE = re.compile(r"[^\n]+")


def story_end(text: str) -> int:
    """Where the story ends: at the first line of page furniture in its second half, else
    at the end of the text."""
    for line in _LINE.finditer(text, text.rfind("\n", 0, len(text) // 2) + 1):
        if _FURNITURE.match(line.group()) and len(line.group().split()) <= FURNITURE_WORDS:
            return line.start()
    return len(text)


def _usable(sentence: Sentence) -> bool:
    """A sentence that can carry an event: ended as a sentence (not a headline, a menu
    item or a caption), a few words long, and free of control characters, which no
    events file may hold."""
    text = sentence.text
    return (text[-1] in ".!?…:”\"’'" and len(text.split()) >= 4 and CONTROL.search(text) is None)


def _opens_block(sentence: Sentence) -> bool:
    """"From The Independent:": too short to be a candidate, but it names the speaker of
    the block quote that follows."""
    return _BLOCK_SOURCE.match(sentence.text) is not None


def _span(sentence: Sentence) -> Span:
    return Span(sentence.start, sentence.end, sentence.text)


def _paragraph_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _next_paragraph_start(text: str, position: int) -> int:
    """Where the next paragraph after `position` starts (past blank lines)."""
    end = text.find("\n", position)
    if end < 0:
        return len(text)
    while end < len(text) and text[end].isspace():
        end += 1
    return _paragraph_start(text, end) if end < len(text) else len(text)


# --- one sentence ----------------------------------------------------------------------------

def outside_quotes(text: str) -> str:
    """The text with every quoted passage blanked out (same length, so offsets hold):
    a reporting verb inside a quotation is the speaker's, not the article's."""
    chars = list(text)
    for start, end in quoted_regions(text):
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of what stands inside each pair of double quotation marks, curly or
    straight; a quotation left open runs to the end."""
    regions, start, opener = [], -1, ""
    for index, char in enumerate(text):
        if start < 0 and (char == "“" or char == '"' and _opens(text, index)):
            start, opener = index + 1, char
        elif start >= 0 and (char == "”" and opener == "“" or char == '"' and opener == '"'):
            regions.append((start, index))
            start = -1
    if start >= 0:
        regions.append((start, len(text)))
    return regions


def _opens(text: str, index: int) -> bool:
    """Whether a straight double quote opens a quotation: at the start or after a space
    or an opening bracket."""
    return index == 0 or text[index - 1].isspace() or text[index - 1] in "([{—–-:"


def _quoted_words(text: str) -> int:
    """How many words stand inside quotation marks."""
    return sum(len(text[a:b].split()) for a, b in quoted_regions(text))


def _is_pure_quotation(text: str) -> bool:
    """A sentence that is all quotation: the rest of someone's words."""
    bare = outside_quotes(text).strip(" .,;:!?“”\"")
    return text[0] in _OPENING and not bare


def _candidate(sentence: Sentence, text: str, previous: Candidate | None,
               block_speaker: Span | None) -> Candidate | None:
    """The candidate a sentence makes on its own, or None when it has no cue."""
    body = sentence.text
    bare = body if block_speaker is not None else outside_quotes(body)
    cue = _first_cue(bare)
    figures = _figures(body, sentence.start)
    if cue is None and not figures and block_speaker is None and _quoted_words(body) < 3:
        return None
    if cue is None:
        name, kind, status, tag = "statement", "statement", "reported", None
        match = None
    else:
        (name, kind, status, tag), match = cue
    candidate = Candidate(kind, status, match.group(0) if match else "", [_span(sentence)])
    if tag:
        candidate.tags.append(tag)
    if block_speaker is not None:
        candidate.speaker = block_speaker
    elif isinstance(sentence, Part) and sentence.index > 0 and previous is not None \
            and not text[previous.quotes[-1].end:sentence.start].strip(" ,;"):
        candidate.speaker = previous.speaker  # the subject of the sentence's first clause
    elif match is not None:
        speaker, role = _speaker(body, bare, match, name, previous, sentence.start, text)
        candidate.speaker, candidate.speaker_role = speaker, role
        candidate.refers_back = _by_reference(body, bare, match)
    elif _is_pure_quotation(body) and previous is not None:
        candidate.speaker = previous.speaker
    if candidate.speaker is None and name in _SPEECH_NAMES and match is not None:
        candidate.speaker = _according_to(body, sentence.start)
    if name not in _SPEECH_NAMES or figures:
        candidate.claimant = _attribution(body, bare, sentence.start) or (
            candidate.speaker if name in _SPEECH_NAMES else None)
    if _ALLEGED.search(body) and candidate.status == "reported" and kind not in ("denial", "statement"):
        candidate.status = "alleged"
    candidate.figures = figures
    if figures and candidate.kind == "statement":
        candidate.kind = "report"
    candidate.others = _others(body, bare, sentence.start)
    return candidate


def _first_cue(bare: str):
    """The cue that comes first in the sentence, with its match: the main verb comes
    before what it governs ("released a video ... it said were behind"). A medium named
    as the subject of a reporting verb speaks: "The documentary claims" is a claim."""
    found = []
    for order, (name, kind, status, tag, pattern) in enumerate(_CUES):
        match = next((m for m in pattern.finditer(bare)
                      if not (m.group(0).lower() in _NOUN_LIKE and _NOUN_BEFORE.search(bare, 0, m.start()))
                      and not (name == "media" and _SPECULATION.match(bare, m.end()))), None)
        if match:
            found.append((match.start(), order, (name, kind, status, tag), match))
    if not found:
        return None
    found.sort(key=lambda f: (f[0], f[1]))
    first = found[0]
    if first[2][0] == "media":
        said = [f for f in found[1:] if f[2][0] in _SPEECH_NAMES and
                len(bare[first[3].end():f[0]].split()) <= 1]
        if said:
            first = said[0]
    return first[2], first[3]


def _joins(sentence: Sentence, found: Candidate | None, previous: Candidate, text: str, previous_end: int,
           in_block: bool) -> bool:
    """Whether a sentence goes on with the statement before it rather than starting its
    own: the rest of a quotation ("“We will...” | “The Islamic State is here...”"), a
    sentence of a block quote with no cue of its own, or "he added" after a quote of the
    same speaker, right after it."""
    if len(previous.quotes) >= MAX_QUOTES or previous_end < 0:
        return False
    between = text[previous_end:sentence.start]
    if between.count("\n") > 2 or between.strip():
        return False  # not next to it: a sentence without a cue stands between
    body = sentence.text
    if _is_pure_quotation(body) and not in_block:
        return True
    if in_block and found is not None and not found.cue and not found.figures:
        return True  # a block quote's sentence with no cue of its own: more of what the one before says
    if found is None or found.speaker is None or previous.speaker is None:
        return False
    same = found.speaker.text == previous.speaker.text
    return same and bool(_CONTINUING.search(outside_quotes(body))) and _quoted_words(body) >= 3


_BLOCK_SOURCE = re.compile(r"^(?:From|Via|Writing in|Quoting)\s+(.+?):$")


def _block_opener(sentence: Sentence, found: Candidate | None, previous: Candidate | None) -> Span | None:
    """A sentence that ends in a colon introduces the words of its speaker, given as a
    block quote in the next paragraph ("..., stated Alvi Karimov, adding:", "From The
    Independent:", "He added:" followed by the words)."""
    body = sentence.text
    if not body.endswith(":"):
        return None
    source = _BLOCK_SOURCE.match(body)
    if source:
        return Span(sentence.start + source.start(1), sentence.start + source.end(1), source.group(1))
    if found is not None and found.speaker is not None:
        return found.speaker
    return previous.speaker if previous is not None and re.match(r"^(?:He|She|They) ", body) else None


# --- who ---------------------------------------------------------------------------------------

_SPEAKER_STOP = re.compile(r",|;|:|\.(?=\s|$)|\s(?:in|on|at|during|after|before|who|which|that|adding|according|"
                           r"told|to|as|when|while|from|for|of the)\s")
_INTRO = re.compile(r"^(?:in|on|at|last|earlier|later|after|before|since|during|when|while|yesterday|today|this|"
                    r"following|quoting|according|despite|within|for|by)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"^(?:which|who|that)$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|be|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _speaker(body: str, bare: str, match: re.Match, name: str, previous: Candidate | None, offset: int,
             text: str) -> tuple[Span | None, str]:
    """Who speaks (or acts), in the article's words, and their role."""
    role = {"attack": "perpetrator", "airstrike": "perpetrator", "media": "publisher", "political": "subject",
            "claim": "claimant", "accusation": "claimant", "responsibility": "claimant"}.get(name, "speaker")
    before = bare[:match.start()]
    if name in ("attack", "airstrike") and _PASSIVE.search(before):
        role = "victim"
    if name == "statement" and match.group(0).lower() == "according to":
        return _according_to(body, offset), "speaker"
    subject = _subject_before(body, bare, match.start(), offset, happening=name not in _SPEECH_NAMES)
    if subject is None and (not before.strip() or before.rstrip().endswith(("”", '"', "”,", '",'))):
        subject = _subject_after(body, match.end(), offset)
    if subject is not None and subject.text.lower() in _PRONOUNS:
        return _antecedent(subject.text.lower(), previous, text, offset), role
    return subject, role


def _by_reference(body: str, bare: str, match: re.Match) -> bool:
    """Whether the speaker is named by a word that points back: "he said", "said the
    spokesman", "the source said"."""
    near = bare[max(0, match.start() - 40):match.end() + 40]
    return bool(re.search(r"(?:^|[\s”\"])(?:he|she|they)\s+\w+|\b(?:the|his|her|their)\s+(?:" +
                          "|".join(PERSON_NOUNS) + r")\b", near, re.IGNORECASE))


def _antecedent(pronoun: str, previous: Candidate | None, text: str, offset: int) -> Span | None:
    """Who "he" or "they" is: the speaker of the statement before, as news copy keeps
    its subject; for "he" and "she" a plural speaker cannot be, and the last person named
    in the sentence before is taken instead ("Prosecutors say Mr. Hallam received ...
    He denies")."""
    speaker = previous.speaker if previous is not None else None
    if pronoun not in ("he", "she") or speaker is None or not _plural(speaker.text):
        return speaker
    return _last_person_before(text, offset) or speaker


def _plural(phrase: str) -> bool:
    last = phrase.split()[-1]
    return last.endswith("s") and not last.endswith(("ss", "us", "’s", "'s")) and (
        last.islower() or len(phrase.split()) == 1)


_PERSON = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr)\.?\s+[A-Z][\w’'-]+|\b[A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*)+)")


def _last_person_before(text: str, offset: int) -> Span | None:
    """The last name of two words or more, or "Mr X", named outside quotation marks in
    the paragraph before `offset` (or the one before it, at a paragraph's start)."""
    start = text.rfind("\n", 0, offset) + 1
    if not text[start:offset].strip():
        start = text.rfind("\n", 0, max(0, text[:start].rstrip().__len__())) + 1
    window = text[start:offset]
    found = list(_PERSON.finditer(outside_quotes(window)))
    if not found:
        return None
    last = found[-1]
    return Span(start + last.start(), start + last.end(), window[last.start():last.end()])


# Verbs that stand between an actor and the happening it is the subject of ("Russia began
# air strikes", "IS released a video", "Russia One plans to air a documentary").
_HAPPENING_VERB = re.compile(r"\s+(?:(?:has|have|had|was|were|is|are|will)\s+)?(?:\w+ed|began|begun|made|plans|"
                             r"plan|carried out|staged|mounted|unleashed|showed|shows|sent|fired|struck|hit|"
                             r"launch(?:es)?|release[sd]?|post(?:s|ed)?|air(?:s|ed)?|broadcasts?|is set|set)\b.*$")
_TRAILING_DATE = re.compile(r"\s+(?:in|on|at|during|last|this|early|late)\s+(?:the\s+|that\s+)?(?:monday|tuesday|"
                            r"wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
                            r"august|september|october|november|december|\d{4}|week|month|year|morning|night|time)\b"
                            r".*$", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|these|those|its|his|her|their)$", re.IGNORECASE)


def _subject_before(body: str, bare: str, at: int, offset: int, happening: bool = False) -> Span | None:
    """The noun phrase that stands as the subject just before the verb at `at`: from the
    last clause opening (the sentence's start, a comma, a closing quote) to the verb,
    less an introduction ("Last October,", "But after the rebuttal,"), auxiliaries
    ("has"), and an appositive: of "X, Y, said" the one that is a name ("A military
    spokesman, Colonel Ahmed Farouk, said"; "Kadyrov, one of Putin's allies, insists").
    Before a happening, the verb that governs it goes too ("Russia began | air strikes")."""
    segment = bare[:at]
    stripped = re.sub(r"(?:\s+(?:has|have|had|was|were|is|are|will|would|also|then|now|later|again|"
                      r"not|never|already|first|\w+ly))+\s*$",
                      "", segment.rstrip(), flags=re.IGNORECASE)
    parts = re.split(r",\s*", stripped)
    if len(parts) > 1 and not parts[-1].strip():  # "X, Y, verb": an appositive closed before the verb
        pair = [p for p in parts[:-1][-2:]]
        names = [p for p in pair if _is_proper_name(p)]
        chosen = names[-1] if names else pair[0]
    else:
        chosen = parts[-1]
        if _RELATIVE.match(chosen.strip()) and len(parts) >= 2:  # "Islamic State, which claimed"
            chosen = parts[-2]
    chosen = re.split(r"[”\"]\s*", chosen.strip())[-1].strip()
    chosen = _LEADING_WORDS.sub("", chosen)
    if happening:
        chosen = _HAPPENING_VERB.sub("", chosen)
    chosen = _TRAILING_DATE.sub("", chosen).strip()
    if _INTRO.match(chosen) or not chosen or len(chosen.split()) > MAX_SPEAKER_WORDS or _DETERMINER.match(chosen):
        return None  # "The | preview showed": the medium is the subject, no one named before it
    start = body.find(chosen, 0, at + 1)
    if start < 0:
        return None
    return Span(offset + start, offset + start + len(chosen), chosen)


def _is_proper_name(part: str) -> bool:
    """A name: every word capitalised but its particles ("of", "al-", "bin", "de")."""
    words = _LEADING_WORDS.sub("", part.strip()).split()
    return 0 < len(words) <= 5 and all(w[0].isupper() or w.lower() in ("of", "the", "al", "bin", "de", "van", "von")
                                       or w.startswith("al-") for w in words)


def _looks_like_name(part: str) -> bool:
    part = _LEADING_WORDS.sub("", part.strip())
    return bool(part) and part[0].isupper() and len(part.split()) <= MAX_SPEAKER_WORDS


def _subject_after(body: str, at: int, offset: int) -> Span | None:
    """The speaker named after the verb: "..., said Kadyrov in a documentary"."""
    rest = body[at:]
    lead = len(rest) - len(rest.lstrip())
    rest = rest.lstrip()
    stop = _SPEAKER_STOP.search(rest)
    phrase = (rest[:stop.start()] if stop else rest).strip().rstrip(".”\"")
    if not phrase or len(phrase.split()) > MAX_SPEAKER_WORDS or phrase[0] in _OPENING:
        return None
    start = at + lead
    return Span(offset + start, offset + start + len(phrase), phrase)


_ATTRIBUTION = re.compile(r"(?:,|^)\s+(?P<who>(?:the|a|an)\s+[^,]{2,60}?|[A-Z][^,]{1,60}?)\s+(?:said|says|reported|"
                          r"reports|announced|added|confirmed)\b(?=[.,;]|\s+(?:on|in|at|late|early|last)\b|$)|"
                          r",\s+(?:said|says|according to)\s+(?P<inverted>[^,.;]{2,60})")


def _attribution(body: str, bare: str, offset: int) -> Span | None:
    """Who the article says reports a happening or a figure: "..., the army said",
    "..., said the agency", "..., according to a UN report"."""
    found = None
    for found in _ATTRIBUTION.finditer(bare):
        pass
    if found is None:
        return None
    group = "who" if found.group("who") else "inverted"
    start, end = found.span(group)
    phrase = body[start:end].strip()
    if len(phrase.split()) > MAX_SPEAKER_WORDS:
        return None
    return Span(offset + start, offset + start + len(phrase), phrase)


def _according_to(body: str, offset: int) -> Span | None:
    """The source in "according to X" (X up to a comma or the end)."""
    found = re.search(r"\baccording to\s+(?:(?:figures|data|a report|reports|a statement|statistics|an estimate)"
                      r"\s+(?:released |published |issued )?(?:by|from)\s+)?([^,.;]+)", body, re.IGNORECASE)
    if not found:
        return None
    phrase = found.group(1).strip()
    phrase = re.split(r"\s+(?:in|on|at|last|this|since)\s", phrase)[0].strip()
    if not phrase or len(phrase.split()) > MAX_SPEAKER_WORDS:
        return None
    start = body.find(phrase, found.start(1))
    return Span(offset + start, offset + start + len(phrase), phrase)


_OBJECT_PATTERNS = (
    ("reporter", r"\b(?:told|tells)\s+([A-Z][^,.;:“\"]*?)(?=\s+(?:that|his|her|their|the|it|he|she|they|on|in|"
                 r"about)\b|[,.;:“\"]|$)"),
    ("target", r"\b(?:accused|accuses|blamed|blames|threatened|threatens|condemned|condemns|criticized|"
               r"criticised|attacked|attacks on|attack on|targeted)\s+([A-Z][^,.;:“\"]*?)(?=\s+(?:for|of|over|"
               r"with|in|on|that|to|after)\b|[,.;:“\"]|$)"),
)


_DATE_WORD = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
                        r"april|may|june|july|august|september|october|november|december|today|yesterday)\b",
                        re.IGNORECASE)


def _others(body: str, bare: str, offset: int) -> list[tuple[Span, str]]:
    """The actors a sentence names as its reporter ("told Interfax") or target
    ("accused Moscow"), in its words; the rest are found by name in draft_actors."""
    found = []
    for role, pattern in _OBJECT_PATTERNS:
        for match in re.finditer(pattern, bare):
            phrase = body[match.start(1):match.end(1)].strip()
            if phrase and len(phrase.split()) <= MAX_SPEAKER_WORDS and not _DATE_WORD.match(phrase):
                start = body.find(phrase, match.start(1))
                found.append((Span(offset + start, offset + start + len(phrase), phrase), role))
    return found


# --- figures --------------------------------------------------------------------------------------

_NUMBER_WORDS = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER = r"(?<![\w$£€.,-])(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_NUMBER_WORDS) + r")(?![\w%.,]\d|%|-)"
_QUALIFIERS = (
    ("about", r"about|around|roughly|approximately|some|an estimated|estimated"),
    ("over", r"over|more than|upwards of|in excess of"),
    ("nearly", r"nearly|almost|close to|just under"),
    ("at least", r"at least|no fewer than|no less than"),
    ("up to", r"up to|as many as|fewer than|less than|under"),
)
_QUALIFIER = re.compile(r"\b(" + "|".join(p for _, p in _QUALIFIERS) + r")\s+$", re.IGNORECASE)
_FIGURE_NUMBER = re.compile(_NUMBER, re.IGNORECASE)
_CATEGORIES = (
    ("killed", r"killed|dead|died|deaths|lost their lives|fatalities|shot dead"),
    ("wounded", r"wounded|injured|hurt"),
    ("hospitalized", r"hospitali[sz]ed"),
    ("returned", r"came back|come back|returned|have returned"),
    ("joined", r"joined|join|left \w+ to join|gone to|travell?ed to"),
    ("fighting", r"fighting|fought|fighters"),
    ("arrested", r"arrested|detained"),
    ("displaced", r"fled|displaced"),
)
_CATEGORY = re.compile(r"\b(?:" + "|".join(f"(?P<{name}>{p})" for name, p in _CATEGORIES) + r")\b", re.IGNORECASE)
_NOT_A_COUNT = re.compile(r"^\s*(?:years?|months?|weeks?|days?|hours?|minutes?|per ?cent|percent|km|kilomet|miles?|"
                          r"metres?|meters?|dollars|euros|pounds|times|th\b|st\b|nd\b|rd\b|a\.m\.|p\.m\.|am\b|pm\b)",
                          re.IGNORECASE)
_FILLER = {"of", "the", "those", "them", "these", "have", "has", "had", "been", "were", "was", "are", "is", "who",
           "which", "that", "and", "a", "an", "from", "in", "more", "people's", "among"}
FIGURE_WINDOW = 12  # words from the number to what it counts


def _figures(body: str, offset: int) -> list[FigureDraft]:
    """Counts of people killed, wounded, come back, joined, fighting, ... that a sentence
    reports: a number, what it counts within a few words, and the qualifier before it."""
    figures = []
    numbers = list(_FIGURE_NUMBER.finditer(body))
    for index, number in enumerate(numbers):
        figure = _figure(body, number, numbers[index + 1].start() if index + 1 < len(numbers) else len(body))
        if figure is not None:
            figures.append(figure)
    return figures


def _figure(body: str, number: re.Match, limit: int) -> FigureDraft | None:
    token = number.group(1)
    after = body[number.end():limit]
    if _NOT_A_COUNT.match(after):
        return None
    if token.isdigit() and len(token) == 4 and 1800 <= int(token) <= 2100:
        return None  # a year
    words = re.finditer(r"\S+", after)
    window_end = None
    for count, word in enumerate(words):
        if count >= FIGURE_WINDOW or word.group(0)[-1:] in ".;:!?" and count > 0 and not _CATEGORY.search(word.group(0)):
            window_end = number.end() + word.start()
            break
    scope = after if window_end is None else body[number.end():window_end]
    category = _CATEGORY.search(scope)
    if category is None:
        return None
    value = _NUMBER_WORDS.get(token.lower())
    value = int(token.replace(",", "")) if value is None else value
    qualifier = _QUALIFIER.search(body[:number.start()])
    qualifier_name = next(name for name, pattern in _QUALIFIERS
                          if re.fullmatch(pattern, qualifier.group(1), re.IGNORECASE)) if qualifier else "exactly"
    start = qualifier.start(1) if qualifier else number.start()
    noun = _counted(scope[:category.start()])
    kind = category.lastgroup
    what = body[start:number.end() + category.end()]
    return FigureDraft(_slug(f"{noun} {kind}" if noun else kind), value, what, qualifier_name)


def _counted(text: str) -> str:
    """The noun a number counts: "405 people, ..." → people; "Four of the assailants" → assailants."""
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", text)[:4]:
        if word.lower() not in _FILLER and not _CATEGORY.fullmatch(word):
            return word.lower()
    return ""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "figure"


# --- dates ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Part(Sentence):
    """A clause of a sentence that dates two happenings; `index` counts from 0."""

    index: int = 0


_CLAUSE_BREAK = re.compile(r",\s+|;\s+|\s+(?=(?:with|and|but|while|before|after)\s)")


def _dated_parts(sentence: Sentence, published) -> list[Sentence]:
    """The sentence, or its clauses when it gives two or more different dates: each
    clause from a break (a comma, "with", "and", ...) after one date to the next break
    after the next. A clause with no cue of its own becomes no candidate."""
    found = relative_dates.find_all(sentence.text, published)
    if len({r.edtf for r in found}) < 2:
        return [sentence]
    cuts = [0]
    for before, after in zip(found, found[1:]):
        if before.edtf == after.edtf:
            continue
        breaks = [m for m in _CLAUSE_BREAK.finditer(sentence.text, before.end, after.start)]
        if breaks:
            cuts.append(breaks[0].start())
    if len(cuts) < 2:
        return [sentence]
    cuts.append(len(sentence.text))
    # A clause with no cue of its own ("Kadyrov, who has led Chechnya since 2007, | made
    # the claims ... on Wednesday") stays with the clause after it (the last, before it).
    spans = [(a, b) for a, b in zip(cuts, cuts[1:])]
    merged: list[list[int]] = []
    pending = None
    for a, b in spans:
        if pending is not None:
            a, pending = pending, None
        if _first_cue(outside_quotes(sentence.text[a:b])) is None and (a, b) != spans[-1]:
            pending = a
            continue
        if _first_cue(outside_quotes(sentence.text[a:b])) is None and merged:
            merged[-1][1] = b
            continue
        merged.append([a, b])
    if len(merged) < 2:
        return [sentence]
    parts = []
    for index, (a, b) in enumerate(merged):
        piece = sentence.text[a:b]
        lead = len(piece) - len(piece.lstrip(" ,;"))
        piece = piece[lead:].rstrip(" ,;")
        start = sentence.start + a + lead
        parts.append(Part(start, start + len(piece), piece, index))
    return parts


def _date(candidate: Candidate, text: str, published):
    """The candidate's date: the first its quotes state, each read with what comes before
    it in its paragraph (a date said earlier in the paragraph carries over), or in the
    paragraph before when its own dates nothing before it: copy that gives each sentence
    a line ("IS released a video in December." | "Kadyrov at the time conceded ...") still
    points back with "at the time". A date after the publication is not that of what was
    said or done by then (see _planned)."""
    planned = None
    for quote in candidate.quotes:
        resolved = relative_dates.resolve(quote.text, published, context=_context(text, quote.start, published))
        if resolved is not None and _planned(candidate, resolved, published):
            planned = planned or (quote, resolved)
        elif resolved is not None:
            candidate.date = resolved
            return None
    return planned


def _context(text: str, start: int, published) -> str:
    """The text before `start` that a date may carry over from: its paragraph, or from the
    paragraph before when its own gives no date before `start`."""
    paragraph = _paragraph_start(text, start)
    if relative_dates.find_all(text[paragraph:start], published) or paragraph == 0:
        return text[paragraph:start]
    return text[_paragraph_start(text, text[:paragraph].rstrip().__len__()):start]


def _planned_happening(candidate: Candidate, planned) -> list[Candidate]:
    """The happening still to come that a statement's sentence dates ("made the claims in a
    preview of a documentary set to air on Wednesday"): a candidate of its own, quoting the
    sentence from the happening's word to its end, with the date the statement could not take."""
    quote, resolved = planned
    body = quote.text
    cue_at = outside_quotes(body).lower().find(candidate.cue.lower())
    for name, kind, status, tag, pattern in _CUES:
        if name in _SPEECH_NAMES:
            continue
        match = next((m for m in pattern.finditer(outside_quotes(body), max(cue_at, 0))
                      if m.start() < resolved.start), None)
        if match is not None:
            text = body[match.start():].rstrip()
            span = Span(quote.start + match.start(), quote.start + match.start() + len(text), text)
            happening = Candidate(kind, status, match.group(0), [span], tags=[tag] if tag else [],
                                  speaker_role="publisher" if kind == "media" else "perpetrator")
            happening.date = replace(resolved, start=resolved.start - match.start(), end=resolved.end - match.start())
            return [happening]
    return []


_HELD_SINCE = re.compile(r"^(?:has|have)\s", re.IGNORECASE)


def _since_began(candidate: Candidate) -> None:
    """A rule or office held "since 2007" ("who has led Chechnya since 2007") tells that
    it began then: the event is its start, not the years it has lasted."""
    date = candidate.date
    if candidate.kind != "political" or not _HELD_SINCE.match(candidate.cue) or date is None \
            or not date.phrase.lower().startswith("since") or "/" not in date.edtf:
        return
    start = date.edtf.split("/")[0]
    candidate.date = replace(date, edtf=start, basis=f"{date.basis}; '{candidate.cue}' {date.phrase}: held from "
                                                      f"then on, so it began then, {start}")


# A relative clause in the past perfect: "a man who had made a filmed confession".
_PLUPERFECT_CLAUSE = re.compile(r"\b(?:who|which|that)\s+had\s+(?:(?:\w+ly|not|never|already|earlier|once)\s+)*"
                                rf"(?:{relative_dates.PARTICIPLE})\b[^,;:“\"]*", re.IGNORECASE)


def _earlier_clause(candidate: Candidate, published) -> list[Candidate]:
    """What a relative clause in the past perfect tells of, as a candidate of its own:
    the tense puts it before the time of its sentence ("IS released a video in December
    showing the beheading of a man who had made a filmed confession": the confession, at
    or before December), so at or before the sentence's date, which must be stated. Only
    a clause with a cue of its own, outside quotation marks."""
    if not _stated(candidate.date, published) or candidate.date.edtf.startswith(".."):
        return []
    quote = candidate.quotes[0]
    bare = outside_quotes(quote.text)
    clause = _PLUPERFECT_CLAUSE.search(bare)
    if clause is None or _first_cue(bare[clause.start():clause.end()]) is None:
        return []
    if clause.start() <= bare.lower().find(candidate.cue.lower()) < clause.end():
        return []  # the candidate is the clause's own already (a part of its sentence)
    (name, kind, status, tag), match = _first_cue(bare[clause.start():clause.end()])
    words = quote.text[clause.start():clause.end()].rstrip(" .")
    span = Span(quote.start + clause.start(), quote.start + clause.start() + len(words), words)
    earlier = Candidate(kind, status, match.group(0), [span], tags=[tag] if tag else [])
    own = relative_dates.resolve(words, published)
    if own is not None and _stated(own, published):  # "who had resigned in March": its own date
        earlier.date = own
        return [earlier]
    end = parse_date(candidate.date.edtf).end
    edtf = f"../{end.edtf().rstrip('?~%')}"
    earlier.date = replace(candidate.date, edtf=edtf, basis=(
        f"'{clause.group().split()[0]} had ...': the past perfect puts it before the time of its sentence, "
        f"{candidate.date.edtf} ({candidate.date.basis}) → at or before it, {edtf}"))
    return [earlier]


# The forms of a reporting verb that say it is still to come: "will say", "is due to announce".
_FUTURE_CUE = re.compile(r"\b(?:will|would|to|shall)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _planned(candidate: Candidate, resolved, published) -> bool:
    """Whether a date after the publication belongs to another clause than the candidate's:
    a statement, claim or denial that was made ("made the claims in a preview of a
    documentary set to air on Wednesday") was made by the time it was reported, and the
    day to come is the broadcast's. A happening ("plans to air a documentary on
    Wednesday") or a speech still to come ("will announce on Friday") keeps it."""
    if candidate.kind in _HAPPENING_KINDS or _not_after(resolved.edtf, published) or not candidate.cue:
        return False  # (a date that may end after the publication, "until Thursday", is what is to come too)
    body = candidate.quotes[0].text
    cue_at = outside_quotes(body).lower().find(candidate.cue.lower())
    return cue_at < 0 or _FUTURE_CUE.search(body[:cue_at]) is None


def _carry_over(candidates: list[Candidate], published) -> None:
    """Dates the text gives one passage for the undated ones that go with it, always as
    uncertain, the basis saying why; never a date after the publication, since what was
    said was said by then ("made the claims in a preview of a documentary set to air on
    Wednesday" dates the broadcast, not the claims):
    - the same speaker's dated statement before it ("Kadyrov wrote ... on Wednesday" ...
      "Kadyrov said that ..."): most often more of it;
    - the passage right before, when its speaker is named by "he" or "the spokesman";
    - else the article's news: the earliest happening it dates in the week before its
      publication (the attacks "on Monday", also when the date stands in a claim of
      responsibility for them): an undated statement in a news report is most often a
      response to its news, so on or after it and by the publication."""
    dated: dict[str, Candidate] = {}  # speaker → their latest statement with a date the text states
    root: dict[int, object] = {}  # id of a candidate → the date the text states, that it has or took
    previous: Candidate | None = None
    for candidate in candidates:
        key = _speaker_key(candidate)
        if not _stated(candidate.date, published) and candidate.kind not in _HAPPENING_KINDS:
            source, why = None, ""
            if key and key in dated:
                source, why = dated[key], "the same speaker's statement before it is dated ({}) and this is " \
                                          "probably more of it"
            elif candidate.refers_back and previous is not None and previous.kind not in _HAPPENING_KINDS \
                    and id(previous) in root:
                source, why = previous, "its speaker is the one of the passage before it, which is dated ({})"
            if source is not None:
                stated = root[id(source)]
                candidate.date = replace(stated, edtf=_uncertain(stated.edtf),
                                         basis=f"No date in the passage; {why.format(stated.basis)}, hence uncertain")
                root[id(candidate)] = stated
        elif _stated(candidate.date, published) and _not_after(candidate.date.edtf, published):
            root[id(candidate)] = candidate.date
        if key and id(candidate) in root and candidate.kind not in _HAPPENING_KINDS:
            dated[key] = candidate
        previous = candidate
    _date_by_the_news(candidates, published)


def _stated(date, published) -> bool:
    """Whether a date says more than that the passage is at or before its publication
    (what relative_dates gives for a present perfect with no date: "have not violated")."""
    if date is None:
        return False
    try:
        when = parse_date(date.edtf)
    except DateError:
        return False
    return not (when.start is None and when.latest == published.latest)


NEWS_DAYS = 7  # how recent a happening must be to be the article's news


def _date_by_the_news(candidates: list[Candidate], published) -> None:
    """Undated statements of a news report: on or after its news, by its publication."""
    last = published.latest
    news = []
    for candidate in candidates:
        happening = candidate.kind in _HAPPENING_KINDS or "claim-of-responsibility" in candidate.tags
        if happening and candidate.date is not None:
            day = parse_date(candidate.date.edtf)
            if day.precision == 3 and not day.interval and 0 <= (last - day.earliest).days <= NEWS_DAYS:
                news.append((day.earliest, candidate))
    if not news:
        _answers_of_the_day(candidates, published)
        return
    first, source = min(news, key=lambda n: n[0])
    edtf = f"{first.isoformat()}?" if first == last else f"{first.isoformat()}?/{last.isoformat()}"
    for candidate in candidates:
        if not _stated(candidate.date, published) and candidate.kind not in _HAPPENING_KINDS:
            candidate.date = replace(
                source.date, edtf=edtf,
                basis=f"No date in the passage; the article's news, '{source.date.phrase}' ({first.isoformat()}), "
                      f"is the earliest it can be and the publication ({last.isoformat()}) the latest, as a report "
                      "most often answers its news; the text does not say so, hence uncertain")
    if source.kind == "attack" or "claim-of-responsibility" in source.tags:
        _more_of_the_attack(candidates, source, first)


def _more_of_the_attack(candidates: list[Candidate], source: Candidate, day) -> None:
    """An attack the text does not date, in a report whose news is an attack of the week
    ("Four of the assailants were reportedly shot dead" after "the attacks on Monday"):
    most often more of the news, told in its detail, so its day, uncertain."""
    for candidate in candidates:
        if candidate.kind == "attack" and candidate.date is None:
            candidate.date = replace(
                source.date, edtf=f"{day.isoformat()}?",
                basis=f"No date in the passage; an attack told in a report whose news is an attack, "
                      f"'{source.date.phrase}' ({day.isoformat()}), is most often more of it; the text does not "
                      "say so, hence uncertain")


_HAPPENING_KINDS = {kind for _, kind, *_ in _HAPPENING}
# A passage that speaks of an answer comes after it: "after the rebuttal", "The report and
# its rebuttal by the Kremlin show cracks".
_AFTER_ANSWER = re.compile(r"\b(?:the|this|that|his|her|their|its) (?:rebuttal|denial|refusal|response|reply)\b",
                           re.IGNORECASE)


def _answers_of_the_day(candidates: list[Candidate], published) -> None:
    """An answer with no date in a report whose news the text does not date: a denial, a
    refusal to confirm, or a passage that speaks of one ("after the rebuttal", "the report
    and its rebuttal show"). News copy names the weekday of what is older than the day it
    is written (AP style, within the week) and none for that day's own, and an article may
    go out the day after it was written: so the day before the publication or the day
    itself, uncertain. Only answers: a statement with no date may as well be background of
    any age; an answer is to the news."""
    first = published.earliest or published.latest
    last = published.latest
    if first is None or last is None:
        return
    before = first - dt.timedelta(days=1)
    edtf = f"{before.isoformat()}?/{last.isoformat()}"
    said = published.edtf()
    for candidate in candidates:
        if candidate.date is not None or candidate.kind in _HAPPENING_KINDS:
            continue  # "has repeatedly denied" (at or before publication) is not one answer
        if candidate.kind == "denial" or _AFTER_ANSWER.search(outside_quotes(candidate.quotes[0].text)):
            why = "a denial or refusal" if candidate.kind == "denial" else "it speaks of an answer, so it came after one"
            candidate.date = relative_dates.Resolved(
                edtf, f"No date in the passage, and none for the article's news; {why}, reported as news "
                      f"published {said}: news copy gives no weekday to the day it is written, and the article "
                      f"may be out the day after, so from {before.isoformat()} to {last.isoformat()}; "
                      "the text does not say so, hence uncertain", "", 0, 0)


def _not_after(edtf: str, published) -> bool:
    try:
        latest = parse_date(edtf).latest
    except DateError:
        return False
    return latest is not None and latest <= published.latest


def _speaker_key(candidate: Candidate) -> str:
    """The speaker's last name, as the article's mentions of one person share it
    ("Chechen leader Ramzan Kadyrov", "Kadyrov")."""
    if candidate.speaker is None:
        return ""
    words = re.findall(r"[^\W\d_][\w’'-]*", candidate.speaker.text)
    return words[-1].lower() if words and words[-1][0].isupper() else ""


def _uncertain(edtf: str) -> str:
    """The same date marked uncertain: `2018-08-22` → `2018-08-22?`, each end of an interval."""
    def mark(side: str) -> str:
        if side in ("", "..") or side.endswith(("?", "%")):
            return side
        return side[:-1] + "%" if side.endswith("~") else side + "?"
    return "/".join(mark(side) for side in edtf.split("/"))
