"""Workstation users and sign-in."""
from __future__ import annotations

from typing import Annotated, Any

from msgspec import Meta

from ..domain import fields as f
from ..domain.errors import invalid
from .base import Command, Result
from .fields import Code, Flag, Name, Role

PASSWORD_MIN = 8
PASSWORD_MAX = 256  # argon2 takes any length; this only stops a pasted novel


def _new_password(name: str, value: Any) -> str:
    """Any printable text of 8 … 256 characters (spaces allowed, nothing trimmed)."""
    value = f.text(PASSWORD_MAX)(name, value)
    if len(value) < PASSWORD_MIN:
        raise invalid(name, f"must be at least {PASSWORD_MIN} characters", min_length=PASSWORD_MIN)
    return value


NewPassword = Annotated[str, Meta(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX), _new_password]
# what a sign-in form sends: checked against the hash, so only its type and size matter
GivenPassword = Annotated[str, Meta(max_length=PASSWORD_MAX), f.text(PASSWORD_MAX)]
WAREHOUSES_MAX = 200
WarehouseCodes = Annotated[list[Code], Meta(max_length=WAREHOUSES_MAX)]


class CreateUser(Command, frozen=True, kw_only=True):
    user_name: Code
    password: NewPassword
    display_name: Name
    role: Role
    warehouse_codes: WarehouseCodes | None = None  # where they may sign in; None: the workstation's


class SetRole(Command, frozen=True, kw_only=True):
    user_name: Code
    role: Role


class SetWarehouses(Command, frozen=True, kw_only=True):
    """Replace the warehouses a user may sign in to (an administrator may sign in anywhere)."""
    user_name: Code
    warehouse_codes: WarehouseCodes


class Login(Command, frozen=True, kw_only=True):
    user_name: Code
    password: GivenPassword


class SetActive(Command, frozen=True, kw_only=True):
    user_name: Code
    is_active: Flag


class ChangePassword(Command, frozen=True, kw_only=True):
    user_name: Code
    old_password: GivenPassword
    new_password: NewPassword


class User(Result, frozen=True, kw_only=True):
    user_id: int
    user_name: str
    display_name: str
    role: str
    is_active: bool
    created_at: str | None
    warehouse_codes: list[str] = []


class SignedIn(Result, frozen=True, kw_only=True):
    user_id: int
    user_name: str
    display_name: str
    role: str
    permissions: list[str] = []  # the role's, at sign-in (the services check them again at every call)
