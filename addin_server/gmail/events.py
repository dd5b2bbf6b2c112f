"""The event object Google POSTs to every trigger and action, read defensively.

Google omits empty parts (a homepage event has no `gmail` part, a trigger has no parameters),
so every field has a default; a wrongly typed field counts as absent rather than an error.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


class EventError(ValueError):
    """The request body is not an event object at all."""


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str))


@dataclass(frozen=True)
class AddonEvent:
    host_app: str = ""
    platform: str = ""
    parameters: Mapping[str, str] = field(default_factory=dict)
    form_inputs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    user_oauth_token: str | None = None
    system_id_token: str | None = None
    authorized_scopes: tuple[str, ...] | None = None  # None: not sent (no granular consent)
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()

    @property
    def recipients(self) -> frozenset[str]:
        return frozenset(a.strip().lower() for a in self.to + self.cc + self.bcc if a.strip())

    def form_text(self, name: str) -> str:
        """A text input's value ('' when absent)."""
        values = self.form_inputs.get(name, ())
        return values[0] if values else ""

    @classmethod
    def parse(cls, body: Any) -> "AddonEvent":
        if not isinstance(body, dict):
            raise EventError("the request body must be a JSON event object")
        common = _dict(body.get("commonEventObject"))
        auth = _dict(body.get("authorizationEventObject"))
        gmail = _dict(body.get("gmail"))
        params = {k: v for k, v in _dict(common.get("parameters")).items()
                  if isinstance(k, str) and isinstance(v, str)}
        inputs = {}
        for name, value in _dict(common.get("formInputs")).items():
            strings = _strings(_dict(_dict(value).get("stringInputs")).get("value"))
            if strings:
                inputs[name] = strings
        scopes = auth.get("authorizedScopes")
        return cls(
            host_app=str(common.get("hostApp") or ""),
            platform=str(common.get("platform") or ""),
            parameters=params,
            form_inputs=inputs,
            user_oauth_token=auth.get("userOAuthToken") if isinstance(auth.get("userOAuthToken"), str) else None,
            system_id_token=auth.get("systemIdToken") if isinstance(auth.get("systemIdToken"), str) else None,
            authorized_scopes=_strings(scopes) if isinstance(scopes, list) else None,
            to=_strings(gmail.get("toRecipients")),
            cc=_strings(gmail.get("ccRecipients")),
            bcc=_strings(gmail.get("bccRecipients")),
        )
