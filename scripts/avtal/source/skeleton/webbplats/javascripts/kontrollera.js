// "Kontrollera en fil": the chosen file's SHA-256 is computed in the browser (Web Crypto) and looked up
// in the build's manifest (manifest.json, published beside the site). Nothing is uploaded: the file is
// read with the File API and only its checksum is compared. The published files' table on the page
// says which document, version and party a file is.
(function () {
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
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
  function setup(box) {
    if (box.dataset.ready) { return; }
    box.dataset.ready = "1";
    var link = box.querySelector("a.avtal-manifest");
    var label = document.createElement("label");
    label.htmlFor = "avtal-check-input";
    label.textContent = "Välj filen som du vill kontrollera";
    var input = document.createElement("input");
    input.type = "file";
    input.id = "avtal-check-input";
    var result = document.createElement("p");
    result.className = "avtal-check-result";
    result.setAttribute("role", "status");
    result.setAttribute("aria-live", "polite");
    box.insertBefore(result, box.firstChild);
    box.insertBefore(input, result);
    box.insertBefore(label, input);
    var manifest = null;
    function load() {
      if (!manifest) {
        manifest = fetch(link.href, { cache: "no-store" }).then(function (response) {
          if (!response.ok) { throw new Error("saknas"); }
          return response.json();
        });
      }
      return manifest;
    }
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      if (!window.crypto || !window.crypto.subtle) {
        result.textContent = "Webbläsaren kan inte räkna kontrollsumman här; sidan måste visas över https.";
        return;
      }
      result.textContent = "Räknar kontrollsumman för " + file.name + " …";
      Promise.all([file.arrayBuffer().then(function (data) { return window.crypto.subtle.digest("SHA-256", data); }),
                   load()]).then(function (done) {
        var digest = hex(done[0]);
        var source = done[1].source || {};
        var found = (done[1].artifacts || []).filter(function (a) { return a.sha256 === digest; });
        if (!found.length) {
          result.textContent = "Filen " + file.name + " stämmer inte med någon publicerad fil (SHA-256 " +
            digest.slice(0, 16) + "…). Har den sparats om eller fått en annan parts diarienummer, kontrollera " +
            "texten med avtal verify.";
          result.className = "avtal-check-result avtal-check-none";
          return;
        }
        var path = found[0].path;
        var name = path.split("/").pop();
        var what = described(name);
        result.textContent = "Filen känns igen: " + name + (what ? ": " + what : "") + ". Den är publicerad som " +
          path + (source.commit ? ", byggd från incheckning " + source.commit.slice(0, 8) : "") +
          " (SHA-256 " + digest.slice(0, 16) + "…).";
        result.className = "avtal-check-result avtal-check-found";
      }).catch(function () {
        result.textContent = "Förteckningen över filerna (manifest.json) finns inte på den här webbplatsen; den " +
          "skrivs av avtal build.";
      });
    });
  }
  function init() { document.querySelectorAll(".avtal-check-file").forEach(setup); }
  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
