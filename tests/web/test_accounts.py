"""Passwords: the other web tests hash with a fast hasher (conftest); this one keeps the
project's own, and checks what it stores and that a login with it works."""

from __future__ import annotations

from typing import Any

from django.conf import global_settings
from django.contrib.auth.hashers import identify_hasher
from django.test import Client

from jixiao.web import settings as project_settings
from jixiao.web.accounts.services import do_add_user


def test_passwords_are_stored_with_the_projects_slow_hasher(settings: Any, db: Any) -> None:
    # The project keeps Django's default list unless its settings name one.
    settings.PASSWORD_HASHERS = getattr(
        project_settings, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS
    )
    user = do_add_user("caizheng", "bureau", "correct-horse-battery")
    algorithm, iterations, _salt, _hash = user.password.split("$")
    assert identify_hasher(user.password).algorithm == algorithm == "pbkdf2_sha256"
    assert int(iterations) >= 600_000
    assert "correct-horse-battery" not in user.password
    client = Client()
    assert not client.login(username="caizheng", password="wrong-horse-battery")
    assert client.login(username="caizheng", password="correct-horse-battery")
