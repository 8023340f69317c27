"""Live sessions: answers per second the store accepts, and how soon the facilitator's page shows one.

Run with ``.venv/bin/python bench/live.py [POSTGRESQL_URL]`` (or ``make live-bench``).

(a) Throughput. Worker processes (each with its own :class:`LiveStore`, as each trainee's
    kernel has) play 50 trainees; in each round the bench opens a poll and every trainee
    answers it at once (a barrier releases them all). Answers per second = answers accepted
    ÷ the time from the release to the last answer. On SQLite (a temp file), and on
    PostgreSQL when a URL is given (argument, else ``HARM_REPAIR_DATABASE_URL``), in a
    schema of its own that is dropped afterwards.
(b) Delay. Voilà serves the facilitator page in headless Chromium; the bench starts a
    session and opens a poll by clicking, then answers through the store on the same SQLite
    file and times how long the page takes to show the new count ("N answers so far"). The
    page looks on every facilitator tick. Budget (issue 6): an answer shows within 1 second.

The script reports; it always exits 0. Results go to ``bench/results/live-latest.json``.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import queue
import random
import re
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

import sqlalchemy as sa  # noqa: E402

from bench.report import fmt, print_rows, run, verdict, write_results  # noqa: E402
from curriculum.stores.live import DATABASE_URL_ENV, LiveStore, make_engine  # noqa: E402
from widgets import live_common  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results" / "live-latest.json"
MODULE = "hurt-harm-abuse"
FACILITATOR_PATH = "/voila/render/facilitator.ipynb"
OPTIONS = [("hurt", "Hurt"), ("harm", "Harm"), ("abuse", "Abuse")]
TRAINEES = 50
PROCESSES = 10
ROUNDS = 5
REPEATS = 10
WARMUPS = 1
BUDGET_S = 1.0
WAIT_S = 120.0
"""How long anything waits (a barrier, the page) before the bench gives up on that part."""
READY_TIMEOUT_MS = 120_000

FACILITATOR_TICK_S = float(getattr(live_common, "FACILITATOR_TICK_SECONDS", live_common.TICK_SECONDS))
"""The facilitator page's tick, whatever this checkout sets it to."""


# --- (a) throughput ------------------------------------------------------------------------------


