"""Time to interactive and kernel memory: a module page against a bare one-button Voilà page.

Run with ``.venv/bin/python bench/tti.py`` (or ``make bench``). One Voilà server (the project's
voila.json, template and culler) serves a temp folder holding copies of ``modules/*.ipynb``
and ``bench/bare.ipynb``. Each page gets one warm-up load and then LOADS measured loads, each
in a fresh headless Chromium context. The script reports; it always exits 0. Results go to
``bench/results/tti-latest.json``. See bench/README.md.
"""

from __future__ import annotations

import contextlib
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import psutil
from playwright.sync_api import Browser, Page, sync_playwright

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from bench.report import fmt, print_rows, run, verdict, write_results  # noqa: E402
from curriculum.content import load_curriculum  # noqa: E402
from curriculum.paths import modules_dir  # noqa: E402
from tests.browser.helpers import (  # noqa: E402
    READY_TIMEOUT_MS,
    chromium_path,
    launch_chromium,
    start_voila,
    stop_voila,
    wait_module_ready,
)

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results" / "tti-latest.json"
MODULE = "hurt-harm-abuse.ipynb"
BARE = "bare.ipynb"
WARMUPS = 1
LOADS = 7
TTI_BUDGET = 1.25
RSS_BUDGET = 1.35
#: After the page is interactive, let the kernel settle before reading its memory.
SETTLE_S = 1.0


def wait_bare_ready(page: Page) -> None:
    page.get_by_role("button", name="Click me").wait_for(state="visible", timeout=READY_TIMEOUT_MS)


def kernel_processes(server: psutil.Process) -> list[psutil.Process]:
    kernels = []
    for child in server.children(recursive=True):
        try:
            if any("ipykernel_launcher" in part for part in child.cmdline()):
                kernels.append(child)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return kernels


def newest_kernel(server: psutil.Process, known: set[int]) -> psutil.Process | None:
    fresh = [k for k in kernel_processes(server) if k.pid not in known]
    candidates = fresh or kernel_processes(server)
    return max(candidates, key=lambda k: k.create_time()) if candidates else None


def kernel_id(process: psutil.Process) -> str | None:
    """The kernel id from the ``kernel-<id>.json`` connection file on the command line."""
    for part in process.cmdline():
        name = Path(part).name
        if name.startswith("kernel-") and name.endswith(".json"):
            return name[len("kernel-") : -len(".json")]
    return None


def shut_down_kernel(page: Page, kid: str | None) -> bool:
    """Ask Voilà to shut the kernel down, so kernels do not pile up (the page's own beacon gets 403, pitfall 1)."""
    if not kid:
        return False
    status = page.evaluate(
        """async (kid) => {
            // Voilà sets no _xsrf cookie; tornado only checks that the cookie and the header match.
            const m = document.cookie.match(/(?:^|; )_xsrf=([^;]*)/);
            let token = m ? decodeURIComponent(m[1]) : "";
            if (!token) {
                const bytes = crypto.getRandomValues(new Uint8Array(16));
                token = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
                document.cookie = `_xsrf=${token}; path=/; SameSite=Strict`;
            }
            const headers = {"X-XSRFToken": token};
            try {
                const r = await fetch(`/api/kernels/${kid}`, {method: "DELETE", headers, credentials: "same-origin"});
                return r.status;
            } catch (e) { return 0; }
        }""",
        kid,
    )
    return status == 204


