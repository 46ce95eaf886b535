"""Users (administrators only), one's own API tokens, and who am I."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from pydantic import BaseModel, ConfigDict, Field

from netralitas.api.problems import ApiProblem
from netralitas.api.security import Permission, account, signed_in
from netralitas.api.services import services
from netralitas.registry.accounts import Role, add_user, create_token
from netralitas.text import bi

router = APIRouter(tags=["accounts"])


class UserIn(BaseModel):
    """A new user."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"username": "siti", "password": "kata-sandi-panjang", "role": "officer", "agency": "BKD Kabupaten Contoh"}]})
    username: str = Field(max_length=100)
    password: str = Field(max_length=200)
    role: Role
    agency: str | None = Field(None, max_length=200)


class TokenIn(BaseModel):
    """A new API token: for oneself, or (administrators) for another user."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"name": "laptop", "days": 90}]})
    name: str = Field("token", min_length=1, max_length=100)
    days: int | None = Field(None, ge=1, le=3650)
    username: str | None = Field(None, max_length=100)


@router.get("/me", summary="The caller")
def me(request: Request) -> dict[str, Any]:
    """Who the API sees (null for anonymous)."""
    who = account(request)
    return {"user": None if who is None else {"username": who.username, "role": who.role.value,
                                               "agency": who.agency}}


@router.post("/users", summary="Create a user (administrators)", status_code=201)
def create_user(request: Request, body: Annotated[UserIn, Body()]) -> dict[str, Any]:
    """Only administrators create users, of any role."""
    who = signed_in(request, Permission.ADMIN)
    made = add_user(services(request).engine, body.username, body.password, body.role, body.agency, who.username)
    return {"username": made.username, "role": made.role.value, "agency": made.agency}


@router.post("/tokens", summary="Create an API token (shown once)", status_code=201)
def create_api_token(request: Request, body: Annotated[TokenIn, Body()]) -> dict[str, Any]:
    """Anyone signed in gets tokens for themselves with their own role; administrators for anyone."""
    who = signed_in(request, Permission.EVALUATE)
    target = (body.username or who.username).strip().lower()
    if target != who.username and who.role is not Role.ADMIN:
        raise ApiProblem(403, "forbidden", bi("hanya administrator yang membuat token untuk pengguna lain",
                                              "only administrators create tokens for other users"))
    return {"username": target, "token": create_token(services(request).engine, target, body.name, who.username,
                                                       body.days)}
