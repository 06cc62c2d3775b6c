// Progressive enhancement. The leaderboard: sorting, search, type and provenance filters,
// column tooltips, a permalink per row and the view in the URL fragment; other tables (model
// pages): column tooltips from the definitions under them; a selection box per leaderboard
// row, and the side-by-side view (side-by-side.html, drawn from assets/side-by-side-data.js);
// sortable columns on the prompt pages by models right. Every table is complete and
// readable without this script. Runs under the site's Content-Security-Policy: no inline
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
    addSideBySidePicks(rows, keys.indexOf("model"), controls);

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
      // The browser's own jump to the fragment can come after this script (at load) and put
      // the row at the very top, under the sticky header: centre it again then.
      if (document.readyState !== "complete") {
        window.addEventListener("load", function () { row.scrollIntoView({ block: "center" }); }, { once: true });
      }
    }
  }

  // --- Sortable tables (the prompt ranking pages) -------------------------------------------

  // A table inside <div class="sortable-table">: its headers become sort buttons (numbers
  // largest first on the first click, text A→Z), the sort is kept in the URL fragment
  // (#sort=<key>&dir=asc|desc) and restored on load. The HTML order is the default.
  function sortable(table) {
    var head = table.tHead, body = table.tBodies[0];
    if (!head || !body) return;
    var headers = Array.prototype.slice.call(head.rows[0].cells);
    var rows = Array.prototype.slice.call(body.rows);
    var keys = headers.map(function (th) { return keyOf(th.textContent.trim()); });
    var status = element("p", "sort-status");
    status.setAttribute("aria-live", "polite");
    table.parentNode.insertBefore(status, table);

    function sortBy(index, descending) {
      var numeric = isNumericColumn(rows, index);
      headers.forEach(function (th) { th.setAttribute("aria-sort", "none"); });
      headers[index].setAttribute("aria-sort", descending ? "descending" : "ascending");
      var sorted = rows.slice().sort(function (a, b) {
        var x = cellValue(a.cells[index], numeric), y = cellValue(b.cells[index], numeric);
        if (x === null && y === null) return rows.indexOf(a) - rows.indexOf(b);
        if (x === null) return 1;
        if (y === null) return -1;
        if (x < y) return descending ? 1 : -1;
        if (x > y) return descending ? -1 : 1;
        return rows.indexOf(a) - rows.indexOf(b);   // the page's order breaks ties
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      status.textContent = "Sorted by " + headers[index].getAttribute("data-label") + (descending ? ", descending." : ", ascending.");
    }

    headers.forEach(function (th, index) {
      var label = th.textContent.trim();
      var numeric = isNumericColumn(rows, index);
      th.setAttribute("data-label", label);
      th.setAttribute("aria-sort", "none");
      var button = element("button", "sort", label);
      button.type = "button";
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var current = th.getAttribute("aria-sort");
        var descending = current === "none" ? numeric : current === "ascending";
        sortBy(index, descending);
        var url = location.pathname + location.search + "#sort=" + encodeURIComponent(keys[index]) + "&dir=" + (descending ? "desc" : "asc");
        try { history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
      });
    });
    status.textContent = "In the page's order; click a column header to sort.";
    var state = parseFragment();
    if (state && state.sort && keys.indexOf(state.sort) >= 0) sortBy(keys.indexOf(state.sort), state.dir !== "asc");
  }

  // --- Side by side ------------------------------------------------------------------------

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // The fragment's model list (#models=a,b), in the order given, each slug once.
  function fragmentModels() {
    var state = parseFragment() || {};
    var seen = [];
    (state.models || "").split(",").forEach(function (slug) {
      slug = slug.trim();
      if (slug && seen.indexOf(slug) < 0) seen.push(slug);
    });
    return seen;
  }

  function sideBySideHref(slugs) {
    return "side-by-side.html" + (slugs.length ? "#models=" + slugs.map(encodeURIComponent).join(",") : "");
  }

  // Leaderboard: a box per row (its id is the slug) and a link to the side-by-side view of the ticked rows.
  function addSideBySidePicks(rows, modelIndex, controls) {
    if (modelIndex < 0) return;
    var picked = [];
    var link = element("a", "side-by-side-link");
    function update() {
      link.textContent = picked.length ? "Side by side (" + picked.length + " selected)" : "Side by side";
      link.href = sideBySideHref(picked);
    }
    rows.forEach(function (row) {
      if (!row.id) return;
      var cell = row.cells[modelIndex];
      var box = element("input", "pick");
      box.type = "checkbox";
      box.value = row.id;
      box.setAttribute("aria-label", "Select " + cellText(cell) + " for side by side");
      box.addEventListener("change", function () {
        var at = picked.indexOf(row.id);
        if (box.checked && at < 0) picked.push(row.id);
        if (!box.checked && at >= 0) picked.splice(at, 1);
        update();
      });
      cell.insertBefore(box, cell.firstChild);
    });
    update();
    controls.appendChild(link);
  }

  // side-by-side.html: a chooser and the chosen models' numbers and matrices, from the global
  // that assets/side-by-side-data.js assigns. Text goes in through textContent only.
  function sideBySide(view) {
    var data = window[view.getAttribute("data-global")];
    if (!data || !data.models) {
      view.appendChild(element("p", "side-by-side-empty", "The numbers did not load (assets/side-by-side-data.js is missing); each model's page has them."));
      return;
    }
    var bySlug = {};
    data.models.forEach(function (model) { bySlug[model.slug] = model; });

    var chooser = element("details", "side-by-side-chooser");
    var summary = element("summary");
    chooser.appendChild(summary);
    var search = element("input");
    search.type = "search";
    search.id = "side-by-side-search";
    search.placeholder = "Model name";
    search.setAttribute("autocomplete", "off");
    chooser.appendChild(labelled("Find", search));
    var list = element("ul", "side-by-side-choices");
    var boxes = {};
    data.models.forEach(function (model) {
      var item = element("li");
      var label = element("label");
      var box = element("input");
      box.type = "checkbox";
      box.value = model.slug;
      boxes[model.slug] = box;
      box.addEventListener("change", function () {
        var slugs = fragmentModels().filter(function (slug) { return bySlug[slug]; });
        var at = slugs.indexOf(model.slug);
        if (box.checked && at < 0) slugs.push(model.slug);
        if (!box.checked && at >= 0) slugs.splice(at, 1);
        save(slugs);
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + model.name + " "));
      label.appendChild(element("span", "choice-detail", model.type + ", " + model.provenance + ", Average " + model.values.average));
      item.appendChild(label);
      item.setAttribute("data-search", [model.name, model.canonicalName || "", model.slug].join("\n").toLowerCase());
      list.appendChild(item);
    });
    search.addEventListener("input", function () {
      var query = search.value.trim().toLowerCase();
      Array.prototype.forEach.call(list.children, function (item) {
        item.hidden = query !== "" && item.getAttribute("data-search").indexOf(query) < 0;
      });
    });
    chooser.appendChild(list);
    view.appendChild(chooser);
    // A one-line status is announced on a change, not the whole redrawn view.
    var status = element("p", "sort-status");
    status.setAttribute("aria-live", "polite");
    view.appendChild(status);
    var output = element("div", "side-by-side-output");
    view.appendChild(output);

    function save(slugs) {
      var hash = slugs.length ? "#models=" + slugs.map(encodeURIComponent).join(",") : "";
      try { history.replaceState(null, "", location.pathname + location.search + hash); } catch (e) { location.hash = hash; return; }
      render();
    }

    function render() {
      var asked = fragmentModels();
      var slugs = asked.filter(function (slug) { return bySlug[slug]; });
      var unknown = asked.filter(function (slug) { return !bySlug[slug]; });
      Object.keys(boxes).forEach(function (slug) { boxes[slug].checked = slugs.indexOf(slug) >= 0; });
      summary.textContent = "Choose models (" + slugs.length + " of " + data.models.length + " selected)";
      if (!slugs.length) chooser.open = true;
      output.textContent = "";
      if (unknown.length) output.appendChild(element("p", "side-by-side-unknown", "Not on this leaderboard: " + unknown.join(", ") + "."));
      if (!slugs.length) {
        status.textContent = "";
        output.appendChild(element("p", "side-by-side-empty", "No model selected yet: tick two or more above."));
        return;
      }
      var models = slugs.map(function (slug) { return bySlug[slug]; });
      status.textContent = "Showing " + models.map(function (m) { return m.name; }).join(", ") + ".";
      output.appendChild(numbersTable(models));
      output.appendChild(matrices(models));
    }

    function numbersTable(models) {
      output.appendChild(element("h2", null, "Numbers"));
      var table = element("table", "side-by-side-table");
      var head = element("thead");
      var top = element("tr");
      top.appendChild(element("th", null, "Model"));
      models.forEach(function (model) {
        var th = element("th");
        th.scope = "col";
        var a = element("a", null, model.name);
        a.href = model.link;
        th.appendChild(a);
        if (model.canonicalName) th.appendChild(element("span", "canonical-name", " (" + model.canonicalName + ")"));
        top.appendChild(th);
      });
      head.appendChild(top);
      table.appendChild(head);
      var body = element("tbody");
      function line(label, title, values, className) {
        var tr = element("tr", className);
        var th = element("th", null, label);
        th.scope = "row";
        if (title) th.title = title;
        tr.appendChild(th);
        values.forEach(function (value) {
          var td = element("td");
          if (value && value.nodeType) td.appendChild(value); else td.textContent = value;
          tr.appendChild(td);
        });
        body.appendChild(tr);
      }
      var d = data.definitions || {};
      line("Rank", d.Rank, models.map(function (m) { return m.rank + (m.group ? " (" + m.group + ")" : ""); }), "number");
      line("Type", d.Type, models.map(function (m) { return m.type; }));
      data.metrics.forEach(function (metric) {
        line(metric.label, metric.definition, models.map(function (m) { return m.values[metric.key]; }), "number metric-" + metric.key);
      });
      if (data.hasIntervals) line("95 % CI", d["95 % CI"], models.map(function (m) { return m.interval; }), "number");
      line("Numbers", d.Numbers, models.map(function (m) { return m.provenance + (m.partial ? " (partial: no " + m.missing + ")" : ""); }));
      line("Prompts scored", null, models.map(function (m) { return m.prompts === undefined ? "–" : String(m.prompts); }), "number");
      line("Result files", null, models.map(function (m) { return m.sources && m.sources.length ? m.sources.join(", ") : "–"; }));
      line("Published by", null, models.map(function (m) { return m.published.length ? m.published.join("; ") : "–"; }));
      line("Audit", null, models.map(function (m) {
        if (!m.audit) return "no warnings";
        var a = element("a", null, "⚑ findings");
        a.href = m.audit;
        return a;
      }));
      table.appendChild(body);
      return table;
    }

    function matrices(models) {
      var section = element("div", "side-by-side-matrix-section");
      section.appendChild(element("h2", null, "Style-substance matrices"));
      section.appendChild(element("p", "side-by-side-note",
        "Rows: the chosen (correct) response's style; columns: the rejected response's style; each cell the percent of prompts where the chosen one scored strictly higher. H marks the Hard cells (the correct answer is the plainer one)."));
      var titles = [];
      models.forEach(function (m) { (m.matrices || []).forEach(function (x) { if (titles.indexOf(x.title) < 0) titles.push(x.title); }); });
      var published = models.filter(function (m) { return !m.matrices; }).map(function (m) { return m.name; });
      if (published.length) {
        section.appendChild(element("p", "side-by-side-missing", "No matrices for " + published.join(", ") + ": published numbers only, no per-sample results."));
      }
      if (!titles.length) return section;
      titles.forEach(function (title) {
        section.appendChild(element("h3", null, title));
        var row = element("div", "side-by-side-matrices");
        models.forEach(function (m) {
          var matrix = (m.matrices || []).filter(function (x) { return x.title === title; })[0];
          if (!m.matrices) return;
          if (!matrix) {
            row.appendChild(element("p", "side-by-side-missing", m.name + ": no " + title + " results."));
            return;
          }
          row.appendChild(matrixTable(m, matrix));
        });
        section.appendChild(row);
      });
      return section;
    }

    var STYLES = ["concise", "plain", "markdown"];
    function matrixTable(model, matrix) {
      var table = element("table", "side-by-side-matrix");
      var caption = element("caption");
      caption.appendChild(element("span", "matrix-model", model.name));
      caption.appendChild(element("span", "matrix-summary", " " + matrix.prompts + " prompts"));
      table.appendChild(caption);
      var head = element("thead");
      var top = element("tr");
      var corner = element("th");
      corner.appendChild(element("span", "visually-hidden", "chosen style, rejected style"));
      var cornerText = element("span", null, "chosen ↓ rejected →");
      cornerText.setAttribute("aria-hidden", "true");
      corner.appendChild(cornerText);
      top.appendChild(corner);
      STYLES.forEach(function (style) { var th = element("th", null, style); th.scope = "col"; top.appendChild(th); });
      head.appendChild(top);
      table.appendChild(head);
      var body = element("tbody");
      for (var i = 0; i < 3; i++) {
        var tr = element("tr");
        var th = element("th", null, STYLES[i]);
        th.scope = "row";
        tr.appendChild(th);
        for (var j = 0; j < 3; j++) {
          var hard = i < j;
          var td = element("td", hard ? "cell-hard" : null, matrix.cells[i][j]);
          td.title = matrix.counts[i][j] + " of " + matrix.prompts + " prompts";
          if (hard) {
            var mark = element("sup", null, "H");
            mark.setAttribute("aria-hidden", "true");
            td.appendChild(mark);
            td.appendChild(element("span", "visually-hidden", ", Hard"));
          }
          tr.appendChild(td);
        }
        body.appendChild(tr);
      }
      table.appendChild(body);
      // The matrix's own Hard, Normal, Easy and Average (no-break spaces keep each label with its number).
      var foot = element("tfoot");
      var footRow = element("tr");
      var footCell = element("td", "matrix-means", ["Hard", "Normal", "Easy", "Average"].map(function (label) {
        return label + "\u00a0" + matrix[label.toLowerCase()];
      }).join(" · "));
      footCell.colSpan = 4;
      footRow.appendChild(footCell);
      foot.appendChild(footRow);
      table.appendChild(foot);
      return table;
    }

    window.addEventListener("hashchange", render);
    render();
  }

  // Other tables' column definitions (model pages): a dl.table-definitions right after its
  // table; each definition becomes the title of the header cell with its label. The list
  // itself stays on the page for keyboard, touch and screen-reader users.
  function defineColumns() {
    document.querySelectorAll("dl.table-definitions").forEach(function (list) {
      var table = list.previousElementSibling;
      if (!table || table.tagName !== "TABLE" || !table.tHead) return;
      var definitions = {};
      list.querySelectorAll("[data-column]").forEach(function (entry) {
        var dd = entry.querySelector("dd");
        if (dd) definitions[entry.getAttribute("data-column")] = dd.textContent.trim();
      });
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        var label = th.textContent.trim();
        if (definitions[label]) th.title = definitions[label];
      });
    });
  }

  function start() {
    defineColumns();
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var first = tables[i].tHead && tables[i].tHead.rows[0].cells[0];
      if (first && first.textContent.trim() === "Rank") {
        tables[i].classList.add("leaderboard");
        enhance(tables[i]);
      }
    }
    var sortables = document.querySelectorAll("main div.sortable-table > table");
    for (var k = 0; k < sortables.length; k++) sortable(sortables[k]);
    var view = document.getElementById("side-by-side-view");
    if (view) sideBySide(view);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
