"""Fix hints: what usually cures a goroutine stuck where a suspect is.

The first rule whose wait-reason and top-function patterns both match wins,
so specific rules (a nil channel, an HTTP client connection) come before the
general ones for their wait reason.
"""

from __future__ import annotations

import dataclasses
import re


@dataclasses.dataclass(frozen=True)
class Rule:
    wait: str  # regex, full match against the wait reason
    function: str  # regex, searched in the top function
    hint: str


RULES = (
    Rule(r"chan (send|receive) \(nil chan\)", "",
         "The channel is nil: make it before use (a zero-value struct's channel field is nil), "
         "or make sure the code path that assigns it always runs."),
    Rule(r"select|IO wait", r"net/http\.\(\*persistConn\)\.(readLoop|writeLoop)",
         "An HTTP client connection is never given back: close every response body "
         "(defer resp.Body.Close(), after reading it to the end) and reuse one http.Client "
         "instead of a new Transport per call."),
    Rule(r"sync\.(RW)?Mutex\.R?Lock|semacquire", r"",
         "A lock is never released on some path: call defer mu.Unlock() right after mu.Lock(), "
         "so every return path, early or panicking, releases it."),
    Rule(r"sync\.WaitGroup\.Wait", "",
         "Wait never reaches zero: put defer wg.Done() first in every goroutine that was Add()ed, "
         "so error paths call it too; give the waiter a ctx.Done() way out."),
    Rule(r"sync\.Cond\.Wait", "",
         "Nobody signals the condition any more: Broadcast on shutdown, or replace the Cond "
         "with a channel that can be closed."),
    Rule(r"chan send", "",
         "A send nobody receives: give a single-result channel a buffer of 1, "
         "or select on the send and <-ctx.Done() so the sender gives up with its caller."),
    Rule(r"chan receive", "",
         "A receive nobody satisfies: the producer must close the channel when it is done "
         "(defer close(ch)) or the receiver must select on <-ctx.Done(); pass the request's "
         "context down instead of context.Background(). A watchdog on time.After lingers for "
         "its whole timeout: stop a time.NewTimer instead."),
    Rule(r"select", "",
         "A select with no way out: add a case <-ctx.Done() (or a closed done channel) that "
         "returns, and cancel that context when the owner finishes."),
    Rule(r"select \(no cases\)", "",
         "select {} blocks forever by design: only use it in main, never in a per-request goroutine."),
    Rule(r"IO wait", "",
         "Blocked on the network: set deadlines (http.Server timeouts, http.Client.Timeout, "
         "SetReadDeadline) and close connections you open."),
    Rule(r"sleep", "",
         "A loop sleeps without checking for shutdown: use a time.Ticker with defer Stop() and "
         "select on <-ctx.Done()."),
)

FALLBACK = ("Find what should wake this goroutine (a send, a close, an Unlock, a Done) and make sure "
            "every path does it; give the goroutine a ctx.Done() way out.")


def fix_hint(wait_reason: str, top_function: str) -> str:
    for rule in RULES:
        if re.fullmatch(rule.wait, wait_reason) and re.search(rule.function, top_function):
            return rule.hint
    return FALLBACK