def play_trainees(url: str, tokens: list[str], rounds: int, poll: Any, barrier: Any, errors: Any) -> None:
    """A worker process: its own store; each round, all its trainees answer at once (one thread each)."""
    store = LiveStore(url)
    try:
        store.schema_version()  # connect before the race, not during it

        def trainee(number: int, token: str, poll_id: int) -> None:
            try:
                store.answer(poll_id, token, OPTIONS[number % len(OPTIONS)][0])
            except Exception as error:
                errors.put(f"{type(error).__name__}: {error}")

        for _round in range(rounds):
            barrier.wait(WAIT_S)  # the poll is open: go
            threads = [threading.Thread(target=trainee, args=(n, t, poll.value)) for n, t in enumerate(tokens)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            barrier.wait(WAIT_S)  # every answer of this round is in
    finally:
        store.close()


def throughput(url: str, processes: int, rounds: int) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    with LiveStore(url) as facilitator:
        new = facilitator.create_session(MODULE)
        tokens = [facilitator.join(new.join_code).token for _ in range(TRAINEES)]
        poll = context.Value("q", 0)
        barrier = context.Barrier(processes + 1)
        errors = context.Queue()
        workers = [
            context.Process(
                target=play_trainees, args=(url, tokens[p::processes], rounds, poll, barrier, errors), daemon=True
            )
            for p in range(processes)
        ]
        seconds: list[float] = []
        accepted: list[int] = []
        try:
            for worker in workers:
                worker.start()
            for number in range(rounds):
                poll_id = facilitator.open_poll(
                    new.session_id, new.facilitator_key, "classify", f"Round {number + 1}: which is it?", OPTIONS
                )
                poll.value = poll_id
                barrier.wait(WAIT_S)
                start = time.perf_counter()
                barrier.wait(WAIT_S)
                seconds.append(time.perf_counter() - start)
                accepted.append(facilitator.results(poll_id, new.facilitator_key).total)
            for worker in workers:
                worker.join(WAIT_S)
        finally:
            for worker in workers:
                if worker.is_alive():
                    worker.terminate()
            facilitator.end_session(new.session_id, new.facilitator_key)
        failures = []
        while True:
            try:
                failures.append(errors.get(timeout=0.2))
            except queue.Empty:
                break
    rates = [count / elapsed for count, elapsed in zip(accepted, seconds, strict=True)]
    return {
        "processes": processes,
        "trainees": TRAINEES,
        "rounds": rounds,
        "answers_sent": TRAINEES * rounds,
        "answers_accepted": sum(accepted),
        "errors": failures[:10],
        "error_count": len(failures),
        "round_seconds": seconds,
        "answers_per_second_by_round": rates,
        "answers_per_second": sum(accepted) / sum(seconds),
        "median_round_answers_per_second": statistics.median(rates),
    }


def postgres_throughput(url: str, processes: int, rounds: int) -> dict[str, Any]:
    """The throughput run in a schema of its own, dropped afterwards, so the database is left as it was."""
    schema = f"bench_{secrets.token_hex(6)}"
    admin = make_engine(url)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        try:
            scoped = (
                sa.make_url(url)
                .update_query_dict({"options": f"-csearch_path={schema}"})
                .render_as_string(hide_password=False)
            )
            return throughput(scoped, processes, rounds)
        finally:
            with admin.begin() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    finally:
        admin.dispose()


# --- (b) delay to the facilitator's page ----------------------------------------------------------

# Sets window.__hrSeen to the browser's clock (ms since the epoch) when the poll's status first
# says "N answer(s) so far": a MutationObserver sees the change as soon as the widget renders it.
WATCH_JS = r"""(n) => {
    window.__hrSeen = 0;
    const box = document.querySelector(".hr-polls");
    const wanted = new RegExp("(^|\\D)" + n + " answers? so far");
    const shown = () => Array.from(box.querySelectorAll("[role=status]")).some((el) => wanted.test(el.textContent));
    if (shown()) { window.__hrSeen = Date.now(); return; }
    const observer = new MutationObserver(() => {
        if (shown()) { observer.disconnect(); window.__hrSeen = Date.now(); }
    });
    observer.observe(box, {subtree: true, childList: true, characterData: true});
}"""


def page_delays(repeats: int) -> dict[str, Any]:
    # Playwright and the browser helpers are imported here, so the worker processes of (a) stay light.
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import chromium_path, launch_chromium, start_voila, stop_voila, wait_ready

    data_dir = Path(tempfile.mkdtemp(prefix="harm-repair-live-bench-"))
    # An empty database URL makes the kernels use SQLite in the data folder, whatever the shell sets.
    env = {"HARM_REPAIR_DATA_DIR": str(data_dir), DATABASE_URL_ENV: ""}
    process, base = start_voila(log_path=data_dir / "voila.log", env=env)
    delays: list[float] = []
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + FACILITATOR_PATH, timeout=READY_TIMEOUT_MS)
                wait_ready(page, ".hr-facilitator", timeout=READY_TIMEOUT_MS)
                page.get_by_role("button", name="Start a session").click()
                code_box = page.locator(".hr-join-code")
                code_box.wait_for(state="visible", timeout=READY_TIMEOUT_MS)
                join_code = re.sub(r"\s", "", code_box.inner_text())
                page.get_by_role("button", name="Open this poll").click()
                page.locator(".hr-polls [role=status]", has_text="0 answers so far").first.wait_for(
                    timeout=READY_TIMEOUT_MS
                )
                with LiveStore("sqlite:///" + str(data_dir / "live.sqlite3")) as store:
                    trainees = [store.join(join_code) for _ in range(WARMUPS + repeats)]
                    current = store.current_poll(trainees[0].session_id)
                    if current is None:
                        raise RuntimeError("the page opened no poll")
                    for number, trainee in enumerate(trainees, start=1):
                        # Answer at a random moment of the tick, so the runs sample every phase of it.
                        time.sleep(random.uniform(0.2, 0.2 + FACILITATOR_TICK_S))
                        page.evaluate(WATCH_JS, number)
                        store.answer(current.poll_id, trainee.token, "harm")
                        answered = time.time()
                        page.wait_for_function("() => window.__hrSeen > 0", timeout=WAIT_S * 1000)
                        shown_ms = page.evaluate("() => window.__hrSeen")
                        if number > WARMUPS:
                            delays.append(max(0.0, shown_ms / 1000 - answered))
            finally:
                browser.close()
    finally:
        stop_voila(process)
        shutil.rmtree(data_dir, ignore_errors=True)
    return {
        "delays_s": delays,
        "median_s": statistics.median(delays),
        "max_s": max(delays),
        "budget_s": BUDGET_S,
        "within_budget": max(delays) <= BUDGET_S,
        "facilitator_tick_s": FACILITATOR_TICK_S,
        "chromium": chromium_path(),
    }


