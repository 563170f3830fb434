"""Who is acting: roles, the permissions they grant, and the authenticated principal.

Kept in the kernel because every feature checks permissions and every audit entry names an
actor, while authentication itself (tokens, passwords) lives in the ``auth`` feature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from amana.core.errors import PermissionDenied


class Role(StrEnum):
    OFFICER = "officer"
    BUREAU_OPERATOR = "bureau_operator"
    BUREAU_ADMIN = "bureau_admin"
    SECRETARIAT_REVIEWER = "secretariat_reviewer"
    SYSTEM_ADMIN = "system_admin"


class Permission(StrEnum):
    SEARCH = "search"
    READ_RECORDS = "read_records"
    WRITE_OWN_RECORDS = "write_own_records"
    REQUEST_NOTICES = "request_notices"
    SEND_MESSAGES = "send_messages"
    MANAGE_BUREAU_USERS = "manage_bureau_users"
    MANAGE_BUREAU_SHARING = "manage_bureau_sharing"
    READ_BUREAU_AUDIT = "read_bureau_audit"
    REVIEW_NOTICES = "review_notices"
    MANAGE_ALL_USERS = "manage_all_users"
    READ_ALL_AUDIT = "read_all_audit"
    VERIFY_AUDIT = "verify_audit"


_OFFICER = frozenset({Permission.SEARCH, Permission.READ_RECORDS})
_OPERATOR = _OFFICER | {
    Permission.WRITE_OWN_RECORDS,
    Permission.REQUEST_NOTICES,
    Permission.SEND_MESSAGES,
}
_BUREAU_ADMIN = _OFFICER | {
    Permission.MANAGE_BUREAU_USERS,
    Permission.MANAGE_BUREAU_SHARING,
    Permission.READ_BUREAU_AUDIT,
}
_REVIEWER = _OFFICER | {Permission.REVIEW_NOTICES}
_SYSTEM_ADMIN = _BUREAU_ADMIN | {
    Permission.MANAGE_ALL_USERS,
    Permission.READ_ALL_AUDIT,
    Permission.VERIFY_AUDIT,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OFFICER: _OFFICER,
    Role.BUREAU_OPERATOR: _OPERATOR,
    Role.BUREAU_ADMIN: _BUREAU_ADMIN,
    Role.SECRETARIAT_REVIEWER: _REVIEWER,
    Role.SYSTEM_ADMIN: _SYSTEM_ADMIN,
}

GENERAL_SECRETARIAT = "XG"
"""Bureau code of the General Secretariat: in ISO 3166-1's user-assigned range, never a country."""

SECRETARIAT_ONLY_ROLES = frozenset({Role.SECRETARIAT_REVIEWER, Role.SYSTEM_ADMIN})


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    bureau: str
    roles: frozenset[Role]
    token_id: int | None = None
    permissions: frozenset[Permission] = field(init=False)

    def __post_init__(self) -> None:
        granted: frozenset[Permission] = frozenset()
        for role in self.roles:
            granted |= ROLE_PERMISSIONS[role]
        object.__setattr__(self, "permissions", granted)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        if permission not in self.permissions:
            roles = ", ".join(sorted(self.roles)) or "none"
            raise PermissionDenied(
                f"permission '{permission}' is required; your roles ({roles}) do not grant it",
                permission=str(permission),
            )

    def require_bureau(
        self, bureau: str, permission: Permission, global_permission: Permission
    ) -> None:
        """Allow ``permission`` on one's own bureau, or ``global_permission`` on any bureau."""
        if self.can(global_permission):
            return
        self.require(permission)
        if bureau != self.bureau:
            raise PermissionDenied(
                f"permission '{permission}' applies to your own bureau ({self.bureau}) only, "
                f"not to {bureau}",
                permission=str(permission),
            )
