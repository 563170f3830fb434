"""Labels of the notice vocabularies in Arabic, English, French and Spanish.

Crime categories are labelled by ``records.vocab`` already and reused from there; a test checks
that every code of every vocabulary has all four labels.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from amana.notices.vocab import (
    ActionRequested,
    CancelReason,
    NoticeKind,
    NoticeStatus,
    NoticeType,
    ReviewDecision,
    ReviewReason,
)
from amana.records.vocab import CRIME_CATEGORY_LABELS, CrimeCategory

Labels = dict[str, str]


def _l(en: str, fr: str, es: str, ar: str) -> Labels:
    return {"en": en, "fr": fr, "es": es, "ar": ar}


_T = NoticeType
TYPE_LABELS: dict[NoticeType, Labels] = {
    _T.RED: _l("Red Notice", "Notice rouge", "Notificación roja", "النشرة الحمراء"),
    _T.YELLOW: _l("Yellow Notice", "Notice jaune", "Notificación amarilla", "النشرة الصفراء"),
    _T.BLUE: _l("Blue Notice", "Notice bleue", "Notificación azul", "النشرة الزرقاء"),
    _T.BLACK: _l("Black Notice", "Notice noire", "Notificación negra", "النشرة السوداء"),
    _T.GREEN: _l("Green Notice", "Notice verte", "Notificación verde", "النشرة الخضراء"),
    _T.ORANGE: _l("Orange Notice", "Notice orange", "Notificación naranja", "النشرة البرتقالية"),
    _T.PURPLE: _l("Purple Notice", "Notice mauve", "Notificación morada", "النشرة البنفسجية"),
    _T.SILVER: _l("Silver Notice", "Notice argent", "Notificación plateada", "النشرة الفضية"),
    _T.UN: _l(
        "INTERPOL–United Nations Security Council Special Notice",
        "Notice spéciale INTERPOL–Conseil de sécurité des Nations Unies",
        "Notificación especial INTERPOL–Consejo de Seguridad de las Naciones Unidas",
        "النشرة الخاصة للإنتربول ومجلس الأمن التابع للأمم المتحدة",
    ),
}

TYPE_PURPOSES: dict[NoticeType, Labels] = {
    _T.RED: _l(
        "Locate and provisionally arrest a person wanted for prosecution or to serve a sentence",
        "Localiser et arrêter provisoirement une personne recherchée pour être poursuivie ou "
        "purger une peine",
        "Localizar y detener provisionalmente a una persona buscada para ser procesada o "
        "cumplir una condena",
        "تحديد مكان شخص مطلوب للملاحقة القضائية أو لتنفيذ عقوبة وتوقيفه مؤقتاً",
    ),
    _T.YELLOW: _l(
        "Locate a missing person, often a minor, or identify a person unable to identify "
        "themselves",
        "Localiser une personne disparue, souvent mineure, ou identifier une personne incapable "
        "de s'identifier",
        "Localizar a una persona desaparecida, a menudo menor, o identificar a una persona "
        "incapaz de identificarse",
        "تحديد مكان شخص مفقود، غالباً قاصر، أو التعرف على شخص عاجز عن التعريف بنفسه",
    ),
    _T.BLUE: _l(
        "Collect information on a person's identity, location or activities",
        "Recueillir des informations sur l'identité, la localisation ou les activités d'une "
        "personne",
        "Recabar información sobre la identidad, el paradero o las actividades de una persona",
        "جمع معلومات عن هوية شخص أو مكان وجوده أو أنشطته",
    ),
    _T.BLACK: _l(
        "Identify an unidentified body",
        "Identifier un cadavre non identifié",
        "Identificar un cadáver sin identificar",
        "التعرف على جثة مجهولة الهوية",
    ),
    _T.GREEN: _l(
        "Warn about a person's criminal activities likely to be repeated elsewhere",
        "Avertir des activités criminelles d'une personne susceptibles de se répéter ailleurs",
        "Advertir sobre las actividades delictivas de una persona que pueden repetirse en otros "
        "lugares",
        "التحذير من أنشطة إجرامية لشخص يُرجح تكرارها في أماكن أخرى",
    ),
    _T.ORANGE: _l(
        "Warn of an imminent threat from a person, object, event or process",
        "Avertir d'une menace imminente liée à une personne, un objet, un événement ou un procédé",
        "Advertir de una amenaza inminente de una persona, objeto, acontecimiento o proceso",
        "التحذير من تهديد وشيك مصدره شخص أو شيء أو حدث أو عملية",
    ),
    _T.PURPLE: _l(
        "Seek or give information on modus operandi, objects, devices and concealment methods",
        "Rechercher ou fournir des informations sur des modes opératoires, objets, dispositifs "
        "et méthodes de dissimulation",
        "Buscar o facilitar información sobre modus operandi, objetos, dispositivos y métodos de "
        "ocultación",
        "طلب أو تقديم معلومات عن أساليب العمل الإجرامي والأشياء والأجهزة وطرق الإخفاء",
    ),
    _T.SILVER: _l(
        "Locate and trace criminal assets: property, vehicles, bank accounts, companies",
        "Localiser et tracer des avoirs criminels : biens, véhicules, comptes bancaires, sociétés",
        "Localizar y rastrear activos delictivos: bienes, vehículos, cuentas bancarias, empresas",
        "تحديد مكان الأصول الإجرامية وتتبعها: الممتلكات والمركبات والحسابات المصرفية والشركات",
    ),
    _T.UN: _l(
        "Persons and entities subject to United Nations Security Council sanctions",
        "Personnes et entités visées par des sanctions du Conseil de sécurité des Nations Unies",
        "Personas y entidades sujetas a sanciones del Consejo de Seguridad de las Naciones Unidas",
        "الأشخاص والكيانات الخاضعة لجزاءات مجلس الأمن التابع للأمم المتحدة",
    ),
}

_S = NoticeStatus
STATUS_LABELS: dict[NoticeStatus, Labels] = {
    _S.DRAFT: _l("Draft", "Brouillon", "Borrador", "مسودة"),
    _S.SUBMITTED: _l(
        "Submitted for review", "Soumise à examen", "Enviada a revisión", "مقدَّمة للمراجعة"
    ),
    _S.INFO_REQUESTED: _l(
        "More information requested",
        "Complément d'information demandé",
        "Información adicional solicitada",
        "طُلبت معلومات إضافية",
    ),
    _S.CIRCULATED: _l("Circulated", "Diffusée", "Difundida", "مُعمَّمة"),
    _S.PUBLISHED: _l("Published", "Publiée", "Publicada", "منشورة"),
    _S.REJECTED: _l("Rejected", "Refusée", "Rechazada", "مرفوضة"),
    _S.CANCELLED: _l("Cancelled", "Annulée", "Cancelada", "ملغاة"),
    _S.EXPIRED: _l("Expired", "Expirée", "Caducada", "منتهية الصلاحية"),
}

_A = ActionRequested
ACTION_LABELS: dict[ActionRequested, Labels] = {
    _A.ARREST: _l("Arrest", "Arrêter", "Detener", "توقيف"),
    _A.LOCATE: _l("Locate", "Localiser", "Localizar", "تحديد المكان"),
    _A.INFORM: _l("Inform", "Informer", "Informar", "إبلاغ"),
    _A.IDENTIFY: _l("Identify", "Identifier", "Identificar", "تحديد الهوية"),
    _A.WARN: _l("Warn", "Avertir", "Advertir", "تحذير"),
    _A.TRACE_ASSETS: _l("Trace assets", "Tracer les avoirs", "Rastrear activos", "تتبع الأصول"),
    _A.SANCTIONS: _l(
        "Apply UN sanctions",
        "Appliquer les sanctions de l'ONU",
        "Aplicar las sanciones de la ONU",
        "تطبيق جزاءات الأمم المتحدة",
    ),
}

_C = CancelReason
CANCEL_LABELS: dict[CancelReason, Labels] = {
    _C.LOCATED: _l(
        "Person located", "Personne localisée", "Persona localizada", "تم تحديد مكان الشخص"
    ),
    _C.ARRESTED: _l("Person arrested", "Personne arrêtée", "Persona detenida", "تم توقيف الشخص"),
    _C.EXTRADITED: _l(
        "Person extradited", "Personne extradée", "Persona extraditada", "تم تسليم الشخص"
    ),
    _C.WITHDRAWN: _l("Request withdrawn", "Demande retirée", "Solicitud retirada", "سُحب الطلب"),
    _C.PURPOSE_ACHIEVED: _l(
        "Purpose achieved", "Objectif atteint", "Objetivo cumplido", "تحقق الغرض"
    ),
}

_R = ReviewReason
REVIEW_REASON_LABELS: dict[ReviewReason, Labels] = {
    _R.NEUTRALITY: _l(
        "Political, military, religious or racial character (Article 3)",
        "Caractère politique, militaire, religieux ou racial (article 3)",
        "Carácter político, militar, religioso o racial (artículo 3)",
        "طابع سياسي أو عسكري أو ديني أو عنصري (المادة 3)",
    ),
    _R.HUMAN_RIGHTS: _l(
        "Human rights concern (Article 2)",
        "Préoccupation relative aux droits de l'homme (article 2)",
        "Preocupación en materia de derechos humanos (artículo 2)",
        "مخاوف تتعلق بحقوق الإنسان (المادة 2)",
    ),
    _R.PRIVATE_DISPUTE: _l(
        "Private or family dispute, not an ordinary-law crime",
        "Litige privé ou familial, non une infraction de droit commun",
        "Controversia privada o familiar, no un delito común",
        "نزاع خاص أو عائلي وليس جريمة من جرائم القانون العام",
    ),
    _R.INSUFFICIENT_IDENTIFIERS: _l(
        "Too few identifiers",
        "Éléments d'identification insuffisants",
        "Datos de identificación insuficientes",
        "بيانات تعريف غير كافية",
    ),
    _R.INSUFFICIENT_JUDICIAL_BASIS: _l(
        "Insufficient judicial basis",
        "Fondement judiciaire insuffisant",
        "Fundamento judicial insuficiente",
        "أساس قضائي غير كاف",
    ),
    _R.PENALTY_THRESHOLD: _l(
        "Penalty below the Red Notice threshold",
        "Peine inférieure au seuil de la notice rouge",
        "Pena inferior al umbral de la notificación roja",
        "العقوبة دون الحد الأدنى للنشرة الحمراء",
    ),
    _R.DATA_QUALITY: _l(
        "Data incomplete or inconsistent",
        "Données incomplètes ou incohérentes",
        "Datos incompletos o incoherentes",
        "بيانات ناقصة أو غير متسقة",
    ),
    _R.OTHER: _l("Other", "Autre", "Otro", "أخرى"),
}

_D = ReviewDecision
DECISION_LABELS: dict[ReviewDecision, Labels] = {
    _D.APPROVE: _l("Approve", "Approuver", "Aprobar", "موافقة"),
    _D.REJECT: _l("Reject", "Refuser", "Rechazar", "رفض"),
    _D.REQUEST_INFO: _l(
        "Ask for more information",
        "Demander un complément d'information",
        "Solicitar más información",
        "طلب معلومات إضافية",
    ),
}

KIND_LABELS: dict[NoticeKind, Labels] = {
    NoticeKind.NOTICE: _l("Notice", "Notice", "Notificación", "نشرة"),
    NoticeKind.DIFFUSION: _l("Diffusion", "Diffusion", "Difusión", "تعميم"),
}

VOCABULARIES: dict[str, Mapping[Any, Labels]] = {
    "types": TYPE_LABELS,
    "purposes": TYPE_PURPOSES,
    "kinds": KIND_LABELS,
    "statuses": STATUS_LABELS,
    "actions_requested": ACTION_LABELS,
    "cancel_reasons": CANCEL_LABELS,
    "review_reasons": REVIEW_REASON_LABELS,
    "review_decisions": DECISION_LABELS,
    "crime_categories": CRIME_CATEGORY_LABELS,
}


def vocabulary(language: str | None = None) -> dict[str, dict[str, str | Labels]]:
    """Every vocabulary as ``{name: {code: labels}}``; one language's label only if asked."""
    return {
        name: {
            str(code): (labels[language] if language else dict(labels))
            for code, labels in table.items()
        }
        for name, table in VOCABULARIES.items()
    }


__all__ = ["VOCABULARIES", "CrimeCategory", "vocabulary"]
