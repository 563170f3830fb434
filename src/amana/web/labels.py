"""People's words for the stored codes (statuses, types, roles, rules), to be translated.

Crime categories are labelled by ``records.vocab`` itself, in the four languages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pycountry

from amana.notices.descriptors import EyeColour, HairColour
from amana.notices.labels import VOCABULARIES
from amana.records.vocab import CRIME_CATEGORY_LABELS, CrimeCategory
from amana.web.i18n import N_, Translator

LABELS = {
    # person status
    "wanted": N_("Wanted"),
    "missing": N_("Missing"),
    "suspect": N_("Suspect"),
    "person_of_interest": N_("Person of interest"),
    "deceased": N_("Deceased"),
    # sex
    "male": N_("Male"),
    "female": N_("Female"),
    "unknown": N_("Unknown"),
    # name kinds
    "primary": N_("Primary name"),
    "alias": N_("Alias"),
    "birth_name": N_("Birth name"),
    "original_script": N_("Name in original script"),
    # identifiers and document types
    "passport": N_("Passport"),
    "national_id": N_("National identity number"),
    "identity_card": N_("Identity card"),
    "visa": N_("Visa"),
    "residence_permit": N_("Residence permit"),
    "travel_document": N_("Travel document"),
    "other": N_("Other"),
    # object statuses
    "stolen": N_("Stolen"),
    "lost": N_("Lost"),
    "revoked": N_("Revoked"),
    "stolen_blank": N_("Stolen blank"),
    "seized": N_("Seized"),
    "trafficked": N_("Trafficked"),
    # firearm types
    "pistol": N_("Pistol"),
    "revolver": N_("Revolver"),
    "rifle": N_("Rifle"),
    "shotgun": N_("Shotgun"),
    "submachine_gun": N_("Submachine gun"),
    "machine_gun": N_("Machine gun"),
    # roles
    "officer": N_("Officer"),
    "bureau_operator": N_("Bureau operator"),
    "bureau_admin": N_("Bureau administrator"),
    "secretariat_reviewer": N_("Secretariat reviewer"),
    "system_admin": N_("System administrator"),
    # visibility rules
    "all": N_("All member bureaus"),
    "only": N_("Only the bureaus listed"),
    "except": N_("All bureaus except those listed"),
    # hit statuses
    "pending": N_("Awaiting the owner's answer"),
    "confirmed": N_("Confirmed"),
    "not_confirmed": N_("Not confirmed"),
    # record kinds
    "person": N_("Person"),
    "vehicle": N_("Vehicle"),
    "firearm": N_("Firearm"),
    "notice": N_("Notice"),
    "organisation": N_("Organisation"),
    "vessel": N_("Vessel"),
    # organisation and vessel statuses (others are shared with persons and objects)
    "sanctioned": N_("Sanctioned"),
    "under_investigation": N_("Under investigation"),
    "dissolved": N_("Dissolved"),
    # organisation kinds and vessel types
    "company": N_("Company"),
    "criminal_group": N_("Criminal group"),
    "ngo": N_("Non-governmental organisation"),
    "cargo": N_("General cargo ship"),
    "tanker": N_("Tanker"),
    "bulk_carrier": N_("Bulk carrier"),
    "container": N_("Container ship"),
    "fishing": N_("Fishing vessel"),
    "passenger": N_("Passenger ship"),
    "yacht": N_("Yacht"),
    "tug": N_("Tug"),
}


FIELD_LABELS = {
    "org_kind": N_("Kind of organisation"),
    "legal_form": N_("Legal form"),
    "identifiers": N_("Identifiers"),
    "imo": N_("IMO number"),
    "mmsi": N_("MMSI"),
    "flag": N_("Flag"),
    "vessel_type": N_("Vessel type"),
    "number": N_("Document number"),
    "doc_type": N_("Document type"),
    "issuing_country": N_("Issuing country"),
    "status": N_("Status"),
    "reported_on": N_("Reported on"),
    "holder_name": N_("Holder's name"),
    "holder_dob": N_("Holder's date of birth"),
    "vin": N_("VIN"),
    "plate": N_("Registration plate"),
    "plate_country": N_("Plate country"),
    "make": N_("Make"),
    "model": N_("Model"),
    "colour": N_("Colour"),
    "year": N_("Year"),
    "serial_number": N_("Serial number"),
    "calibre": N_("Calibre"),
    "firearm_type": N_("Firearm type"),
    "full_name": N_("Full name"),
    "surname": N_("Surname"),
    "given_names": N_("Given names"),
    "nationality": N_("Nationality"),
    "date_of_birth": N_("Date of birth"),
    "sex": N_("Sex"),
    "expiry": N_("Expiry date"),
    "document_type": N_("Document type"),
    "issuing_state": N_("Issuing state"),
    # what a screening asked (a hit's query)
    "names": N_("Names"),
    "dob": N_("Date of birth"),
    "country": N_("Country"),
}


def field_label(tr: Translator, name: str) -> str:
    return tr.text(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def label(tr: Translator, code: str | None) -> str:
    if not code:
        return ""
    if code in CRIME_CATEGORY_LABELS:
        return CRIME_CATEGORY_LABELS[CrimeCategory(code)].get(tr.language, code)
    return tr.text(LABELS[code]) if code in LABELS else code


# Colours: a vehicle's as recorded (English words); a person's eyes and hair as INTERPOL's
# notices code them (``notices.descriptors``), each code with its own label.
COLOURS = {
    "black": N_("black"),
    "white": N_("white"),
    "grey": N_("grey"),
    "silver": N_("silver"),
    "blue": N_("blue"),
    "red": N_("red"),
    "green": N_("green"),
    "yellow": N_("yellow"),
    "brown": N_("brown"),
    "beige": N_("beige"),
    "orange": N_("orange"),
    "purple": N_("purple"),
    "gold": N_("gold"),
    "maroon": N_("maroon"),
    "pink": N_("pink"),
    "multicoloured": N_("multicoloured"),
    "unknown": N_("unknown"),
}
EYE_COLOURS = {
    EyeColour.BLA: N_("black"),
    EyeColour.BLU: N_("blue"),
    EyeColour.BLUL: N_("light blue"),
    EyeColour.BRO: N_("brown"),
    EyeColour.BROD: N_("dark brown"),
    EyeColour.BROH: N_("hazel"),
    EyeColour.BROL: N_("light brown"),
    EyeColour.GRE: N_("green"),
    EyeColour.GRY: N_("grey"),
    EyeColour.OTHC: N_("of different colours"),
    EyeColour.OTHD: N_("dark"),
    EyeColour.OTHL: N_("light"),
}
HAIR_COLOURS = {
    HairColour.BLA: N_("black"),
    HairColour.BRO: N_("brown"),
    HairColour.BROF: N_("fair"),
    HairColour.GRY: N_("grey"),
    HairColour.GRYG: N_("greying"),
    HairColour.HAIB: N_("bald"),
    HairColour.HAID: N_("dyed"),
    HairColour.OTHD: N_("dark"),
    HairColour.RED: N_("red"),
    HairColour.REDA: N_("auburn"),
    HairColour.WHI: N_("white"),
    HairColour.YELB: N_("blond"),
}


def colour(tr: Translator, value: str | None) -> str:
    """A vehicle's recorded colour word in the user's language (others as they are)."""
    if not value:
        return ""
    word = value.lower()
    return tr.text(COLOURS[word]) if word in COLOURS else value


def eye_colour(tr: Translator, code: str | None) -> str:
    """An eye colour code of INTERPOL's in the user's language (an unknown one as it is)."""
    return _coded(tr, EYE_COLOURS, code)


def hair_colour(tr: Translator, code: str | None) -> str:
    """A hair colour code of INTERPOL's in the user's language (an unknown one as it is)."""
    return _coded(tr, HAIR_COLOURS, code)


def _coded(tr: Translator, table: Mapping[Any, str], code: str | None) -> str:
    if not code:
        return ""
    return tr.text(table[code]) if code in table else code


def language_name(tr: Translator, code: str | None) -> str:
    """An ISO 639 code (two letters, or three, bibliographic or terminological) named in the
    user's language by the CLDR (Babel); an unknown code as it is."""
    if not code:
        return ""
    lowered = code.lower()
    found = (
        pycountry.languages.get(alpha_2=lowered)
        if len(lowered) == 2
        else pycountry.languages.get(alpha_3=lowered)
        or pycountry.languages.get(bibliographic=lowered)
    )
    key = getattr(found, "alpha_2", None) or lowered
    return str(tr.locale.languages.get(key) or tr.locale.languages.get(lowered) or code)


