"""Helpers shared by the browser tests and the benchmark (bench/tti.py): Voilà, Chromium, keyboard."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright

from curriculum.paths import PROJECT_ROOT
from curriculum.serve import voila_command, voila_env

SERVER_START_TIMEOUT_S = 60
#: First kernel start plus widget rendering can take several seconds on 2 cores.
READY_TIMEOUT_MS = 60_000
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def chromium_path() -> str | None:
    """The Chromium to launch: ``HARM_REPAIR_CHROMIUM``, else the system one, else None (Playwright's)."""
    candidates = [os.environ.get("HARM_REPAIR_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"]
    candidates.append(shutil.which("chromium") or shutil.which("chromium-browser"))
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def launch_chromium(pw: Playwright) -> Browser:
    path = chromium_path()
    if path:
        return pw.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
    return pw.chromium.launch(args=LAUNCH_ARGS)


def wait_http_ok(url: str, process: subprocess.Popen[bytes], timeout_s: float = SERVER_START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voilà exited early with code {process.returncode}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"Voilà did not answer 200 on {url} within {timeout_s} s")


def start_voila(
    root: Path | None = None,
    log_path: Path | None = None,
    *,
    port: int | None = None,
    env: dict[str, str] | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    """Start Voilà on loopback (config from voila.json in the project root).

    ``port`` defaults to a free one; pass the port of a stopped server to restart it on
    the same origin (the browser's localStorage is per origin). ``env`` adds or overrides
    environment variables of the server and its kernels. The log file is appended to.
    """
    port = port or free_port()
    command = voila_command(port, root=root)
    full_env = {**voila_env(), **(env or {})}
    if log_path:
        with open(log_path, "ab") as log:  # the child keeps its own copy of the descriptor
            process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    else:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http_ok(url + "/", process)
    except Exception:
        stop_voila(process)
        raise
    return process, url


def stop_voila(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@contextmanager
def recorded_page(browser: Browser, external_requests: list[str], locale: str = "en-GB") -> Iterator[Page]:
    """A fresh context and page in ``locale``; every request outside localhost goes into ``external_requests``."""
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.on("request", lambda r: None if is_local_url(r.url) else external_requests.append(r.url))
    try:
        yield context.new_page()
    finally:
        context.close()


def is_local_url(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in LOCAL_SCHEMES:
        return True
    return (parsed.hostname or "") in LOCAL_HOSTS


def wait_ready(page: Page, selector: str = ".hr-root", timeout: float = READY_TIMEOUT_MS) -> None:
    """Wait until the kernel has run and our widgets are rendered (``.hr-root`` visible)."""
    page.locator(selector).first.wait_for(state="visible", timeout=timeout)


def wait_module_ready(page: Page, timeout: float = READY_TIMEOUT_MS) -> None:
    """A module page is ready when the shell and the last cell ("What's next" and its back link) are rendered."""
    wait_ready(page, timeout=timeout)
    page.get_by_role("link", name="Back to the list of modules").wait_for(state="attached", timeout=timeout)
    page.get_by_role("button", name="Take a break").wait_for(state="visible", timeout=timeout)


def wait_landing_ready(page: Page, timeout: float = READY_TIMEOUT_MS) -> None:
    """The landing page is a single HTML widget listing the modules as links."""
    page.locator(".jupyter-widgets a[href$='.ipynb']").first.wait_for(state="visible", timeout=timeout)


def active_element_name(page: Page) -> str:
    """Accessible-ish name of the focused element: aria-label, else its visible text, else its title."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return "";
            const label = el.getAttribute("aria-label");
            if (label) return label.trim();
            // Form controls are named by their <label> (ipywidgets' "description").
            if (el.labels && el.labels.length) return el.labels[0].innerText.trim();
            const text = (el.innerText || el.textContent || "").trim();
            return text || (el.getAttribute("title") || "").trim();
        }"""
    )


def tab_to(page: Page, name: str | re.Pattern[str], max_presses: int = 200) -> str:
    """Press Tab until the focused element's name matches ``name`` (exact string or regex); return it."""
    seen: list[str] = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        current = active_element_name(page)
        matched = name.search(current) if isinstance(name, re.Pattern) else current == name
        if matched:
            return current
        seen.append(current)
    raise AssertionError(f"{name!r} not reached in {max_presses} Tab presses; focus went through: {seen[-40:]}")


class VoilaServer:
    """A Voilà server that can be stopped and started again on the same port (same origin).

    The trainee's browser keeps their progress in localStorage, which belongs to the
    origin (host and port): restarting on the same port is "the same site, a new server".
    """

    def __init__(self, log_path: Path | None = None, env: dict[str, str] | None = None, port: int | None = None):
        self.port = port or free_port()
        self.log_path = log_path
        self.env = env
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> VoilaServer:
        self.process, self.url = start_voila(log_path=self.log_path, port=self.port, env=self.env)
        return self

    def stop(self) -> None:
        if self.process is not None:
            stop_voila(self.process)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


BLOCKING_IMPACTS = {"serious", "critical"}


def blocking_violations(axe: Axe, page: Page) -> list[str]:
    """axe-core's serious or critical violations on the page, each with its rule, help and targets."""
    results = axe.run(page)
    lines = []
    for violation in results.response["violations"]:
        if violation.get("impact") not in BLOCKING_IMPACTS:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}\n    targets: {targets}")
    if lines:
        print("\n".join(lines))
    return lines
