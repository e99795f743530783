"""The command line: `python -m pmo_dash sample|build|import|templates|boardpack|forecast-check|docs|
users`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pmo_dash.auth.roles import ROLES
from pmo_dash.settings import get_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pmo_dash", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    sample = commands.add_parser(
        "sample", help="write a deterministic sample portfolio of department returns"
    )
    sample.add_argument("--tier", choices=["demo", "enterprise", "stress"], default="demo")
    sample.add_argument("--seed", type=int, default=7)
    sample.add_argument(
        "--out", type=Path, required=True, help="folder to write (one sub-folder per department)"
    )
    sample.add_argument("--csv-only", action="store_true", help="write every return as CSV (no XLSX)")
    sample.add_argument(
        "--no-errors", action="store_true", help="do not plant the demo's deliberate bad rows"
    )
    sample.add_argument(
        "--manifest",
        type=Path,
        help="also write the sha256 of every file written here (JSON); `make sample` writes the demo's",
    )

    build = commands.add_parser("build", help="validate the returns and build the warehouse")
    build.add_argument("--source", type=Path, help="folder of department returns (default: PMO_SOURCE_DIR)")
    build.add_argument("--warehouse", type=Path, help="warehouse file to replace (default: PMO_WAREHOUSE)")
    build.add_argument("--report", type=Path, help="validation report CSV to write (default: PMO_REPORT)")
    build.add_argument(
        "--submissions",
        type=Path,
        help="repository of submitted returns laid over the source (default: PMO_SUBMISSIONS_DIR)",
    )
    build.add_argument("--no-submissions", action="store_true", help="build from the source folder alone")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument("--json", action="store_true", help="print the outcome as one line of JSON")
    build.add_argument(
        "--memory-limit-mb", type=int, help="stop, leaving the warehouse as it was, past this much memory"
    )
    build.add_argument(
        "--if-missing", action="store_true", help="do nothing when the warehouse already exists"
    )

    imports = commands.add_parser(
        "import", help="turn foreign exports into standard returns, under a mapping (docs/import-mapping.md)"
    )
    imports.add_argument("--mapping", type=Path, required=True, help="the mapping file (TOML)")
    imports.add_argument(
        "--source",
        type=Path,
        nargs="+",
        required=True,
        help="the exports: CSV or XLSX files, or folders of them",
    )
    imports.add_argument(
        "--out",
        type=Path,
        required=True,
        help="folder of returns to write (new, empty, or an earlier import's)",
    )

    templates = commands.add_parser(
        "templates", help="write each department's XLSX return for a period, pre-filled from the warehouse"
    )
    templates.add_argument("--out", type=Path, required=True, help="folder to write the workbooks into")
    templates.add_argument(
        "--department",
        dest="departments",
        action="append",
        default=[],
        help="repeatable (default: every department in the warehouse)",
    )
    templates.add_argument("--period", help="YYYY-MM (default: the warehouse's latest period)")

    pack = commands.add_parser(
        "boardpack", help="write the steering committee pack (PowerPoint) of a period, from the warehouse"
    )
    pack.add_argument("--as-of", required=True, help="the period: YYYY-MM (or 'Oct 2026')")
    pack.add_argument(
        "--department",
        dest="departments",
        action="append",
        default=[],
        help="repeatable (default: every department in the warehouse)",
    )
    pack.add_argument(
        "--out", type=Path, required=True, help="the .pptx to write, or a folder to write it into"
    )

    check = commands.add_parser(
        "forecast-check", help="build the demo apart and write the forecasts' figures to docs/forecast.md"
    )
    check.add_argument(
        "--source", type=Path, default=Path("data/sample"), help="the returns (default: the demo)"
    )
    check.add_argument("--out", type=Path, default=Path("docs/forecast.md"))

    commands.add_parser(
        "docs", help="regenerate docs/data-contract.md and the blank CSV templates (docs/templates/)"
    )

    manage = commands.add_parser("users", help="manage the users file (PMO_USERS_FILE)")
    actions = manage.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a user (prompts for the password twice)")
    add.add_argument("username")
    add.add_argument("--role", dest="roles", action="append", required=True, choices=list(ROLES))
    add.add_argument("--department", dest="departments", action="append", default=[], help="repeatable")
    add.add_argument("--name", help="full name shown in the app (default: the username)")
    add.add_argument("--email")
    actions.add_parser("passwd", help="set a new password (and lift a lock-out)").add_argument("username")
    actions.add_parser("remove", help="remove a user").add_argument("username")
    actions.add_parser("list", help="list the users, without their hashes")
    actions.add_parser("check", help="say whether the app can start: users file, cookie key")

    args = parser.parse_args(argv)
    if args.command == "users":
        from pmo_dash.cli.users import run_users

        options = {k: getattr(args, k) for k in ("roles", "departments", "name", "email") if hasattr(args, k)}
        return run_users(get_settings(), args.action, getattr(args, "username", None), **options)
    if args.command == "sample":
        from pmo_dash.cli.sample import run_sample

        return run_sample(
            args.tier,
            args.seed,
            args.out,
            xlsx=not args.csv_only,
            errors=not args.no_errors,
            manifest=args.manifest,
        )
    if args.command == "import":
        from pmo_dash.cli.imports import run_import_command

        return run_import_command(args.mapping, args.source, args.out)
    if args.command == "templates":
        from pmo_dash.cli.templates import run_templates

        return run_templates(get_settings(), args.out, args.departments, args.period)
    if args.command == "boardpack":
        from pmo_dash.cli.boardpack import run_boardpack

        return run_boardpack(get_settings(), args.as_of, args.departments, args.out)
    if args.command == "forecast-check":
        from pmo_dash.cli.forecast import run_forecast_check

        return run_forecast_check(get_settings(), args.source, args.out)
    if args.command == "build":
        from pmo_dash.cli.build import limit_memory, run_build, run_build_json

        settings = get_settings()
        if args.if_missing and Path(args.warehouse or settings.warehouse).exists():
            return 0
        if args.memory_limit_mb:
            limit_memory(args.memory_limit_mb)
        submissions = None if args.no_submissions else (args.submissions or settings.submissions_dir)
        if args.json:
            return run_build_json(settings, args.source, args.warehouse, args.report, submissions)
        return run_build(
            settings, args.source, args.warehouse, args.report, quiet=args.quiet, submissions=submissions
        )
    from pmo_dash.cli.templates import write_blank_templates
    from pmo_dash.contract_docs import write_docs

    for path in [*write_docs(), *write_blank_templates()]:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
