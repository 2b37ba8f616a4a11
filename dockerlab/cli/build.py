"""``dockerlab build|images|tag|rmi|save|load``: Docker's image verbs on the active engine."""

from __future__ import annotations

import sys

from ..errors import DockerlabError, UsageError
from ..i18n import tr
from .output import engine as _engine, print_json


def register(subparsers) -> None:
    p = subparsers.add_parser("build", help=tr("cli.build.help"))
    p.add_argument("-t", "--tag", action="append", default=[], help=tr("cli.build.tag"))
    p.add_argument("-f", "--file", help=tr("cli.build.file"))
    p.add_argument("--build-arg", action="append", default=[], metavar="NAMA=nilai", help=tr("cli.build.arg"))
    p.add_argument("--target", help=tr("cli.build.target"))
    p.add_argument("--no-cache", action="store_true", help=tr("cli.build.no_cache"))
    p.add_argument("--platform", help=tr("cli.build.platform"))
    p.add_argument("-q", "--quiet", action="store_true", help=tr("cli.build.quiet"))
    p.add_argument("--json", action="store_true")
    p.add_argument("path", help=tr("cli.build.path"))
    p.set_defaults(handler=run_build)

    p = subparsers.add_parser("images", help=tr("cli.images.help"))
    p.add_argument("-a", "--all", action="store_true", help=tr("cli.images.all"))
    p.add_argument("-q", "--quiet", action="store_true", help=tr("cli.images.quiet"))
    p.add_argument("--no-trunc", action="store_true", help=tr("cli.images.no_trunc"))
    p.add_argument("--format", help=tr("cli.format_help"))
    p.add_argument("--json", action="store_true")
    p.add_argument("repository", nargs="?", metavar="REPOSITORY[:TAG]", help=tr("cli.images.repository"))
    p.set_defaults(handler=run_images)

    p = subparsers.add_parser("tag", help=tr("cli.tag.help"))
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_tag)

    p = subparsers.add_parser("rmi", help=tr("cli.rmi.help"))
    p.add_argument("-f", "--force", action="store_true", help=tr("cli.rmi.force"))
    p.add_argument("--json", action="store_true")
    p.add_argument("refs", nargs="+")
    p.set_defaults(handler=run_rmi)

    p = subparsers.add_parser("save", help=tr("cli.save.help"))
    p.add_argument("-o", "--output", help=tr("cli.save.output"))
    p.add_argument("refs", nargs="+")
    p.set_defaults(handler=run_save)

    p = subparsers.add_parser("load", help=tr("cli.load.help"))
    p.add_argument("-i", "--input", help=tr("cli.load.input"))
    p.add_argument("-q", "--quiet", action="store_true", help=tr("cli.load.quiet"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_load)


def _build_args(values: list[str]) -> dict[str, str]:
    import os

    out: dict[str, str] = {}
    for value in values:
        name, eq, text = value.partition("=")
        if not name:
            raise _usage("cli.build.bad_arg", value=value)
        if eq:
            out[name] = text
        elif name in os.environ:  # docker build --build-arg NAME takes it from the environment
            out[name] = os.environ[name]
    return out


def _usage(key: str, **params):
    from ..errors import DockerfileError

    return DockerfileError(key, **params)


def run_build(args) -> int:
    quiet = args.quiet or args.json
    result = _engine().build(args.path, args.tag or None, dockerfile=args.file,
                             build_args=_build_args(args.build_arg), target=args.target,
                             no_cache=args.no_cache, platform=args.platform, progress=not quiet)
    if args.json:
        print_json({
            "id": str(result.image.id), "digest": str(result.image.digest), "tags": list(result.tags),
            "steps": [{"number": s.number, "instruction": s.instruction, "line": s.line,
                       "stage": s.stage, "cached": s.cached, "layer": s.layer_digest, "size": s.size}
                      for s in result.steps],
        })
    elif args.quiet:
        print(result.image.id)
    else:
        print(result.table())
    return 0


def run_images(args) -> int:
    """``docker images``: the rows and columns of ``dockerlab.images()`` (an ``ImageList``)."""
    from ..inspection.imagelist import ImageList

    listed = ImageList(_engine().images())
    if args.repository:  # docker images REPOSITORY[:TAG]
        wanted, _, tag = args.repository.rpartition(":") if "/" not in args.repository.rpartition(":")[2] else (
            args.repository, "", "")
        if not wanted:  # no ":" at all
            wanted, tag = args.repository, ""
        keep = [i for i, row in enumerate(listed.rows()) if _same_repository(row.repository, wanted)
                and (not tag or row.tag == tag)]
        listed = ImageList([listed[i] for i in keep])
    if args.quiet or args.format:
        rows = [_image_row(view, row, args.no_trunc) for view, row in zip(listed, listed.rows())]
        if args.quiet:
            for row in rows:
                print(row["ID"])
        else:
            from ..inspection.imagelist import HEADERS
            from .output import formatted

            print(formatted(args.format, rows, dict(zip(("Repository", "Tag", "ID", "CreatedAt", "Size"), HEADERS))))
        return 0
    if args.json:
        print_json([{"repository": row.repository, "tag": row.tag, "id": str(getattr(view, "id", view.digest)),
                     "digest": str(view.digest), "created": row.created, "size": getattr(view, "size", 0) or 0}
                    for view, row in zip(listed, listed.rows())])
    else:
        print(listed.table())
    return 0


def _same_repository(listed: str, wanted: str) -> bool:
    """``busybox`` names ``docker.io/library/busybox`` too, as docker images does."""
    from ..reference import Reference

    if listed == wanted:
        return True
    try:
        return Reference.parse(listed).repository == Reference.parse(wanted).repository
    except Exception:  # noqa: BLE001 - not a reference: only the exact name matches
        return False


def _image_row(view, row, full: bool) -> dict:
    """One ``docker images --format`` row, with Docker's field names."""
    image_id = str(getattr(view, "id", view.digest))
    return {"Repository": row.repository, "Tag": row.tag, "ID": image_id if full else row.image_id,
            "Digest": str(view.digest), "CreatedAt": row.created, "Size": row.size}


def run_tag(args) -> int:
    image = _engine().tag(args.source, args.target)
    if args.json:
        print_json({"target": args.target, "id": str(getattr(image, "id", image.digest))})
    else:
        print(tr("cli.tag.done", target=args.target, id=getattr(image, "id", image.digest)))
    return 0


def run_rmi(args) -> int:
    engine = _engine()
    removed: list[str] = []
    failed = False
    for ref in args.refs:
        try:
            removed.extend(str(item) for item in engine.remove(ref, force=args.force))
        except DockerlabError as exc:
            failed = True
            print(tr("cli.error", message=exc), file=sys.stderr)
    if args.json:
        print_json(removed)
    else:
        for item in removed:
            print(tr("cli.rmi.done", item=item))
    return 1 if failed else 0


def run_save(args) -> int:
    """``docker save [-o FILE] IMAGE…``: without -o the tar goes to stdout (never to a terminal)."""
    if args.output:
        path = _engine().save(args.refs, args.output)
        print(tr("cli.save.done", path=path))
        return 0
    if sys.stdout.isatty():
        raise UsageError("cli.save.terminal")
    import shutil
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="dockerlab-save-") as tmp:
        path = _engine().save(args.refs, Path(tmp) / "image.tar")
        sys.stdout.flush()
        with open(path, "rb") as f:
            shutil.copyfileobj(f, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return 0


def run_load(args) -> int:
    from ..inspection.imagelist import name_of

    if args.input:
        loaded = _engine().load(args.input)
    else:  # docker load < image.tar
        if sys.stdin.isatty():
            raise UsageError("cli.load.terminal")
        import shutil
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory(prefix="dockerlab-load-") as tmp:
            with open(Path(tmp) / "image.tar", "wb") as f:
                shutil.copyfileobj(sys.stdin.buffer, f)
            loaded = _engine().load(Path(tmp) / "image.tar")
    if args.quiet:
        return 0
    if args.json:
        print_json([{"ref": str(getattr(v, "ref", "") or ""), "digest": str(v.digest)} for v in loaded])
    else:
        for view in loaded:
            repo, tag = name_of(view)
            print(tr("cli.load.done", name=f"{repo}:{tag}", id=getattr(view, "id", view.digest)))
    return 0
