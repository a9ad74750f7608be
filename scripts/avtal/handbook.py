"""The handbook's two generated pages: the commands and the codes (entry point avtal.outputs).

The handbook lives on the site, in render/site_files/pages/handbok/ (written by people; render/theme.py)
and here (generated):

    handbok/kommandon.md   every command of `avtal` and every flag, from the command line's own parser
                           (arguments.py): the one place where commands and flags are documented
    handbok/koderna.md     every finding code with the text `avtal check --explain` prints (codes.py)

Both are made from what the program itself says, so they cannot drift from `avtal --help` or
`--explain`. This module sits beside cli.py, above every stage, and reaches the site the way later
stages do (render/contributions.py), so render/ never imports the command line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .codes import CODES, Code
from .render.contributions import Extras
from .text import markdown_text as md

COMMANDS_PAGE = "handbok/kommandon.md"
CODES_PAGE = "handbok/koderna.md"
# The families of codes: (first, last, what they are about). A code outside every family is listed under "Övriga".
FAMILIES = [
    ("AV001", "AV099", "Att läsa filerna", "teckenkodning, styrtecken, symboliska länkar, front matter och YAML"),
    ("AV101", "AV119", "Metadata", "fälten i front matter, förväxlingsbara tecken i namn och id, datumens gränser"),
    ("AV120", "AV199", "Redigeraren", "datafilens schemarad"),
    ("AV201", "AV299", "Länkar", "länkar, hänvisningar och bilder"),
    ("AV301", "AV399", "Innehåll", "obligatoriska avsnitt, öppna frågor, beslut, säker Markdown, listor och rubriker "
     "som läses olika, uppgifter att verifiera"),
    ("AV401", "AV499", "Begrepp", "ordlistan och markerade begrepp"),
    ("AV501", "AV599", "Data", "datafilerna"),
    ("AV601", "AV699", "Versioner", "versionsdisciplinen, med `--base`"),
    ("AV701", "AV799", "Beslut", "beslutsregistret: fingeravtryck, likalydande beslut, giltighet"),
    ("AV801", "AV829", "Remissen", "remissomgången och svaren: dokument och remissversioner, remissinstanser, frågor, "
     "avsnitt, ställningstaganden, bedömningar"),
    ("AV830", "AV899", "Svarsmallar", "svarsmallar som läses in med `avtal remiss import`"),
]
USAGE_WIDTH = 76  # the code block's width on the page
ROOT_FLAG = "--root"  # every command has it: documented once, above the commands


def contribute(root: Path, corpus, changelog) -> Extras:
    return Extras(pages={COMMANDS_PAGE: commands_page(), CODES_PAGE: codes_page()})


# -- The codes ----------------------------------------------------------------------------------

def _family(code: str) -> int:
    return next((n for n, (first, last, *_) in enumerate(FAMILIES) if first <= code <= last), len(FAMILIES))


def codes_page() -> str:
    lines = ["# Koderna", "",
             "Varje fynd som `avtal check` skriver har en kod, till exempel AV104. Här står alla koder med samma "
             "förklaring som `avtal check --explain KOD` skriver: vad som är fel och hur du rättar det. "
             "En kod byts aldrig ut och används aldrig till något annat.", "",
             "Ett **fel** stoppar bygget och måste rättas. En **varning** stoppar inte, men säger att något "
             "sannolikt är fel. En **upplysning** räknar det som återstår, till exempel öppna frågor.", "",
             "| Koder | Område | Gäller |", "| --- | --- | --- |"]
    groups: dict[int, list[Code]] = {}
    for code in sorted(CODES.values(), key=lambda c: c.code):
        groups.setdefault(_family(code.code), []).append(code)
    titles = {n: title for n, (_, _, title, _) in enumerate(FAMILIES)} | {len(FAMILIES): "Övriga"}
    for number, codes in sorted(groups.items()):
        about = FAMILIES[number][3] if number < len(FAMILIES) else ""
        span = codes[0].code if len(codes) == 1 else f"{codes[0].code}–{codes[-1].code}"
        lines.append(f"| [{span}](#{codes[0].code.lower()}) | {titles[number]} | {about} |")
    lines.append("")
    for number, codes in sorted(groups.items()):
        lines += [f"## {titles[number]}", ""]
        for code in codes:
            title, help_text = code.explain().split("\n\n", 1)
            lines += [f"### {md(title)} {{#{code.code.lower()}}}", "", help_text, ""]
    return "\n".join(lines)


# -- The commands -------------------------------------------------------------------------------

def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """(name, one-line help, parser) of each sub-command, in the parser's order."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            return [(name, helps.get(name, ""), sub) for name, sub in action.choices.items()]
    return []


def _arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction))
            and ROOT_FLAG not in a.option_strings]


def _argument_row(action: argparse.Action) -> str:
    if action.option_strings:
        shown = ("{" + ",".join(str(c) for c in action.choices) + "}" if action.choices
                 else action.metavar or action.dest.upper())
        value = "" if action.nargs == 0 else f" {shown}" + (" …" if action.nargs in ("+", "*") else "")
        name = ", ".join(f"`{option}{value}`" for option in action.option_strings)
    else:
        name = f"`{action.metavar or action.dest}`"
    help_text = (action.help or "").replace("%(prog)s", "avtal")
    return f"| {name} | {md(help_text)} |"


def _usage(parser: argparse.ArgumentParser) -> str:
    """The usage lines as `--help` prints them, wrapped at a fixed width (not the terminal's), so that
    every build gives the same page."""
    formatter = argparse.HelpFormatter(parser.prog, width=USAGE_WIDTH)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    return formatter.format_help().strip()


def _command_section(name: str, summary: str, parser: argparse.ArgumentParser, level: str) -> list[str]:
    anchor = name.replace(" ", "-")
    lines = [f"{level} avtal {name} {{#{anchor}}}", "", f"{md(summary[:1].upper() + summary[1:])}." if summary else "",
             "", "```text", _usage(parser), "```", ""]
    if parser.description:
        lines += [md(parser.description), ""]
    arguments = _arguments(parser)
    if arguments:
        lines += ["| Argument | Betydelse |", "| --- | --- |", *(_argument_row(a) for a in arguments), ""]
    return lines


def commands_page() -> str:
    from .cli import parser

    main = parser()
    lines = ["# Kommandon", "",
             "Alla kommandon och alla val, så som `avtal --help` beskriver dem. Kommandona körs i en terminal i "
             "arkivets mapp, till exempel `.venv/bin/avtal check` (på Windows `.venv\\Scripts\\avtal check`). "
             "Sidan görs av programmet självt, så den stämmer alltid med den version du har.", "",
             "## För alla kommandon {#alla}", "",
             "| Argument | Betydelse |", "| --- | --- |"]
    commands = _subcommands(main)
    root_flag = next(a for a in commands[0][2]._actions if ROOT_FLAG in a.option_strings)
    lines += [_argument_row(root_flag), *(_argument_row(a) for a in _arguments(main))]
    lines += ["| `-h`, `--help` | visa hjälpen för kommandot och avsluta |", "",
              "Slutkoden säger hur det gick: 0 när allt gick bra, 1 när kommandot hittade fel i texterna eller "
              "filerna, 2 när kommandot användes fel eller en fil inte gick att läsa, 3 vid ett fel i själva "
              "verktyget.", ""]
    for name, summary, sub in commands:
        lines += _command_section(name, summary, sub, "##")
        for action_name, action_summary, action_parser in _subcommands(sub):
            lines += _command_section(f"{name} {action_name}", action_summary, action_parser, "###")
    return "\n".join(lines)
