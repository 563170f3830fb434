"""People's words for the stored codes (statuses, types, roles, rules), to be translated.

Crime categories are labelled by ``records.vocab`` itself, in the four languages.
"""

from __future__ import annotations

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
}


FIELD_LABELS = {
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
}


def field_label(tr: Translator, name: str) -> str:
    return tr.text(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def label(tr: Translator, code: str | None) -> str:
    if not code:
        return ""
    if code in CRIME_CATEGORY_LABELS:
        return CRIME_CATEGORY_LABELS[CrimeCategory(code)].get(tr.language, code)
    return tr.text(LABELS[code]) if code in LABELS else code
