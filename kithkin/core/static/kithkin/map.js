// Draws the directory's maps with Leaflet, when JavaScript runs. Every map has a table or list beside it
// with the same places, so nothing depends on this file or on the tiles loading.
const L = window.L;

function popup(point) {
  const box = document.createElement("div");
  const title = document.createElement(point.url ? "a" : "strong");
  if (point.url) {
    title.href = point.url;
    title.className = "govuk-link";
  }
  title.textContent = point.name;
  box.appendChild(title);
  const detail = [point.place, point.distance].filter(Boolean).join(" · ");
  if (detail) {
    const line = document.createElement("p");
    line.className = "govuk-body-s govuk-!-margin-bottom-0";
    line.textContent = detail;
    box.appendChild(line);
  }
  return box;
}

function drawMap(element) {
  const source = document.getElementById(element.dataset.points);
  const points = source ? JSON.parse(source.textContent) : [];
  if (!L || points.length === 0) return;
  const map = L.map(element, { scrollWheelZoom: false });
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: element.dataset.attribution || "" }).addTo(map);
  }
  const markers = points.map((p) => {
    const colour = p.colour || "#1d70b8";
    return L.circleMarker([p.lat, p.lng], { radius: p.radius || 8, color: "#0b0c0c", weight: 1, fillColor: colour,
                                            fillOpacity: 0.9 })
      .bindPopup(() => popup(p)).addTo(map);
  });
  map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 15 });
  element.classList.add("kk-map--drawn");
}

document.querySelectorAll('[data-module="kk-map"]').forEach(drawMap);