def script_name(tr: Translator, code: str | None) -> str:
    """An ISO 15924 script code (``Latn``) named in the user's language by the CLDR."""
    if not code:
        return ""
    return str(tr.locale.scripts.get(code) or code)


def notice_flag(tr: Translator, notice_type: str, action: str) -> str:
    """A published notice on a screened person: its type and the action it asks for."""
    return (
        f"{_vocabulary(tr, 'types', notice_type)} · {_vocabulary(tr, 'actions_requested', action)}"
    )


def _vocabulary(tr: Translator, vocabulary: str, code: str) -> str:
    labels = VOCABULARIES[vocabulary].get(code)  # keys are StrEnums: a plain code finds them
    return (labels.get(tr.language) or labels["en"]) if labels else code


_EXPLANATION_PART = re.compile(r"^(?P<feature>\S+) (?P<how>[^:]+): (?P<detail>.*)$", re.DOTALL)


def stored_explanation(text: str) -> list[tuple[str, str, str]]:
    """A hit's stored "why it matches" (``feature how: detail; …``, as screening writes it)
    back as its parts, for the page to translate the words and isolate the data; a part that
    does not read so is kept whole, as data."""
    parts = []
    for part in text.split("; "):
        found = _EXPLANATION_PART.match(part)
        if found:
            parts.append((found["feature"], found["how"], found["detail"]))
        else:
            parts.append(("", "", part))
    return parts
