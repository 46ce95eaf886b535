"""A bounded memo: a dict that forgets everything when it is full.

Verdict parts that depend only on a few fact values (a rule's trace and its explanation,
the election, the instruments in force on a date) repeat across a case archive. Memoising
them makes batch evaluation fast; clearing at a size limit keeps memory bounded however
many incidents one process evaluates. Dict reads and writes are atomic under the GIL, so a
memo may be shared between threads: a race costs at most a recomputation.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Values computed once per key, forgotten all at once after `limit` keys."""

    def __init__(self, limit: int = 4096) -> None:
        self.limit = limit
        self._values: dict[K, V] = {}

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value for `key`, computed by `make()` on a miss."""
        try:
            return self._values[key]
        except KeyError:
            pass
        value = make()
        if len(self._values) >= self.limit:
            self._values.clear()
        self._values[key] = value
        return value

    def __len__(self) -> int:
        return len(self._values)
