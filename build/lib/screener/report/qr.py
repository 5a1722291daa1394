"""The join link as a QR code for the projector (segno: pure Python, no image library)."""

from __future__ import annotations

import io

import segno

QR_SCALE = 10
"""Pixels per module: large enough to scan from the back of a lecture hall once projected."""


def qr_png(text: str) -> bytes:
    """`text` as a PNG QR code, with medium error correction (a projector's glare and a
    phone's blur still read it)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=QR_SCALE, border=2)
    return out.getvalue()
