"""Who a draft's candidates name: the article's words matched to actors.

The actors of the events file the draft goes into (`--into`) are matched by id, name and
alias, as everywhere in the tool (any case, curly or straight apostrophes); a name no
actor answers to becomes a new actor of the draft, registered once, so that later
mentions ("Peskov" after "Kremlin spokesman Dmitry Peskov") find it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .acled import _slug, _unused

# Words of rank or office that stand before a name ("Chechen President Ramzan Kadyrov"):
# the name is what follows the last of them.
_TITLES = {
    "president", "prime", "minister", "deputy", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "leader", "head", "chief", "director", "chairman", "chairwoman", "general", "gen.", "colonel", "col.",
    "commander", "senator", "sen.", "governor", "gov.", "mayor", "ambassador", "king", "queen", "prince",
    "pope", "judge", "justice", "officer", "sergeant", "captain", "capt.", "lieutenant", "lt.", "rev.",
    "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof.", "professor", "chancellor", "emir", "sheikh",
    "ayatollah", "representative", "rep.", "foreign", "defence", "defense", "interior", "finance", "state",
    "associate", "analyst", "official", "officials", "correspondent", "reporter", "editor", "strongman",
}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "\u00a0": " "})
_POSSESSIVE = re.compile(r"^['’]s\b")
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


def fold(text: str) -> str:
    """A name as it is compared: any case, straight apostrophes, single spaces."""
    return " ".join(text.translate(_APOSTROPHES).casefold().split())


@dataclass
class NewActor:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)


class ActorBook:
    """The actors of `--into` (id → Actor) and those the draft adds."""

    def __init__(self, known: dict | None = None):
        self.known = dict(known or {})
        self.new: dict[str, NewActor] = {}
        self.used: set[str] = set()  # the actors the draft's events name, to be written
        self._history: list[tuple[str, str]] = []  # (phrase, actor id) resolved so far, in order
        self._names: dict[str, str] = {}  # folded name → actor id
        for actor in self.known.values():
            for name in actor.names():
                self._names.setdefault(fold(name), actor.id)
        self._pattern: re.Pattern | None = None

    # -- finding names in a text -----------------------------------------------------------

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, actor id) of every name of a known or new actor in `text`, longest
        first where names overlap. An all-capitals name ("IS") matches only in capitals:
        in any case it would be the word "is"."""
        if self._pattern is None:
            names = sorted(self._names, key=len, reverse=True)
            self._pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])"
                                       if names else r"(?!x)x")
        folded = text.translate(_APOSTROPHES).casefold()
        if len(folded) != len(text):  # casefold lengthened a character (ß → ss): offsets would drift
            folded = text.translate(_APOSTROPHES).lower()
        found = []
        for match in self._pattern.finditer(folded):
            original = text[match.start():match.end()]
            if _is_acronym_name(match.group(1), self) and original != original.upper():
                continue
            found.append((match.start(), match.end(), self._names[match.group(1)]))
        return found

    def _invalidate(self) -> None:
        self._pattern = None

    # -- resolving a phrase -------------------------------------------------------------------

    def resolve(self, phrase: str, create: bool = True) -> str | None:
        """The actor a phrase names (a speaker, a reporter), adding a new one when none
        answers to it and `create`; None for a pronoun or a phrase that names no one."""
        cleaned = _clean(phrase)
        if not cleaned or fold(cleaned) in _PRONOUNS:
            return None
        found = self._names.get(fold(cleaned)) or self._names.get(fold(phrase)) or self._head_mention(cleaned)
        if not found and _refers_back(cleaned):
            found = self._earlier(cleaned)
            if not found:
                return None  # "the spokesman" with no spokesman before: no one to name
        if not found:
            if not create or not _names_someone(cleaned):
                return None
            found = self._add(cleaned)
        self._history.append((cleaned, found))
        return found

    def _earlier(self, phrase: str) -> str | None:
        """The actor a phrase such as "the spokesman" or "the source" points back to: the
        latest one named with that word ("Kremlin spokesman Dmitry Peskov")."""
        head = fold(phrase.split()[-1])
        for earlier, actor in reversed(self._history):
            if head in fold(earlier).split() or head in fold(self.name(actor)).split():
                return actor
        return None

    def _head_mention(self, phrase: str) -> str | None:
        """The actor whose name ends the phrase's head: the last name in it that is not a
        possessive ("Putin's spokesman Dmitry Peskov" → Peskov, not Putin), when nothing but
        that name's own words or titles stand after it."""
        found = [(a, b, actor) for a, b, actor in self.mentions(phrase) if not _POSSESSIVE.match(phrase[b:])]
        if not found:
            return None
        start, end, actor = max(found, key=lambda m: (m[1], m[1] - m[0]))
        rest = phrase[end:].strip()
        if rest and not re.match(r"^(?:\(|,|of\s|in\s|from\s|at\s|on\s)", rest):
            return None  # "Islamic State fighters": the head is "fighters", not the State
        return actor

    def _add(self, phrase: str) -> str:
        name = _person_name(phrase)
        folded = fold(name)
        existing = self._names.get(folded) or self._surname_match(name)
        if existing:
            self._remember(phrase, existing)
            return existing
        # spaces and punctuation alike one "-": "employers' federation" → employers-federation
        actor_id = _unused(_slug(folded, "actor"),
                           lambda key: key in self.known or key in self.new)
        actor = NewActor(actor_id, name)
        self.new[actor_id] = actor
        self._names[folded] = actor_id
        self._names.setdefault(actor_id, actor_id)
        self._remember(phrase, actor_id)
        self._invalidate()
        return actor_id

    def _surname_match(self, name: str) -> str | None:
        """A one-word name, titles aside, that is the last word of a new actor's name
        ("Peskov", "Mr. Hallam")."""
        words = [w for w in name.split() if w.lower() not in _TITLES]
        if len(words) != 1:
            return None
        name = words[0]
        for actor in self.new.values():
            if len(actor.name.split()) > 1 and fold(actor.name.split()[-1]) == fold(name):
                return actor.id
        return None

    def _remember(self, phrase: str, actor_id: str) -> None:
        """Keep the article's fuller form as an alias of a new actor, as analysts write them."""
        actor = self.new.get(actor_id)
        if actor is None or fold(phrase) == fold(actor.name) or fold(phrase) in map(fold, actor.aliases):
            return
        actor.aliases.append(phrase)
        self._names.setdefault(fold(phrase), actor_id)
        self._invalidate()

    def name(self, actor_id: str) -> str:
        if actor_id in self.new:
            return self.new[actor_id].name
        actor = self.known.get(actor_id)
        return actor.name if actor else actor_id


