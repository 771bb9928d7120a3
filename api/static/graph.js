/* llmkg graph page: search an entity, draw its neighbourhood with Cytoscape.js, expand nodes,
 * show each fact with the sentences that stated it, the entity's results and claims, and a
 * lineage view (ancestors above, descendants below).
 *
 * Rules this file keeps: every text that comes from the API or the search box is inserted with
 * textContent (labels may hold markup), never innerHTML; errors go to the message area, never
 * alert(); the page only talks to the origin that served it (the CSP says so too). */
(function () {
  "use strict";

  var COLOURS = {
    ModelFamily: "#9446ed", Model: "#2680c2", Organization: "#e66a00", Person: "#2a9d8f",
    UnnamedAgent: "#8d99ae", Benchmark: "#c62828", Hardware: "#6b705c", Other: "#9aa5b1"
  };
  // a node has one colour: its first type in this order (a family that is also a model is a family)
  var ORDER = ["ModelFamily", "Model", "Organization", "Person", "UnnamedAgent", "Benchmark", "Hardware"];
  var NUMERIC = /#(integer|decimal|double|float|long|int|nonNegativeInteger|positiveInteger)$/;
  var MAX_SOURCES = 3;

  var state = { selected: null, mode: "neighbours", root: null };

  // -- small helpers

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

  function fail(context) {
    return function (err) { showMessage(context + ": " + (err && err.message ? err.message : String(err))); };
  }

  /** GET a JSON API path on this origin; rejects with the API's own message on an error status. */
  function api(path, params) {
    var url = new URL(path, window.location.origin);
    Object.keys(params || {}).forEach(function (k) { url.searchParams.set(k, params[k]); });
    return fetch(url.toString(), { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) { throw new Error(body.message || ("HTTP " + r.status)); }
        return body;
      });
    }, function () { throw new Error("the server cannot be reached"); });
  }

  function mainType(types) {
    for (var i = 0; i < ORDER.length; i++) { if ((types || []).indexOf(ORDER[i]) >= 0) { return ORDER[i]; } }
    return "Other";
  }

  function formatValue(value, datatype) {
    if (datatype && NUMERIC.test(datatype) && value !== "" && isFinite(Number(value))) {
      return Number(value).toLocaleString("en-US", { maximumFractionDigits: 6 });
    }
    return value;
  }

  // -- the graph

  var cy = cytoscape({
    container: $("graph"),
    minZoom: 0.15,
    maxZoom: 1.6,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", label: "data(label)", color: "#1f2933", "font-size": 11,
        "text-valign": "bottom", "text-margin-y": 4, width: 22, height: 22, "text-wrap": "ellipsis",
        "text-max-width": 160, "text-background-color": "#ffffff", "text-background-opacity": 0.8,
        "text-background-padding": 1 } },
      { selector: "node.centre", style: {
        width: 34, height: 34, "border-width": 3, "border-color": "#1f2933", "font-weight": "bold" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#f0b429" } },
      { selector: "edge", style: {
        width: 1.5, "line-color": "#9fb3c8", "target-arrow-color": "#9fb3c8", "target-arrow-shape": "triangle",
        "curve-style": "bezier", label: "data(relation)", "font-size": 9, color: "#52606d",
        "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0,
        "text-background-padding": 1, "text-opacity": 0 } },
      // a relation's name is drawn when it can be read: zoomed in, in the lineage view, or on
      // hovering the edge or one of its nodes (on a hub, forty labels drawn at once are a smudge)
      { selector: "edge.labelled", style: { "text-opacity": 1, "text-background-opacity": 0.85 } },
      { selector: "edge.same-row", style: {
        "curve-style": "unbundled-bezier", "control-point-distances": "data(bend)", "control-point-weights": 0.5 } },
      { selector: "edge:selected", style: { "line-color": "#f0b429", "target-arrow-color": "#f0b429", width: 2.5 } }
    ]
  });
  window.llmkgGraph = cy; // for the browser tests and for poking at it from the console

  function updateCount() {
    var n = cy.nodes().length;
    $("count").textContent = n + (n === 1 ? " node" : " nodes");
    refreshLabels();
  }

  // -- edge labels: all when they can be read, else only around what the pointer is on

  var LABEL_ZOOM = 1.0; // at this zoom a 9 px label is 9 px on screen
  var hovered = null;

  function refreshLabels() {
    var all = state.mode === "lineage" || cy.zoom() >= LABEL_ZOOM;
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var near = hovered !== null && (e.same(hovered) || e.source().same(hovered) || e.target().same(hovered));
        e.toggleClass("labelled", all || near);
      });
    });
  }
  cy.on("zoom", refreshLabels);
  cy.on("mouseover", "node, edge", function (evt) { hovered = evt.target; refreshLabels(); });
  cy.on("mouseout", "node, edge", function () { hovered = null; refreshLabels(); });

  // -- the address bar: /graph?entity=<IRI>[&view=lineage] opens what is shown (a link to share)

  function syncUrl() {
    // only an entity that was shown, and only an http(s) or urn IRI (never a javascript: one)
    if (!state.selected || !/^(https?|urn):/.test(state.selected)) { return; }
    var query = "?entity=" + encodeURIComponent(state.selected) +
      (state.mode === "lineage" && state.root === state.selected ? "&view=lineage" : "");
    if (window.location.search !== query) { window.history.replaceState(null, "", "/graph" + query); }
  }

  function setCaption(text) { $("caption").textContent = text || ""; }

  function addNode(n, position) {
    if (cy.getElementById(n.iri).nonempty()) { return false; }
    var type = mainType(n.types);
    var spec = { group: "nodes", data: { id: n.iri, label: n.label || n.iri, type: type, colour: COLOURS[type] } };
    if (position) { spec.position = position; }
    cy.add(spec);
    return true;
  }

  function addEdge(source, relation, target) {
    var id = source + " " + relation + " " + target;
    if (cy.getElementById(id).nonempty()) { return; }
    cy.add({ group: "edges", data: { id: id, source: source, target: target, relation: relation } });
  }

  function markCentre(iri) {
    cy.nodes().removeClass("centre");
    cy.getElementById(iri).addClass("centre");
  }

  function markSelected(iri) {
    cy.elements(":selected").unselect();
    cy.getElementById(iri).select();
  }

  function runCose(keepPositions) {
    cy.layout({ name: "cose", animate: false, randomize: !keepPositions, nodeRepulsion: 400000, gravity: 0.4,
                idealEdgeLength: 110, nodeOverlap: 20, nodeDimensionsIncludeLabels: true, fit: false }).run();
    cy.fit(undefined, 40);
  }

  /** Draw ``iri`` and its neighbours: on a clean graph (replace) or added to the one shown. */
  function drawNeighbours(iri, replace) {
    return api("/api/entity/neighbours", { iri: iri, hops: 1 }).then(function (g) {
      if (replace || state.mode !== "neighbours") { cy.elements().remove(); }
      var origin = cy.getElementById(iri);
      var at = origin.nonempty() ? origin.position() : { x: 0, y: 0 };
      // a small graph is laid out afresh (it reads better); a big one keeps its shape
      var keep = cy.nodes().length > 15;
      var added = 0;
      g.nodes.forEach(function (n, i) {
        var angle = (2 * Math.PI * i) / Math.max(g.nodes.length, 1);
        if (addNode(n, { x: at.x + 90 * Math.cos(angle), y: at.y + 90 * Math.sin(angle) })) { added += 1; }
      });
      g.edges.forEach(function (e) { addEdge(e.source, e.relation, e.target); });
      state.mode = "neighbours";
      markCentre(iri);
      markSelected(state.selected);
      runCose(keep);
      updateCount();
      updateButtons();
      syncUrl();
      var label = cy.getElementById(iri).data("label");
      setCaption(replace ? "Neighbourhood of " + label : "Neighbourhood, expanded from " + label);
      showMessage(g.truncated ? "Only the first " + g.nodes.length + " neighbours of " + label + " are shown." : "");
      return added;
    });
  }

  /** The lineage tree of ``iri``: ancestors on the rows above it, descendants on the rows below. */
  function drawLineage(iri) {
    return api("/api/lineage", { iri: iri, depth: 6 }).then(function (tree) {
      cy.elements().remove();
      var level = {};
      var rows = {};
      var edges = [];
      level[tree.root.iri] = 0;
      rows[0] = [tree.root];
      function place(node, depth) {
        if (Object.prototype.hasOwnProperty.call(level, node.iri)) { return; }
        level[node.iri] = depth;
        (rows[depth] = rows[depth] || []).push(node);
      }
      // breadth first, so a node reachable at two depths sits on the row nearest the root
      [[tree.ancestors, -1], [tree.descendants, 1]].forEach(function (side) {
        var queue = side[0].map(function (e) { return [e, 1]; });
        while (queue.length) {
          var item = queue.shift();
          var e = item[0];
          var d = item[1];
          place(side[1] < 0 ? e.object : e.subject, side[1] * d);
          place(side[1] < 0 ? e.subject : e.object, side[1] * (d - 1));
          edges.push(e);
          (e.next || []).forEach(function (n) { queue.push([n, d + 1]); });
        }
      });
      // rows outward from the root; each row ordered by where its links on the row nearer the root sit
      var x = {};
      var links = {};
      edges.forEach(function (e) {
        (links[e.subject.iri] = links[e.subject.iri] || []).push(e.object.iri);
        (links[e.object.iri] = links[e.object.iri] || []).push(e.subject.iri);
      });
      var depths = Object.keys(rows).map(Number).sort(function (a, b) { return Math.abs(a) - Math.abs(b); });
      depths.forEach(function (depth) {
        var inner = depth - Math.sign(depth);
        var row = rows[depth].map(function (node, i) {
          var near = (links[node.iri] || []).filter(function (o) { return level[o] === inner && o in x; });
          var centre = near.length ? near.reduce(function (sum, o) { return sum + x[o]; }, 0) / near.length : 0;
          return { node: node, key: centre + i * 1e-3 };
        }).sort(function (a, b) { return a.key - b.key; });
        row.forEach(function (r, i) {
          x[r.node.iri] = (i - (row.length - 1) / 2) * 190;
          addNode(r.node, { x: x[r.node.iri], y: depth * 120 });
        });
      });
      edges.forEach(function (e) {
        addEdge(e.subject.iri, e.relation, e.object.iri);
        if (level[e.subject.iri] === level[e.object.iri]) { // on one row: bend it round the nodes between
          var gap = Math.abs(x[e.subject.iri] - x[e.object.iri]) / 190;
          cy.getElementById(e.subject.iri + " " + e.relation + " " + e.object.iri)
            .addClass("same-row").data("bend", gap > 1 ? 28 * gap : 0);
        }
      });
      cy.layout({ name: "preset", fit: false }).run();
      cy.fit(undefined, 50);
      state.mode = "lineage";
      state.root = tree.root.iri;
      markCentre(tree.root.iri);
      markSelected(state.selected);
      updateCount();
      updateButtons();
      syncUrl();
      setCaption("Lineage of " + tree.root.label + ": ancestors above, descendants below");
      showMessage(edges.length ? "" : tree.root.label + " has no recorded ancestors or descendants.");
    });
  }

  function updateButtons() {
    var has = !!state.selected;
    $("btn-expand").disabled = !has;
    $("btn-lineage").disabled = !has;
    $("btn-lineage").textContent = state.mode === "lineage" && state.root === state.selected
      ? "Neighbourhood view" : "Lineage view";
  }

  /** Make ``iri`` the selected entity: its panel, and (redraw) a fresh neighbourhood. */
  function select(iri, redraw) {
    state.selected = iri;
    updateButtons();
    showMessage("");
    var drawn = redraw || cy.getElementById(iri).empty() ? drawNeighbours(iri, true) : Promise.resolve();
    if (!redraw) { markSelected(iri); }
    var panel = showPanel(iri).then(function () { if (!redraw && state.selected === iri) { syncUrl(); } });
    return Promise.all([drawn.catch(fail("Neighbours")), panel.catch(fail("Entity"))]);
  }

  cy.on("tap", "node", function (evt) { select(evt.target.id(), false); });
  cy.on("dbltap", "node", function (evt) {
    state.selected = evt.target.id();
    drawNeighbours(state.selected, false).catch(fail("Neighbours"));
  });

  // -- the side panel

  var panelToken = 0;

  function sources(parent, list) {
    list = list || [];
    list.slice(0, MAX_SOURCES).forEach(function (s) {
      var block = el("blockquote", "source");
      block.setAttribute("data-testid", "source");
      block.appendChild(el("p", "quote", "\u201c" + (s.quote || "").replace(/\s+/g, " ").trim() + "\u201d"));
      var where = el("p", "src", s.title || s.source || s.document);
      if (s.title && s.source) { where.title = s.source; }
      block.appendChild(where);
      parent.appendChild(block);
    });
    if (list.length > MAX_SOURCES) {
      parent.appendChild(el("p", "src", "and " + (list.length - MAX_SOURCES) + " more source(s)"));
    }
  }

  function entityLink(label, iri) {
    var a = el("button", "link", label);
    a.type = "button";
    a.title = iri;
    a.addEventListener("click", function () { select(iri, cy.getElementById(iri).empty()); });
    return a;
  }

  function section(body, title) {
    var h = el("h3", null, title);
    body.appendChild(h);
    return h;
  }

  function showPanel(iri) {
    var token = ++panelToken;
    var current = function () { return token === panelToken; };
    return api("/api/entity", { iri: iri }).then(function (e) {
      if (!current()) { return null; }
      $("hint").hidden = true;
      $("entity").hidden = false;
      $("entity-label").textContent = e.label;
      $("entity-types").textContent = e.types.join(", ") + " \u00b7 stated in " + e.documents +
        (e.documents === 1 ? " document" : " documents");
      $("entity-alts").textContent = e.alt_labels.length ? "also: " + e.alt_labels.join(", ") : "";
      var body = $("entity-body");
      body.textContent = "";
      $("panel").scrollTop = 0;
      section(body, "Facts (" + e.facts.length + ")");
      if (!e.facts.length) { body.appendChild(el("p", "hint", "No facts recorded.")); }
      e.facts.forEach(function (f) {
        var box = el("div", "fact");
        box.setAttribute("data-testid", "fact");
        var what = el("p", "what");
        var value = f.value_label ? entityLink(f.value_label, f.value) : el("span", "value", formatValue(f.value, f.datatype));
        if (f.direction === "in") {
          what.appendChild(value);
          what.appendChild(el("span", "pred", " " + f.predicate + " "));
          what.appendChild(el("span", "this", "this"));
        } else {
          what.appendChild(el("span", "pred", f.predicate + " "));
          what.appendChild(value);
        }
        box.appendChild(what);
        sources(box, f.sources);
        body.appendChild(box);
      });
      var isBench = e.types.indexOf("Benchmark") >= 0;
      var extras = [];
      if (e.results) {
        var resultsBox = el("div", "results");
        body.appendChild(resultsBox);
        extras.push(api("/api/results", isBench ? { benchmark: iri, limit: 25 } : { model: iri, limit: 25 })
          .then(function (page) {
            if (!current()) { return; }
            section(resultsBox, "Results (" + page.total + ")");
            page.items.forEach(function (r) {
              var item = el("div", "item");
              item.setAttribute("data-testid", "result");
              var line = el("p", "what");
              var other = isBench ? r.model : r.benchmark;
              line.appendChild(entityLink(other.label, other.iri));
              line.appendChild(el("span", "score", " " + formatValue(String(r.score), "#decimal") + (r.metric ? " " + r.metric : "")));
              if (r.reported_by) { line.appendChild(el("span", "src", " reported by " + r.reported_by)); }
              item.appendChild(line);
              sources(item, (r.sources || []).slice(0, 1));
              resultsBox.appendChild(item);
            });
            if (page.total > page.items.length) {
              resultsBox.appendChild(el("p", "src", "and " + (page.total - page.items.length) + " more (GET /api/results)"));
            }
          }));
      }
      if (e.claims) {
        var claimsBox = el("div", "claims");
        body.appendChild(claimsBox);
        extras.push(api("/api/claims", { about: iri, limit: 25 }).then(function (page) {
          if (!current()) { return; }
          section(claimsBox, "Claims (" + page.total + ")");
          page.items.forEach(function (c) {
            var item = el("div", "item");
            item.setAttribute("data-testid", "claim");
            var line = el("p", "what");
            line.appendChild(el("span", "stance " + String(c.stance).replace(/[^a-z]/gi, ""), c.stance));
            line.appendChild(c.claimant ? entityLink(c.claimant_label || c.claimant, c.claimant) : el("span", null, "someone"));
            item.appendChild(line);
            if (c.source) { sources(item, [c.source]); } else if (c.text) { item.appendChild(el("p", "quote", c.text)); }
            claimsBox.appendChild(item);
          });
        }));
      }
      return Promise.all(extras);
    });
  }

  // -- search

  var timer = null;
  var searchSeq = 0;
  var shown = { query: null, items: [] };
  var active = -1;

  function renderResults(query, items) {
    var list = $("results");
    list.textContent = "";
    shown = { query: query, items: items };
    active = items.length ? 0 : -1;
    items.forEach(function (item, i) {
      var li = el("li", i === 0 ? "active" : null);
      li.setAttribute("role", "option");
      li.setAttribute("data-testid", "result-item");
      li.appendChild(el("span", "label", item.label));
      li.appendChild(el("span", "type", mainType(item.types)));
      li.addEventListener("mousedown", function (evt) { evt.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
  }

  function search(query) {
    var seq = ++searchSeq;
    return api("/api/entities", { q: query, limit: 12 }).then(function (page) {
      if (seq !== searchSeq) { return null; } // a newer keystroke won
      renderResults(query, page.items);
      showMessage(page.items.length ? "" : "Nothing is named \u201c" + query + "\u201d.");
      return page.items;
    }).catch(function (err) { renderResults(query, []); fail("Search")(err); return null; });
  }

  function choose(i) {
    var item = shown.items[i];
    if (!item) { return; }
    $("results").hidden = true;
    $("search").value = item.label;
    select(item.iri, true);
  }

  $("search").addEventListener("input", function () {
    var query = this.value.trim();
    clearTimeout(timer);
    if (!query) { searchSeq += 1; renderResults("", []); return; }
    timer = setTimeout(function () { search(query); }, 200);
  });
  $("search").addEventListener("keydown", function (evt) {
    var items = $("results").children;
    if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
      evt.preventDefault();
      if (!items.length) { return; }
      $("results").hidden = false;
      if (active >= 0) { items[active].classList.remove("active"); }
      active = (active + (evt.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items[active].classList.add("active");
      items[active].scrollIntoView({ block: "nearest" });
    } else if (evt.key === "Escape") {
      $("results").hidden = true;
    }
  });
  $("search-form").addEventListener("submit", function (evt) {
    evt.preventDefault();
    var query = $("search").value.trim();
    if (!query) { return; }
    if (shown.query === query && active >= 0) { choose(active); return; }
    // Enter before the debounced search answered: search now and take the best match
    clearTimeout(timer);
    search(query).then(function (items) { if (items && items.length) { choose(0); } });
  });
  $("search").addEventListener("blur", function () { $("results").hidden = true; });
  $("search").addEventListener("focus", function () { if (shown.items.length) { $("results").hidden = false; } });

  $("btn-expand").addEventListener("click", function () {
    if (state.selected) { drawNeighbours(state.selected, false).catch(fail("Neighbours")); }
  });
  $("btn-lineage").addEventListener("click", function () {
    if (!state.selected) { return; }
    if (state.mode === "lineage" && state.root === state.selected) {
      drawNeighbours(state.selected, true).catch(fail("Neighbours"));
    } else {
      drawLineage(state.selected).catch(fail("Lineage"));
    }
  });
  $("btn-fit").addEventListener("click", function () { cy.fit(undefined, 40); });

  // -- legend and the first screen

  ORDER.forEach(function (type) {
    var li = el("li");
    li.appendChild(el("span", "swatch " + type));
    li.appendChild(el("span", null, type));
    $("legend").appendChild(li);
  });

  /** ?entity=<IRI or name>[&view=lineage]; else the lineage of the most connected model family
   * (or model) of the store; on an empty store, say so. */
  function start() {
    var params = new URLSearchParams(window.location.search);
    var wanted = params.get("entity");
    var lineage = !wanted || params.get("view") === "lineage";
    var first;
    if (wanted && /^(https?|urn):/.test(wanted)) {
      first = Promise.resolve(wanted);
    } else if (wanted) {
      first = api("/api/entity", { name: wanted }).then(function (e) { return e.iri; });
    } else {
      first = api("/api/analytics/centrality", { kind: "model", measure: "degree", limit: 50 }).then(function (ranked) {
        var family = ranked.filter(function (r) { return r.type === "ModelFamily"; })[0];
        if (family || ranked.length) { return (family || ranked[0]).iri; }
        throw new Error("the store is empty. Ingest some documents first (llmkg ingest, or POST /documents).");
      });
    }
    return first.then(function (iri) {
      if (!lineage) { return select(iri, true); }
      state.selected = iri;
      return Promise.all([drawLineage(iri).catch(fail("Lineage")), showPanel(iri).catch(fail("Entity"))]);
    }).catch(fail(wanted ? "Cannot open \u201c" + wanted + "\u201d" : "Nothing to show"));
  }
  start();
}());
