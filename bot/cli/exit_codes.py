"""The command line's exit codes: one meaning each, the same for every command."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1
    BAD_INPUT = 2
    NO_NETWORK = 3
    CONFLICT = 4

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]


_MEANINGS = {
    ExitCode.OK: "done (for run: stopped cleanly by SIGTERM or SIGINT)",
    ExitCode.FAILURE: "content errors, a failure while running, or broken links",
    ExitCode.BAD_INPUT: "a configuration or usage error: a bad argument or setting, "
    "a missing or rejected token",
    ExitCode.NO_NETWORK: "check-links could reach no address at all (no network)",
    ExitCode.CONFLICT: "another instance is getting this bot's updates (Telegram's 409)",
}


def exit_codes_help() -> str:
    """The exit codes as a list, for ``--help``."""
    return "exit codes:\n" + "\n".join(f"  {code.value}  {code.meaning}" for code in ExitCode)