# --- report ---------------------------------------------------------------------------------------


def attempt(what: str, run: Any, *args: Any) -> dict[str, Any]:
    """Run one part; a part that cannot run is reported (as an error) and the others still run."""
    try:
        result: dict[str, Any] = run(*args)
        return result
    except Exception as error:  # benchmarks report, they do not fail the build
        print(f"  {what} could not run: {error!r}", file=sys.stderr)
        return {"error": repr(error)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("url", nargs="?", help=f"a PostgreSQL URL (default: ${DATABASE_URL_ENV}, if set)")
    parser.add_argument("--processes", type=int, default=PROCESSES, help="worker processes playing the trainees")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="polls every trainee answers")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="answers timed on the facilitator's page")
    parser.add_argument("--no-browser", action="store_true", help="skip (b), the page delay")
    args = parser.parse_args()
    postgres_url = args.url or os.environ.get(DATABASE_URL_ENV) or ""

    polls = f"{args.rounds} poll" + ("s" if args.rounds != 1 else "")
    print(f"\nLive sessions ({TRAINEES} trainees in {args.processes} processes, {polls})\n")
    stores: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="harm-repair-live-bench-") as folder:
        stores["sqlite"] = attempt(
            "SQLite", throughput, f"sqlite:///{Path(folder) / 'live.sqlite3'}", args.processes, args.rounds
        )
    if postgres_url:
        stores["postgresql"] = attempt("PostgreSQL", postgres_throughput, postgres_url, args.processes, args.rounds)
    delay: dict[str, Any] = (
        {"skipped": True} if args.no_browser else attempt("the page delay", page_delays, args.repeats)
    )

    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "throughput": stores,
        "page_delay": delay,
    }
    write_results(RESULTS, result)

    rows: list[tuple[str, str, str]] = []
    for name, figures in stores.items():
        if "error" in figures:
            rows.append((f"{name}: answers per second", "n/a", "could not run (see above)"))
            continue
        lost = figures["answers_sent"] - figures["answers_accepted"]
        rows += [
            (f"{name}: answers per second", fmt(figures["answers_per_second"], "", 0), "all rounds together"),
            (f"{name}: median round", fmt(figures["median_round_answers_per_second"], "", 0), "answers per second"),
            (
                f"{name}: answers accepted",
                f"{figures['answers_accepted']}/{figures['answers_sent']}",
                "none lost" if lost == 0 and not figures["error_count"] else f"{figures['error_count']} errors",
            ),
        ]
    if not postgres_url:
        rows.append(("postgresql", "skipped", f"give a URL or set {DATABASE_URL_ENV}"))
    if "error" in delay:
        rows.append(("facilitator page delay", "n/a", "could not run (see above)"))
    elif "skipped" not in delay:
        note = f"budget <= {BUDGET_S:.0f} s: {verdict(delay['max_s'], BUDGET_S)}"
        rows += [
            ("facilitator tick", fmt(delay["facilitator_tick_s"], " s"), ""),
            (f"answer to page, median of {len(delay['delays_s'])}", fmt(delay["median_s"], " s"), ""),
            ("answer to page, max", fmt(delay["max_s"], " s"), note),
        ]
    print_rows(rows, RESULTS, PROJECT_ROOT)
    return 0


if __name__ == "__main__":
    run(main)
