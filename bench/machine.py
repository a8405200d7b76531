"""What the benchmark ran on: numbers mean little without the machine."""

from __future__ import annotations

import os
import platform
import sqlite3
import tempfile
from pathlib import Path

import telegram


def cpu_model() -> str:
    """The CPU's model name (from /proc/cpuinfo on Linux)."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def filesystem_of(path: str) -> str:
    """The type of the filesystem holding ``path`` (from /proc/mounts), or "unknown"."""
    mounts = Path("/proc/mounts")
    if not mounts.exists():
        return "unknown"
    best, kind = "", "unknown"
    real = os.path.realpath(path)
    for line in mounts.read_text(errors="replace").splitlines():
        fields = line.split()
        if len(fields) >= 3 and real.startswith(fields[1]) and len(fields[1]) > len(best):
            best, kind = fields[1], fields[2]
    return kind


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine skews the times."""
    try:
        return ", ".join(f"{load:.2f}" for load in os.getloadavg())
    except OSError:
        return "unknown"


def describe() -> list[str]:
    """One line per fact about the machine and the software."""
    folder = tempfile.gettempdir()
    return [
        f"CPU: {cpu_model()}, {os.cpu_count()} logical CPU(s)",
        f"OS: {platform.platform()}",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"python-telegram-bot {telegram.__version__}, SQLite {sqlite3.sqlite_version}",
        f"Databases in {folder} ({filesystem_of(folder)})",
        f"Load average at the start (1, 5, 15 min): {load_average()}",
    ]
