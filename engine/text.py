"""Bilingual text: Bahasa Indonesia first, English on request."""

from __future__ import annotations

from functools import lru_cache
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


@lru_cache(maxsize=8192)
def bi(id_text: str, en_text: str) -> LocalizedText:
    """Shorthand for a LocalizedText built in code (not validated: code never builds an empty text).

    Texts are immutable, so the same pair is one shared object."""
    return LocalizedText.model_construct(id=id_text, en=en_text)
