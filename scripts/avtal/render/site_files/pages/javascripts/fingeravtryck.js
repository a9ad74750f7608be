// The fingerprint of a Word file's text, in the browser: the same rules as
// scripts/avtal/render/word/canonical.py, written down once in render/site_files/pages/handbok/fingeravtryck.md.
// Nothing leaves the browser: the zip is read with DecompressionStream, the XML with DOMParser and
// the SHA-256 with crypto.subtle. A test (tests/decisions/test_fingerprint_browser.py) runs this
// file and canonical.py over the same files and holds the two equal.
(function () {
  "use strict";
  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
  var BODY_START = "avtal_body_start", BODY_END = "avtal_body_end";
  var MAX_PART = 64 * 1024 * 1024;
  // Python's str.split() white space (str.isspace), which canonical.py's normal() uses.
  var SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var SPACES = new RegExp("[" + SPACE + "]+", "g");
  var EDGES = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "g");

  function Unreadable(message) { this.message = message; }

  // -- The zip --------------------------------------------------------------------------
  function u16(v, o) { return v.getUint16(o, true); }
  function u32(v, o) { return v.getUint32(o, true); }

  function entries(buffer) {
    var view = new DataView(buffer), found = {};
    var end = -1;
    for (var i = buffer.byteLength - 22; i >= Math.max(0, buffer.byteLength - 22 - 65535); i -= 1) {
      if (u32(view, i) === 0x06054b50) { end = i; break; }
    }
    if (end < 0) { throw new Unreadable("filen är ingen zip-fil, eller den är avklippt eller skadad"); }
    var count = u16(view, end + 10), at = u32(view, end + 16);
    var decoder = new TextDecoder("utf-8");
    for (var n = 0; n < count; n += 1) {
      if (at + 46 > buffer.byteLength || u32(view, at) !== 0x02014b50) {
        throw new Unreadable("zip-filens innehållsförteckning är skadad");
      }
      var nameLength = u16(view, at + 28), extra = u16(view, at + 30), comment = u16(view, at + 32);
      var name = decoder.decode(new Uint8Array(buffer, at + 46, nameLength));
      found[name] = { method: u16(view, at + 10), packed: u32(view, at + 20), size: u32(view, at + 24),
                      local: u32(view, at + 42) };
      at += 46 + nameLength + extra + comment;
    }
    return found;
  }

  function inflate(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer();
  }

  function part(buffer, list, name) {
    var entry = list[name];
    if (!entry) { return Promise.resolve(null); }
    if (entry.size > MAX_PART) { return Promise.reject(new Unreadable(name + " är för stor för att läsas")); }
    var view = new DataView(buffer), at = entry.local;
    if (u32(view, at) !== 0x04034b50) { return Promise.reject(new Unreadable(name + " är skadad i zip-filen")); }
    var start = at + 30 + u16(view, at + 26) + u16(view, at + 28);
    var bytes = new Uint8Array(buffer, start, entry.packed);
    var data = entry.method === 0 ? Promise.resolve(bytes) : entry.method === 8 ? inflate(bytes)
      : Promise.reject(new Unreadable(name + " är packad på ett sätt som inte kan läsas här"));
    return data.then(function (raw) {
      var doc = new DOMParser().parseFromString(new TextDecoder("utf-8").decode(raw), "application/xml");
      if (doc.getElementsByTagName("parsererror").length) { throw new Unreadable(name + " är inte giltig XML"); }
      return doc.documentElement;
    });
  }

  // -- The canonical text -----------------------------------------------------------------
  function normal(text) {
    return text.normalize("NFC").replace(SPACES, " ").replace(EDGES, "");
  }
  function strip(text) { return text.replace(EDGES, ""); }

  function lines(blocks) {
    var out = [];
    blocks.body.forEach(function (block) {
      var line = typeof block === "string" ? normal(block) : block.map(normal).join("\t").replace(/\t+$/, "");
      if (line) { out.push(line); }
    });
    return out;
  }
  function noteLines(blocks) {
    return blocks.notes.map(function (note) { return normal(note.join(" ")); }).filter(Boolean);
  }
  function canonicalText(blocks) {
    var text = lines(blocks).map(function (line) { return line + "\n"; }).join("");
    var notes = noteLines(blocks);
    return notes.length ? text + "\n" + notes.map(function (line) { return line + "\n"; }).join("") : text;
  }

  // -- Word's XML ---------------------------------------------------------------------------
  function isW(node, local) { return node.nodeType === 1 && node.namespaceURI === W && node.localName === local; }
  function attr(node, local) { var v = node.getAttributeNS(W, local); return v === null ? null : v; }
  function children(node) {
    var out = [];
    for (var c = node.firstChild; c; c = c.nextSibling) { if (c.nodeType === 1) { out.push(c); } }
    return out;
  }
  function descendants(node, locals) {  // document order, the node itself first (as lxml's iter)
    var out = [];
    (function visit(n) {
      if (n.namespaceURI === W && locals.indexOf(n.localName) >= 0) { out.push(n); }
      for (var c = n.firstChild; c; c = c.nextSibling) { if (c.nodeType === 1) { visit(c); } }
    })(node);
    return out;
  }
  function hasRevisions(root) { return descendants(root, ["ins", "del", "moveFrom", "moveTo"]).length > 0; }

  var TEXT_NODES = { tab: " ", ptab: " ", br: " ", cr: " ", noBreakHyphen: "\u2011", softHyphen: "\u00ad" };
  var SKIPPED = { txbxContent: 1, instrText: 1, delText: 1, del: 1, moveFrom: 1 };

  function symbol(code) {
    if (!/^[0-9A-Fa-f]{1,6}$/.test(code || "")) { return ""; }
    var value = parseInt(code, 16);
    return value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff) ? "" : String.fromCodePoint(value);
  }
  function collect(element, parts, noteIds) {
    children(element).forEach(function (child) {
      if (child.namespaceURI === MC && child.localName === "Fallback") { return; }
      if (child.namespaceURI !== W) { collect(child, parts, noteIds); return; }
      var local = child.localName;
      if (SKIPPED[local]) { return; }
      if (local === "t") { parts.push(child.textContent); }
      else if (Object.prototype.hasOwnProperty.call(TEXT_NODES, local)) { parts.push(TEXT_NODES[local]); }
      else if (local === "sym") { parts.push(symbol(attr(child, "char"))); }
      else if (local === "footnoteReference") { noteIds.push(attr(child, "id") || ""); }
      else { collect(child, parts, noteIds); }
    });
  }
  function paragraphText(p, noteIds) { var parts = []; collect(p, parts, noteIds); return parts.join(""); }

  function marker(name, kind) { return !!name && (name === kind || name.indexOf(kind + "_") === 0); }

  function Reader() { this.parts = []; this.current = null; this.pending = ""; }
  Reader.prototype.walk = function (element) {
    var self = this;
    children(element).forEach(function (child) {
      if (isW(child, "p")) { self.paragraph(child); }
      else if (isW(child, "tbl")) { self.table(child); }
      else if (isW(child, "bookmarkStart")) { self.bookmark(attr(child, "name")); }
      else if (isW(child, "sdt") || isW(child, "sdtContent") || isW(child, "customXml") || isW(child, "smartTag")) {
        self.walk(child);
      }
    });
  };
  Reader.prototype.bookmark = function (name) {
    if (this.current !== null && this.current.name === name) { return; }
    if (marker(name, BODY_START)) {
      this.current = { name: name, blocks: { body: [], notes: [] }, noteIds: [] };
      this.parts.push(this.current);
    } else if (marker(name, BODY_END) && this.current !== null) {
      this.current = null;
    }
  };
  Reader.prototype.paragraph = function (p) {
    var self = this, names = [];
    descendants(p, ["bookmarkStart"]).forEach(function (b) {
      var name = attr(b, "name");
      if (names.indexOf(name) < 0) { names.push(name); }
    });
    names.forEach(function (name) { if (marker(name, BODY_START)) { self.bookmark(name); } });
    if (this.current !== null) {
      var text = this.pending + paragraphText(p, this.current.noteIds);
      var joined = p.getAttributeNS(null, "joined") === "1";
      this.pending = joined ? text : "";
      if (!joined) { this.current.blocks.body.push(text); }
    }
    names.forEach(function (name) { if (marker(name, BODY_END)) { self.bookmark(name); } });
  };
  Reader.prototype.table = function (tbl) {
    var self = this;
    if (this.current === null) {
      descendants(tbl, ["bookmarkStart"]).forEach(function (b) { self.bookmark(attr(b, "name")); });
      return;
    }
    children(tbl).filter(function (c) { return isW(c, "tr"); }).forEach(function (row) {
      var cells = children(row).filter(function (c) { return isW(c, "tc"); }).map(function (cell) {
        return descendants(cell, ["p"]).map(function (p) { return paragraphText(p, self.current.noteIds); }).join(" ");
      });
      self.current.blocks.body.push(cells);
    });
  };
  Reader.prototype.fallback = function (body) {
    var blocks = children(body), start = contentsEnd(blocks), end = null;
    blocks.forEach(function (block, index) {
      if (isW(block, "p") && strip(paragraphText(block, [])) === "Versionshistorik") { end = index; }
    });
    if (start === null || end === null || end <= start) { return []; }
    this.current = { name: "", blocks: { body: [], notes: [] }, noteIds: [] };
    this.parts = [this.current];
    for (var i = start + 1; i < end; i += 1) {
      if (isW(blocks[i], "p")) { this.paragraph(blocks[i]); } else if (isW(blocks[i], "tbl")) { this.table(blocks[i]); }
    }
    this.current = null;
    return this.parts;
  };

  function contentsEnd(blocks) {
    var depth = 0, contents = false;
    for (var index = 0; index < blocks.length; index += 1) {
      var nodes = descendants(blocks[index], ["fldChar", "instrText"]);
      for (var k = 0; k < nodes.length; k += 1) {
        var node = nodes[k];
        if (node.localName === "instrText") {
          contents = contents || (depth === 1 && node.textContent.indexOf("TOC") >= 0);
          continue;
        }
        var kind = attr(node, "fldCharType");
        depth += kind === "begin" ? 1 : kind === "end" ? -1 : 0;
        if (kind === "end" && contents && depth === 0) { return index; }
      }
    }
    return null;
  }

  function footnotes(root) {
    var notes = {};
    children(root).filter(function (c) { return isW(c, "footnote"); }).forEach(function (note) {
      var type = attr(note, "type");
      if (type === "separator" || type === "continuationSeparator" || type === "continuationNotice") { return; }
      notes[attr(note, "id") || ""] = descendants(note, ["p"]).map(function (p) { return paragraphText(p, []); });
    });
    return notes;
  }

  // Every tracked change accepted (keep "ins") or rejected (keep "del"), in place, as canonical.py's _resolve.
  function resolve(root, keep) {
    var drop = keep === "ins" ? "del" : "ins";
    var movedDrop = keep === "ins" ? "moveFrom" : "moveTo", movedKeep = keep === "ins" ? "moveTo" : "moveFrom";
    descendants(root, ["tr"]).forEach(function (row) {
      var props = children(row).filter(function (c) { return isW(c, "trPr"); })[0];
      if (props && children(props).some(function (c) { return isW(c, drop); })) { row.parentNode.removeChild(row); }
    });
    descendants(root, [drop, movedDrop]).forEach(function (mark) {
      var parent = mark.parentNode;
      if (!parent || parent.nodeType !== 1) { return; }
      var grand = parent.parentNode;
      if (isW(parent, "rPr") && grand && grand.nodeType === 1 && isW(grand, "pPr")) {
        if (grand.parentNode && grand.parentNode.nodeType === 1) { grand.parentNode.setAttributeNS(null, "joined", "1"); }
      }
      parent.removeChild(mark);
    });
    descendants(root, [keep, movedKeep]).forEach(function (mark) {
      var parent = mark.parentNode;
      if (!parent || parent.nodeType !== 1) { return; }
      if (isW(parent, "rPr") || isW(parent, "trPr")) { parent.removeChild(mark); return; }
      while (mark.firstChild) { parent.insertBefore(mark.firstChild, mark); }
      parent.removeChild(mark);
    });
    descendants(root, ["delText"]).forEach(function (text) {
      var t = text.ownerDocument.createElementNS(W, "w:t");
      while (text.firstChild) { t.appendChild(text.firstChild); }
      text.parentNode.replaceChild(t, text);
    });
  }

  function readParts(documentRoot, notesRoot, keep) {
    keep = keep || "ins";
    if (hasRevisions(documentRoot) || (notesRoot && hasRevisions(notesRoot))) {
      documentRoot = documentRoot.cloneNode(true);
      resolve(documentRoot, keep);
      if (notesRoot) { notesRoot = notesRoot.cloneNode(true); resolve(notesRoot, keep); }
    }
    var body = children(documentRoot).filter(function (c) { return isW(c, "body"); })[0];
    if (!body) { return []; }
    var reader = new Reader();
    reader.walk(body);
    var parts = reader.parts.length ? reader.parts : reader.fallback(body);
    var notes = notesRoot ? footnotes(notesRoot) : {};
    parts.forEach(function (p) {
      p.blocks.notes = p.noteIds.map(function (id) { return Object.prototype.hasOwnProperty.call(notes, id) ? notes[id] : []; });
      p.text = canonicalText(p.blocks);
      p.lines = lines(p.blocks).concat(noteLines(p.blocks));
    });
    return parts;
  }

  // -- SHA-256 ------------------------------------------------------------------------------
  function hex(buffer) {
    var bytes = new Uint8Array(buffer), out = "";
    for (var i = 0; i < bytes.length; i += 1) { out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16); }
    return out;
  }
  function sha256(text) {
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(hex);
  }
  function fingerprint(text) { return sha256(text).then(function (h) { return "sha256:" + h; }); }
  function packageFingerprint(fps) { return fingerprint(fps.map(function (fp) { return fp + "\n"; }).join("")); }
  function lineHashes(lines) {
    return Promise.all(lines.map(function (line) { return sha256(line).then(function (h) { return h.slice(0, 10); }); }));
  }

  function withFingerprints(parts) {
    return Promise.all(parts.map(function (p) {
      return fingerprint(p.text).then(function (fp) { p.fingerprint = fp; return p; });
    }));
  }

  // A .docx as the page reads it: {parts, rejected (null without tracked changes)}, each part with
  // its canonical text, lines and fingerprint.
  function readDocx(buffer) {
    var list;
    try { list = entries(buffer); } catch (error) { return Promise.reject(error); }
    if (!list["word/document.xml"]) {
      return Promise.reject(new Unreadable("filen är ingen Word-fil (.docx): word/document.xml saknas i den"));
    }
    return Promise.all([part(buffer, list, "word/document.xml"), part(buffer, list, "word/footnotes.xml")])
      .then(function (roots) {
        var revised = hasRevisions(roots[0]);
        return Promise.all([withFingerprints(readParts(roots[0], roots[1], "ins")),
                            revised ? withFingerprints(readParts(roots[0], roots[1], "del")) : null])
          .then(function (done) { return { parts: done[0], rejected: done[1] }; });
      });
  }

  window.avtalFingerprint = {
    readDocx: readDocx, readParts: readParts, canonicalText: canonicalText, fingerprint: fingerprint,
    packageFingerprint: packageFingerprint, lineHashes: lineHashes, normal: normal, Unreadable: Unreadable,
    parseXml: function (text) { return new DOMParser().parseFromString(text, "application/xml").documentElement; }
  };
})();
