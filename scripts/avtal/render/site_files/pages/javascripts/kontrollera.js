// "Kontrollera en fil": the chosen file is read in the browser only; nothing is uploaded.
//  1. its SHA-256 against the build's manifest (manifest.json): the very file that was published;
//  2. a Word file's text: its fingerprint (fingeravtryck.js, the rules in the handbook's page
//     "Fingeravtryck") against every version's (fingeravtryck.json, decisions/published.py), so
//     that a re-saved file, or one with another party's diarienummer, is still named; a text that is
//     no version gets the nearest version and the paragraphs of the file that differ from it;
//  3. a PDF only by its bytes: reading a PDF's text needs a PDF library, and the page loads none.
(function () {
  "use strict";
  var SHORT = 7 + 16;
  var STATUS = { utkast: "utkast", remiss: "remissversion", "beslutad": "beslutad", "upphävd": "upphävd" };
  var SHOWN = 5;

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function short(fp) { return fp.slice(0, SHORT); }
  function same(a, b) {
    if (!a || !b || Math.min(a.length, b.length) < SHORT) { return false; }
    return a.indexOf(b) === 0 || b.indexOf(a) === 0;
  }
  function swedishDate(iso) {
    var months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
                  "november", "december"];
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? Number(m[3]) + " " + months[Number(m[2]) - 1] + " " + m[1] : "";
  }
  function described(name) {
    var rows = document.querySelectorAll("table.avtal-published tbody tr");
    for (var i = 0; i < rows.length; i += 1) {
      var cells = rows[i].cells;
      if (cells[0].textContent.trim() === name) {
        return cells[1].textContent + ", version " + cells[2].textContent + ", " + cells[3].textContent +
          " (" + cells[4].textContent.toLowerCase() + ")";
      }
    }
    return null;
  }
  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  // -- What a text is --------------------------------------------------------------------
  function versionLabel(v) {
    var numbers = v.versions.length > 1 ? v.versions.join(" och ") : v.versions[0];
    var where = v.commit ? "incheckning " + v.commit.slice(0, 8) + (v.date ? " (" + swedishDate(v.date) + ")" : "")
      : "texten som webbplatsen är byggd av, ännu inte incheckad";
    return v.title + " (" + v.doc + "), version " + numbers + " (" + (STATUS[v.status] || v.status) + "), " + where;
  }
  function decisionsOn(data, docId, fp) {
    var known = data.decisions[docId];
    if (!known) { return "inga beslut (dokumentet finns inte längre i arkivet)."; }
    var parties = known.decided.filter(function (d) { return same(d.fingerprint, fp); }).map(function (d) { return d.party; });
    if (!parties.length) { return "inga beslut om texten."; }
    var names = parties.length <= 4 ? parties.join(", ") : parties.slice(0, 3).join(", ") + " och " + (parties.length - 3) + " till";
    return "beslutad av " + parties.length + " av " + known.total + " parter (" + names + ").";
  }
  function findText(data, fp, pack) {
    return data.versions.filter(function (v) { return (v.members.length > 0) === pack && same(v.fingerprint, fp); });
  }
  function hashesOf(v) {
    var out = [];
    for (var i = 0; i < v.lines.length; i += 10) { out.push(v.lines.slice(i, i + 10)); }
    return out;
  }
  function likeness(a, b) {  // Dice over the multisets of line hashes
    var counts = {}, common = 0;
    b.forEach(function (h) { counts[h] = (counts[h] || 0) + 1; });
    a.forEach(function (h) { if (counts[h]) { counts[h] -= 1; common += 1; } });
    return a.length + b.length ? 2 * common / (a.length + b.length) : 0;
  }
  function unmatched(mine, theirs) {  // longest common subsequence: the file's lines outside it, and the count of the version's
    var n = mine.length, m = theirs.length, table = new Uint32Array((n + 1) * (m + 1));
    for (var i = n - 1; i >= 0; i -= 1) {
      for (var j = m - 1; j >= 0; j -= 1) {
        table[i * (m + 1) + j] = mine[i] === theirs[j] ? table[(i + 1) * (m + 1) + j + 1] + 1
          : Math.max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);
      }
    }
    var extra = [], missing = 0;
    i = 0; j = 0;
    while (i < n && j < m) {
      if (mine[i] === theirs[j]) { i += 1; j += 1; }
      else if (table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1]) { extra.push(i); i += 1; }
      else { missing += 1; j += 1; }
    }
    while (i < n) { extra.push(i); i += 1; }
    return { extra: extra, missing: missing + (m - j) };
  }
  function excerpt(line) {
    var words = line.replace(/\t/g, " | ").split(" ");
    return words.slice(0, 24).join(" ") + (words.length > 24 ? " …" : "");
  }

  // A part's description: {found: true|false, lines: [...], list: [...]}
  function describePart(data, part, what) {
    var found = findText(data, part.fingerprint, false);
    if (found.length) {
      return Promise.resolve({ found: true, lines: [what + versionLabel(found[0]) + ", fingeravtryck " +
        short(part.fingerprint) + "; " + decisionsOn(data, found[0].doc, part.fingerprint)], list: [] });
    }
    return avtalFingerprint.lineHashes(part.lines).then(function (mine) {
      var best = null, score = -1;
      data.versions.forEach(function (v) {
        if (v.members.length) { return; }
        var s = likeness(mine, hashesOf(v));
        if (s > score || (s === score && best && (v.date || "") > (best.date || ""))) { best = v; score = s; }
      });
      var lines = [what + "texten är inte någon version i historiken (fingeravtryck " + short(part.fingerprint) + ")."];
      if (!best) { return { found: false, lines: lines, list: [] }; }
      var diff = unmatched(mine, hashesOf(best));
      var count = diff.extra.length;
      lines.push("Närmast är " + versionLabel(best) + ". " + count + (count === 1 ? " stycke" : " stycken") +
        " i filen finns inte i den versionen" + (diff.missing ? ", och " + diff.missing + (diff.missing === 1 ?
        " stycke i versionen saknas i filen" : " stycken i versionen saknas i filen") : "") + ".");
      var list = diff.extra.slice(0, SHOWN).map(function (index) {
        return "Stycke " + (index + 1) + ": " + excerpt(part.lines[index]);
      });
      if (count > SHOWN) { list.push("… och " + (count - SHOWN) + " till"); }
      return { found: false, lines: lines, list: list };
    });
  }

  function describeWord(data, word) {
    if (!word.parts.length) {
      return Promise.resolve({ found: false, lines: ["Filen är en Word-fil, men den har ingen dokumenttext som kan " +
        "kännas igen: bokmärkena runt texten saknas, och den har ingen innehållsförteckning och versionshistorik " +
        "att gå efter. Den kommer inte från arkivet, eller så har den gjorts om."], list: [] });
    }
    if (word.rejected) {
      return Promise.all([describePart(data, word.parts[0], "Godkänns alla ändringar: "),
                          word.rejected.length ? describePart(data, word.rejected[0], "Avvisas alla ändringar: ") : null])
        .then(function (both) {
          var lines = ["Filen är ändringsmarkerad (spårade ändringar). Det är en jämförelse för läsaren; parterna " +
            "beslutar om Word-filen utan spårade ändringar."].concat(both[0].lines, both[1] ? both[1].lines : []);
          return { found: both[0].found, lines: lines, list: both[0].list };
        });
    }
    if (word.parts.length === 1) { return describePart(data, word.parts[0], "Texten är "); }
    var fps = word.parts.map(function (p) { return p.fingerprint; });
    return avtalFingerprint.packageFingerprint(fps).then(function (fp) {
      var found = findText(data, fp, true);
      if (found.length) {
        var v = found[0];
        var members = v.members.slice(1).map(function (m) { return m[0] + " " + m[1]; }).join(", ");
        return { found: true, list: [], lines: ["Texten är beslutspaketet " + versionLabel(v) +
          (members ? ", med " + members : "") + ", fingeravtryck " + short(fp) + "; " + decisionsOn(data, v.doc, fp)] };
      }
      return Promise.all(word.parts.map(function (p, n) {
        return describePart(data, p, n === 0 ? "Överenskommelsen: " : "Bilaga " + n + ": ");
      })).then(function (each) {
        var lines = ["Beslutspaketet med " + fps.length + " dokument är inte något beslutspaket i historiken " +
          "(fingeravtryck " + short(fp) + ")."];
        var list = [];
        each.forEach(function (d) { lines = lines.concat(d.lines); list = list.concat(d.list); });
        return { found: false, lines: lines, list: list };
      });
    });
  }

  // -- The page -----------------------------------------------------------------------------
  function setup(box) {
    if (box.dataset.ready) { return; }
    box.dataset.ready = "1";
    var manifestLink = box.querySelector("a.avtal-manifest"), dataLink = box.querySelector("a.avtal-fingerprints");
    var manifestUrl = manifestLink.href, dataUrl = dataLink ? dataLink.href : null;
    var help = box.querySelector(".avtal-check-file-help");
    if (help) { help.parentNode.removeChild(help); }  // it is for a browser without JavaScript
    var input = element("input", "", "avtal-visually-hidden");
    input.type = "file";
    input.id = "avtal-check-input";
    input.accept = ".docx,.pdf,.json,.zip,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    var label = element("label", "Välj en fil att kontrollera", "md-button md-button--primary avtal-check-button");
    label.htmlFor = "avtal-check-input";
    var chosen = element("p", "Ingen fil är vald.", "avtal-check-chosen");
    var result = element("div", "", "avtal-check-result");
    result.setAttribute("role", "status");
    result.setAttribute("aria-live", "polite");
    box.appendChild(input);
    box.appendChild(label);
    box.appendChild(chosen);
    box.appendChild(result);
    var loaded = {};
    function load(url) {
      if (!url) { return Promise.resolve(null); }
      if (!loaded[url]) {
        loaded[url] = fetch(url, { cache: "no-store" }).then(function (response) {
          if (!response.ok) { throw new Error("saknas"); }
          return response.json();
        });
      }
      return loaded[url];
    }
    function show(kind, lines, list) {
      result.textContent = "";
      result.className = "avtal-check-result avtal-check-" + kind;
      lines.forEach(function (line) { result.appendChild(element("p", line)); });
      if (list && list.length) {
        var ul = element("ul");
        list.forEach(function (item) { ul.appendChild(element("li", item)); });
        result.appendChild(ul);
      }
    }
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      chosen.textContent = "Vald fil: " + file.name;
      if (!window.crypto || !window.crypto.subtle) {
        show("none", ["Webbläsaren kan inte räkna kontrollsumman här; sidan måste visas över https."]);
        return;
      }
      show("busy", ["Kontrollerar " + file.name + " …"]);
      file.arrayBuffer().then(function (buffer) {
        return Promise.all([crypto.subtle.digest("SHA-256", buffer), load(manifestUrl)]).then(function (done) {
          return check(file, buffer, hex(done[0]), done[1]);
        });
      }).catch(function (error) {
        show("none", [error instanceof avtalFingerprint.Unreadable ? "Filen " + file.name + " kan inte läsas: " +
          error.message + "." : "Förteckningen över filerna (manifest.json eller fingeravtryck.json) finns inte på " +
          "den här webbplatsen; den skrivs av avtal build."]);
      });
    });
    function check(file, buffer, digest, manifest) {
      var bytes = (manifest.artifacts || []).filter(function (a) { return a.sha256 === digest; });
      var first = [];
      if (bytes.length) {
        var name = bytes[0].path.split("/").pop(), what = described(name), source = manifest.source || {};
        first.push("Filen är byte för byte en publicerad fil: " + name + (what ? ": " + what : "") + ", publicerad som " +
          bytes[0].path + (source.commit ? ", byggd från incheckning " + source.commit.slice(0, 8) : "") +
          " (SHA-256 " + digest.slice(0, 16) + "…).");
      }
      var head = new Uint8Array(buffer, 0, Math.min(5, buffer.byteLength));
      var pdf = String.fromCharCode.apply(null, head) === "%PDF-";
      var zip = head.length >= 2 && head[0] === 0x50 && head[1] === 0x4b;
      if (pdf) {
        if (bytes.length) { show("found", first); return null; }
        show("none", ["Filen " + file.name + " är en PDF-fil som inte är byte för byte någon publicerad fil (SHA-256 " +
          digest.slice(0, 16) + "…). Texten i en PDF-fil kan den här sidan inte läsa, eftersom det kräver ett " +
          "program för PDF som sidan inte laddar. Kontrollera texten med kommandot avtal verify " + file.name +
          ", som läser texten i PDF-filen och jämför den med varje version."]);
        return null;
      }
      if (!zip) {
        show(bytes.length ? "found" : "none", bytes.length ? first : ["Filen " + file.name + " stämmer inte med " +
          "någon publicerad fil (SHA-256 " + digest.slice(0, 16) + "…), och den är ingen Word-fil (.docx) vars text " +
          "kan kontrolleras här."]);
        return null;
      }
      return Promise.all([avtalFingerprint.readDocx(buffer), load(dataUrl)]).then(function (done) {
        return describeWord(done[1], done[0]).then(function (said) {
          if (!bytes.length && said.found) {
            first.push("Filen är inte byte för byte någon publicerad fil, men dess text är det: den kan ha sparats " +
              "om eller ha fått en annan parts diarienummer, som inte räknas in i fingeravtrycket.");
          }
          show(said.found ? "found" : "none", first.concat(said.lines), said.list);
        });
      }).catch(function (error) {
        if (bytes.length) { show("found", first); return; }
        throw error;
      });
    }
  }
  function init() { document.querySelectorAll(".avtal-check-file").forEach(setup); }
  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
