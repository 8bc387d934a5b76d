"""Slow down, then lock, a login after repeated wrong passwords.

One ``Gate`` per party: each visitor's session has its own, and the whole process shares one,
so opening new sessions does not reset the count. A gate remembers the times of the failures
in its window (``window`` seconds): up to ``free`` failures cost nothing; after that each new
attempt must wait twice as long as the previous one (1 s, 2 s, 4 s … up to ``max_delay``); from
``lock_after`` failures within the window on, attempts are refused for ``window`` seconds (then
the count starts afresh). A refused attempt is never compared with the password, so it tells
an attacker nothing.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Policy:
    """How many failures are free, when the delay starts doubling, and when the gate locks."""

    free: int
    lock_after: int
    window: float = 15 * 60.0
    base_delay: float = 1.0
    max_delay: float = 60.0


# A person mistyping gets three tries for free and is locked out after ten; a whole process
# (many sessions: an attacker opening new ones) locks after fifty failures in fifteen minutes.
SESSION_POLICY = Policy(free=3, lock_after=10)
PROCESS_POLICY = Policy(free=20, lock_after=50)


class Gate:
    """The failed attempts of one party; thread-safe (sessions run in their own threads)."""

    def __init__(self, policy: Policy, clock: Callable[[], float] = time.monotonic):
        self.policy = policy
        self._clock = clock
        self._failures: deque[float] = deque()
        self._locked_until = float("-inf")
        self._lock = threading.Lock()

    def retry_after(self) -> float:
        """Return the seconds to wait before the next attempt may be checked (0: now)."""
        with self._lock:
            now = self._clock()
            if now < self._locked_until:
                return self._locked_until - now
            self._forget(now)
            count = len(self._failures)
            if count < self.policy.free:
                return 0.0
            last = self._failures[-1]
            delay = self.policy.base_delay * 2 ** (count - self.policy.free)
            return max(0.0, last + min(delay, self.policy.max_delay) - now)

    def locked(self) -> bool:
        """Return True when the gate refuses attempts until its window has passed."""
        with self._lock:
            return self._clock() < self._locked_until

    def failed(self) -> int:
        """Record a wrong password; return the failures now counted in the window."""
        with self._lock:
            now = self._clock()
            self._forget(now)
            self._failures.append(now)
            count = len(self._failures)
            if count >= self.policy.lock_after:
                self._locked_until = now + self.policy.window
                self._failures.clear()
            return count

    def reset(self) -> None:
        """Forget the failures (after a successful login of this party)."""
        with self._lock:
            self._failures.clear()
            self._locked_until = float("-inf")

    def _forget(self, now: float) -> None:
        # Called with the lock held: failures older than the window no longer count.
        while self._failures and self._failures[0] <= now - self.policy.window:
            self._failures.popleft()


PROCESS_GATE = Gate(PROCESS_POLICY)
