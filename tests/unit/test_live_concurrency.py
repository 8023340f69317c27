"""50 simulated trainees in separate processes answering at once lose no answer and the counts are exact.

Each worker process opens its own :class:`LiveStore` (as each trainee's kernel does), waits on a
shared barrier so that every process answers at the same moment, answers once for each of its
trainees and, for every other trainee, changes the answer once. The facilitator's counts must
then add up to exactly one answer per trainee, with the final choices.

Starting a Python process costs about a second of CPU here (SQLAlchemy and pytest are imported
in each), so 50 processes would take far too long on 2 cores: a pool of ``PROCESSES`` processes
plays the 50 trainees, each process answering for its trainees from threads of its own, all
released by the same barrier.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from collections import Counter
from multiprocessing.synchronize import Barrier
from typing import Any

from curriculum.stores.live import PREFER_NOT, LiveStore

TRAINEES = 50
PROCESSES = 10
OPTIONS = [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]
OPTION_IDS = [option_id for option_id, _label in OPTIONS] + [PREFER_NOT]
WAIT_S = 120.0
"""How long a process waits at the barrier, and the test for the answers, before giving up (a busy machine)."""


def first_choice(number: int) -> str:
    return OPTION_IDS[number % len(OPTION_IDS)]


def final_choice(number: int) -> str:
    """Even-numbered trainees change their mind once, to the next option."""
    return OPTION_IDS[(number + 1) % len(OPTION_IDS)] if number % 2 == 0 else first_choice(number)


def answer_at_once(url: str, poll_id: int, trainees: list[tuple[int, str]], barrier: Barrier, report: Any) -> None:
    """One worker process: its own store, then every trainee it plays answers as soon as the barrier opens."""
    store = LiveStore(url)
    try:
        # Check the connection (and the schema) before the race, not during it.
        store.schema_version()

        def trainee(number: int, token: str) -> None:
            try:
                store.answer(poll_id, token, first_choice(number))
                if final_choice(number) != first_choice(number):
                    store.answer(poll_id, token, final_choice(number))
            except Exception as error:  # reported to the test, which fails with it
                report.put((number, f"{type(error).__name__}: {error}"))
            else:
                report.put((number, "ok"))

        threads = [threading.Thread(target=trainee, args=pair) for pair in trainees]
        barrier.wait(WAIT_S)
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        store.close()


def collect(report: Any, workers: list[Any]) -> dict[int, str]:
    """Every trainee's outcome, as the processes report them; stops early if every process has exited."""
    outcomes: dict[int, str] = {}
    deadline = time.monotonic() + WAIT_S
    while len(outcomes) < TRAINEES and time.monotonic() < deadline:
        try:
            number, outcome = report.get(timeout=1)
        except queue.Empty:
            if not any(worker.is_alive() for worker in workers):
                break
            continue
        outcomes[number] = outcome
    return outcomes


def test_fifty_trainees_in_separate_processes_answering_at_once_lose_no_answer(url: str) -> None:
    with LiveStore(url) as facilitator:
        new = facilitator.create_session("hurt-harm-abuse")
        poll_id = facilitator.open_poll(new.session_id, new.facilitator_key, "classify", "Which is it?", OPTIONS)
        tokens = [facilitator.join(new.join_code).token for _ in range(TRAINEES)]

        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(PROCESSES)
        report = context.Queue()
        trainees = list(enumerate(tokens))
        workers = [
            context.Process(
                target=answer_at_once, args=(url, poll_id, trainees[p::PROCESSES], barrier, report), daemon=True
            )
            for p in range(PROCESSES)
        ]
        try:
            for worker in workers:
                worker.start()
            outcomes = collect(report, workers)
            for worker in workers:
                worker.join(WAIT_S)
        finally:
            for worker in workers:
                if worker.is_alive():
                    worker.terminate()
        assert outcomes == dict.fromkeys(range(TRAINEES), "ok")
        assert [worker.exitcode for worker in workers] == [0] * PROCESSES

        results = facilitator.results(poll_id, new.facilitator_key)
        expected = Counter(final_choice(number) for number in range(TRAINEES))
        assert results.total == TRAINEES and results.shown
        assert {count.option_id: count.count for count in results.counts} == {o: expected[o] for o in OPTION_IDS}
        assert sum(1 for n in range(TRAINEES) if final_choice(n) != first_choice(n)) == TRAINEES // 2
        # Each trainee's own answer is the last one they gave: none was lost or mixed up.
        assert [facilitator.my_answer(poll_id, token) for token in tokens] == [final_choice(n) for n in range(TRAINEES)]
