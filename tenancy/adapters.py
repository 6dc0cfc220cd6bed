from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """No self-registration: accounts are created by the office or the host."""

    def is_open_for_signup(self, request: Any) -> bool:
        return False
