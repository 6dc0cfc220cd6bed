from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """No self-registration: accounts are created by the office or the host."""

    def is_open_for_signup(self, request: Any) -> bool:
        return False

    def get_login_stages(self) -> list[str]:
        """allauth's stages, with the TOTP step that knows about e-ID (tenancy.assurance)."""
        return [
            "tenancy.assurance.AuthenticateStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]