def _is_acronym_name(folded_name: str, book: ActorBook) -> bool:
    """Whether every name that folds to this one is written in capitals ("IS", "FSB")."""
    return len(folded_name) <= 5 and folded_name.isalpha() and any(
        n == folded_name.upper() for actor in book.known.values() for n in actor.names() if fold(n) == folded_name)


def _clean(phrase: str) -> str:
    phrase = " ".join(phrase.split()).strip(" ,.;:“”\"'‘’()")
    phrase = re.sub(r"^(?:but|and|yet|so|then|also)\s+", "", phrase, flags=re.IGNORECASE)
    return phrase


# Nouns for one person: "the spokesman", "their commander" point back to someone named before.
PERSON_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "source", "official", "man", "woman", "fighter", "leader",
    "minister", "commander", "president", "officer", "aide", "adviser", "advisor", "envoy", "diplomat",
    "witness", "resident", "lawyer", "judge", "mayor", "governor", "chief", "head", "director", "father",
    "mother", "boy", "girl", "victim", "suspect", "soldier", "reporter", "correspondent", "analyst", "expert",
}


def _refers_back(phrase: str) -> bool:
    """Whether a phrase points back to a person named before: a definite article or a
    possessive before a noun for one person ("the source", "their commander")."""
    words = phrase.split()
    return bool(re.match(r"^(?:the|this|that|his|her|its|their|our)\s", phrase, re.IGNORECASE)) \
        and words[-1].lower() in PERSON_NOUNS


def _names_someone(phrase: str) -> bool:
    """Whether a phrase is worth a new actor: a short description of who speaks or acts
    ("the army", "a senior official", "four people familiar with the matter"), not a
    pronoun's worth of words ("this", "that")."""
    words = phrase.split()
    return 0 < len(words) <= 7 and not re.fullmatch(r"(?:this|that|these|those|it|one|some|all)", phrase,
                                                    re.IGNORECASE)


# What may follow an organisation's name and still be its words: "a United Nations report".
_GENERIC = {"report", "reports", "statement", "data", "figures", "study", "survey", "spokesman", "spokeswoman",
            "official", "officials", "sources", "source", "published", "released", "issued", "said"}


def _person_name(phrase: str) -> str:
    """The name to register: the words after the last title in a run of capitalised
    words ("Chechen President Ramzan Kadyrov" → "Ramzan Kadyrov"); else the phrase,
    without its article, starting with a capital."""
    words = phrase.split()
    runs, current = [], []
    for index, word in enumerate(words):
        if word[:1].isupper() or word.lower() in _TITLES and current:
            current.append(index)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    for run in reversed(runs):
        after_titles = [i for i in run if i > max((j for j in run if words[j].lower() in _TITLES), default=-1)]
        trailing = words[run[-1] + 1:]
        if len(after_titles) >= 2 and not _POSSESSIVE.match(words[after_titles[-1]][-2:]) \
                and all(w.lower().strip(",.") in _GENERIC for w in trailing):
            return " ".join(words[i] for i in after_titles)
    plain = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
    return plain[:1].upper() + plain[1:]
