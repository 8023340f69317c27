"""Start the curriculum in standalone Voilà. Used by ``make serve``, the browser tests and the benchmark.

Voilà reads ``voila.json`` from the folder it starts in (the project root): template,
stripped sources, hidden tracebacks and the idle-kernel culler are set there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .paths import PROJECT_ROOT, modules_dir, templates_root

DEFAULT_PORT = 8866


def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment in which Voilà finds the curriculum's template."""
    env = dict(os.environ if base is None else base)
    paths = [str(templates_root())]
    if env.get("JUPYTER_PATH"):
        paths.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    return env


def voila_command(
    port: int = DEFAULT_PORT,
    *,
    ip: str = "127.0.0.1",
    root: Path | None = None,
    extra: Sequence[str] = (),
) -> list[str]:
    """The ``voila`` command line serving ``root`` (the modules folder by default)."""
    voila = shutil.which("voila", path=str(Path(sys.executable).parent)) or "voila"
    return [
        voila,
        str(root or modules_dir()),
        "--no-browser",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.ip={ip}",
        *extra,
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the Harm and Repair curriculum in Voilà.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", DEFAULT_PORT)))
    parser.add_argument(
        "--ip",
        default=os.environ.get("HARM_REPAIR_IP", "127.0.0.1"),
        help="Address to listen on. Use 0.0.0.0 only behind a proxy you trust.",
    )
    parser.add_argument(
        "--authoring",
        action="store_true",
        help="Turn on the authoring page (author.ipynb), which writes content files. Only on your own computer.",
    )
    args = parser.parse_args(argv)
    command = voila_command(args.port, ip=args.ip)
    env = voila_env()
    if args.authoring:
        env["HARM_REPAIR_AUTHORING"] = "1"
    host = "localhost" if args.ip in ("127.0.0.1", "0.0.0.0") else args.ip
    print(f"\n  The curriculum is starting. Open http://{host}:{args.port}/ in your browser.")
    if args.authoring:
        print(f"  Authoring is on: http://{host}:{args.port}/voila/render/author.ipynb changes files in content/.")
    print("  Stop it with Ctrl+C.\n", flush=True)
    return subprocess.call(command, cwd=PROJECT_ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
