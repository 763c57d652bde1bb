// 统计: draws each dashboard table with the vendored ECharts (works offline).
// The page embeds each table as JSON (numbers as exact decimal text); column 0 is the category.
(function () {
  "use strict";

  function seriesOf(spec) {
    var kind = spec.kind;
    if (kind === "pie") {
      var col = spec.plotted[0];
      return [{
        type: "pie", name: spec.header[col], radius: "60%",
        data: spec.rows.map(function (r) { return { name: r[0], value: r[col] }; }),
      }];
    }
    return spec.plotted.map(function (col, i) {
      return {
        type: kind, name: spec.header[col], yAxisIndex: i > 0 ? 1 : 0,
        data: spec.rows.map(function (r) { return r[col]; }),
      };
    });
  }

  function optionOf(spec) {
    var option = {
      tooltip: { trigger: spec.kind === "pie" ? "item" : "axis" },
      legend: { top: 0 },
      series: seriesOf(spec),
      animation: false,
    };
    if (spec.kind !== "pie") {
      option.grid = { left: 60, right: 60, bottom: 80, top: 40 };
      option.xAxis = { type: "category", data: spec.rows.map(function (r) { return r[0]; }),
        axisLabel: { interval: 0, rotate: spec.rows.length > 6 ? 30 : 0 } };
      option.yAxis = spec.plotted.map(function (col) { return { type: "value", name: spec.header[col] }; });
    }
    return option;
  }

  function draw() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var key = el.getAttribute("data-chart").replace(/^chart-/, "");
      var spec = JSON.parse(document.getElementById(key).textContent);
      if (!spec.rows.length) { el.textContent = "暂无数据"; return; }
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption(optionOf(spec));
      el.setAttribute("data-drawn", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
