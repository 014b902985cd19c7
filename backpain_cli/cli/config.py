"""The config commands: where the remembered settings live, and what they are."""

from __future__ import annotations

import click

from backpain_cli.textsafe import visible


@click.group()
def config() -> None:
    """The remembered settings of the guided session (voice, quiet, rest, get-ready).

    The settings are a small TOML file you write yourself; the program only
    reads it. Options on the command line win over it.

    \b
    Examples:
      backpain config path
      backpain config show
      path="$(backpain config path)"
      mkdir -p "$(dirname "$path")"
      echo 'voice = true' >> "$path"
    """


@config.command("path")
def config_path() -> None:
    """Print where the settings file is (it need not exist yet).

    \b
    Examples:
      backpain config path
      BACKPAIN_CONFIG=~/backpain.toml backpain config path
    """
    from backpain_cli.folders import config_file

    click.echo(visible(str(config_file())))


@config.command("show")
def config_show() -> None:
    """Print each setting and its value, from the file or as it is without it.

    \b
    Examples:
      backpain config show
    """
    from backpain_cli.config import describe, read
    from backpain_cli.folders import config_file

    path = config_file()
    settings = read(path)
    where = visible(str(path))
    click.echo(
        f"# {where}" + ("" if path.exists() else " (not there yet: every setting as default)")
    )
    for key, value in describe(settings):
        click.echo(f"{key} = {visible(value)}")
