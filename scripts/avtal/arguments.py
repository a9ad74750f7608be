"""What the command line accepts: every command, argument and flag, with its Swedish help.

The one place where the commands and flags are described: `avtal --help` prints it, and the handbook's
page of commands is made from it (handbook.py). What each command does is in cli.py, which gives
parser() its functions.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping

from . import __version__

# argparse takes its own words from gettext, which has no Swedish catalogue here;
# this table gives the command line one language.
_SWEDISH = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa denna hjälp och avsluta",
    "show program's version number and exit": "visa versionen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "dessa argument saknas: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "unrecognized arguments: %s": "okända argument: %s",
    "expected one argument": "ett värde saknas",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig flagga: %(option)s kan vara %(matches)s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
}
argparse._ = lambda text: _SWEDISH.get(text, text)  # type: ignore[attr-defined]


def parser(commands: Mapping[str, Callable[[argparse.Namespace], int]]) -> argparse.ArgumentParser:
    """The command line; `commands`: each command's function by name (cli.py), set as args.run."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", metavar="MAPP", help="arkivets rotmapp (standard: söks uppåt från aktuell mapp)")

    main = argparse.ArgumentParser(
        prog="avtal",
        description="Överenskommelsen om hälso- och sjukvård i hemmet som kod: "
        "kontrollera, bygg och skapa dokumenten.",
    )
    main.add_argument("--version", action="version", version=f"avtal {__version__}", help="visa versionen och avsluta")
    sub = main.add_subparsers(dest="command", metavar="KOMMANDO", title="kommandon")
    sub.required = True

    check = sub.add_parser("check", parents=[common], help="kontrollera alla dokument och data",
                           description="Kontrollerar metadata, länkar, begrepp, avsnitt och data i hela arkivet. "
                           "Fel listas först, sedan varningar; upplysningarna räknas i sammanfattningen. "
                           "Avslutas med 0 utan fel (varningar tillåtna), "
                           "1 vid fel, 2 vid felaktig användning.")
    check.add_argument("--format", choices=["text", "json", "github", "gitlab"], default="text",
                       help="text (standard), json, github (anteckningar i en pull request) "
                       "eller gitlab (kodkvalitetsrapport för en merge request)")
    check.add_argument("--visa-upplysningar", dest="show_info", action="store_true",
                       help="lista också upplysningarna (öppna frågor, uppgifter att verifiera) i text och "
                       "github; annars räknas de bara i sammanfattningen. json och gitlab har alltid med dem")
    check.add_argument("--explain", metavar="KOD", help="förklara en kod, till exempel AV104")
    check.add_argument("--base", metavar="REV",
                       help="kontrollera också versionerna mot REV, till exempel origin/main (läser git-historiken)")
    check.set_defaults(run=commands["check"], exit_at_once=True)  # no teardown of the corpus's objects

    build = sub.add_parser("build", parents=[common], help="bygg allt till build/",
                           description="Kontrollerar arkivet och skriver det som byggs till build/ (eller --out). "
                           "Ett misslyckat bygge lämnar det förra orört.")
    build.add_argument("--out", metavar="MAPP", help="skriv till MAPP i stället för build/")
    build.set_defaults(run=commands["build"])

    changelog = sub.add_parser("changelog", parents=[common], help="visa ändringsloggar från git-historiken",
                               description="Visar ett dokuments versioner och ändringar, eller hela arkivets "
                               "ändringslogg per release, härledd ur git-historiken i ett enda svep.")
    changelog.add_argument("doc", metavar="DOKUMENT", nargs="?", help="dokumentets id eller sökväg (utan: hela arkivet)")
    changelog.add_argument("--format", choices=["md", "json"], default="md", help="md (standard) eller json")
    changelog.set_defaults(run=commands["changelog"], exit_at_once=True)

    docx_cmd = sub.add_parser("docx", parents=[common], help="skriv ett dokument som Word-fil",
                              description="Skriver ett dokument som formell Word-fil för beslut och diarieföring, "
                              "med sidhuvud (Datum, Diarienummer, Versionsnummer, Gäller för verksamhet), "
                              "innehållsförteckning och versionshistorik.")
    docx_cmd.add_argument("doc", metavar="DOKUMENT", help="dokumentets id eller sökväg")
    docx_cmd.add_argument("-o", "--output", metavar="FIL", help="filen att skriva (standard: build/docx/ID_vVERSION.docx i arkivet)")
    docx_cmd.add_argument("--party", metavar="PART",
                          help='parten vars diarienummer står i sidhuvudet, till exempel "Falu kommun" '
                          "(standard: den samordnande parten)")
    docx_cmd.add_argument("--version", metavar="VERSION",
                          help="en tidigare version ur git-historiken, till exempel 0.1, eller en git-revision "
                          "(standard: arbetskopian)")
    docx_cmd.set_defaults(run=commands["docx"], exit_at_once=True)  # no teardown: a sixth of one Word file

    compare = sub.add_parser("compare", parents=[common], help="jämför två versioner av ett dokument",
                             description="Jämför två versioner av ett dokument ur git-historiken: som Word-fil där "
                             "varje ändring är en spårad ändring, som tillgänglig HTML eller som Markdown. Med --base "
                             "jämförs alla dokument vars text har ändrats sedan en revision, till exempel i en "
                             "pull request.")
    compare.add_argument("doc", metavar="DOKUMENT", nargs="?", help="dokumentets id eller sökväg")
    compare.add_argument("--from", dest="from_", metavar="VERSION",
                         help="den äldre versionen, till exempel 0.1 (den sista incheckningen med den), eller en "
                         "git-revision")
    compare.add_argument("--to", metavar="VERSION", help="den nyare versionen (standard: arbetskopian)")
    compare.add_argument("--base", metavar="REV",
                         help="jämför alla dokument med texten i REV, till exempel origin/main (bara --format md)")
    compare.add_argument("--format", choices=["docx", "html", "md"], default="md",
                         help="docx (spårade ändringar i Word), html eller md (standard)")
    compare.add_argument("-o", "--output", metavar="FIL",
                         help="filen att skriva (standard för docx: ID_vNY_andringar_fran_vGAMMAL.docx här; "
                         "html och md skrivs annars till standard ut)")
    compare.add_argument("--author", metavar="NAMN",
                         help="vem de spårade ändringarna anges vara gjorda av (standard: dokumentets ägare)")
    compare.set_defaults(run=commands["compare"])

    verify = sub.add_parser("verify", parents=[common], help="kontrollera att en Word-fil är en version i historiken",
                            description="Räknar fingeravtrycket för texten i en eller flera Word-filer (även omsparade, "
                            "med en annan parts diarienummer, beslutspaket och ändringsmarkerade filer) och säger vilket "
                            "dokument, vilken version och incheckning och vilka beslut texten hör till. Avslutas med 0 "
                            "när varje fil är en version i historiken, 1 när en fil inte är det (med närmaste version "
                            "och de stycken som skiljer sig) och 2 när en fil inte går att läsa.")
    verify.add_argument("files", metavar="FIL", nargs="+", help="Word-filer (.docx)")
    verify.add_argument("--record", metavar="PART",
                        help='skriv in filens version och fingeravtryck i partens beslut (decisions) i dokumentet, '
                        'till exempel "Mora kommun"')
    verify.set_defaults(run=commands["verify"])

    decisions = sub.add_parser("decisions", parents=[common], help="visa parternas beslut och om de är likalydande",
                               description="Visar för varje part om den har beslutat om den nuvarande texten "
                               "(ej beslutad, beslutad, beslutad om annan text). Avslutas med 1 när besluten gäller "
                               "olika texter.")
    decisions.add_argument("doc", metavar="DOKUMENT", nargs="?",
                           help="dokumentets id eller sökväg (utan: de dokument som har beslut eller är på remiss)")
    decisions.set_defaults(run=commands["decisions"])

    package = sub.add_parser("package", parents=[common], help="skriv en parts beslutsunderlag",
                             description="Skriver beslutsunderlaget för en part: Word-filen med partens diarienummer, "
                             "den som PDF/A-2b, jämförelsen med den senaste beslutade versionen eller remissversionen, "
                             "ett utkast till tjänsteskrivelse med förslag till beslut och en förteckning med "
                             "kontrollsummor. PDF-filen görs med LibreOffice.")
    package.add_argument("doc", metavar="DOKUMENT", help="dokumentets id eller sökväg")
    package.add_argument("--party", metavar="PART", required=True, help='parten, till exempel "Mora kommun"')
    package.add_argument("--out", metavar="MAPP", help="skriv mappen och zip-filen i MAPP (standard: här)")
    package.set_defaults(run=commands["package"])

    in_force = sub.add_parser("gällande", aliases=["gallande"], parents=[common],
                              help="visa vilken version av varje dokument som gäller för en part",
                              description="Visar för varje dokument vilken version som gäller för parten en viss dag "
                              "(utifrån parternas beslut, valid_from, valid_until och supersedes), eller varför ingen "
                              "version gäller. En redaktionell version gäller med de beslut som den bygger på.")
    in_force.add_argument("--party", metavar="PART", required=True, help='parten, till exempel "Mora kommun"')
    in_force.add_argument("--date", metavar="DATUM", help="dagen, ÅÅÅÅ-MM-DD (standard: i dag)")
    in_force.set_defaults(run=commands["in_force"])

    serve = sub.add_parser("serve", parents=[common], help="förhandsvisa webbplatsen medan du skriver",
                           description="Startar en lokal förhandsvisning av webbplatsen som byggs om och laddas om "
                           "i webbläsaren när en fil sparas. Skriver adressen och en rad per ombyggnad. Har texten "
                           "fel visas den senaste versionen utan fel, med felen överst på varje sida.")
    serve.add_argument("--port", type=int, default=8000, metavar="PORT", help="porten (standard: 8000)")
    serve.add_argument("--adress", default="127.0.0.1", metavar="VÄRD",
                       help="adressen att ta emot anrop på (standard: 127.0.0.1, bara den här datorn)")
    serve.set_defaults(run=commands["serve"])

    new = sub.add_parser("new", parents=[common], help="skapa ett nytt dokument eller en datafil från mall",
                         description="Skapar ett nytt dokument i rätt mapp, med metadata och de avsnitt "
                         "som typen kräver, så att det klarar avtal check direkt. Med en sorts datafil som TYP "
                         "(till exempel risks) skapas en datafil bredvid dokumentet som --document anger, med "
                         "schemaraden som låter redigeraren föreslå och kontrollera fälten.")
    new.add_argument("type", metavar="TYP", help="dokumenttyp, till exempel bilaga eller implementeringsplan, eller "
                     "sort av datafil: glossary, responsibilities, risks, milestones, communication, checklist, changes")
    new.add_argument("id", metavar="ID", help="dokumentets id, till exempel bilaga-hjalpmedel, eller datafilens "
                     "namn, till exempel risker (blir filnamnet)")
    new.add_argument("--title", metavar="TITEL", help="dokumentets titel")
    new.add_argument("--annex-of", metavar="ID", help="för en bilaga: överenskommelsen den hör till, om det finns flera")
    new.add_argument("--document", metavar="DOKUMENT", help="för en datafil: id för dokumentet som visar datan")
    new.set_defaults(run=commands["new"])

    from .source.layout import AGREEMENT_TITLE as init_title  # not source.init: it imports importlib.resources, shutil

    init = sub.add_parser("init", help="skapa ett nytt arkiv för en annan region och dess kommuner",
                          description="Skapar ett nytt arkiv i en ny eller tom MAPP: vokabulärerna med parterna, "
                          "webbplatsens inställningar och sidor, Word-mallen och ett första utkast av "
                          "överenskommelsen, så att avtal check och avtal build fungerar direkt.")
    init.add_argument("folder", metavar="MAPP", help="mappen att skapa; den får inte finnas eller måste vara tom")
    init.add_argument("--region", metavar="NAMN", required=True,
                      help='regionens officiella namn, den samordnande parten, till exempel "Region Västra Götaland"')
    init.add_argument("--kommun", metavar="NAMN", action="append",
                      help='en kommuns officiella namn, till exempel "Borås Stad"; ange flaggan en gång per kommun')
    init.add_argument("--kommuner", metavar="FIL",
                      help="en textfil (UTF-8) med en kommuns officiella namn per rad; tomma rader och rader som "
                      "börjar med # hoppas över")
    init.add_argument("--title", metavar="TITEL", help=f"överenskommelsens titel (standard: {init_title})")
    init.set_defaults(run=commands["init"])

    schema = sub.add_parser("schema", parents=[common], help="skriv JSON Schema till schema/",
                            description="Genererar schema/*.schema.json från modellerna och vokabulärerna.")
    schema.add_argument("--check", action="store_true", help="skriv inget; avsluta med 1 om filerna är inaktuella")
    schema.set_defaults(run=commands["schema"])
    _remiss_parser(sub, common, commands)
    return main


