/* llmkg graph page: search an entity, draw its neighbourhood with cytoscape.js, expand nodes,
 * show facts with their source sentences, and a lineage view. Every text from the API is inserted
 * with textContent (labels may hold markup); the page only talks to the app that served it. */
(function () {
  "use strict";

  var COLOURS = {
    Model: "#2680c2", ModelFamily: "#9446ed", Organization: "#e66a00", Person: "#2a9d8f",
    UnnamedAgent: "#8d99ae", Benchmark: "#c62828", Hardware: "#6b705c", Other: "#9aa5b1"
  };
  var ORDER = ["ModelFamily", "Model", "Organization", "Person", "UnnamedAgent", "Benchmark", "Hardware"];
  var selected = null;

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function showMessage(text) {
    var box = $("message");
    box.textContent = text || "";
    box.hidden = !text;
  }

  function api(path, params) {
    var url = new URL(path, window.location.origin);
    Object.keys(params || {}).forEach(function (k) { url.searchParams.set(k, params[k]); });
    return fetch(url.toString(), { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) { throw new Error(body.message || ("HTTP " + r.status)); }
        return body;
      });
    });
  }

  function mainType(types) {
    for (var i = 0; i < ORDER.length; i++) { if ((types || []).indexOf(ORDER[i]) >= 0) { return ORDER[i]; } }
    return "Other";
  }

  // -- the graph

  var cy = cytoscape({
    container: $("graph"),
    minZoom: 0.1,
    maxZoom: 1.4,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", label: "data(label)", color: "#1f2933", "font-size": 11,
        "text-valign": "bottom", "text-margin-y": 4, width: 22, height: 22,
        "text-background-color": "#ffffff", "text-background-opacity": 0.75, "text-background-padding": 1 } },
      { selector: "node.centre", style: { width: 34, height: 34, "border-width": 3, "border-color": "#1f2933", "font-weight": "bold" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#f0b429" } },
      { selector: "edge", style: {
        width: 1.5, "line-color": "#9fb3c8", "target-arrow-color": "#9fb3c8", "target-arrow-shape": "triangle",
        "curve-style": "bezier", label: "data(relation)", "font-size": 9, color: "#52606d",
        "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.8 } }
    ]
  });
  window.llmkgGraph = cy;

  function updateCount() {
    $("count").textContent = cy.nodes().length + " nodes";
  }

  function addNode(n) {
    if (cy.getElementById(n.iri).nonempty()) { return false; }
    var type = mainType(n.types);
    cy.add({ group: "nodes", data: { id: n.iri, label: n.label, type: type, colour: COLOURS[type] } });
    return true;
  }

  function addEdge(source, relation, target) {
    var id = source + " " + relation + " " + target;
    if (cy.getElementById(id).nonempty()) { return; }
    cy.add({ group: "edges", data: { id: id, source: source, target: target, relation: relation } });
  }

  function runLayout(kind, root) {
    var options = kind === "lineage"
      ? { name: "breadthfirst", directed: false, roots: root ? [root] : undefined, spacingFactor: 1.1, animate: false }
      : { name: "cose", animate: false, nodeRepulsion: 12000, idealEdgeLength: 110, randomize: true,
          nodeDimensionsIncludeLabels: true };
    cy.layout(options).run();
    cy.fit(undefined, 40);
  }

  function drawNeighbours(iri, replace) {
    return api("/api/entity/neighbours", { iri: iri, hops: 1 }).then(function (g) {
      if (replace) { cy.elements().remove(); }
      var added = 0;
      g.nodes.forEach(function (n) { if (addNode(n)) { added += 1; } });
      g.edges.forEach(function (e) { addEdge(e.source, e.relation, e.target); });
      cy.nodes().removeClass("centre");
      cy.getElementById(iri).addClass("centre");
      runLayout("neighbours");
      updateCount();
      showMessage(g.truncated ? "Only the first " + g.nodes.length + " neighbours are shown." : "");
      return added;
    });
  }

  function select(iri, replace) {
    selected = iri;
    $("btn-expand").disabled = false;
    $("btn-lineage").disabled = false;
    var drawn = replace || cy.getElementById(iri).empty() ? drawNeighbours(iri, true) : Promise.resolve();
    return Promise.all([drawn, showPanel(iri)]).catch(function (err) { showMessage(err.message); });
  }

  function lineageView(iri) {
    return api("/api/lineage", { iri: iri, depth: 6 }).then(function (tree) {
      cy.elements().remove();
      addNode(tree.root);
      var walk = function (edges) {
        edges.forEach(function (e) {
          addNode(e.subject);
          addNode(e.object);
          addEdge(e.subject.iri, e.relation, e.object.iri);
          walk(e.next || []);
        });
      };
      walk(tree.ancestors);
      walk(tree.descendants);
      cy.getElementById(tree.root.iri).addClass("centre");
      runLayout("lineage", tree.root.iri);
      updateCount();
      showMessage(cy.edges().length ? "" : "No lineage found for " + tree.root.label + ".");
    }).catch(function (err) { showMessage(err.message); });
  }

  cy.on("tap", "node", function (evt) {
    selected = evt.target.id();
    $("btn-expand").disabled = false;
    $("btn-lineage").disabled = false;
    showPanel(selected).catch(function (err) { showMessage(err.message); });
  });
  cy.on("dbltap", "node", function (evt) {
    drawNeighbours(evt.target.id(), false).catch(function (err) { showMessage(err.message); });
  });

  // -- the side panel

  function sourceBlock(parent, sources) {
    (sources || []).slice(0, 3).forEach(function (s) {
      parent.appendChild(el("p", "quote", "\u201c" + s.quote + "\u201d"));
      parent.appendChild(el("p", "src", (s.title || s.source) + (s.title && s.source ? " \u00b7 " + s.source : "")));
    });
  }

  function entityLink(label, iri) {
    var a = el("a", null, label);
    a.addEventListener("click", function () { select(iri, true); });
    return a;
  }

  function showPanel(iri) {
    var panel = $("panel");
    return api("/api/entity", { iri: iri }).then(function (e) {
      panel.textContent = "";
      panel.appendChild(el("h2", null, e.label));
      panel.appendChild(el("p", "types", e.types.join(", ") + " \u00b7 " + e.documents + " document(s)"));
      if (e.alt_labels.length) { panel.appendChild(el("p", "alts", "also: " + e.alt_labels.join(", "))); }
      panel.appendChild(el("h3", null, "Facts (" + e.facts.length + ")"));
      e.facts.forEach(function (f) {
        var box = el("div", "fact");
        box.setAttribute("data-testid", "fact");
        var what = el("p", "what");
        if (f.direction === "in") {
          what.appendChild(f.value_label ? entityLink(f.value_label, f.value) : el("span", null, f.value));
          what.appendChild(el("span", "pred", " " + f.predicate + " this"));
        } else {
          what.appendChild(el("span", "pred", f.predicate + " "));
          what.appendChild(f.value_label ? entityLink(f.value_label, f.value) : el("span", null, f.value));
        }
        box.appendChild(what);
        sourceBlock(box, f.sources);
        panel.appendChild(box);
      });
      var isModel = e.types.indexOf("Model") >= 0 || e.types.indexOf("ModelFamily") >= 0;
      var isBench = e.types.indexOf("Benchmark") >= 0;
      var extras = [];
      if (e.results && (isModel || isBench)) {
        extras.push(api("/api/results", isBench ? { benchmark: iri, limit: 20 } : { model: iri, limit: 20 }).then(function (page) {
          panel.appendChild(el("h3", null, "Results (" + page.total + ")"));
          page.items.forEach(function (r) {
            var line = el("p", "item");
            line.appendChild(el("span", null, (isBench ? r.model.label : r.benchmark.label) + ": " + r.score + (r.metric ? " " + r.metric : "")));
            sourceBlock(line, r.sources.slice(0, 1));
            panel.appendChild(line);
          });
        }));
      }
      if (e.claims) {
        extras.push(api("/api/claims", { about: iri, limit: 20 }).then(function (page) {
          panel.appendChild(el("h3", null, "Claims (" + page.total + ")"));
          page.items.forEach(function (c) {
            var line = el("div", "item");
            line.appendChild(el("span", "stance " + c.stance, c.stance));
            line.appendChild(el("span", null, c.claimant_label));
            line.appendChild(el("p", "quote", "\u201c" + c.source.quote + "\u201d"));
            line.appendChild(el("p", "src", c.source.title || c.source.source));
            panel.appendChild(line);
          });
        }));
      }
      return Promise.all(extras);
    });
  }

  // -- search

  var timer = null;
  var current = [];
  var active = -1;

  function renderResults(items) {
    var list = $("results");
    list.textContent = "";
    current = items;
    active = items.length ? 0 : -1;
    items.forEach(function (item, i) {
      var li = el("li", i === 0 ? "active" : null);
      li.setAttribute("role", "option");
      li.appendChild(el("span", null, item.label));
      li.appendChild(el("span", "type", mainType(item.types)));
      li.addEventListener("mousedown", function (evt) { evt.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
  }

  function choose(i) {
    var item = current[i];
    if (!item) { return; }
    $("results").hidden = true;
    $("search").value = item.label;
    select(item.iri, true);
  }

  $("search").addEventListener("input", function () {
    var q = this.value.trim();
    clearTimeout(timer);
    if (!q) { renderResults([]); return; }
    timer = setTimeout(function () {
      api("/api/entities", { q: q, limit: 12 }).then(function (page) {
        renderResults(page.items);
        showMessage(page.items.length ? "" : "Nothing is named \u201c" + q + "\u201d.");
      }).catch(function (err) { renderResults([]); showMessage(err.message); });
    }, 150);
  });
  $("search").addEventListener("keydown", function (evt) {
    var items = $("results").children;
    if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
      evt.preventDefault();
      if (!items.length) { return; }
      if (active >= 0) { items[active].classList.remove("active"); }
      active = (active + (evt.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items[active].classList.add("active");
    } else if (evt.key === "Escape") {
      $("results").hidden = true;
    }
  });
  $("search-form").addEventListener("submit", function (evt) {
    evt.preventDefault();
    if (active >= 0) { choose(active); }
  });
  $("search").addEventListener("blur", function () { $("results").hidden = true; });

  $("btn-expand").addEventListener("click", function () {
    if (selected) { drawNeighbours(selected, false).catch(function (err) { showMessage(err.message); }); }
  });
  $("btn-lineage").addEventListener("click", function () { if (selected) { lineageView(selected); } });
  $("btn-fit").addEventListener("click", function () { cy.fit(undefined, 40); });

  // -- legend and first screen

  ORDER.forEach(function (type) {
    var li = el("li");
    li.appendChild(el("span", "swatch " + type));
    li.appendChild(el("span", null, type));
    $("legend").appendChild(li);
  });

  function start() {
    var wanted = new URLSearchParams(window.location.search).get("entity");
    var first;
    if (wanted && /^(https?:|urn:)/.test(wanted)) {
      first = Promise.resolve(wanted);
    } else if (wanted) {
      first = api("/api/entity", { name: wanted }).then(function (e) { return e.iri; });
    } else {
      first = api("/api/analytics/centrality", { kind: "model", measure: "degree", limit: 1 }).then(function (ranked) {
        if (!ranked.length) { throw new Error("The store is empty: ingest some documents first (llmkg ingest, or POST /documents)."); }
        return ranked[0].iri;
      });
    }
    return first.then(function (iri) { return select(iri, true); }).catch(function (err) { showMessage(err.message); });
  }
  start();
}());
