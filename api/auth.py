"""Who is asking: API keys for staff tools, JWTs for shoppers, and what each may do.

Roles, from least to most trusted::

    anonymous        reads the catalog
    shopper          + their own recommendations, history and account deletion
    catalog_manager  + catalog writes and ``ask``; any shopper's data for support
    admin            + everything

Credentials come as ``X-API-Key: <key>`` or ``Authorization: Bearer <jwt>`` (HS256, claims
``sub``, ``role``, ``exp``). Bad credentials are an error, never a silent downgrade to anonymous.

A JWT only ever says which shopper is asking: its ``role`` must be ``shopper``. Staff rights come
from API keys alone, so whatever signs shoppers' tokens (the shop's login) can never mint staff
access, and a token claiming a staff role is refused outright.
"""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass
from enum import IntEnum

import jwt

from api import errors
from api.settings import ApiSettings
from borderless.errors import ApiError


class Role(IntEnum):
    """Roles ordered by trust, so ``role >= Role.CATALOG_MANAGER`` reads naturally."""

    ANONYMOUS = 0
    SHOPPER = 1
    CATALOG_MANAGER = 2
    ADMIN = 3


# The one role a JWT may carry.
JWT_ROLE = "shopper"


@dataclass(frozen=True)
class Principal:
    """The caller of one request: their role and, for a shopper, their shopper id."""

    role: Role
    subject: str | None = None

    def require(self, role: Role, action: str) -> None:
        """Raise unless the caller holds ``role`` or a more trusted one."""
        if self.role >= role:
            return
        code = errors.UNAUTHENTICATED if self.role is Role.ANONYMOUS else errors.FORBIDDEN
        raise ApiError(code, f"{action} needs the {role.name.lower()} role or higher")

    def require_shopper(self, shopper_id: str, action: str) -> None:
        """Raise unless the caller is that shopper, or staff."""
        if self.role >= Role.CATALOG_MANAGER:
            return
        if self.role is Role.SHOPPER and self.subject == shopper_id:
            return
        if self.role is Role.ANONYMOUS:
            raise ApiError(errors.UNAUTHENTICATED, f"{action} needs a signed-in shopper")
        raise ApiError(errors.FORBIDDEN, f"{action}: a shopper may only see their own data")


ANONYMOUS = Principal(Role.ANONYMOUS)


def authenticate(api_key: str | None, authorization: str | None, api: ApiSettings) -> Principal:
    """The principal the request's headers prove.

    Raises:
        ApiError: UNAUTHENTICATED when credentials are present but invalid.
    """
    if api_key:
        for known, role in api.api_keys.items():
            if hmac.compare_digest(api_key.encode(), known.encode()):
                return Principal(Role[role.upper()], subject=f"key:{role}")
        raise ApiError(errors.UNAUTHENTICATED, "unknown API key")
    if not authorization:
        return ANONYMOUS
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(errors.UNAUTHENTICATED, "Authorization must be 'Bearer <token>'")
    return _from_jwt(token.strip(), api)


def _from_jwt(token: str, api: ApiSettings) -> Principal:
    if api.jwt_secret is None:
        raise ApiError(errors.UNAUTHENTICATED, "this server does not accept JWTs")
    try:
        claims = jwt.decode(
            token, api.jwt_secret.get_secret_value(), algorithms=["HS256"],
            issuer=api.jwt_issuer, options={"require": ["sub", "exp", "role"]},
        )
    except jwt.PyJWTError as e:
        raise ApiError(errors.UNAUTHENTICATED, f"invalid token: {e}") from e
    if claims["role"] != JWT_ROLE:
        # Exact match only: no case folding, no lists, no staff role under any spelling.
        raise ApiError(errors.UNAUTHENTICATED,
                       "a JWT identifies a shopper only (role 'shopper'); staff tools use X-API-Key")
    if not isinstance(claims["sub"], str) or not claims["sub"]:
        raise ApiError(errors.UNAUTHENTICATED, "a JWT's sub must be the shopper's id")
    return Principal(Role.SHOPPER, subject=claims["sub"])


def issue_token(api: ApiSettings, subject: str, role: str = JWT_ROLE, ttl_s: int = 3600) -> str:
    """A signed shopper JWT for ``subject`` (a shopper id); used by tests and tooling."""
    if api.jwt_secret is None:
        raise ApiError(errors.UNAUTHENTICATED, "BORDERLESS_JWT_SECRET is not set")
    if role != JWT_ROLE:
        raise errors.invalid("role", f"{JWT_ROLE!r} (staff use API keys)", role)
    now = int(time.time())
    claims = {"sub": subject, "role": role, "iss": api.jwt_issuer, "iat": now, "exp": now + ttl_s}
    return jwt.encode(claims, api.jwt_secret.get_secret_value(), algorithm="HS256")
