"""A session's case: the history Step back/Forward (and the browser's Back/Forward) move through,
and the PDF download that waits for a change in flight."""

from __future__ import annotations

import threading
import time

import pytest

from screener.app import case_state
from screener.app.case_state import Case
from screener.models import Profile

A, B, C = (Profile(findings=(f,)) for f in ("a", "b", "c"))


def test_each_change_is_a_step_back_and_forward_move_through_them() -> None:
    case = Case()
    assert case.profile == Profile() and not case.can_step_back
    for profile in (A, B, C):
        assert case.commit(profile)
    assert not case.commit(C), "the same case again is not a step"
    assert case.step(-1) and case.profile == B
    assert case.change == (C, B)
    assert case.step(-1) and case.step(-1) and case.profile == Profile()
    assert not case.step(-1)
    assert case.step(1) and case.profile == A and case.can_step_forward


def test_a_new_change_after_stepping_back_drops_the_steps_ahead() -> None:
    case = Case()
    for profile in (A, B, C):
        case.commit(profile)
    case.step(-1)
    case.commit(A)
    assert case.history == [Profile(), A, B, A] and not case.can_step_forward


def test_the_browser_going_back_or_forward_moves_to_the_neighbouring_step() -> None:
    case = Case()
    for profile in (A, B):
        case.commit(profile)
    case.go_to(A)
    assert case.profile == A and case.can_step_forward
    case.go_to(B)
    assert case.profile == B and len(case.history) == 3
    case.go_to(C)  # an address that is no neighbour: a new step
    assert case.history[-1] == C and case.profile == C


def test_the_history_keeps_the_latest_steps_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(case_state, "MAX_HISTORY", 3)
    case = Case()
    for profile in (A, B, C):
        case.commit(profile)
    assert case.history == [A, B, C] and case.profile == C


def test_a_download_waits_for_the_change_in_flight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(case_state, "PDF_GRACE_S", 0.0)
    case = Case()
    case.commit(A)
    case.settle()
    case.commit(B)  # a change whose results are not drawn yet
    got: list[Profile] = []
    waiting = threading.Thread(target=lambda: got.append(case.profile_for_download()))
    waiting.start()
    time.sleep(0.05)
    assert got == [], "still preparing while the page redraws"
    case.settle()
    waiting.join(timeout=5)
    assert got == [B]
