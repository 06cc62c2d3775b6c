// Progressive enhancement for the leaderboard: sorting, search, type and provenance filters,
// column tooltips, a permalink per row and the view in the URL fragment. The table is complete
// and readable without this script. Runs under the site's Content-Security-Policy: no inline
// scripts or styles, nothing from elsewhere.
(function () {
  "use strict";

  // Cells that mean "no number here": they sort last in a numeric column.
  var MISSING = ["–", "", "published"];
  // Header label → short key: cell classes (col-<key>) and the fragment's sort=<key>.
  function keyOf(label) {
    if (label === "95 % CI") return "ci";
    return label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }

  function cellText(cell) { return cell.textContent.replace(/[†*]/g, "").trim(); }

  function cellValue(cell, numeric) {
    var text = cellText(cell);
    if (!numeric) return text.toLowerCase();
    var number = parseFloat(text);
    return isNaN(number) ? null : number;
  }

  function isNumericColumn(rows, index) {
    var seen = false;
    for (var r = 0; r < rows.length; r++) {
      var text = cellText(rows[r].cells[index]);
      if (MISSING.indexOf(text) >= 0) continue;
      if (isNaN(parseFloat(text))) return false;
      seen = true;
    }
    return seen;
  }

  function parseFragment() {
    var hash = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (hash.indexOf("=") < 0) return null;
    var state = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) state[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
    });
    return state;
  }

  function option(select, value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    select.appendChild(o);
  }

  function labelled(text, control) {
    var label = document.createElement("label");
    label.textContent = text + " ";
    label.appendChild(control);
    return label;
  }

  function enhance(table) {
    var head = table.tHead;
    var body = table.tBodies[0];
    if (!head || !body) return;
    var headers = Array.prototype.slice.call(head.rows[0].cells);
    var rows = Array.prototype.slice.call(body.rows);
    var keys = headers.map(function (th) { return keyOf(th.textContent.trim()); });
    var typeIndex = keys.indexOf("type");
    var provenanceIndex = keys.indexOf("numbers");

    // Per-row data the table cannot hold (slug, every name, provenance), in table order.
    var meta = document.querySelectorAll("ul.leaderboard-rows li");
    rows.forEach(function (row, r) {
      var item = meta.length === rows.length ? meta[r] : null;
      var names = [];
      if (item) {
        if (item.getAttribute("data-slug")) row.id = item.getAttribute("data-slug");
        names = (item.getAttribute("data-names") || "").split("\n");
        row.setAttribute("data-provenance", item.getAttribute("data-provenance") || "");
      } else if (provenanceIndex >= 0) {
        row.setAttribute("data-provenance", cellText(row.cells[provenanceIndex]));
      }
      var modelIndex = keys.indexOf("model");
      if (modelIndex >= 0) names.push(cellText(row.cells[modelIndex]));
      row.setAttribute("data-search", names.join("\n").toLowerCase());
      Array.prototype.forEach.call(row.cells, function (cell, c) { if (keys[c]) cell.classList.add("col-" + keys[c]); });
    });

    // Tooltips: each header's definition from the list under the table.
    var definitions = {};
    document.querySelectorAll("dl.column-definitions [data-column]").forEach(function (entry) {
      var dd = entry.querySelector("dd");
      if (dd) definitions[entry.getAttribute("data-column")] = dd.textContent.trim();
    });

    var controls = document.createElement("div");
    controls.className = "table-controls";
    var search = document.createElement("input");
    search.type = "search";
    search.id = "model-search";
    search.placeholder = "Model name or alias";
    search.setAttribute("autocomplete", "off");
    controls.appendChild(labelled("Search", search));

    function makeFilter(id, label, index, values, allText) {
      var select = document.createElement("select");
      select.id = id;
      option(select, "", allText + " (" + rows.length + ")");
      values.forEach(function (value) {
        var count = rows.filter(function (row) { return value === valueOf(row, index, id); }).length;
        option(select, value, value + " (" + count + ")");
      });
      controls.appendChild(labelled(label, select));
      return select;
    }
    function valueOf(row, index, id) {
      if (id === "provenance-filter") return row.getAttribute("data-provenance");
      return cellText(row.cells[index]);
    }
    function distinct(index, id) {
      var seen = [];
      rows.forEach(function (row) { var v = valueOf(row, index, id); if (v && seen.indexOf(v) < 0) seen.push(v); });
      return seen.sort();
    }
    var typeSelect = typeIndex >= 0 ? makeFilter("type-filter", "Type", typeIndex, distinct(typeIndex, "type-filter"), "All types") : null;
    var provenanceSelect = makeFilter("provenance-filter", "Numbers", provenanceIndex, distinct(provenanceIndex, "provenance-filter"), "All");

    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "all-columns";
    toggle.textContent = "All columns";
    toggle.setAttribute("aria-pressed", "false");
    toggle.addEventListener("click", function () {
      var on = !table.classList.contains("show-all");
      table.classList.toggle("show-all", on);
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
    });
    controls.appendChild(toggle);

    var status = document.createElement("p");
    status.className = "sort-status";
    status.setAttribute("aria-live", "polite");
    controls.appendChild(status);
    table.parentNode.insertBefore(controls, table);

    var sortKey = "average", sortDescending = true;

    function sortBy(index, descending) {
      var numeric = headers[index].getAttribute("data-numeric") === "true";
      headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
      headers[index].setAttribute("aria-sort", descending ? "descending" : "ascending");
      var sorted = rows.slice().sort(function (a, b) {
        var x = cellValue(a.cells[index], numeric);
        var y = cellValue(b.cells[index], numeric);
        if (x === null && y === null) return rows.indexOf(a) - rows.indexOf(b);
        if (x === null) return 1;   // unknown values stay last either way
        if (y === null) return -1;
        if (x < y) return descending ? 1 : -1;
        if (x > y) return descending ? -1 : 1;
        return rows.indexOf(a) - rows.indexOf(b);
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      sortKey = keys[index];
      sortDescending = descending;
    }

    function applyFilters() {
      var query = search.value.trim().toLowerCase();
      var type = typeSelect ? typeSelect.value : "";
      var provenance = provenanceSelect.value;
      var shown = 0;
      rows.forEach(function (row) {
        var match = (!query || row.getAttribute("data-search").indexOf(query) >= 0) &&
          (!type || cellText(row.cells[typeIndex]) === type) &&
          (!provenance || row.getAttribute("data-provenance") === provenance);
        row.hidden = !match;
        if (match) shown++;
      });
      return shown;
    }

    function describe(shown, sortLabel) {
      status.textContent = "Showing " + shown + " of " + rows.length + " models, sorted by " + sortLabel +
        (sortDescending ? ", descending." : ", ascending.");
    }

    // The view in the URL fragment (sort, filters, search), without adding history entries.
    function saveState() {
      var parts = [];
      if (!(sortKey === "average" && sortDescending)) parts.push("sort=" + encodeURIComponent(sortKey) + "&dir=" + (sortDescending ? "desc" : "asc"));
      if (search.value.trim()) parts.push("q=" + encodeURIComponent(search.value.trim()));
      if (typeSelect && typeSelect.value) parts.push("type=" + encodeURIComponent(typeSelect.value));
      if (provenanceSelect.value) parts.push("numbers=" + encodeURIComponent(provenanceSelect.value));
      var url = location.pathname + location.search + (parts.length ? "#" + parts.join("&") : "");
      try { history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
    }

    function refresh(save) {
      var shown = applyFilters();
      var index = keys.indexOf(sortKey);
      describe(shown, index >= 0 ? headers[index].getAttribute("data-label") : sortKey);
      if (save) saveState();
    }

    headers.forEach(function (th, index) {
      var label = th.textContent.trim();
      var numeric = isNumericColumn(rows, index);
      th.setAttribute("data-numeric", numeric ? "true" : "false");
      th.setAttribute("data-label", label);
      th.classList.add("col-" + keys[index]);
      if (definitions[label]) th.title = definitions[label];
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = label;
      if (definitions[label]) button.title = definitions[label];
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", keys[index] === "average" ? "descending" : "none");
      button.addEventListener("click", function () {
        var current = th.getAttribute("aria-sort");
        // Numbers sort best-first on the first click (Rank: 1 first), names A→Z.
        var bestFirst = keys[index] === "rank" ? false : numeric;
        var descending = current === "none" ? bestFirst : current === "ascending";
        sortBy(index, descending);
        refresh(true);
      });
    });

    search.addEventListener("input", function () { refresh(true); });
    if (typeSelect) typeSelect.addEventListener("change", function () { refresh(true); });
    provenanceSelect.addEventListener("change", function () { refresh(true); });

    // Restore a view from the fragment, or land on a row: index.html#<slug>.
    var state = parseFragment();
    if (state) {
      if (state.q) search.value = state.q;
      if (typeSelect && state.type) typeSelect.value = state.type;
      if (state.numbers) provenanceSelect.value = state.numbers;
      var index = state.sort ? keys.indexOf(state.sort) : -1;
      if (index >= 0) sortBy(index, state.dir !== "asc");
      refresh(false);
    } else {
      refresh(false);
      highlightTarget();
    }
    window.addEventListener("hashchange", highlightTarget);

    function highlightTarget() {
      var id = decodeURIComponent(location.hash.replace(/^#/, ""));
      rows.forEach(function (row) { row.classList.remove("target-row"); });
      if (!id || id.indexOf("=") >= 0) return;
      var row = document.getElementById(id);
      if (!row || rows.indexOf(row) < 0) return;
      row.hidden = false;
      row.classList.add("target-row");
      row.scrollIntoView({ block: "center" });
    }
  }

  function start() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var first = tables[i].tHead && tables[i].tHead.rows[0].cells[0];
      if (first && first.textContent.trim() === "Rank") {
        tables[i].classList.add("leaderboard");
        enhance(tables[i]);
      }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
