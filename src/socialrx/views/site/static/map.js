/* socialrx site map: loads Leaflet and OpenStreetMap tiles only when the visitor asks.
   Until then nothing leaves this site; the list on the page has the same places.
   Popups are built from text nodes, so names from the directory stay text. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var node = document.createElement(tag);
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      node.onload = resolve;
      node.onerror = reject;
      document.head.appendChild(node);
    });
  }

  function popup(row) {
    var box = document.createElement("p"), a = document.createElement("a");
    a.href = "asset/" + encodeURIComponent(row[0]) + ".html";
    a.textContent = row[1];
    box.appendChild(a);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(row[2]));
    return box;
  }

  function draw(button, data) {
    var L = window.L, box = $("map");
    box.hidden = false;
    var map = L.map(box, { scrollWheelZoom: false });
    L.tileLayer(button.dataset.tiles, {
      maxZoom: 19,
      attribution: "&copy; OpenStreetMap contributors"
    }).addTo(map);
    var points = [];
    data.assets.forEach(function (row) {
      row[9].forEach(function (p) {
        var marker = L.marker(p, { title: row[1], alt: row[1] });
        marker.bindPopup(popup(row));
        marker.addTo(map);
        points.push(p);
      });
    });
    if (points.length) map.fitBounds(points, { padding: [20, 20], maxZoom: 15 });
    else map.setView([54.5, -2.5], 6);
    $("map-status").textContent = "Map shown with " + points.length + " places. Use the list below with a keyboard or screen reader.";
  }

  function show(button) {
    button.disabled = true;
    $("map-status").textContent = "Loading the map…";
    Promise.all([
      load("link", { rel: "stylesheet", href: button.dataset.leafletCss,
                     integrity: button.dataset.leafletCssIntegrity, crossorigin: "" }),
      load("script", { src: button.dataset.leafletJs,
                       integrity: button.dataset.leafletJsIntegrity, crossorigin: "" }),
      fetch("search-index.json").then(function (r) { return r.json(); })
    ]).then(function (got) { draw(button, got[2]); button.hidden = true; })
      .catch(function () {
        button.disabled = false;
        $("map-status").textContent = "The map could not be loaded. The list below has every place.";
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("map-controls").hidden = false;
    var button = $("show-map");
    button.addEventListener("click", function () { show(button); });
  });
})();
