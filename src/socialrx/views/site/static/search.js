/* socialrx site search: filters search-index.json as the visitor types.
   No framework, no cookies, nothing stored, nothing sent: the postcode is looked up in
   postcodes.json (fetched whole) inside this page. Results are built with textContent,
   so text from the directory is always shown as text. Keep the row layout in step with
   socialrx/views/site/search.py. */
(function () {
  "use strict";
  var ID = 0, NAME = 1, SUMMARY = 2, WORDS = 3, NEEDS = 4, WAYS = 5, FEATURES = 6,
      DAYS = 7, FLAGS = 8, PLACES = 9, AREAS = 10, ACTIVITIES = 11;
  var FREE = 1, OPEN = 2, PAUSED = 4, NO_FIXED_DAYS = 8, RESIDENTS_ONLY = 16;
  var PAGE = 25;
  var WAY_TEXT = ["In person", "Outdoors", "Online", "By phone", "At home"];
  var index = null, tokens = [], shown = PAGE, here = null, postcodes = null;
  var $ = function (id) { return document.getElementById(id); };

  // The same light stemmer as socialrx.vocabulary.stem, so "dance" finds "dancing".
  function stem(w) {
    var rules = ["ing", "ies", "es", "s", "e"];
    for (var i = 0; i < rules.length; i++) {
      var s = rules[i];
      if (w.length - s.length < 3 || w.slice(-s.length) !== s) continue;
      if (s === "s" && /(ss|us|is)$/.test(w)) continue;
      var base = w.slice(0, -s.length);
      if (s === "ies") base += "y";
      else if ((s === "ing" || s === "es") && base.length > 3 &&
               base[base.length - 1] === base[base.length - 2] &&
               "aeiouls".indexOf(base[base.length - 1]) < 0) base = base.slice(0, -1);
      return base;
    }
    return w;
  }
  function words(text) {
    return (text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .match(/[a-z0-9]+/g) || []);
  }
  function tokenize(text) {
    var out = [];
    words(text).forEach(function (w) { out.push(w); out.push(stem(w)); });
    return out;
  }
  // Two tiers: the asset's own words, then the words of the needs it helps with (so
  // "lonely" finds befriending), which rank below a match in its own words.
  function tokensOf(row) {
    var needs = "";
    index.needs.forEach(function (need, i) {
      if (row[NEEDS] & (1 << i)) needs += " " + need[1] + " " + need[2];
    });
    return [tokenize(row[NAME] + " " + row[SUMMARY] + " " + row[WORDS]), tokenize(needs)];
  }
  function hasWord(t, q, s) {
    for (var i = 0; i < t.length; i++) {
      if (t[i].lastIndexOf(q, 0) === 0 || t[i].lastIndexOf(s, 0) === 0) return true;
    }
    return false;
  }
  // 0: every word is in the asset's own text; 1: some only through its needs; -1: no.
  function queryTier(t, query) {
    var tier = 0;
    for (var i = 0; i < query.length; i++) {
      var q = query[i], s = stem(q);
      if (hasWord(t[0], q, s)) continue;
      if (!hasWord(t[1], q, s)) return -1;
      tier = 1;
    }
    return tier;
  }

  // -- postcodes, looked up here and never sent
  var POSTCODE = /^([A-Z]{1,2}[0-9][0-9A-Z]?) ?([0-9])([A-Z]{2})?$/;
  function parsePostcode(text) {
    var m = text.toUpperCase().replace(/\s+/g, " ").trim().match(POSTCODE);
    if (!m) return null;
    return { district: m[1], sector: m[1] + " " + m[2] };
  }
  function km(a, b) {
    var r = Math.PI / 180, dlat = (b[0] - a[0]) * r, dlon = (b[1] - a[1]) * r;
    var h = Math.pow(Math.sin(dlat / 2), 2) +
            Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.pow(Math.sin(dlon / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
  }
  function inArea(prefixes, pc) {
    var area = pc.district.replace(/[0-9].*$/, "");
    return prefixes.some(function (p) { return p === area || p === pc.district || p === pc.sector; });
  }
  function locate(text, done) {
    var pc = parsePostcode(text), status = $("postcode-status");
    if (!text.trim()) { here = null; status.textContent = ""; return done(); }
    if (!pc) { here = null; status.textContent = "Type a full postcode, such as FY8 1DR, or the first part, such as FY8."; return done(); }
    function use() {
      var point = postcodes.sectors[pc.sector] || postcodes.districts[pc.district];
      if (!point) {
        here = null;
        status.textContent = "That postcode is more than " + postcodes.reach_km +
          " km from every place in this directory. Phone, online and home-visit help is still listed.";
      } else {
        here = { point: point, pc: pc };
        status.textContent = "Nearest first.";
      }
      done();
    }
    if (postcodes) return use();
    fetch("postcodes.json").then(function (r) { return r.json(); })
      .then(function (data) { postcodes = data; use(); })
      .catch(function () { status.textContent = "Postcodes could not be loaded."; done(); });
  }

  // -- filtering
  function checked(name) {
    var out = 0;
    document.querySelectorAll("input[name=" + name + "]:checked").forEach(function (box) {
      out |= 1 << Number(box.value);
    });
    return out;
  }
  function state() {
    var need = $("need").value, act = $("activity").value, day = $("day").value;
    return {
      query: words($("q").value),
      need: need ? 1 << index.needs.findIndex(function (n) { return n[0] === need; }) : 0,
      activity: act === "" ? -1 : Number(act),
      day: day === "" ? 0 : 1 << Number(day),
      ways: checked("way"), features: checked("feature"),
      free: $("free").checked, open: $("open").checked,
      distance: Number($("distance").value) || Infinity
    };
  }
  // The result's tier (0 best), or -1 when a filter rules it out.
  function passes(row, i, f) {
    if (f.need && !(row[NEEDS] & f.need)) return -1;
    if (f.ways && !(row[WAYS] & f.ways)) return -1;
    if (f.features && (row[FEATURES] & f.features) !== f.features) return -1;
    if (f.free && !(row[FLAGS] & FREE)) return -1;
    if (f.open && !(row[FLAGS] & OPEN)) return -1;
    if (f.day && !(row[DAYS] & f.day) && !(row[FLAGS] & NO_FIXED_DAYS)) return -1;
    if (f.activity >= 0 && row[ACTIVITIES].indexOf(f.activity) < 0) return -1;
    return f.query.length ? queryTier(tokens[i], f.query) : 0;
  }
  function distanceOf(row) {
    if (!here || !row[PLACES].length) return null;
    return Math.min.apply(null, row[PLACES].map(function (p) { return km(here.point, p); }));
  }
  function search() {
    var f = state(), found = [];
    index.assets.forEach(function (row, i) {
      var tier = passes(row, i, f);
      if (tier < 0) return;
      var d = distanceOf(row);
      var remoteOnly = !row[PLACES].length;
      if (here && row[FLAGS] & RESIDENTS_ONLY && !inArea(row[AREAS], here.pc)) return;
      if (here && d !== null && d > f.distance) return;
      if (here && d === null && !remoteOnly) return;
      found.push({ row: row, d: d, order: i, tier: tier });
    });
    found.sort(function (a, b) {
      var da = a.d === null ? Infinity : a.d, db = b.d === null ? Infinity : b.d;
      return a.tier - b.tier || (here ? da - db : 0) || a.order - b.order;
    });
    return found;
  }

  // -- showing results (text only)
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function card(hit) {
    var row = hit.row, li = el("li", "", "card"), h = el("h3"), a = el("a", row[NAME]);
    a.href = "asset/" + encodeURIComponent(row[ID]) + ".html";
    h.appendChild(a); li.appendChild(h);
    li.appendChild(el("p", row[SUMMARY]));
    if (row[FLAGS] & PAUSED) li.appendChild(el("p", "Temporarily closed", "warning-tag"));
    var tags = [];
    if (hit.d !== null) tags.push(hit.d < 10 ? hit.d.toFixed(1) + " km away" : Math.round(hit.d) + " km away");
    if (row[FLAGS] & FREE) tags.push("Free");
    if (row[FLAGS] & OPEN) tags.push("Just turn up or ring yourself");
    WAY_TEXT.forEach(function (w, i) { if (row[WAYS] & (1 << i)) tags.push(w); });
    li.appendChild(el("p", tags.join(" · "), "tags"));
    return li;
  }
  function show() {
    var found = search(), list = $("results");
    list.textContent = "";
    found.slice(0, shown).forEach(function (hit) { list.appendChild(card(hit)); });
    $("count").textContent = found.length === 1 ? "1 result" : found.length + " results" +
      (found.length > shown ? ", showing the first " + shown : "");
    $("more").hidden = found.length <= shown;
  }
  function update() { shown = PAGE; show(); }

  function start(data) {
    index = data;
    tokens = index.assets.map(tokensOf);
    var select = $("activity");
    index.activities.forEach(function (name, i) {
      var option = el("option", name.charAt(0).toUpperCase() + name.slice(1));
      option.value = String(i);
      select.appendChild(option);
    });
    var form = $("filters");
    form.addEventListener("input", function (e) {
      if (e.target.id === "postcode") return;
      update();
    });
    form.addEventListener("change", function (e) {
      if (e.target.id === "postcode") locate(e.target.value, update); else update();
    });
    $("postcode").addEventListener("input", function (e) {
      var v = e.target.value;
      if (!v.trim() || parsePostcode(v)) locate(v, update);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); locate($("postcode").value, update); });
    form.addEventListener("reset", function () {
      setTimeout(function () { here = null; $("postcode-status").textContent = ""; update(); }, 0);
    });
    $("more").addEventListener("click", function () {
      var before = shown;
      shown += PAGE; show();
      var next = $("results").children[before];
      if (next) next.querySelector("a").focus();
    });
    update();
  }

  window.socialrxStem = stem;  // the browser tests check it agrees with Python's

  document.addEventListener("DOMContentLoaded", function () {
    $("finder").hidden = false;
    fetch("search-index.json").then(function (r) { return r.json(); }).then(start)
      .catch(function () { $("count").textContent = "The search could not be loaded. Browse the lists below instead."; });
  });
})();