def _remiss_parser(sub, common, commands) -> None:
    remiss = sub.add_parser("remiss", help="remissomgången: utskick, svar och sammanställning",
                            description="En remissomgång i remiss/OMGÅNG/: skapa den, skriv svarsmallar och utskick, "
                            "läs in ifyllda svarsmallar och skriv remissammanställningen.")
    actions = remiss.add_subparsers(dest="action", metavar="STEG", title="steg")
    actions.required = True
    new = actions.add_parser("new", parents=[common], help="skapa en remissomgång",
                             description="Skriver remiss/OMGÅNG/remiss.yaml: dokumenten med status remiss i sina "
                             "nuvarande versioner, alla parter i schema/parter.yaml som remissinstanser och en fråga per dokument.")
    new.add_argument("round", metavar="OMGÅNG", help="omgångens id, till exempel 2027-1")
    new.add_argument("--deadline", metavar="ÅÅÅÅ-MM-DD", required=True, help="sista dag för svar")
    new.add_argument("--documents", metavar="ID", nargs="+", help="dokumenten som skickas (standard: alla med status remiss)")
    new.add_argument("--sent", metavar="ÅÅÅÅ-MM-DD", help="dagen då remissen skickas (standard: i dag)")
    new.add_argument("--title", metavar="RUBRIK", help="remissens rubrik")
    form = actions.add_parser("form", parents=[common], help="skriv en svarsmall i Word",
                              description="Skriver svarsmallen för en remissinstans: ett fält per fråga och per "
                              "avsnitt i remissversionen, som innehållskontroller i Word.")
    form.add_argument("round", metavar="OMGÅNG", help="omgångens id")
    form.add_argument("--recipient", metavar="REMISSINSTANS", required=True,
                      help='remissinstansens namn eller id, till exempel "Falu kommun"')
    form.add_argument("-o", "--output", metavar="FIL", help="filen att skriva (standard: svarsmall_OMGÅNG_ID.docx här)")
    read = actions.add_parser("import", parents=[common], help="läs in en ifylld svarsmall",
                              description="Läser en ifylld svarsmall till remiss/OMGÅNG/svar/REMISSINSTANS.yaml. "
                              "Ett fält som inte går att läsa är ett fel, och då skrivs inget.")
    read.add_argument("round", metavar="OMGÅNG", help="omgångens id")
    read.add_argument("file", metavar="FIL.docx", help="den ifyllda svarsmallen")
    read.add_argument("--replace", action="store_true",
                      help="ersätt ett svar som redan finns (redaktörernas bedömningar behålls)")
    package = actions.add_parser("package", parents=[common], help="skriv utskicket till remissinstanserna",
                                 description="Skriver för varje remissinstans missivet, dokumentens Word-filer i "
                                 "remissversionerna och svarsmallen, i en mapp och en zip-fil.")
    package.add_argument("round", metavar="OMGÅNG", help="omgångens id")
    package.add_argument("--out", metavar="MAPP", help="mappen att skriva till (standard: remiss_OMGÅNG här)")
    compile_ = actions.add_parser("compile", parents=[common], help="skriv remissammanställningen i Word",
                                  description="Skriver remissammanställningen: vilka som svarade, ställningstaganden "
                                  "per fråga och synpunkter per avsnitt med redaktörernas bedömningar.")
    compile_.add_argument("round", metavar="OMGÅNG", help="omgångens id")
    compile_.add_argument("-o", "--output", metavar="FIL",
                          help="filen att skriva (standard: remissammanstallning_OMGÅNG.docx här)")
    remiss.set_defaults(run=commands["remiss"])
