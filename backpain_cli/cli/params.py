"""The command line's own parameter types and option helpers.

Each type converts a word from the command line and says plainly what was
wrong with it; text from the user is always shown through textsafe.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

from backpain_cli.cli.app import App
from backpain_cli.errors import BackpainError
from backpain_cli.textsafe import visible

F = TypeVar("F", bound=Callable[..., Any])


def _excerpt(value: object) -> str:
    """A value the user typed, as a message quotes it (backpain_cli.checked)."""
    from backpain_cli.checked import excerpt

    return excerpt(value)


def _digits(text: str) -> bool:
    """ASCII digits only (backpain_cli.checked)."""
    from backpain_cli.checked import digits

    return digits(text)


# click's ParamType became generic in 8.3; an untyped base works with every click >= 8.2.
_ParamType: Any = click.ParamType


class ExerciseType(_ParamType):  # type: ignore[misc]
    """An exercise given by id, name (any case) or alias."""

    name = "exercise"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        catalog = App.from_context(ctx).catalog(figures=True) if ctx else None
        if catalog is None:
            return value
        found = catalog.find(value)
        if found is not None:
            return found
        close = catalog.suggest(value)
        hint = f" Did you mean '{close}'?" if close else ""
        ids = ", ".join(e.id for e in catalog.exercises)
        self.fail(f"unknown exercise {_excerpt(value)}.{hint} Choose from: {ids}.", param, ctx)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.shell_completion.CompletionItem]:
        from click.shell_completion import CompletionItem

        try:
            catalog = App.from_context(ctx).catalog()
        except BackpainError:
            return []
        names = [e.id for e in catalog.exercises]
        return [CompletionItem(n) for n in names if n.startswith(incomplete.lower())]


class ExercisePainType(_ParamType):  # type: ignore[misc]
    """ID=N: an exercise (its id, name or alias) and its pain, 0-10."""

    name = "ID=N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        exercise, sign, pain = value.rpartition("=")
        if not sign or not exercise.strip():
            self.fail(
                f"{visible(repr(value[:40]))} is not ID=N; give an exercise and its pain, "
                "such as clam-shell=7.",
                param,
                ctx,
            )
        return (
            ExerciseType().convert(exercise.strip(), param, ctx),
            PainType().convert(pain, param, ctx),
        )


class BandType(_ParamType):  # type: ignore[misc]
    """A band colour from the content, matched without regard to case (click's own Choice)."""

    name = "colour"

    def _choice(self, ctx: click.Context | None) -> click.Choice[str]:
        catalog = App.from_context(ctx).catalog() if ctx else None
        ids = [b.id for b in catalog.bands.levels] if catalog else []
        return click.Choice(ids, case_sensitive=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and len(value) > 80:
            self.fail(f"{_excerpt(value)} is not a band colour.", param, ctx)
        try:
            return self._choice(ctx).convert(value, param, ctx)
        except click.BadParameter as err:
            raise click.BadParameter(visible(err.message), ctx, param) from None

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.shell_completion.CompletionItem]:
        try:
            return self._choice(ctx).shell_complete(ctx, param, incomplete)
        except BackpainError:
            return []


class PathType(_ParamType):  # type: ignore[misc]
    """click's own Path check, giving a pathlib.Path; both made only when a path is given."""

    def __init__(self, **checks: Any) -> None:
        self.checks = checks
        self.name = "path" if checks.get("file_okay", True) else "directory"

    def _path(self) -> click.Path:
        return click.Path(**self.checks)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from pathlib import Path

        if isinstance(value, str) and not value.strip():
            self.fail("the path is empty; give a folder (. for this one).", param, ctx)
        return Path(os.fsdecode(self._path().convert(value, param, ctx)))

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.shell_completion.CompletionItem]:
        return self._path().shell_complete(ctx, param, incomplete)


