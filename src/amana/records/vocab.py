"""The fixed vocabularies of the record types, with labels in the four official languages.

Values are stable machine codes stored in the database and sent over the API; labels are for
people. Crime categories follow the crime areas the organisation works on, so a bureau can tell
at a glance why a person is recorded; ``other`` keeps the list closed without forcing a wrong fit.
"""

from __future__ import annotations

from enum import StrEnum


class PersonStatus(StrEnum):
    WANTED = "wanted"
    MISSING = "missing"
    SUSPECT = "suspect"
    PERSON_OF_INTEREST = "person_of_interest"
    DECEASED = "deceased"


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class NameKind(StrEnum):
    PRIMARY = "primary"
    ALIAS = "alias"
    BIRTH_NAME = "birth_name"
    ORIGINAL_SCRIPT = "original_script"


class IdentifierKind(StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    OTHER = "other"


class DocType(StrEnum):
    PASSPORT = "passport"
    IDENTITY_CARD = "identity_card"
    VISA = "visa"
    RESIDENCE_PERMIT = "residence_permit"
    TRAVEL_DOCUMENT = "travel_document"
    OTHER = "other"


class DocStatus(StrEnum):
    STOLEN = "stolen"
    LOST = "lost"
    REVOKED = "revoked"
    STOLEN_BLANK = "stolen_blank"


class VehicleStatus(StrEnum):
    STOLEN = "stolen"
    WANTED = "wanted"
    SEIZED = "seized"
    OTHER = "other"


class OrganisationKind(StrEnum):
    COMPANY = "company"
    CRIMINAL_GROUP = "criminal_group"
    NGO = "ngo"
    OTHER = "other"


class OrganisationStatus(StrEnum):
    SANCTIONED = "sanctioned"
    WANTED = "wanted"
    UNDER_INVESTIGATION = "under_investigation"
    DISSOLVED = "dissolved"
    OTHER = "other"


class OrganisationIdentifierKind(StrEnum):
    """Checked at the edge by ``matching.org_identifiers`` (LEI and BIC check digits)."""

    LEI = "lei"
    BIC = "bic"
    REGISTRATION = "registration"


class VesselType(StrEnum):
    CARGO = "cargo"
    TANKER = "tanker"
    BULK_CARRIER = "bulk_carrier"
    CONTAINER = "container"
    FISHING = "fishing"
    PASSENGER = "passenger"
    YACHT = "yacht"
    TUG = "tug"
    OTHER = "other"


class VesselStatus(StrEnum):
    SANCTIONED = "sanctioned"
    WANTED = "wanted"
    STOLEN = "stolen"
    SEIZED = "seized"
    OTHER = "other"


class FirearmType(StrEnum):
    PISTOL = "pistol"
    REVOLVER = "revolver"
    RIFLE = "rifle"
    SHOTGUN = "shotgun"
    SUBMACHINE_GUN = "submachine_gun"
    MACHINE_GUN = "machine_gun"
    OTHER = "other"


class FirearmStatus(StrEnum):
    STOLEN = "stolen"
    LOST = "lost"
    TRAFFICKED = "trafficked"
    SEIZED = "seized"
    OTHER = "other"


class ArtworkStatus(StrEnum):
    STOLEN = "stolen"
    MISSING = "missing"
    LOOTED = "looted"
    OTHER = "other"


class CrimeCategory(StrEnum):
    TERRORISM = "terrorism"
    DRUG_TRAFFICKING = "drug_trafficking"
    TRAFFICKING_IN_HUMAN_BEINGS = "trafficking_in_human_beings"
    MIGRANT_SMUGGLING = "migrant_smuggling"
    CRIMES_AGAINST_CHILDREN = "crimes_against_children"
    CYBERCRIME = "cybercrime"
    FINANCIAL_CRIME_AND_FRAUD = "financial_crime_and_fraud"
    MONEY_LAUNDERING = "money_laundering"
    CORRUPTION = "corruption"
    ENVIRONMENTAL_CRIME = "environmental_crime"
    VEHICLE_CRIME = "vehicle_crime"
    FIREARMS_TRAFFICKING = "firearms_trafficking"
    ORGANISED_CRIME = "organised_crime"
    CULTURAL_PROPERTY_CRIME = "cultural_property_crime"
    MARITIME_PIRACY = "maritime_piracy"
    WAR_CRIMES_AND_GENOCIDE = "war_crimes_and_genocide"
    VIOLENT_CRIME = "violent_crime"
    SEXUAL_OFFENCES = "sexual_offences"
    OTHER = "other"


_C = CrimeCategory
CRIME_CATEGORY_LABELS: dict[CrimeCategory, dict[str, str]] = {
    _C.TERRORISM: {"en": "Terrorism", "fr": "Terrorisme", "es": "Terrorismo", "ar": "الإرهاب"},
    _C.DRUG_TRAFFICKING: {
        "en": "Drug trafficking",
        "fr": "Trafic de drogue",
        "es": "Tráfico de drogas",
        "ar": "الاتجار بالمخدرات",
    },
    _C.TRAFFICKING_IN_HUMAN_BEINGS: {
        "en": "Trafficking in human beings",
        "fr": "Traite d'êtres humains",
        "es": "Trata de personas",
        "ar": "الاتجار بالبشر",
    },
    _C.MIGRANT_SMUGGLING: {
        "en": "Migrant smuggling",
        "fr": "Trafic de migrants",
        "es": "Tráfico ilícito de migrantes",
        "ar": "تهريب المهاجرين",
    },
    _C.CRIMES_AGAINST_CHILDREN: {
        "en": "Crimes against children",
        "fr": "Infractions contre les enfants",
        "es": "Delitos contra menores",
        "ar": "الجرائم ضد الأطفال",
    },
    _C.CYBERCRIME: {
        "en": "Cybercrime",
        "fr": "Cybercriminalité",
        "es": "Ciberdelincuencia",
        "ar": "الجريمة السيبرية",
    },
    _C.FINANCIAL_CRIME_AND_FRAUD: {
        "en": "Financial crime and fraud",
        "fr": "Criminalité financière et fraude",
        "es": "Delitos financieros y fraude",
        "ar": "الجرائم المالية والاحتيال",
    },
    _C.MONEY_LAUNDERING: {
        "en": "Money laundering",
        "fr": "Blanchiment d'argent",
        "es": "Blanqueo de capitales",
        "ar": "غسل الأموال",
    },
    _C.CORRUPTION: {"en": "Corruption", "fr": "Corruption", "es": "Corrupción", "ar": "الفساد"},
    _C.ENVIRONMENTAL_CRIME: {
        "en": "Environmental crime",
        "fr": "Criminalité environnementale",
        "es": "Delitos contra el medio ambiente",
        "ar": "الجرائم البيئية",
    },
    _C.VEHICLE_CRIME: {
        "en": "Vehicle crime",
        "fr": "Criminalité liée aux véhicules",
        "es": "Delitos relacionados con vehículos",
        "ar": "الجرائم المتعلقة بالمركبات",
    },
    _C.FIREARMS_TRAFFICKING: {
        "en": "Firearms trafficking",
        "fr": "Trafic d'armes à feu",
        "es": "Tráfico de armas de fuego",
        "ar": "الاتجار بالأسلحة النارية",
    },
    _C.ORGANISED_CRIME: {
        "en": "Organised crime",
        "fr": "Criminalité organisée",
        "es": "Delincuencia organizada",
        "ar": "الجريمة المنظمة",
    },
    _C.CULTURAL_PROPERTY_CRIME: {
        "en": "Crime against cultural property",
        "fr": "Atteintes aux biens culturels",
        "es": "Delitos contra el patrimonio cultural",
        "ar": "الجرائم الماسة بالممتلكات الثقافية",
    },
    _C.MARITIME_PIRACY: {
        "en": "Maritime piracy",
        "fr": "Piraterie maritime",
        "es": "Piratería marítima",
        "ar": "القرصنة البحرية",
    },
    _C.WAR_CRIMES_AND_GENOCIDE: {
        "en": "War crimes and genocide",
        "fr": "Crimes de guerre et génocide",
        "es": "Crímenes de guerra y genocidio",
        "ar": "جرائم الحرب والإبادة الجماعية",
    },
    _C.VIOLENT_CRIME: {
        "en": "Violent crime",
        "fr": "Criminalité violente",
        "es": "Delitos violentos",
        "ar": "جرائم العنف",
    },
    _C.SEXUAL_OFFENCES: {
        "en": "Sexual offences",
        "fr": "Infractions sexuelles",
        "es": "Delitos sexuales",
        "ar": "الجرائم الجنسية",
    },
    _C.OTHER: {"en": "Other", "fr": "Autre", "es": "Otro", "ar": "أخرى"},
}
