"""Wording screens: Article 3 neutrality and private-dispute terms, in the four languages.

A term is a phrase of words; a word ending in ``*`` matches any word it begins (``politic*``:
political, politically). Text and terms are normalised the same way: Unicode compatibility
folding, accents dropped, case folded, Arabic orthographic folding (hamza forms, taa marbuta,
alef maqsura, diacritics, tatweel — the matching engine's own fold), punctuation as spaces; an
Arabic word also matches without its article and one-letter proclitics (و ف ب ل ك).

The lists are deliberately broad: a match is a flag for a person to weigh, never a refusal, so
a false alarm costs a reviewer a glance while a miss could let a persecution through.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from amana.matching.normalise import fold_arabic

NEUTRALITY_TERMS: dict[str, tuple[str, ...]] = {
    "political": (
        # en
        "politic*",
        "opposition",
        "opponent* of the government",
        "dissident*",
        "protest*",
        "demonstrat*",
        "election*",
        "political party",
        "coup d etat",
        "regime",
        "activist*",
        "journalist*",
        "freedom of expression",
        "sedition*",
        "insult* the president",
        "anti government",
        "lese majeste",
        # fr
        "politique*",
        "opposant*",
        "manifestation*",
        "manifestant*",
        "parti politique",
        "militant*",
        "journaliste*",
        "liberte d expression",
        "outrage au chef",
        # es
        "politic*",
        "opositor*",
        "disidente*",
        "protesta*",
        "manifestacion*",
        "manifestante*",
        "eleccion*",
        "partido politico",
        "golpe de estado",
        "regimen",
        "activista*",
        "periodista*",
        "libertad de expresion",
        "sedicion",
        # ar
        "سياسي*",
        "معارض*",
        "مظاهر*",
        "احتجاج*",
        "انتخاب*",
        "حزب*",
        "انقلاب",
        "ناشط*",
        "صحفي*",
        "حريه التعبير",
        "اهانه الرئيس",
    ),
    "military": (
        "desertion",
        "deserter*",
        "military",
        "soldier*",
        "army",
        "insubordination",
        "mutin*",
        "conscript*",
        "military service",
        "court martial",
        "refus* to serve",
        "deserteur*",
        "militaire*",
        "soldat*",
        "armee",
        "insoumission",
        "mutinerie",
        "service militaire",
        "cour martiale",
        "desercion",
        "desertor*",
        "militar*",
        "soldado*",
        "ejercito",
        "insubordinacion",
        "motin",
        "servicio militar",
        "consejo de guerra",
        "عسكري*",
        "جندي",
        "جنود",
        "جيش",
        "تمرد",
        "الخدمه العسكريه",
        "فرار من الخدمه",
    ),
    "religious": (
        "religio*",
        "blasphem*",
        "apostas*",
        "apostate*",
        "heres*",
        "heretic*",
        "proselyt*",
        "sacrilege",
        "sect",
        "sectarian",
        "worship",
        "religi*",
        "apostasie",
        "apostat*",
        "heretique*",
        "proselytisme",
        "culte",
        "blasfem*",
        "apostasia",
        "apostata*",
        "herejia",
        "hereje*",
        "proselitismo",
        "sacrilegio",
        "ديني*",
        "ازدراء الاديان",
        "تجديف",
        "رده",
        "مرتد*",
        "الحاد",
        "تبشير",
        "طائفي*",
    ),
    "racial": (
        "race",
        "racial*",
        "ethnic*",
        "tribe*",
        "tribal",
        "caste",
        "ethni*",
        "tribu",
        "tribus",
        "raza",
        "etnia*",
        "etnic*",
        "casta",
        "عرق*",
        "عنصري*",
        "قبيله",
        "قبلي*",
        "اثني*",
    ),
}

PRIVATE_DISPUTE_TERMS: tuple[str, ...] = (
    # en
    "debt*",
    "unpaid",
    "bad cheque*",
    "bounced cheque*",
    "cheque without funds",
    "breach of contract",
    "contractual",
    "contract dispute",
    "civil dispute",
    "commercial dispute",
    "divorce*",
    "custody",
    "alimony",
    "child support",
    "inheritance",
    "family dispute",
    "landlord",
    "tenant*",
    "unpaid rent",
    "loan*",
    "adultery",
    "defamation",
    "bankrupt*",
    # fr
    "dette*",
    "impaye*",
    "cheque sans provision",
    "rupture de contrat",
    "litige contractuel",
    "litige civil",
    "litige commercial",
    "garde d enfant*",
    "pension alimentaire",
    "heritage",
    "succession",
    "litige familial",
    "loyer*",
    "pret",
    "prets",
    "adultere",
    "diffamation",
    "faillite",
    # es
    "deuda*",
    "impag*",
    "cheque sin fondos",
    "incumplimiento de contrato",
    "disputa civil",
    "litigio civil",
    "litigio comercial",
    "custodia",
    "pension alimenticia",
    "herencia*",
    "disputa familiar",
    "alquiler*",
    "prestamo*",
    "adulterio",
    "difamacion",
    "quiebra",
    # ar ("دين" alone is both debt and religion: only the plural and derived forms are listed)
    "ديون",
    "مديونيه",
    "شيك بدون رصيد",
    "اخلال بالعقد",
    "نزاع تعاقدي",
    "نزاع مدني",
    "نزاع تجاري",
    "طلاق",
    "حضانه",
    "نفقه",
    "ميراث",
    "ارث",
    "نزاع عائلي",
    "ايجار",
    "قرض*",
    "زنا",
    "تشهير",
    "افلاس",
)

_PROCLITIC = re.compile(r"^(?:[وفبلك]?ال|لل|[وفبلك])(?=...)")
_WORD = re.compile(r"\w+")


def normalise(text: str) -> list[str]:
    """Words of ``text``, folded as described in the module note."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = fold_arabic(stripped.casefold())
    return _WORD.findall(folded.replace("_", " "))


def _forms(word: str) -> frozenset[str]:
    bare = _PROCLITIC.sub("", word)
    return frozenset((word, bare, _PROCLITIC.sub("", bare)))


def _word_matches(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        stems = _forms(pattern[:-1])
        return any(form.startswith(stem) for form in _forms(word) for stem in stems)
    return not _forms(pattern).isdisjoint(_forms(word))


@cache
def _compiled(term: str) -> tuple[str, ...]:
    words: list[str] = []
    for raw in term.split():
        parts = normalise(raw.rstrip("*"))
        if raw.endswith("*") and parts:
            parts[-1] += "*"
        words.extend(parts)
    return tuple(words)


def find_terms(text: str, terms: Iterable[str]) -> list[str]:
    """The terms found in ``text``, each once, in the order of ``terms``."""
    words = normalise(text)
    found = []
    for term in terms:
        pattern = _compiled(term)
        if not pattern:
            continue
        for start in range(len(words) - len(pattern) + 1):
            if all(_word_matches(p, words[start + i]) for i, p in enumerate(pattern)):
                found.append(term)
                break
    return list(dict.fromkeys(found))
