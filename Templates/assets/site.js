// Progressive enhancement for the leaderboard: sortable columns and a model-type filter.
// The table is complete and readable without this script.
(function () {
  "use strict";

  // Cells that mean "no number here": they sort last in a numeric column.
  var MISSING = ["–", "", "published"];

  function cellValue(cell, numeric) {
    var text = cell.textContent.replace(/[†*]/g, "").trim();
    if (!numeric) return text.toLowerCase();
    var number = parseFloat(text);
    return isNaN(number) ? null : number;
  }

  function isNumericColumn(rows, index) {
    var seen = false;
    for (var r = 0; r < rows.length; r++) {
      var text = rows[r].cells[index].textContent.replace(/[†*]/g, "").trim();
      if (MISSING.indexOf(text) >= 0) continue;
      if (isNaN(parseFloat(text))) return false;
      seen = true;
    }
    return seen;
  }

  function enhance(table) {
    var head = table.tHead;
    var body = table.tBodies[0];
    if (!head || !body) return;
    var headers = head.rows[0].cells;
    var rows = Array.prototype.slice.call(body.rows);
    var typeIndex = -1;
    var status = document.createElement("p");
    status.className = "sort-status";
    status.setAttribute("aria-live", "polite");

    Array.prototype.forEach.call(headers, function (th, index) {
      var label = th.textContent.trim();
      if (label === "Type") typeIndex = index;
      var numeric = isNumericColumn(rows, index);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = label;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", label === "Average" ? "descending" : "none");
      button.addEventListener("click", function () {
        var current = th.getAttribute("aria-sort");
        // Numbers sort best-first on the first click, names A→Z.
        var descending = current === "none" ? numeric : current === "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var sorted = rows.slice().sort(function (a, b) {
          var x = cellValue(a.cells[index], numeric);
          var y = cellValue(b.cells[index], numeric);
          if (x === null && y === null) return 0;
          if (x === null) return 1;   // unknown values stay last either way
          if (y === null) return -1;
          if (x < y) return descending ? 1 : -1;
          if (x > y) return descending ? -1 : 1;
          return 0;
        });
        sorted.forEach(function (row) { body.appendChild(row); });
        status.textContent = "Sorted by " + label + (descending ? ", descending." : ", ascending.");
      });
    });

    if (typeIndex >= 0) {
      var types = [];
      rows.forEach(function (row) {
        var type = row.cells[typeIndex].textContent.trim();
        if (types.indexOf(type) < 0) types.push(type);
      });
      types.sort();
      var wrapper = document.createElement("div");
      wrapper.className = "table-controls";
      var label = document.createElement("label");
      label.textContent = "Model type ";
      var select = document.createElement("select");
      select.id = "type-filter";
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "All types (" + rows.length + ")";
      select.appendChild(all);
      types.forEach(function (type) {
        var option = document.createElement("option");
        option.value = type;
        var count = rows.filter(function (row) { return row.cells[typeIndex].textContent.trim() === type; }).length;
        option.textContent = type + " (" + count + ")";
        select.appendChild(option);
      });
      label.appendChild(select);
      wrapper.appendChild(label);
      wrapper.appendChild(status);
      select.addEventListener("change", function () {
        var shown = 0;
        rows.forEach(function (row) {
          var match = !select.value || row.cells[typeIndex].textContent.trim() === select.value;
          row.hidden = !match;
          if (match) shown++;
        });
        status.textContent = "Showing " + shown + " of " + rows.length + " models.";
      });
      table.parentNode.insertBefore(wrapper, table);
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
