"""What can go wrong with a class, as the store finds it. The service puts each in words."""

from __future__ import annotations

from screener.errors import ScreenerError
from screener.models.classroom import Refusal, Unavailable


class StoreUnavailable(ScreenerError):
    """The database cannot be used now: `busy` (locked by another writer past the timeout) or
    `unavailable` (down, unreachable, not writable, misconfigured). Nothing was written."""

    def __init__(self, why: Unavailable, what: str) -> None:
        super().__init__(f"{what} is {why}")
        self.why: Unavailable = why


class ClassRefused(ScreenerError):
    """The class cannot take this action now; `reason` says why."""

    def __init__(self, reason: Refusal, stage: int | None = None) -> None:
        super().__init__(reason)
        self.reason: Refusal = reason
        self.stage = stage
        """The class's current stage, when it moved on."""
