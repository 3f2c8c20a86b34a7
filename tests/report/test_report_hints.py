"""Fix hints: the first matching rule wins."""
import pytest

import report_helpers  # noqa: F401  (puts scripts/ on the path)

from leakrig_report.hints import FALLBACK, fix_hint


@pytest.mark.parametrize("name, wait, function, want", [
    ("unbuffered send", "chan send", "x/unbufferedsend.LeakyHandler.func1", "buffer of 1"),
    ("nil channel send", "chan send (nil chan)", "x/nilchannel.report", "channel is nil"),
    ("nil channel receive", "chan receive (nil chan)", "x/nilchannel.drain", "channel is nil"),
    ("range over unclosed", "chan receive", "x/rangeunclosed.index", "close the channel"),
    ("forgotten unlock", "sync.Mutex.Lock", "x/forgottenunlock.(*Store).LeakyRecord", "defer mu.Unlock()"),
    ("rwmutex read", "sync.RWMutex.RLock", "x.f", "defer mu.Unlock()"),
    ("go 1.19 mutex", "semacquire", "x.f", "defer mu.Unlock()"),
    ("waitgroup", "sync.WaitGroup.Wait", "x/waitgroupmisuse.closer", "defer wg.Done()"),
    ("response body", "select", "net/http.(*persistConn).readLoop", "close every response body"),
    ("worker loop", "select", "x/workernoexit.worker", "ctx.Done()"),
    ("select forever", "select (no cases)", "x.f", "select {}"),
    ("network", "IO wait", "x.f", "deadlines"),
    ("sleep loop", "sleep", "x.f", "time.Ticker"),
])
def test_hint_matches_the_pattern(name, wait, function, want):
    assert want in fix_hint(wait, function), name


def test_unknown_wait_reason_gets_the_general_hint():
    assert fix_hint("GC worker (idle)", "runtime.gcBgMarkWorker") == FALLBACK
