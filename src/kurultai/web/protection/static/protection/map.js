// Draws the neighbourhood boundaries, reports and safe places from the platform's own GeoJSON on a
// blank background (tiles only when a tile URL is configured). With data-pick, a tap sets the
// form's lat/lon fields.
(function () {
  "use strict";
  var box = document.getElementById("map");
  if (!box || typeof L === "undefined") { return; }
  var map = L.map(box, { zoomSnap: 0.25, attributionControl: !!box.dataset.tiles });
  if (box.dataset.tiles) {
    L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution || "" }).addTo(map);
  }
  var colours = { unverified: "#8a5a00", verified: "#b3261e", shelter: "#1b6e3a", medical: "#243a8f", water: "#0b7285" };
  function link(props, text) {
    var a = document.createElement("a");
    a.href = props.url;
    a.textContent = text;
    return a;
  }
  fetch(box.dataset.src, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
    var layer = L.geoJSON(data, {
      style: function (feature) {
        var p = feature.properties;
        if (p.layer === "neighbourhood") { return { color: "#5f5a57", weight: 2, fillColor: "#b3261e", fillOpacity: 0.06 }; }
        var colour = p.layer === "incident" ? colours[p.status] : colours[p.kind];
        return { radius: p.layer === "incident" ? 8 : 6, color: colour, fillColor: colour, weight: 2,
                 dashArray: p.status === "unverified" ? "3 3" : null, fillOpacity: p.status === "unverified" ? 0.2 : 0.8 };
      },
      pointToLayer: function (feature, latlng) { return L.circleMarker(latlng); },
      onEachFeature: function (feature, lyr) {
        var p = feature.properties;
        var text = p.layer === "neighbourhood" ? p.name + " (" + p.city + ")"
          : p.layer === "incident" ? p.label + " · " + p.seriousness + " · " + p.street
          : p.name + " · " + p.label + " · " + p.occupancy + "/" + p.capacity;
        lyr.bindPopup(link(p, text));
        if (p.layer === "neighbourhood") {
          lyr.bindTooltip(p.name, { permanent: true, direction: "center", className: "hood-label" });
        }
      }
    }).addTo(map);
    // Towns lie far apart: show one town at a time, with a button for each.
    var towns = {}, counts = {};
    layer.eachLayer(function (lyr) {
      var p = lyr.feature.properties;
      if (p.layer !== "neighbourhood") { return; }
      counts[p.city] = (counts[p.city] || 0) + 1;
      towns[p.city] = towns[p.city] ? towns[p.city].extend(lyr.getBounds()) : L.latLngBounds(lyr.getBounds().getSouthWest(), lyr.getBounds().getNorthEast());
    });
    // The town with the most neighbourhoods first.
    var names = Object.keys(towns).sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b); });
    if (!names.length) { map.setView([40.53, 72.8], 12); return; }
    var show = function (name) { map.fitBounds(towns[name], { padding: [12, 12] }); };
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "leaflet-bar towns");
      names.forEach(function (name) {
        var button = L.DomUtil.create("button", "", div);
        button.type = "button";
        button.textContent = name;
        L.DomEvent.on(button, "click", function (e) { L.DomEvent.stop(e); show(name); });
      });
      return div;
    };
    control.addTo(map);
    show(box.dataset.town && towns[box.dataset.town] ? box.dataset.town : names[0]);
  });
  if (box.dataset.pick) {
    var form = box.closest("form");
    var lat = form && form.querySelector("[name=lat]");
    var lon = form && form.querySelector("[name=lon]");
    var marker = null;
    map.on("click", function (e) {
      if (!lat || !lon) { return; }
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      if (marker) { marker.setLatLng(e.latlng); } else { marker = L.marker(e.latlng, { icon: L.divIcon({ className: "pick" }) }).addTo(map); }
    });
  }
}());
