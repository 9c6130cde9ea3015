"""Secrets, as PyAirbyte's ``airbyte.secrets``: :func:`get_secret` and :class:`SecretString`."""

from __future__ import annotations

import getpass
import sys

from airbyte_cloud._native import capi
from airbyte_cloud.exceptions import AirbyteMissingResourceError, PyAirbyteSecretNotFoundError


class SecretString(str):
    """A string that does not show its value in ``repr()`` (and so not in tracebacks or logs)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<SecretString: ****>"

    def is_empty(self) -> bool:
        return len(self) == 0


def get_secret(secret_name: str, /, *, allow_prompt: bool = True) -> SecretString:
    """Get a secret from the environment, or by prompting for it on a terminal.

    The environment is read by the library (abc_secret_get), so the same variables serve C, the
    CLI and Python. When the variable is unset or empty, the user is asked without echo if
    ``allow_prompt`` and both stdin and stdout are terminals; otherwise
    :class:`~airbyte_cloud.exceptions.PyAirbyteSecretNotFoundError` is raised, naming the
    variable (never a value).
    """
    try:
        return SecretString(capi.abc_secret_get(secret_name))
    except AirbyteMissingResourceError:
        pass
    if allow_prompt and sys.stdin.isatty() and sys.stdout.isatty():
        value = getpass.getpass(f"Enter the value for secret '{secret_name}': ")
        if value:
            return SecretString(value)
    raise PyAirbyteSecretNotFoundError(secret_name=secret_name,
                                       sources=["env", "prompt"] if allow_prompt else ["env"])
