"""Making the spoken messages' audio, offline: espeak-ng speaks each text into a WAV file
and opusenc encodes it as OGG/Opus, the format Telegram plays as a voice message.

Files are named by what they are made of (``<lang>/<message>-<key>.ogg``, the key a hash
of the voice and the text), so a changed text gets a new file and an unchanged one is not
made again. ``python -m bot audio build`` makes what is missing and removes what is stale.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.spoken import Spoken, SpokenLanguage

TOOLS = ("espeak-ng", "opusenc")
DEBIAN_PACKAGES = ("espeak-ng", "opus-tools")
WORDS_PER_MINUTE = 140  # a little slower than espeak-ng's 175: clearer to a stranger
BITRATE_KBPS = 24  # speech in mono; a few seconds stay far under the limit below
MAX_VOICE_BYTES = 1_000_000  # Telegram shows a voice message up to 1 MB as one


class AudioError(Exception):
    """The audio could not be made; the message says what to install or fix."""


@dataclass
class BuildReport:
    made: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def audio_file(folder: Path, language: SpokenLanguage, message: str) -> Path:
    return folder / language.code / f"{message}-{language.key(message)}.ogg"


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def is_ogg_opus(data: bytes) -> bool:
    """An Ogg stream whose first packet is an Opus header."""
    return data[:4] == b"OggS" and b"OpusHead" in data[:80]


def build(spoken: Spoken, folder: Path, codes: Iterable[str] | None = None) -> BuildReport:
    """Make every missing file for ``codes`` (all languages by default)."""
    if missing := missing_tools():
        raise AudioError(
            f"{' and '.join(missing)} not found: install the Debian packages "
            f"{' '.join(DEBIAN_PACKAGES)} (`make audio` does it)"
        )
    chosen = list(codes) if codes is not None else list(spoken.languages)
    unknown = [code for code in chosen if code not in spoken.languages]
    if unknown:
        raise AudioError(f"no spoken messages in {', '.join(unknown)}: see content/spoken/")
    report = BuildReport()
    for code in chosen:
        language = spoken.languages[code]
        wanted = {audio_file(folder, language, message) for message in spoken.messages}
        for message in spoken.messages:
            target = audio_file(folder, language, message)
            if target.exists():
                report.kept.append(target)
            else:
                speak(language.voice, language.texts[message], target)
                report.made.append(target)
        for old in sorted((folder / code).glob("*.ogg")):
            if old not in wanted:
                old.unlink()
                report.removed.append(old)
    return report


def speak(voice: str, text: str, target: Path) -> None:
    """``text`` spoken by espeak-ng's ``voice``, as OGG/Opus in ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        wav = Path(scratch) / "speech.wav"
        _run(["espeak-ng", "-v", voice, "-s", str(WORDS_PER_MINUTE), "-w", str(wav), text])
        partial = target.with_suffix(".part")
        _run(["opusenc", "--quiet", "--bitrate", str(BITRATE_KBPS), "--downmix-mono",
              str(wav), str(partial)])  # fmt: skip
    data = partial.read_bytes()
    if not is_ogg_opus(data) or len(data) > MAX_VOICE_BYTES:
        partial.unlink()
        raise AudioError(f"{target}: not a voice message Telegram accepts ({len(data)} bytes)")
    partial.replace(target)  # whole or not at all


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AudioError(f"{command[0]} failed: {result.stderr.strip() or result.returncode}")
