"""Bilingual text: Bahasa Indonesia first, English on request."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["id", "en"]


class LocalizedText(BaseModel):
    """A text in Bahasa Indonesia (`id`, the default) and English (`en`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, description="Bahasa Indonesia")
    en: str = Field(min_length=1, description="English")

    def get(self, lang: Lang) -> str:
        """The text in `lang`."""
        return self.id if lang == "id" else self.en


def bi(id_text: str, en_text: str) -> LocalizedText:
    """Shorthand for a LocalizedText built in code."""
    return LocalizedText(id=id_text, en=en_text)
