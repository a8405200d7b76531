"""Generate ``spec.json``, the compact Bot API specification used by the request checker.

The input is the machine-readable Bot API specification from
PaulSonOfLars/telegram-bot-api-spec (``api.json``, MIT license, (c) 2020 Paul Larsen).
Only what the checker needs is kept: for every method and type its fields
(name -> types and required flag), the subtypes of parent types and, for subtypes,
the discriminator constant (e.g. ``type`` must be ``"article"``). Descriptions are dropped.

Usage (from the repository root)::

    python tests/botapi/make_spec.py [path/to/api.json] [--output path/to/spec.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_INPUT = REPO_ROOT / ".." / "shared" / "botapi" / "api-10.0.json"
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "spec.json"
SOURCE = {
    "repository": "https://github.com/PaulSonOfLars/telegram-bot-api-spec",
    "file": "api.json",
    "license": "MIT, (c) 2020 Paul Larsen",
}

# "Type of the result, must be article", 'always "user"', "must be *article*", ...
_CONSTANT_RE = re.compile(
    r"\b(?:must be|always)\s+[*\"'\u201c\u201d]?([a-z][a-z0-9_]*)[*\"'\u201c\u201d]?\.?\s*$"
)

JsonDict = dict[str, Any]


def compact_fields(fields: Iterable[Mapping[str, Any]]) -> JsonDict:
    """Map each field name to its alternative ``types`` and ``required`` flag."""
    return {
        field["name"]: {"required": bool(field["required"]), "types": list(field["types"])}
        for field in fields
    }


def constant_of(field: Mapping[str, Any]) -> str | None:
    """Return the constant a String field must hold according to its description, if any."""
    if field.get("types") != ["String"]:
        return None
    match = _CONSTANT_RE.search(field.get("description", ""))
    return match.group(1) if match else None


def find_discriminator(subtypes: list[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """Find the field that tells a parent type's subtypes apart.

    Returns ``{subtype name: {"field": ..., "value": ...}}``; empty when no field is
    a documented constant in every subtype (such unions are told apart by shape only).
    """
    candidates: list[str] | None = None
    for subtype in subtypes:
        names = [f["name"] for f in subtype.get("fields", []) if constant_of(f) is not None]
        candidates = names if candidates is None else [n for n in candidates if n in names]
    if not candidates:
        return {}
    field_name = candidates[0]
    result = {}
    for subtype in subtypes:
        field = next(f for f in subtype["fields"] if f["name"] == field_name)
        result[subtype["name"]] = {"field": field_name, "value": constant_of(field)}
    return result


def collect_discriminators(types: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """Collect the discriminator of every subtype of every parent type."""
    found: dict[str, dict[str, str]] = {}
    for parent in types.values():
        subtypes = [types[name] for name in parent.get("subtypes", [])]
        for name, discriminator in find_discriminator(subtypes).items():
            if found.setdefault(name, discriminator) != discriminator:
                raise ValueError(
                    f"{name}: conflicting discriminators {found[name]} and {discriminator}"
                )
    return found


def compact_type(
    definition: Mapping[str, Any], discriminator: Mapping[str, str] | None
) -> JsonDict:
    """Reduce one type definition to fields, subtypes and discriminator."""
    entry: JsonDict = {}
    if "subtypes" in definition:
        entry["subtypes"] = list(definition["subtypes"])
    else:
        entry["fields"] = compact_fields(definition.get("fields", []))
    if discriminator:
        entry["discriminator"] = dict(discriminator)
    return entry


def build_spec(api: Mapping[str, Any]) -> JsonDict:
    """Build the compact specification from the full ``api.json`` document."""
    types = api["types"]
    discriminators = collect_discriminators(types)
    return {
        "methods": {
            name: {"fields": compact_fields(method.get("fields", []))}
            for name, method in api["methods"].items()
        },
        "source": SOURCE,
        "types": {
            name: compact_type(definition, discriminators.get(name))
            for name, definition in types.items()
        },
        "version": api["version"],
    }


def _dump(value: Any) -> str:
    """Serialise compactly with sorted keys."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def render(spec: Mapping[str, Any]) -> str:
    """Render the spec as valid JSON with one line per method and per type."""
    lines = ["{"]
    for index, key in enumerate(sorted(spec)):
        value = spec[key]
        comma = "," if index < len(spec) - 1 else ""
        if key in ("methods", "types"):
            entries = [f"{_dump(name)}:{_dump(value[name])}" for name in sorted(value)]
            lines.append(f"{_dump(key)}:{{")
            lines.append(",\n".join(entries))
            lines.append(f"}}{comma}")
        else:
            lines.append(f"{_dump(key)}:{_dump(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "input",
        nargs="?",
        type=Path,
        default=DEFAULT_INPUT,
        help="full api.json (default: ../shared/botapi/api-10.0.json)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write the compact spec (default: next to this script)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Read the full specification and write the compact one."""
    args = parse_args(argv)
    api = json.loads(args.input.read_text(encoding="utf-8"))
    spec = build_spec(api)
    text = render(spec)
    json.loads(text)  # guard: the hand-assembled layout must stay valid JSON
    args.output.write_text(text, encoding="utf-8")
    print(
        f"{args.output}: {spec['version']}, {len(spec['methods'])} methods, "
        f"{len(spec['types'])} types, {len(text.encode())} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