class WholeNumber(click.IntRange):
    """click's IntRange for counts and numbers of seconds, with ASCII digits only and a
    short message for a number too long to be meant (never the whole of it)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            text = value.strip().removeprefix("+").removeprefix("-")
            if not _digits(text):
                self.fail(f"{_excerpt(value)} is not a whole number.", param, ctx)
            if len(text) > 18:
                self.fail(f"{value.strip()[:20]}... is too large a number.", param, ctx)
        return super().convert(value, param, ctx)


class PainType(_ParamType):  # type: ignore[misc]
    """A pain score: a whole number from 0 (none) to 10 (the worst imaginable)."""

    name = "0-10"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int):
            number = value
        else:
            text = str(value).strip()
            if not _digits(text) or len(text) > 2:
                self.fail(
                    f"{_excerpt(str(value))} is not a pain score; give a whole "
                    "number from 0 (no pain) to 10 (the worst).",
                    param,
                    ctx,
                )
            number = int(text)
        if not 0 <= number <= 10:
            self.fail(
                f"{number} is outside the pain scale; give a whole number from 0 (no pain) "
                "to 10 (the worst).",
                param,
                ctx,
            )
        return number


class DayType(_ParamType):  # type: ignore[misc]
    """A calendar day as YYYY-MM-DD (or "today"); not in the future unless ``future``."""

    name = "YYYY-MM-DD"

    def __init__(self, future: bool = False) -> None:
        self.future = future

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import datetime

        from backpain_cli.checked import day as checked_day

        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        if text.lower() == "today":
            return datetime.date.today()
        try:
            day = checked_day(str(value))
        except ValueError as err:
            self.fail(f"{err}.", param, ctx)
        today = datetime.date.today()
        if day > today and not self.future:
            self.fail(f"{text} is in the future (today is {today.isoformat()}).", param, ctx)
        if day > today + datetime.timedelta(days=366):
            self.fail(f"{text} is more than a year away; start within a year.", param, ctx)
        return day


def given(*options: tuple[str, Any]) -> list[str]:
    """The names of the (name, value) options that were given: not None, False, "" or ().

    Zero counts as given (`--rest 0`).
    """
    return [
        name
        for name, value in options
        if not (value is None or value is False or (isinstance(value, (str, tuple)) and not value))
    ]


def read_command(name: str | None = None) -> Callable[[Callable[..., None]], click.Command]:
    """A command that shows something: the App comes as its first argument, and --json
    (listed after its own options) prints the same as JSON."""

    def make(function: Callable[..., None]) -> click.Command:
        import functools

        @functools.wraps(function)
        def run(app: App, *args: Any, **kwargs: Any) -> None:
            app.scripted = bool(kwargs.get("as_json"))  # a script asks nothing
            function(app, *args, **kwargs)

        command = click.command(name)(click.pass_obj(run))
        command.params.append(
            click.Option(
                ["--json", "as_json"],
                is_flag=True,
                help="Print JSON (a stable shape, described in docs/reference.md).",
            )
        )
        return command

    return make


def band_option(help: str) -> Callable[[F], F]:
    """--band COLOUR: a band from the content, any case."""
    return click.option("--band", type=BandType(), metavar="COLOUR", help=help)


def check_options(function: F) -> F:
    """--pain-now N and --red-flag: what the person says just before exercising, which
    can stop a session (see backpain_cli.today)."""
    function = click.option(
        "--red-flag",
        is_flag=True,
        help="You have one of the red-flag signs (`backpain safety`): no session, get help.",
    )(function)
    return click.option(
        "--pain-now",
        type=PainType(),
        metavar="0-10",
        help="Your pain right now, 0-10. Severe pain (8 or more in the built-in content) means "
        "no session today; pain in the red, an easier one.",
    )(function)


def seconds_option(name: str, most: int, help: str) -> Callable[[F], F]:
    """An optional whole number of seconds, 0 to ``most`` (--rest gives rest_seconds)."""
    dest = name.removeprefix("--").replace("-", "_") + "_seconds"
    return click.option(name, dest, type=WholeNumber(0, most), metavar="SECONDS", help=help)
