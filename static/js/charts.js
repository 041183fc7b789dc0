// Draws the charts of a page with Chart.js (static/vendor/chart.umd.min.js). Each canvas with
// data-chart holds its data as JSON in that attribute (views.Chart); nothing runs inline
// (CSP). The same figures are in a table on the page, so the chart adds no information of its
// own. Amounts arrive as exact JSON numbers and are only drawn here.
(function () {
  "use strict";

  var dayMs = 86400000;
  var looks = {
    settled: { color: "#0078d4", stepped: "after" },
    estimate: { color: "#8764b8", point: "rectRot", radius: 7, alone: true },
    projection: { color: "#0078d4", dash: [6, 4] },
    expiry: { color: "#a4262c", point: "triangle", radius: 7, alone: true },
    plain: { color: "#0078d4" }
  };

  function dayNumber(iso) {
    return Date.parse(iso + "T00:00:00Z") / dayMs;
  }

  function dayText(n) {
    return new Date(n * dayMs).toLocaleDateString(undefined,
      { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });
  }

  function formatter(currency) {
    if (!currency) {
      return function (v) { return String(v); };
    }
    var f = new Intl.NumberFormat(undefined, { style: "currency", currency: currency });
    return function (v) { return f.format(v); };
  }

  function dataset(s, line) {
    var look = looks[s.look] || looks.plain;
    var d = { label: s.name, look: s.look, borderColor: look.color, backgroundColor: look.color };
    if (line) {
      d.data = s.points.map(function (p) { return { x: dayNumber(p.date), y: Number(p.y), date: p.date }; });
      d.borderDash = look.dash || [];
      d.stepped = look.stepped || false;
      d.showLine = !look.alone;
      d.pointStyle = look.point || "circle";
      d.pointRadius = look.radius || 2;
    } else {
      d.data = s.values.map(Number);
    }
    return d;
  }

  function config(spec) {
    var money = formatter(spec.currency);
    var line = spec.kind === "line";
    // Counts have whole ticks; amounts are written in their currency.
    var ticks = spec.currency ? { callback: function (v) { return money(v); } } : { precision: 0 };
    var scales = { y: { beginAtZero: true, ticks: ticks } };
    if (line) {
      scales.x = { type: "linear", ticks: { callback: dayText, maxTicksLimit: 8 } };
    }
    return {
      type: line ? "line" : "bar",
      data: {
        labels: spec.labels || [],
        datasets: spec.series.map(function (s) { return dataset(s, line); })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        parsing: line ? { xAxisKey: "x", yAxisKey: "y" } : undefined,
        scales: scales,
        plugins: {
          tooltip: {
            callbacks: {
              title: function (items) {
                if (!items.length) {
                  return "";
                }
                return line ? dayText(items[0].parsed.x) : items[0].label;
              },
              label: function (item) { return item.dataset.label + ": " + money(item.parsed.y); }
            }
          }
        }
      }
    };
  }

  function draw() {
    if (!window.Chart) {
      return;
    }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (window.Chart.getChart(canvas)) {
        return;
      }
      new window.Chart(canvas, config(JSON.parse(canvas.dataset.chart)));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
  document.addEventListener("htmx:afterSettle", draw);
})();
