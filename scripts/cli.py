"""The thin command line: parse arguments, call the library, map typed errors to exit codes."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from .build import ROOT, STAGES, Reporter, build, check
from .errors import EditionError
from .timings import Timer


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m scripts", description="Build the reading edition.")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="seeds -> docs/ -> build/site/ (strict, audited)")
    b.add_argument("--docs-only", action="store_true", help="regenerate docs/ without building the site")
    b.add_argument("-q", "--quiet", action="store_true")
    b.add_argument("--timings", type=Path, metavar="FILE",
                   help="write the time of each stage as JSON to FILE (a failed build writes none, and removes "
                        "an older one)")
    sub.add_parser("serve", help="regenerate docs/, then mkdocs serve for live preview")
    c = sub.add_parser("check", help="the fidelity audit of build/site/ against the seeds")
    c.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    root = Path(os.environ.get("EDITION_ROOT", ROOT))
    try:
        if args.command == "build":
            if args.timings:
                args.timings.unlink(missing_ok=True)     # a file there is the figures of a build that finished
            timer = Timer(order=STAGES)
            build(root, Reporter(args.quiet), site=not args.docs_only, timer=timer)
            if args.timings:
                timer.write(args.timings)
        elif args.command == "check":
            check(root, Reporter(args.quiet))
        elif args.command == "serve":
            build(root, Reporter(), site=False)
            return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml")], cwd=root)
    except EditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0
