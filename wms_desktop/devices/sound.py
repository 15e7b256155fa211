"""Short tones a clerk hears on every scan: a high blip when it was taken, a low double buzz when
it was refused. Qt Multimedia is not in PySide6-Essentials, so the tones are small WAV files
handed to the platform's own player, without waiting for it: ``winsound`` on Windows,
``afplay`` on macOS, ``pw-play`` / ``paplay`` / ``aplay`` on Linux. Without a player
``available`` is False and the caller falls back (the system bell for a refusal)."""
from __future__ import annotations

import io
import math
import shutil
import struct
import subprocess
import sys
import wave
from pathlib import Path

RATE = 22_050
# (Hz, ms) segments; 0 Hz is a pause
TONES = {"accept": ((1_760, 60),), "reject": ((330, 110), (0, 50), (330, 110))}
PLAYERS = ("pw-play", "paplay", "aplay", "afplay")


def tone_wav(segments: tuple[tuple[int, int], ...], volume: float = 0.4) -> bytes:
    """A mono 16-bit WAV of ``segments``, each faded in and out over 5 ms (no clicks)."""
    frames = bytearray()
    for hz, ms in segments:
        count = RATE * ms // 1000
        fade = RATE * 5 // 1000
        for i in range(count):
            ramp = min(1.0, i / fade, (count - 1 - i) / fade) if fade else 1.0
            value = volume * ramp * math.sin(2 * math.pi * hz * i / RATE) if hz else 0.0
            frames += struct.pack("<h", int(value * 32_767))
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(bytes(frames))
    return out.getvalue()


class TonePlayer:
    """Plays the named tones (``accept``, ``reject``) asynchronously: a call returns at once."""

    def __init__(self, directory: Path, player: str | None = None) -> None:
        self.directory = directory
        self.player = player if player is not None else _find_player()
        self._running: list[subprocess.Popen] = []

    @property
    def available(self) -> bool:
        return sys.platform == "win32" or bool(self.player)

    def _file(self, name: str) -> Path:
        path = self.directory / f"scan-{name}.wav"
        if not path.exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            path.write_bytes(tone_wav(TONES[name]))
        return path

    def play(self, name: str) -> bool:
        """Start the tone; False when there is no way to play it here."""
        if not self.available:
            return False
        path = self._file(name)
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT)
            return True
        self._running = [p for p in self._running if p.poll() is None]  # reap the finished ones
        try:
            self._running.append(subprocess.Popen([self.player, str(path)], stdin=subprocess.DEVNULL,
                                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        except OSError:
            return False
        return True


def _find_player() -> str:
    return next((found for name in PLAYERS if (found := shutil.which(name))), "")
