"""The Celery peer of bench/peers-jobs.ts: a no-op task, and the load client the benchmark runs.

Worker:  celery -A celery_app worker --pool prefork --concurrency 2   (cwd bench/peers, REDIS_URL in env)
Client:  python celery_app.py load N WARMUP   prints {"wallSeconds", "enqueueSeconds", "latenciesMs": [...]} on stdout
"""
import json
import os
import sys
import threading
import time

import redis
from celery import Celery
from celery.result import ResultSet

REDIS_URL = os.environ.get('REDIS_URL', 'redis://127.0.0.1:6379')
RESULT_CHANNELS = 'celery-task-meta-*'  # the Redis result backend publishes each result on its key's channel

app = Celery('celery_app', broker=REDIS_URL, backend=REDIS_URL)
app.conf.update(
    task_acks_late=True,  # ack after the task ran, so a killed worker's task is redelivered (after visibility_timeout)
    worker_prefetch_multiplier=1,  # each pool process reserves one task at a time
    broker_connection_retry_on_startup=True,
    task_serializer='json',
    result_serializer='json',
    accept_content=['json'],
)


# An explicit name: run as `python celery_app.py`, this module is __main__, the worker imports it as celery_app.
@app.task(name='celery_app.noop')
def noop(x):
    return x


class Arrivals:
    """When each result reached this process, keyed by task id.

    One thread pattern-subscribes to the result backend's channels, so every completion is timestamped as it
    arrives, while the main thread is still enqueueing. Celery's own calls would blur those times: one blocking
    AsyncResult.get() after another leaves later results unobserved while it waits; ResultSet.join_native() first
    polls the backend with MGET every 0.5 s until all are done; a pool of getter threads would add a SUBSCRIBE, a
    GET and an UNSUBSCRIBE per task and fight the enqueuer for the GIL on a 2-core machine. These messages are the
    ones Celery's result consumer waits for, so each time is when a get() of that task could return.
    """

    def __init__(self):
        self.times = {}
        self.cond = threading.Condition()
        self.pubsub = redis.Redis.from_url(REDIS_URL).pubsub()
        self.pubsub.psubscribe(RESULT_CHANNELS)
        while (self.pubsub.get_message(timeout=5) or {}).get('type') != 'psubscribe':
            pass  # subscribed before the first task is sent, so no completion is missed
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self):
        for msg in self.pubsub.listen():
            if msg['type'] != 'pmessage':
                continue
            at = time.perf_counter()
            task_id = json.loads(msg['data'])['task_id']
            with self.cond:
                self.times[task_id] = at
                self.cond.notify_all()

    def wait_for(self, ids, timeout):
        with self.cond:
            if not self.cond.wait_for(lambda: all(i in self.times for i in ids), timeout):
                raise TimeoutError(f'results still missing after {timeout} s: is the worker running?')
            return [self.times[i] for i in ids]


def run(arrivals, n, offset, timeout):
    """Enqueues n tasks back to back; wall time ends when the last result reaches this process."""
    started = time.perf_counter()
    sent, results = [], []
    for i in range(offset, offset + n):
        sent.append(time.perf_counter())
        results.append(noop.apply_async((i,)))
    enqueued = time.perf_counter() - started
    done = arrivals.wait_for([r.id for r in results], timeout)
    wall = max(done) - started
    # Then every result through Celery's API, in submission order (all are in, so its MGET returns at once).
    if ResultSet(results).join_native(timeout=30) != list(range(offset, offset + n)):
        raise RuntimeError('a task returned something other than its argument')
    return {'wallSeconds': wall, 'enqueueSeconds': enqueued, 'latenciesMs': [(d - s) * 1000 for s, d in zip(sent, done)]}


def load(n, warmup):
    arrivals = Arrivals()
    run(arrivals, warmup, 0, timeout=60)  # also waits out the worker's start: its first task waits in the queue
    json.dump(run(arrivals, n, warmup, timeout=120), sys.stdout)


if __name__ == '__main__':
    if len(sys.argv) != 4 or sys.argv[1] != 'load':
        sys.exit('usage: python celery_app.py load N WARMUP')
    load(int(sys.argv[2]), int(sys.argv[3]))
