// Filters for the responsibility matrix: by who is responsible, and by area.
// Without JavaScript the whole table is shown; the filter only hides rows.
(function () {
  function filterFor(table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var areas = rows.map(function (r) { return r.dataset.area; })
      .filter(function (a, i, all) { return a && all.indexOf(a) === i; });
    var box = document.createElement("div");
    box.className = "avtal-filter";
    var id = "avtal-filter-" + Math.random().toString(36).slice(2);
    box.innerHTML =
      '<label for="' + id + '-r">Ansvarig</label>' +
      '<select id="' + id + '-r"><option value="">Alla</option><option value="kommun">Kommunen</option>' +
      '<option value="region">Regionen</option><option value="gemensamt">Gemensamt</option></select> ' +
      '<label for="' + id + '-a">Område</label><select id="' + id + '-a"><option value="">Alla</option></select>' +
      ' <span role="status" aria-live="polite"></span>';
    var areaSelect = box.querySelector("#" + id + "-a");
    areas.forEach(function (area) {
      var option = document.createElement("option");
      option.value = area; option.textContent = area;
      areaSelect.appendChild(option);
    });
    var responsibleSelect = box.querySelector("#" + id + "-r");
    var status = box.querySelector("[role=status]");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!responsibleSelect.value || row.dataset.responsible === responsibleSelect.value) &&
          (!areaSelect.value || row.dataset.area === areaSelect.value);
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      status.textContent = shown + " av " + rows.length + " rader visas";
    }
    responsibleSelect.addEventListener("change", apply);
    areaSelect.addEventListener("change", apply);
    table.parentNode.insertBefore(box, table);
  }
  function init() {
    document.querySelectorAll(".avtal-responsibilities table").forEach(function (table) {
      if (!table.previousElementSibling || !table.previousElementSibling.classList.contains("avtal-filter")) {
        filterFor(table);
      }
    });
  }
  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();

// Defined terms: the definition appears beside the term on hover and on keyboard focus, and
// screen readers announce it as the link's description (aria-describedby). Escape hides it
// (WCAG 1.4.13). Without JavaScript the definition stays in the link's title.
(function () {
  var counter = 0;
  function attach(link) {
    if (link.dataset.definition) { return; }
    link.dataset.definition = link.getAttribute("title") || "";
    link.removeAttribute("title");  // one tooltip, not the browser's as well
    var tip = document.createElement("span");
    tip.id = "avtal-definition-" + (counter += 1);
    tip.className = "avtal-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.textContent = link.dataset.definition;
    tip.hidden = true;
    link.insertAdjacentElement("afterend", tip);
    link.setAttribute("aria-describedby", tip.id);
    function show() { tip.hidden = false; }
    function hide() { tip.hidden = true; }
    link.addEventListener("mouseenter", show);
    link.addEventListener("focus", show);
    link.addEventListener("mouseleave", function () { if (document.activeElement !== link) { hide(); } });
    link.addEventListener("blur", hide);
    link.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
  }
  function init() { document.querySelectorAll("a.avtal-term").forEach(attach); }
  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();

// A table wider than the page scrolls sideways; keyboard users must be able to scroll it too
// (WCAG 2.1.1), so a scrolling container can take focus and is named after its table.
(function () {
  function init() {
    document.querySelectorAll(".md-typeset__scrollwrap, .avtal-table").forEach(function (box) {
      var overflow = getComputedStyle(box).overflowX;  // only a box that scrolls, not one a child pokes out of
      if ((overflow === "auto" || overflow === "scroll") && box.scrollWidth > box.clientWidth &&
          !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent : "Tabell");
      }
    });
  }
  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
