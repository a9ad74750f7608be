"""The catalogue of finding codes: one line each, like ruff's codes table.

A code is never reused or renumbered: CI logs, suppressions and people's memories
refer to it. The Swedish title and help are what `avtal check --explain CODE` prints
(Code.explain) and what the handbook's page of codes shows (handbook.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str
    help: str

    def explain(self) -> str:
        """What `avtal check --explain CODE` prints, and the handbook's page of codes shows."""
        return f"{self.code} ({self.severity.label}): {self.title}\n\n{self.help}"


_CATALOGUE = [
    # AV0xx: reading files
    Code("AV001", E, "Filen är inte UTF-8",
         "Alla källfiler ska vara sparade som UTF-8. Spara om filen som UTF-8 i redigeraren "
         "(i Word: Spara som > Oformaterad text > Unicode (UTF-8))."),
    Code("AV002", E, "Filen börjar med en BOM",
         "En byte order mark (BOM) i början av filen syns inte men stör läsningen av front matter. "
         "Spara filen som UTF-8 utan BOM."),
    Code("AV003", E, "Filen har CRLF-radslut",
         "Filer i arkivet ska ha radslut av Unix-typ (LF). Ställ om redigeraren till LF; "
         "`.gitattributes` gör det automatiskt vid nästa incheckning."),
    Code("AV004", E, "Filen är tom", "Ett dokument måste ha front matter och text. Skapa nya dokument med `avtal new`."),
    Code("AV005", E, "Filen är binär",
         "Filen innehåller tecken som inte hör hemma i en textfil (till exempel NUL). "
         "Bilder och Word-filer hör inte hemma bland dokumentens källfiler."),
    Code("AV006", E, "Filen är för stor",
         "En källfil får vara högst 1 MiB. Dela upp texten i flera dokument eller flytta stora data till en egen fil."),
    Code("AV007", E, "Front matter saknas",
         "Ett dokument börjar med en rad `---`, följd av metadata i YAML och en avslutande rad `---`."),
    Code("AV008", E, "Front matter avslutas aldrig",
         "Metadatablocket i början av dokumentet måste avslutas med en rad som bara innehåller `---`."),
    Code("AV009", E, "YAML-syntaxfel",
         "YAML-texten går inte att läsa. Vanliga orsaker: ett kolon i ett värde utan citattecken, "
         "tabbtecken i indraget eller indrag som inte står i linje."),
    Code("AV010", E, "YAML-taggar är inte tillåtna",
         "Taggar som `!!python/object` kan få en YAML-läsare att köra kod. Skriv värdet som vanlig text, tal eller datum."),
    Code("AV011", E, "YAML-ankare och alias är inte tillåtna",
         "Ankare (`&namn`) och alias (`*namn`) gör filen svårläst och kan användas för att blåsa upp "
         "den till enorm storlek. Skriv ut värdet på varje ställe."),
    Code("AV012", E, "Dubblerad nyckel", "Varje nyckel får förekomma en gång per nivå. Ta bort eller slå ihop dubbletten."),
    Code("AV013", E, "Fel struktur i YAML",
         "Front matter och datafiler ska vara en mappning (nyckel: värde) med text som nycklar, "
         "och får inte vara djupare än 32 nivåer."),
    Code("AV014", E, "Okänd sorts datafil",
         "En datafil anger med `kind` vad den innehåller: glossary, responsibilities, risks, milestones, "
         "communication, checklist, changes, choices eller handovers."),
    Code("AV015", E, "Filen ligger utanför arkivet eller är en symbolisk länk",
         "avtal läser bara vanliga filer i arkivet: dokument, data, bilder, vokabulärer, Word-mallen och mkdocs.yml "
         "med mapparna den publicerar. En symbolisk länk följs aldrig, inte heller en sökväg som leder ut ur arkivet "
         "(`..` eller en absolut sökväg), så att ingen fil från datorn som bygger kan hamna på webbplatsen eller i "
         "Word-filerna. Ersätt länken med filen själv, eller flytta filen in i arkivet."),
    Code("AV016", E, "Styrtecken i texten",
         "Styrtecken (U+0000–U+001F utom tabb och radbrytning, U+007F–U+009F) och radavgränsarna U+2028 och U+2029 "
         "syns inte men följer ofta med text som klistras in från Word: den manuella radbrytningen (Skift+Retur) är "
         "U+000B och sidbrytningen U+000C. En Word-fil kan inte innehålla dem. Fyndet anger rad, kolumn och tecknets "
         "kod; ta bort tecknet, eller ersätt det med en radbrytning eller ett mellanslag. Det gäller också en "
         "escape-sekvens som \\v eller \\x0b inom dubbla citattecken i YAML."),
    # AV1xx: metadata
    Code("AV101", E, "Okänt fält", "Fältet finns inte i metadatamodellen. Kontrollera stavningen; se `schema/*.schema.json`."),
    Code("AV102", E, "Obligatoriskt fält saknas", "Fältet måste finnas. `avtal new` skapar dokument med alla obligatoriska fält."),
    Code("AV103", E, "Ogiltigt värde", "Värdet har fel typ eller form. Meddelandet säger vad som förväntas."),
    Code("AV104", E, "Okänd part",
         "Parter anges med sina officiella namn så som de står i `schema/parter.yaml`, till exempel \"Falu kommun\"."),
    Code("AV105", E, "Okänd roll eller ansvarig",
         "Ägare och ansvariga är roller (inte personer) ur `schema/roller.yaml`, eller parter ur `schema/parter.yaml`."),
    Code("AV106", E, "Okänt beslutsorgan",
         "Beslutsorganet ska finnas i `schema/organ.yaml` och höra till partens sort (region eller kommun)."),
    Code("AV107", E, "Dubblerat dokument-id", "Varje dokument har ett eget id. Byt id på ett av dokumenten (och filnamnet med det)."),
    Code("AV108", E, "Filnamnet följer inte id",
         "Regeln: filnamnet är dokumentets id följt av `.md` (id `implementeringsplan` i filen "
         "`plans/implementeringsplan.md`). Byt namn på filen eller ändra id."),
    Code("AV109", E, "Dokumentet ligger i fel mapp",
         "Överenskommelser ligger i `agreement/`, bilagor i `annexes/` och planer och övriga dokument i `plans/`."),
    Code("AV110", E, "Fel bilagenummer",
         "En bilaga har ett unikt `annex_number` och anger med `annex_of` vilken överenskommelse den hör till; "
         "andra dokument har inget bilagenummer."),
    Code("AV111", E, "Giltighetstiden går baklänges", "`valid_until` måste ligga efter `valid_from`."),
    Code("AV112", E, "Parten är inte part i dokumentet",
         "Diarienummer och beslut kan bara anges för parter som står i dokumentets `parties`."),
    Code("AV113", E, "Förväxlingsbart tecken i ett namn, ett id eller en nyckel",
         "Hårda mellanslag (U+00A0), nollbreddsmellanslag, mjuka bindestreck, tankstreck och typografiska "
         "citattecken ser ut som (eller som inget annat än) vanliga tecken men är andra tecken. I namn på parter, "
         "roller, organ, statusar och dokumenttyper, i id, versioner och datum, och i YAML-nycklar gör de att "
         "värdet inte känns igen. Fyndet anger tecknets kod, var det står och vad som ska skrivas i stället. "
         "I fri text (titlar, definitioner, beskrivningar) är tecknen tillåtna."),
    Code("AV114", E, "Datum eller period utanför gränserna",
         "Alla datum och kvartal ligger inom åren 2000–2100, och en plans period (`period`) är högst 10 år, "
         "så att ett felskrivet årtal upptäcks och tidslinjen får ett rimligt antal kvartal."),
    Code("AV115", W, "Ny version med samma datum",
         "Dokumentet har fått en högre version än i jämförelserevisionen (`avtal check --base REV`) men har kvar "
         "samma `date`. Datumet är versionens datum: det står i sidhuvudet i Word-filen och avgör vilka "
         "milstolpar som räknas som passerade. Skriv den nya versionens datum."),
    Code("AV120", W, "Schemaraden pekar på fel schema",
         "Raden `# yaml-language-server: $schema=…` överst i en datafil talar om för redigeraren (till exempel "
         "VS Code med Red Hats YAML-tillägg) vilket JSON Schema filen följer, så att den kan föreslå och "
         "kontrollera fälten. Den ska peka på schemat för filens `kind` i `schema/`, relativt till filen, till "
         "exempel `../schema/risks.schema.json` för en fil med `kind: risks` i `plans/`. Raden är frivillig; "
         "`avtal new` skriver den."),
    # AV2xx: links and references
    Code("AV201", E, "Trasig länk", "Länken pekar på en fil som inte finns eller inte är ett dokument i arkivet."),
    Code("AV202", E, "Trasigt ankare", "Ankaret (`#...`) finns inte som rubrik i måldokumentet."),
    Code("AV203", W, "Länk till rubrik utan fast id",
         "Länken pekar på ett ankare som skapas av rubrikens text och som bryts när rubriken byter namn. "
         "Ge rubriken ett fast id, till exempel `## Läkarmedverkan {#lakarmedverkan}`, och länka till det."),
    Code("AV204", E, "Otillåten länkadress",
         "Länkar får gå till andra dokument (relativ sökväg), till `http`, `https`, `mailto` eller `tel`. "
         "Adresser som `javascript:` eller `data:` kan köra kod på webbplatsen."),
    Code("AV205", E, "Okänt dokument", "Fältet ska ange id för ett dokument som finns i arkivet."),
    Code("AV206", E, "Hänvisning till bilaga som inte finns",
         "Texten nämner \"bilaga N\" men ingen bilaga har det numret. Rätta numret eller lägg till bilagan."),
    Code("AV207", E, "Dubblerat avsnitts-id",
         "Ett fast avsnitts-id (`{#id}`) förekommer en gång i sitt dokument, så att en länk eller hänvisning "
         "alltid pekar på ett enda avsnitt."),
    Code("AV208", E, "Okänt avsnitt",
         "Data hänvisar till avsnitt med deras fasta id. Id:t ska finnas som `{#id}` på en rubrik i något dokument."),
    Code("AV209", W, "Datan visas inte i sitt dokument",
         "En datafil visas där dokumentet har ett eget stycke med bara en länk till filen, till exempel "
         "`[Riskregistret](risker.yaml)`. På webbplatsen och i Word blir länken en tabell; i en vanlig "
         "förhandsvisning förblir den en länk till filen."),
    Code("AV210", W, "Länken fungerar inte på webbplatsen",
         "Länken går till en fil i arkivet som inte är ett dokument, till exempel en datafil eller en fil i "
         "`schema/`. Webbplatsen och Word-filerna innehåller dokumenten, inte arkivets övriga filer, så där leder "
         "länken ingenstans. Länka till dokumentet som visar innehållet, visa en datafil med ett eget stycke med "
         "bara länken (se Data i handboken, Så skrivs ett dokument), eller skriv filens hela adress (https://…)."),
    Code("AV212", E, "Bild från en annan webbplats",
         "En bild är en fil i arkivet: `![Beskrivning](bilder/tidplan.png)`, med sökvägen relativt till dokumentet. "
         "Bilder från andra webbplatser (`https://…`, `//…`) visas inte: Word-filen kan inte hämta dem, och "
         "webbplatsen visar bara det som har granskats i arkivet. Spara bilden i arkivet och länka till filen."),
    Code("AV213", E, "Bilden finns inte", "Bildens sökväg, relativt till dokumentet, leder inte till en fil i arkivet."),
    Code("AV214", E, "Filen är ingen bild som kan visas",
         "Bilder ska vara PNG, JPEG eller GIF, och filens ändelse ska stämma med innehållet (.png, .jpg eller .jpeg, "
         ".gif). Filens första byte avgör typen, inte namnet. Bilden får vara högst 10 MiB och 20 000 bildpunkter "
         "per sida, och dess huvud måste gå att läsa för Word. Spara om bilden som PNG eller JPEG."),
    Code("AV215", E, "Hänvisning till en rad som inte finns",
         "En text hänvisar till en rad i en datafil med radens id som ankare, till exempel "
         "`[M14](../plans/milstolpar.yaml#M14)`. Id:t ska finnas i filen; meddelandet föreslår det närmaste. "
         "På webbplatsen och i Word visar hänvisningen vad raden säger, länkad till raden i sin tabell."),
    Code("AV216", E, "Datafilen har inga rader att hänvisa till",
         "Hänvisningar med radens id som ankare fungerar för milstolpar, risker, kommunikationsaktiviteter, "
         "ansvarsfördelning, checklistor och jämförelser med i dag. Länka till ett begrepp med `[[begrepp]]`, "
         "och till en hel datafil med ett eget stycke med bara länken."),
    # AV3xx: content
    Code("AV301", E, "Obligatoriskt avsnitt saknas",
         "Varje dokumenttyp har avsnitt som måste finnas, listade i `schema/dokumenttyper.yaml`. "
         "Avsnittet känns igen på sitt fasta id."),
    Code("AV302", INFO, "Öppen fråga",
         "En öppen fråga skrivs `!!! question \"Öppen fråga: ...\"` med förslag och motivering indragna under. "
         "Listan visar vad som återstår att besluta. Ett fast id efter rubriken (`{#id}`) gör att frågan kan länkas "
         "och föras in bland de politiska valen eller de frågor som lämnas till arbetsgrupperna."),
    Code("AV303", E, "Beslut saknas för beslutat dokument",
         "Ett dokument med status beslutad har ett beslut (organ, sammanträdesdatum, paragraf, justeringsdatum) "
         "från varje part. Beslutet gäller bara om alla parter fattar likalydande beslut."),
    Code("AV304", E, "Öppen fråga i beslutat dokument", "Ett beslutat dokument får inte innehålla öppna frågor."),
    Code("AV305", E, "Bilagan är beslutad men inte överenskommelsen",
         "En bilaga kan inte vara beslutad så länge överenskommelsen den hör till inte är det."),
    Code("AV306", E, "Rå HTML är inte tillåten",
         "Webbplatsen är en offentlig sida: rå HTML kan bära skript och stilar som ingen granskar. "
         "Använd Markdown; kod visas i kodblock (```)."),
    Code("AV307", E, "Otillåten attributlista",
         "Attributlistor (`{...}`) får bara ange id (`#id`) och klasser (`.klass`), inte attribut som kan bära skript. "
         "Ett ord utan `#` eller `.` i klamrarna (`{viktigt}`, `{{}`) är också ett attribut, och klamrarna syns inte "
         "i texten. Ska klamrarna synas, skriv dem i ett kodblock (`` `{x}` ``)."),
    Code("AV310", W, "Rubriken är numrerad för hand",
         "Rubrikerna numreras automatiskt i Word-filen (1, 1.1, 1.1.1), och hänvisningar går till avsnittens "
         "fasta id, inte till deras nummer. Ett nummer i rubrikens text blir ett andra nummer, vare sig det är "
         "siffror (`## 3. Ansvar`, `## 3) Ansvar`), en bokstav (`## A. Begrepp`), en romersk siffra (`## IV. Ekonomi`), "
         "en paragraf (`## § 3 Ansvar`) eller ett ord med nummer (`## Kapitel 2 Ansvar`). "
         "Ta bort numret: `## Ansvar {#ansvar}`. Så länge numret står kvar visar Word-filen rubriken som den är "
         "skriven, utan automatiskt nummer, och de följande rubrikernas nummer räknas utan den."),
    Code("AV311", W, "Listan behöver en tom rad före sig",
         "GitHub och GitLab visar en lista även när den följer direkt på ett stycke, men webbplatsen och "
         "Word-filen gör det inte: raderna blir löpande text med tecknen `-` eller `1.` kvar, eller hamnar i "
         "punkten ovanför. Lägg en tom rad före listan, och mellan två listor av olika slag."),
    Code("AV312", W, "Underpunkten är indragen för lite eller för mycket",
         "En underpunkt, eller ett stycke till i en listpunkt, dras in fyra blanksteg (eller en tabb) per nivå. "
         "Med två eller tre blanksteg visar GitHub och GitLab en underpunkt, medan webbplatsen och Word-filen "
         "gör den till en punkt i listan ovanför eller ett stycke utanför listan. Skriv punkten utan indrag om "
         "den hör till listan, och med fyra blanksteg om den hör till punkten ovanför."),
    Code("AV313", W, "Numreringen 1) läses inte som en lista",
         "Webbplatsen och Word-filen känner bara igen numrerade punkter skrivna `1.`, `2.`, … "
         "GitHub och GitLab visar även `1)` som en lista. Skriv `1.` i stället för `1)`."),
    Code("AV315", INFO, "Att verifiera",
         "En uppgift som ska kontrolleras innan dokumentet beslutas skrivs `!!! verify \"Att verifiera: ...\"` direkt "
         "efter det stycke den gäller, med det som ska kontrolleras indraget under. I data anger raden `verify`. "
         "Listan visar vad som återstår att kontrollera; på webbplatsen syns uppgifterna för granskarna och i "
         "Word-filen blir de kommentarer, aldrig text i dokumentet."),
    Code("AV316", E, "Uppgift att verifiera i beslutat dokument",
         "Ett beslutat dokument får inte innehålla uppgifter som ännu inte är kontrollerade. Kontrollera uppgiften, "
         "skriv in det som gäller och ta bort rutan `!!! verify` (eller raden `verify` i datan) innan beslutet."),
    Code("AV320", E, "Ogiltigt id för en öppen fråga",
         "En öppen fråga kan få ett fast id efter rubriken, som en rubrik: `!!! question \"Öppen fråga: ...\" {#id}`. "
         "Id:t skrivs med små bokstäver a–z, siffror och bindestreck, utan å, ä och ö, till exempel "
         "`{#barn-och-unga}`. Med id:t kan andra dokument och datafiler länka till frågan, och länken håller "
         "även när frågor läggs till eller tas bort före den."),
    Code("AV321", E, "Id:t för den öppna frågan finns redan i dokumentet",
         "Varje öppen fråga och varje rubrik i ett dokument har ett eget id; annars går länkar till fel ställe. "
         "Välj ett annat id för frågan."),
    Code("AV322", INFO, "Öppen fråga som varken avgörs av ett politiskt val eller har lämnats till en arbetsgrupp",
         "Inför principbeslutet ska varje öppen fråga i överenskommelsen antingen avgöras av ett politiskt val "
         "(`closes` i datafilen med `kind: choices`) eller lämnas till en namngiven arbetsgrupp med den milstolpe "
         "då den ska vara besvarad (datafilen med `kind: handovers`). Ge frågan ett id (`{#id}` efter rubriken) "
         "och för in den på ett av de två ställena."),
    Code("AV323", INFO, "Lång mening",
         "Meningen har fler än 35 ord. Långa meningar är svåra att läsa och att förstå på samma sätt. Dela den, "
         "till exempel där ett nytt led börjar med \"och\", \"samt\" eller \"vilket\". Orden räknas som "
         "webbplatsen visar dem, utanför tabeller och kod (se handboken, Klarspråk)."),
    Code("AV324", INFO, "Svårläst stycke",
         "Styckets läsbarhetsindex (LIX) är över 55, vilket räknas som mycket svår text. LIX = antal ord / antal "
         "meningar + 100 × antal långa ord (fler än sex bokstäver) / antal ord. Korta meningarna och byt långa "
         "ord mot kortare där det går (se handboken, Klarspråk)."),
    # AV4xx: defined terms
    Code("AV401", E, "Odefinierat begrepp",
         "`[[...]]` markerar ett definierat begrepp. Formen måste finnas bland begreppens former i ordlistan "
         "(datafilen med `kind: glossary`)."),
    Code("AV402", W, "Begreppet används aldrig",
         "Begreppet definieras i ordlistan men används inte som `[[begrepp]]` i något dokument. "
         "Använd det eller ta bort definitionen."),
    Code("AV403", E, "Begreppet definieras två gånger",
         "Ett begrepp har en definition, och varje form hör till ett enda begrepp."),
    Code("AV404", E, "Mer än en ordlista", "Arkivet har en enda ordlista (begrepp), en datafil med `kind: glossary`."),
    # AV5xx: structured data
    Code("AV501", E, "Datum utanför perioden", "Milstolpar ska ligga inom planens period (`period` i datafilen)."),
    Code("AV502", E, "Dubblerat id i data", "Varje rad i en datafil har ett eget id."),
    Code("AV503", E, "Nej utan hantering",
         "En punkt i en checklista som besvaras med nej ska beskriva hur konsekvenserna hanteras (`handling`)."),
    Code("AV504", E, "Okänd målgrupp", "Aktivitetens målgrupp ska finnas i filens lista `target_groups`."),
    Code("AV505", E, "Källa saknas för hur det är i dag",
         "En rad i en jämförelse med i dag (`kind: changes`) anger varifrån uppgiften om i dag kommer (`source`), "
         "eller vad som ska kontrolleras innan den kan användas (`verify`). Gissa aldrig hur det är i dag."),
    Code("AV530", E, "Okänd öppen fråga",
         "Ett politiskt val (`closes`) eller en överlämnad fråga (`question`) anger en öppen fråga som "
         "dokument-id#frågans-id. Frågan måste finnas i dokumentet med det id:t efter rubriken: "
         "`!!! question \"Öppen fråga: ...\" {#frågans-id}`."),
    Code("AV531", W, "Den öppna frågan avgörs på mer än ett ställe",
         "Varje öppen fråga avgörs av ett enda politiskt val eller lämnas till en enda arbetsgrupp, så att det är "
         "klart vem som svarar. Ta bort den ena hänvisningen."),
    Code("AV532", E, "Okänd milstolpe",
         "En överlämnad fråga anger med `milestone` id:t för den milstolpe då den ska vara besvarad. Milstolpen "
         "måste finnas i en datafil med `kind: milestones` (till exempel plans/milstolpar.yaml)."),
    Code("AV506", E, "Milstolparna kommer i omöjlig ordning",
         "En milstolpe som anger `after` ska kunna ligga efter de milstolpar den nämner, med minst det avstånd "
         "som `months` anger: `after: [{id: M18, months: 6}]` betyder tidigast sex månader efter att M18 kan "
         "infalla. Ett kvartal räknas från sin första dag när det kommer före och till sin sista när det kommer "
         "efter. Flytta någon av milstolparna, eller rätta `after`."),
    Code("AV507", E, "Okänd milstolpe i after",
         "`after` nämner milstolpar i samma fil med deras id, aldrig milstolpen själv."),
    Code("AV508", INFO, "Passerad milstolpe utan rapport",
         "Tiden för milstolpen har passerat (räknat från datumet på dokumentet som visar planen) och ingen har "
         "rapporterat läget. Sidan visar \"ej rapporterad\". Milstolpens ansvarige anger `done: true` med belägg "
         "i `evidence` när den är nådd, eller `done: false` med belägg om den inte nåddes; då visas \"ej uppnådd\"."),
    # AV6xx: version discipline (avtal check --base REV)
    Code("AV601", E, "Texten har ändrats utan ny version",
         "Regeln: ändras ett dokuments text eller data sedan REV ska versionen höjas. Undantag: ett utkast som "
         "var utkast redan vid REV får ändras inom samma version. Höj versionen (0.3 till 0.4, 1.0 till 1.1) "
         "och skriv vad som ändrats i change_note."),
    Code("AV602", E, "Versionen går bakåt", "Ett versionsnummer sänks aldrig: en ny version är alltid högre än alla tidigare."),
    Code("AV603", E, "En beslutad version har ändrats",
         "Texten i en version som någon gång har haft status beslutad ändras aldrig: det är den texten som "
         "parterna har beslutat om. Ge ändringen en ny version, som beslutas på nytt."),
    Code("AV604", W, "Historiken är ofullständig",
         "Arkivet är en grund klon (shallow clone), så de äldsta incheckningarna saknas och reglerna om "
         "versioner ser bara det som finns. Hämta hela historiken: git fetch --unshallow, eller fetch-depth: 0 i CI."),
    # AV7xx: the decision register (decisions/rules.py): fingerprints of the texts the parties decided
    Code("AV701", E, "Fingeravtrycket hör inte till versionen",
         "Ett beslut anger vilken version som beslutades (`version`) och fingeravtrycket för texten (`fingerprint`), "
         "så som det står i den diarieförda Word-filen under Dokumentidentitet. Fingeravtrycket måste vara den "
         "versionens; för en överenskommelse med bilagor beslutspaketets (överenskommelsen och bilagorna "
         "tillsammans). Kontrollera filen med `avtal verify FIL` och skriv in det fingeravtryck den visar, eller "
         "kör `avtal verify FIL --record PART`."),
    Code("AV702", E, "Versionen i beslutet finns inte",
         "Beslutet anger en version som dokumentet aldrig har haft, eller ett fingeravtryck utan version. Skriv in "
         "versionen som står i den diarieförda Word-filen."),
    Code("AV703", E, "Parterna har beslutat om olika texter",
         "Överenskommelsen gäller bara när alla parter har fattat likalydande beslut: samma text, med samma "
         "fingeravtryck. En part vars beslut har ett annat fingeravtryck har beslutat om en annan text; kontrollera "
         "partens diarieförda fil med `avtal verify` och låt parten besluta om rätt version."),
    Code("AV704", E, "Besluten gäller inte den nuvarande texten",
         "Dokumentet har status beslutad, men texten har ändrats sedan parterna beslutade: fingeravtrycket i "
         "besluten är inte den nuvarande textens. Återställ texten, eller ge ändringen en ny version som beslutas "
         "på nytt."),
    Code("AV705", E, "Giltigheten börjar före det sista beslutet",
         "`valid_from` kan inte ligga före någon parts beslut: överenskommelsen gäller först när alla parter har "
         "beslutat. Flytta `valid_from` till det sista beslutets dag eller senare."),
    Code("AV706", E, "Beslut utan fingeravtryck",
         "Ett beslutat dokument visar med fingeravtrycken att alla parter har beslutat om samma text. Skriv in "
         "`version` och `fingerprint` från partens diarieförda Word-fil (Dokumentidentitet på sista sidan), eller "
         "kör `avtal verify FIL --record PART`."),
    Code("AV707", W, "Beslutet saknar fingeravtryck",
         "Ett beslut utan fingeravtryck visar inte vilken text som beslutades. Skriv in `version` och `fingerprint` "
         "från den diarieförda Word-filen innan dokumentet får status beslutad."),
    Code("AV708", W, "Versionen i beslutet går inte att pröva",
         "Historiken som behövs för att pröva fingeravtrycket saknas: arkivet är inte ett git-arkiv, eller en grund "
         "klon (shallow clone). Hämta hela historiken med git fetch --unshallow (i CI: fetch-depth: 0)."),
    Code("AV709", E, "Bilagan gäller någon som inte är part i överenskommelsen",
         "En bilagas parter (`parties`) är de parter i överenskommelsen som bilagan gäller, och bara de parterna "
         "får bilagan i sitt beslutsunderlag. En part som inte är part i överenskommelsen kan inte besluta om "
         "bilagan. Ta bort parten ur bilagans `parties`, eller lägg till den i överenskommelsens."),
    # AV8xx: the remiss round (remiss/<round>/remiss.yaml, svar/*.yaml) and its Word forms
    Code("AV801", E, "Ogiltigt id för remissomgång",
         "En remissomgång är en mapp `remiss/<omgång>/` vars namn är omgångens fasta id: små bokstäver a–z, "
         "siffror och bindestreck, till exempel `remiss/2027-1/`. Byt namn på mappen."),
    Code("AV802", E, "Remissomgångens remiss.yaml saknas",
         "Varje remissomgång beskrivs i `remiss/<omgång>/remiss.yaml`: dokumenten och deras remissversioner, "
         "remissinstanserna, datumen och remissfrågorna. Skapa filen med `avtal remiss new OMGÅNG --deadline ÅÅÅÅ-MM-DD`."),
    Code("AV803", E, "Dokumentet eller versionen finns inte",
         "Ett dokument som skickas på remiss anges med sitt id och sin remissversion, till exempel "
         "`{id: overenskommelse, version: \"0.3\"}`. Dokumentet ska finnas och versionen ska finnas i "
         "git-historiken (eller vara den nuvarande versionen). Checka in remissversionen innan remissen skickas."),
    Code("AV804", E, "Versionen hade inte status remiss",
         "Det som skickas på remiss är en version som har status `remiss`. Sätt status remiss i dokumentets front "
         "matter, checka in, och ange den versionen i remiss.yaml."),
    Code("AV805", E, "Dubblerad remissinstans, fråga eller dokument",
         "Varje remissinstans, remissfråga och dokument står en gång i remiss.yaml, och en annan remissinstans "
         "kan inte ha samma id som en part (partens id är namnet med små bokstäver och bindestreck, "
         "till exempel `falu-kommun`)."),
    Code("AV806", E, "Svarstiden slutar före utskicket", "Sista dag för svar (`deadline`) ligger efter utskicket (`sent`)."),
    Code("AV807", W, "Filen läses inte",
         "Under `remiss/` läses bara `remiss/<omgång>/remiss.yaml` och svaren i `remiss/<omgång>/svar/<remissinstans>.yaml`. "
         "Andra filer (till exempel de Word-filer som kom in) får ligga där för ordningens skull men läses inte, "
         "och symboliska länkar följs aldrig."),
    Code("AV810", E, "Okänd remissinstans",
         "Svaret ska komma från en remissinstans i omgångens remiss.yaml: en part i `recipients` (med sitt "
         "officiella namn) eller en annan remissinstans i `other_recipients` (med sitt namn eller id)."),
    Code("AV811", E, "Svarsfilen heter inte som remissinstansen",
         "Ett svar ligger i `svar/<id>.yaml`, där id är remissinstansens id: partens namn med små bokstäver och "
         "bindestreck (`falu-kommun.yaml`), eller den andra remissinstansens `id`. Varje remissinstans har ett svar."),
    Code("AV812", E, "Okänd remissfråga",
         "Svaret hänvisar till remissfrågorna med deras id i remiss.yaml (`questions`), och varje fråga besvaras en gång."),
    Code("AV813", E, "Avsnittet finns inte i remissversionen",
         "En synpunkt gäller texten som skickades på remiss. Avsnittet anges som `dokument-id#avsnitts-id` och "
         "ska finnas i remissversionen av ett dokument i omgången, även om det senare har bytt rubrik, flyttats "
         "eller tagits bort. Ett avsnitt som bara finns i den nuvarande texten fanns inte på remiss."),
    Code("AV814", E, "Okänt ställningstagande",
         "Ställningstagandet till en remissfråga är ett av: tillstyrker, tillstyrker med ändringar, avstyrker, "
         "ingen erinran, avstår."),
    Code("AV815", E, "Okänd bedömning",
         "Redaktörernas bedömning av en synpunkt är en av: beaktas, beaktas delvis, beaktas inte, redan hanterat."),
    Code("AV816", W, "Svaret kom efter svarstiden",
         "Svarets datum ligger efter sista dag för svar. Svaret kommer med i sammanställningen; varningen finns "
         "för att styrgruppen ska se att det kom sent."),
    Code("AV817", E, "Synpunkt utan bedömning i en sammanställd omgång",
         "När remissomgången är sammanställd (`compiled` i remiss.yaml) har varje kommentar och synpunkt en "
         "bedömning (`assessment`: outcome, reason och gärna handled_in). Skriv bedömningen, eller ta bort "
         "`compiled` tills sammanställningen är klar."),
    Code("AV818", E, "Okänd version eller incheckning i handled_in",
         "`handled_in` anger var en synpunkt hanterades: en version av avsnittets dokument som är senare än "
         "remissversionen (till exempel \"0.4\"), eller en incheckning i arkivet. En fråga som inte gäller ett "
         "enda dokument hänvisar till en incheckning."),
    Code("AV819", W, "Okänt beslutsorgan för svaret",
         "Organet som beslutade om en parts svar finns inte bland partens beslutsorgan i `schema/organ.yaml`. "
         "Lägg till organet där om det finns."),
    Code("AV830", E, "Filen är inget svarsformulär",
         "`avtal remiss import` läser de svarsmallar som `avtal remiss form` och `avtal remiss package` skriver "
         "(.docx med innehållskontroller). Filen går inte att läsa som en sådan."),
    Code("AV831", E, "Svarsmallen hör till en annan remissomgång eller remissinstans",
         "Svarsmallen bär omgångens och remissinstansens id. Läs in den i den omgång den skrevs för, eller be "
         "remissinstansen svara i sin egen svarsmall."),
    Code("AV832", E, "Ett fält i svarsmallen saknas eller är ändrat",
         "Svarsmallens fält är innehållskontroller i Word med fasta taggar. Ett fält som har tagits bort, vars "
         "tagg har ändrats eller som har bytt sort kan inte läsas. Be remissinstansen fylla i en ny svarsmall "
         "(`avtal remiss form`), eller skriv in svaret i YAML-filen för hand."),
    Code("AV833", E, "Ogiltigt värde i svarsmallen",
         "Ett fält i svarsmallen har ett värde som inte går att läsa: ett ställningstagande utanför listan, ett "
         "datum som inte är ett datum, eller en kommentar utan ställningstagande."),
    Code("AV834", E, "Svaret finns redan",
         "`avtal remiss import` skriver aldrig över ett svar som redan finns. Ange `--replace` för att ersätta "
         "det; redaktörernas bedömningar av synpunkter som finns kvar behålls."),
    Code("AV835", E, "Fält som inte hör till remissen",
         "Svarsmallen har ett fält som remissomgången inte har (en fråga eller ett avsnitt som har tagits bort "
         "sedan mallen skrevs), eller samma fält två gånger. Skriv en ny svarsmall med `avtal remiss form`."),
    Code("AV836", W, "Text utanför svarsmallens fält",
         "Remissinstansen har skrivit text någon annanstans än i svarsmallens fält, till exempel i en rubrik eller "
         "mellan två fält. Texten läses inte in automatiskt men visas här, med texten före den. Läs den och för in "
         "den i svarets YAML-fil för hand om den hör till svaret."),
    Code("AV837", E, "Svaret är större än en källfil får vara",
         "Ett inläst svar skrivs som en YAML-fil i arkivet, och en källfil får vara högst 1 MiB (samma gräns som "
         "AV006). Svaret skrivs inte. Be remissinstansen korta svaret, eller dela upp det för hand."),
    # AV9xx: after the decision: editorial and material versions, what is in force
    Code("AV901", E, "Beslutat dokument utan ändringsslag",
         "Ett beslutat dokument anger om versionen är redaktionell eller materiell (`change_kind: redaktionell` "
         "eller `change_kind: materiell`), så att det syns om parternas beslut står kvar eller om alla parter ska "
         "besluta på nytt."),
    Code("AV902", E, "Ändringen är inte redaktionell",
         "En version som kallas redaktionell får bara rätta stavning (högst två bokstäver i ett ord på sex bokstäver "
         "eller fler, eller stor och liten bokstav), ändra skiljetecken och blanksteg, ändra länkars mål och byta "
         "ett organs namn mot det nya namnet i `schema/organ.yaml` (`renamed`). Allt annat ändrar innehållet: "
         "ange `change_kind: materiell`, så beslutar parterna på nytt."),
    Code("AV903", E, "Redaktionell version utan tidigare version",
         "En redaktionell version rättar en tidigare version. Den första versionen av ett dokument har inget att "
         "rätta; ange `change_kind: materiell` eller ta bort raden."),
    Code("AV904", E, "Beslutet om den redaktionella versionen saknas",
         "En redaktionell version av ett beslutat dokument behåller parternas beslut, men behöver beslut av det "
         "organ som överenskommelsen ger mandatet i sitt avsnitt om revidering. Skriv in beslutet under "
         "`editorial_decision` (organ, sammanträdesdatum, paragraf, justeringsdatum, version och fingeravtryck)."),
    Code("AV905", E, "En materiell version ligger mellan besluten och den redaktionella",
         "Parternas beslut står kvar bara genom redaktionella versioner. En materiell version efter den beslutade "
         "behöver nya beslut av alla parter innan dokumentet kan vara beslutat."),
    # Local agreements: a template and a row per municipality (source/local.py).
    Code("AV910", E, "Mallens datafil saknas",
         "En mall för lokala avtal anger sin datafil med `local: fil.yaml` i front matter. Filen ska ligga i samma "
         "mapp och ha `kind: local`, med en rad per kommun."),
    Code("AV911", E, "Okänt värde i mallen",
         "En hänvisning `[text](fil.yaml#namn)` i mallen ska gälla ett värde som står under `values` på "
         "kommunernas rader. Rätta namnet i texten eller lägg till värdet i datafilen."),
    Code("AV912", E, "Värde saknas för en kommun",
         "Varje kommun behöver ett värde för varje namn som mallens text hänvisar till. Lägg till det under "
         "`values` på kommunens rad i datafilen."),
    Code("AV913", E, "Kommunen står två gånger eller är den samordnande parten",
         "Varje kommun har en rad i datafilen. Den samordnande parten (regionen) är part i varje lokalt avtal och "
         "har ingen egen rad."),
    Code("AV914", E, "Fält i mallen som hör till datafilen",
         "Version, status, datum för giltighet, parter, diarienummer och beslut skiljer sig per kommun och står på "
         "kommunens rad i datafilen, inte i mallens front matter."),
    Code("AV916", E, "Datafilen hör inte till någon mall",
         "En datafil med `kind: local` används av en mall: ett dokument i samma mapp med `local: fil.yaml` i front "
         "matter och samma id som datafilens `document`."),
]

CODES: dict[str, Code] = {c.code: c for c in _CATALOGUE}


def finding(code: str, path: str, line: int, column: int, message: str, follows_from: str | None = None) -> Finding:
    """Make a finding; its severity comes from the catalogue, never from the call site.

    `follows_from`: the path of a file that failed to load, when the finding is only a consequence
    of its absence (see rules/check.py: fold_consequences)."""
    # The fields set as the frozen dataclass's own __init__ sets them (object.__setattr__ each), in one
    # step: a large repository has tens of thousands of findings, and this is a third of the cost.
    made = _new(Finding)
    made.__dict__.update(path=path, line=line, column=column, code=code, severity=CODES[code].severity,
                         message=message, follows_from=follows_from)
    return made


_new = object.__new__
