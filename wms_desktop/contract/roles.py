"""Roles: named sets of permissions (``wms_desktop.domain.permissions``) that users and API keys hold."""
from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from .base import Command, Result
from .fields import Flag, Name, Permission, Role

Permissions = Annotated[list[Permission], Meta(max_length=32)]


class CreateRole(Command, frozen=True, kw_only=True):
    """A new role: its code (kept for good, like a user name), its name and permissions."""
    role_code: Role
    role_name: Name
    permissions: Permissions


class UpdateRole(Command, frozen=True, kw_only=True):
    """Rename a role or replace its permissions (None: unchanged)."""
    role_code: Role
    role_name: Name | None = None
    permissions: Permissions | None = None


class SetRoleActive(Command, frozen=True, kw_only=True):
    """A deactivated role grants nothing and is given to nobody new."""
    role_code: Role
    is_active: Flag


class RoleInfo(Result, frozen=True, kw_only=True):
    role_code: str
    role_name: str
    permissions: list[str]  # sorted
    is_active: bool
    built_in: bool  # seeded (clerk, supervisor, admin); editable like any other
