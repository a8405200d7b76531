"""Uploaded files: Telegram's file_id of each spoken message's audio and each QR code once
uploaded, so that each file is uploaded once (the table keeps its first name,
``voice_files``). Nothing about who asked for it."""

from __future__ import annotations

from bot.storage.database import Database, failing


class VoiceFiles:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def file_id(self, audio_key: str) -> str | None:
        """Telegram's file_id for an audio file already uploaded, if any."""
        with failing("read a voice file id"):
            async with self.database.db.execute(
                "SELECT file_id FROM voice_files WHERE audio_key = ?", (audio_key,)
            ) as cursor:
                row = await cursor.fetchone()
        return str(row[0]) if row else None

    async def remember(self, audio_key: str, file_id: str) -> None:
        async with self.database.write("keep a voice file id") as db:
            await db.execute(
                "INSERT INTO voice_files (audio_key, file_id) VALUES (?, ?) "
                "ON CONFLICT (audio_key) DO UPDATE SET file_id = excluded.file_id",
                (audio_key, file_id),
            )
