"""A document that goes through versions 0.1 → 0.2 → 0.3 in a real git repository, with every kind
of change the comparison must show: a word changed in a sentence, a paragraph deleted and one
inserted, a list item added, table rows added and removed, a section moved (same id, new place),
a heading renamed, a footnote changed, and a changed glossary definition that the document shows."""

from __future__ import annotations

from conftest import GitRepo, document, front_matter

GLOSSARY = """kind: glossary
document: plan
terms:
  - id: vardbegaran
    term: vårdbegäran
    forms: [vårdbegärans]
    definition: {definition}
"""

V01 = """
## Syfte {#syfte}

Planen beskriver hur kommunerna och regionen inför överenskommelsen. Kommunen ansvarar för hälso- och sjukvård i ordinärt boende upp till sjuksköterskenivå.[^lag]

Regionen ansvarar för läkarinsatser dygnet runt.

Planen gäller från den 1 januari 2027.

## Organisation och ansvar {#organisation}

Arbetet leds av styrgruppen.

- Styrgruppen beslutar om planen.
- Arbetsgruppen genomför aktiviteterna.

| Part | Ansvar |
| --- | --- |
| Kommunen | Hemsjukvård |
| Regionen | Läkarinsatser |
| Länet | Samordning |

## Aktiviteter {#aktiviteter}

Aktiviteterna genomförs under 2027.

## Läkarmedverkan {#lakarmedverkan}

Läkarmedverkan regleras i en egen rutin.

## Tidplan och milstolpar {#tidplan}

Tidplanen följer omställningsplanen.

## Uppföljning {#uppfoljning}

Uppföljningen sker varje år.

## Begrepp {#begrepp}

En [[vårdbegäran]] skickas digitalt.

[Begreppen](begrepp.yaml)

[^lag]: Hälso- och sjukvårdslagen (2017:30).
"""

V02 = """
## Syfte {#syfte}

Planen beskriver hur kommunerna och regionen inför överenskommelsen. Kommunen ansvarar för hälso- och sjukvård i hemmet, oavsett boendeform, upp till sjuksköterskenivå.[^lag]

Planen gäller från den 1 januari 2027.

## Organisation och ansvar {#organisation}

Arbetet leds av styrgruppen.

- Styrgruppen beslutar om planen.
- Arbetsgruppen genomför aktiviteterna.
- Referensgruppen lämnar synpunkter.

| Part | Ansvar |
| --- | --- |
| Kommunen | Hemsjukvård |
| Regionen | Läkarinsatser |
| Vårdcentralen | Läkarmedverkan |

## Aktiviteter {#aktiviteter}

Aktiviteterna genomförs under 2027.

Varje kommun utser en kontaktperson för omställningen.

## Tidplan och milstolpar {#tidplan}

Tidplanen följer omställningsplanen.

## Uppföljning och utvärdering {#uppfoljning}

Uppföljningen sker varje år.

## Läkarmedverkan {#lakarmedverkan}

Läkarmedverkan regleras i en egen rutin.

## Begrepp {#begrepp}

En [[vårdbegäran]] skickas digitalt.

[Begreppen](begrepp.yaml)

[^lag]: Hälso- och sjukvårdslagen (2017:30), 12 kap. 2 §.
"""

V03 = """
## Syfte {#syfte}

Planen beskriver hur kommunerna och regionen inför överenskommelsen. Kommunen ansvarar för hälso- och sjukvård i hemmet, oavsett boendeform, upp till sjuksköterskenivå.[^lag]

Planen gäller från den 1 april 2027.

## Organisation och ansvar {#organisation}

Arbetet leds av styrgruppen.

- Styrgruppen beslutar om planen.
- Referensgruppen lämnar synpunkter.

| Part | Ansvar |
| --- | --- |
| Kommunen | Hemsjukvård |
| Regionen | Läkarinsatser och specialiserad vård i hemmet |
| Vårdcentralen | Läkarmedverkan |

## Aktiviteter {#aktiviteter}

Aktiviteterna genomförs under 2027 och 2028.

Varje kommun utser en kontaktperson för omställningen.

## Tidplan och milstolpar {#tidplan}

Tidplanen följer omställningsplanen.

## Uppföljning och utvärdering {#uppfoljning}

Uppföljningen sker varje år.

## Kommunikation {#kommunikation}

Planen kommuniceras till alla medarbetare.

## Begrepp {#begrepp}

En [[vårdbegäran]] skickas digitalt.

[Begreppen](begrepp.yaml)

[^lag]: Hälso- och sjukvårdslagen (2017:30), 12 kap. 2 §.
"""

DEFINITIONS = {
    "0.1": "En begäran om hälso- och sjukvård i hemmet.",
    "0.2": "En skriftlig begäran från regionen om hälso- och sjukvård i hemmet.",
    "0.3": "En skriftlig begäran från regionen om hälso- och sjukvård i hemmet.",
}
STATUS = {"0.1": "utkast", "0.2": "remiss", "0.3": "utkast"}
BODIES = {"0.1": V01, "0.2": V02, "0.3": V03}
TITLE = "Implementeringsplan för prov"


def write_version(repo: GitRepo, version: str, body: str | None = None) -> None:
    repo.write("plans/plan.md", front_matter(id="plan", title=TITLE, version=f'"{version}"', status=STATUS[version],
                                             change_note=f"Version {version}.") + (body or BODIES[version]))
    repo.write("plans/begrepp.yaml", GLOSSARY.format(definition=DEFINITIONS[version]))


def make_history(repo: GitRepo, until: str = "0.3") -> GitRepo:
    """Commits 0.1, then 0.2 (and a later commit within 0.2), then 0.3; a second document stays at 0.1."""
    repo.write("plans/annan.md", document(id="annan", title="En annan plan", type="slutrapport"))
    write_version(repo, "0.1")
    repo.commit("Version 0.1 av planen")
    if until == "0.1":
        return repo
    write_version(repo, "0.2", V02.replace("Arbetet leds", "Arbetet ledds"))
    repo.commit("Version 0.2 av planen, på remiss")
    write_version(repo, "0.2")
    repo.commit("Stavfel i version 0.2")
    if until == "0.2":
        return repo
    write_version(repo, "0.3")
    repo.commit("Version 0.3 av planen efter remissen")
    return repo