def measure(
    browser: Browser, server: psutil.Process, url: str, ready: Callable[[Page], None], runs: int
) -> dict[str, list[float] | int]:
    tti: list[float] = []
    rss: list[float] = []
    shut = 0
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        known = {k.pid for k in kernel_processes(server)}
        start = time.perf_counter()
        page.goto(url, timeout=READY_TIMEOUT_MS)
        ready(page)
        tti.append(time.perf_counter() - start)
        time.sleep(SETTLE_S)
        kernel = newest_kernel(server, known)
        if kernel is not None:
            with contextlib.suppress(psutil.NoSuchProcess):
                rss.append(kernel.memory_info().rss / 2**20)
            shut += shut_down_kernel(page, kernel_id(kernel))
        context.close()
    return {"tti_s": tti, "kernel_rss_mb": rss, "kernels_shut_down": shut}


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def module_notebooks() -> list[str]:
    """Every module in the registry, in teaching order."""
    registry = load_curriculum().registry
    return [entry.notebook for entry in registry.modules] if registry else [MODULE]


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="harm-repair-bench-"))
    for notebook in sorted(modules_dir().glob("*.ipynb")):
        shutil.copy2(notebook, root / notebook.name)
    shutil.copy2(BENCH_DIR / BARE, root / BARE)

    process, base = start_voila(root=root, log_path=root / "voila.log")
    server = psutil.Process(process.pid)
    pages: dict[str, tuple[str, Callable[[Page], None]]] = {"bare": (f"{base}/voila/render/{BARE}", wait_bare_ready)}
    for notebook in module_notebooks():
        pages[notebook.removesuffix(".ipynb")] = (f"{base}/voila/render/{notebook}", wait_module_ready)
    raw: dict[str, dict[str, list[float] | int]] = {}
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            try:
                for url, ready in pages.values():
                    measure(browser, server, url, ready, WARMUPS)
                # Interleave the pages (bare, module, module, bare, ...) so that drift in
                # the machine's load affects every page alike and the ratios stay fair.
                for _ in range(LOADS):
                    for name, (url, ready) in pages.items():
                        one = measure(browser, server, url, ready, 1)
                        merged = raw.setdefault(name, {"tti_s": [], "kernel_rss_mb": [], "kernels_shut_down": 0})
                        merged["tti_s"] += one["tti_s"]  # type: ignore[operator]
                        merged["kernel_rss_mb"] += one["kernel_rss_mb"]  # type: ignore[operator]
                        merged["kernels_shut_down"] += one["kernels_shut_down"]  # type: ignore[operator]
            finally:
                browser.close()
    finally:
        stop_voila(process)
        shutil.rmtree(root, ignore_errors=True)

    tti = {name: median(r["tti_s"]) for name, r in raw.items()}  # type: ignore[arg-type]
    rss = {name: median(r["kernel_rss_mb"]) for name, r in raw.items()}  # type: ignore[arg-type]
    modules = [name for name in raw if name != "bare"]
    per_module = {
        name: {
            "tti_ratio": ratio(tti[name], tti["bare"]),
            "rss_ratio": ratio(rss[name], rss["bare"]),
        }
        for name in modules
    }
    for figures in per_module.values():
        figures["tti_within_budget"] = figures["tti_ratio"] is not None and figures["tti_ratio"] <= TTI_BUDGET
        figures["rss_within_budget"] = figures["rss_ratio"] is not None and figures["rss_ratio"] <= RSS_BUDGET
    summary = {
        "median_tti_s": tti,
        "median_kernel_rss_mb": rss,
        "tti_budget": TTI_BUDGET,
        "rss_budget": RSS_BUDGET,
        "modules": per_module,
    }
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": psutil.cpu_count(), "platform": platform.platform(), "chromium": chromium_path()},
        "warmups": WARMUPS,
        "loads": LOADS,
        "summary": summary,
        "raw": raw,
    }
    write_results(RESULTS, result)

    rows = [
        ("median TTI, bare page", fmt(tti["bare"], " s"), ""),
        ("median kernel RSS, bare", fmt(rss["bare"], " MB"), ""),
    ]
    for name in modules:
        tti_ratio, rss_ratio = per_module[name]["tti_ratio"], per_module[name]["rss_ratio"]
        rows += [
            (f"{name}: median TTI", fmt(tti[name], " s"), ""),
            (f"{name}: TTI ratio to bare", fmt(tti_ratio), f"budget <= {TTI_BUDGET}: {verdict(tti_ratio, TTI_BUDGET)}"),
            (f"{name}: median kernel RSS", fmt(rss[name], " MB"), ""),
            (f"{name}: RSS ratio to bare", fmt(rss_ratio), f"budget <= {RSS_BUDGET}: {verdict(rss_ratio, RSS_BUDGET)}"),
        ]
    print(f"\nTime to interactive and kernel memory ({LOADS} loads after {WARMUPS} warm-up, medians)\n")
    print_rows(rows, RESULTS, PROJECT_ROOT)
    return 0


if __name__ == "__main__":
    run(main)
