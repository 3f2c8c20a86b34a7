// Flame graph interaction: click a frame to zoom into it, click "Reset zoom"
// (or press Escape) to return. Hovering shows the frame's tooltip text in
// the details line too. Original geometry is read from data-x / data-w /
// data-d, so zooming never accumulates rounding error.
(function () {
  "use strict";
  var svg = document.documentElement;
  var width = Number(svg.getAttribute("data-width"));
  var pad = Number(svg.getAttribute("data-pad"));
  var charWidth = Number(svg.getAttribute("data-char-width"));
  var frames = Array.prototype.slice.call(document.querySelectorAll("g.f"));
  var details = document.getElementById("details");
  var unzoomButton = document.getElementById("unzoom");
  var epsilon = 1e-6;

  // The same truncation as the Python renderer's fit_label().
  function fit(name, w) {
    var room = Math.floor((w - 6) / charWidth);
    if (room < 3) return "";
    return name.length <= room ? name : name.slice(0, room - 2) + "..";
  }

  function geometry(g) {
    return {
      x: Number(g.getAttribute("data-x")),
      w: Number(g.getAttribute("data-w")),
      d: Number(g.getAttribute("data-d"))
    };
  }

  function place(g, x, w) {
    var rect = g.querySelector("rect");
    var text = g.querySelector("text");
    rect.setAttribute("x", x.toFixed(2));
    rect.setAttribute("width", w.toFixed(2));
    text.setAttribute("x", (x + 3).toFixed(2));
    text.textContent = fit(g.getAttribute("data-n"), w);
  }

  function zoom(target) {
    var z = geometry(target);
    var scale = (width - 2 * pad) / z.w;
    frames.forEach(function (g) {
      var f = geometry(g);
      var covers = f.x <= z.x + epsilon && f.x + f.w >= z.x + z.w - epsilon;
      var inside = f.x >= z.x - epsilon && f.x + f.w <= z.x + z.w + epsilon;
      g.classList.remove("hide", "parent");
      if (f.d < z.d && covers) {
        g.classList.add("parent");
        place(g, pad, width - 2 * pad);
      } else if (f.d >= z.d && inside) {
        place(g, pad + (f.x - z.x) * scale, f.w * scale);
      } else {
        g.classList.add("hide");
      }
    });
    unzoomButton.classList.remove("hide");
  }

  function unzoom() {
    frames.forEach(function (g) {
      var f = geometry(g);
      g.classList.remove("hide", "parent");
      place(g, f.x, f.w);
    });
    unzoomButton.classList.add("hide");
  }

  frames.forEach(function (g) {
    var tip = g.querySelector("title").textContent.replace(/\n/g, " \u00b7 ");
    g.addEventListener("click", function () { zoom(g); });
    g.addEventListener("mouseover", function () { details.textContent = tip; });
    g.addEventListener("mouseout", function () { details.textContent = "\u00a0"; });
  });
  unzoomButton.addEventListener("click", unzoom);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") unzoom();
  });
})();
