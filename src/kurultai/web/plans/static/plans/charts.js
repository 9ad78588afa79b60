/* Draws the plan's charts with the vendored ECharts. Each chart is a <div data-chart="kind"
   data-source="id"> whose data (already translated by the server) sit in a JSON script tag. */
(function () {
  "use strict";
  var RED = "#b3261e", GREEN = "#1b6e3a", GREY = "#c9bfb9", AMBER = "#c98a00";
  var LANG = document.documentElement.lang || "en";

  /* Numbers written the way the page's language writes them (decimal comma in ru, ky, uz). */
  function num(v, digits) {
    return new Intl.NumberFormat(LANG, {minimumFractionDigits: digits, maximumFractionDigits: digits}).format(v);
  }
  function percent(v, digits) { return num(v, digits) + "%"; }
  function axisPercent(v) { return percent(v, 0); }

  function data(el) { return JSON.parse(document.getElementById(el.dataset.source).textContent); }

  function colourFor(value) { return value >= 99.95 ? GREEN : value >= 90 ? AMBER : RED; }

  var kinds = {
    fulfilment: function (d) {
      return {
        grid: {left: 8, right: 48, top: 8, bottom: 8, containLabel: true},
        xAxis: {type: "value", max: 100, axisLabel: {formatter: axisPercent}},
        yAxis: {type: "category", data: d.labels, inverse: true},
        tooltip: {trigger: "axis", valueFormatter: function (v) { return percent(v, 1); }},
        series: [{name: d.name, type: "bar", barMaxWidth: 22,
                  data: d.values.map(function (v) { return {value: v, itemStyle: {color: colourFor(v)}}; }),
                  label: {show: true, position: "right", formatter: function (p) { return percent(p.value, 1); }}}]
      };
    },
    gauges: function (d) {
      var n = d.length;
      return {
        series: d.map(function (r, i) {
          return {type: "gauge", center: [((i + 0.5) / n * 100) + "%", "60%"], radius: (n > 2 ? 170 / n : 85) + "%",
                  min: 0, max: 100, startAngle: 200, endAngle: -20,
                  progress: {show: true, width: 14, itemStyle: {color: r.value >= 99.95 ? RED : GREEN}},
                  axisLine: {lineStyle: {width: 14, color: [[1, "#eee6e1"]]}},
                  axisTick: {show: false}, splitLine: {length: 8, lineStyle: {color: GREY}},
                  axisLabel: {distance: 18, fontSize: 10}, pointer: {show: false},
                  title: {offsetCenter: [0, "45%"], fontSize: 13, fontWeight: "bold"},
                  detail: {valueAnimation: false, offsetCenter: [0, "-5%"], fontSize: 24, fontWeight: "bold", formatter: function (v) { return percent(v, 1); }},
                  data: [{value: r.value, name: r.name}]};
        })
      };
    },
    flows: function (d) {
      return {
        tooltip: {trigger: "item", formatter: function (p) {
          if (p.dataType === "edge") {
            var s = p.data.source.replace(" →", ""), t = p.data.target.replace("→ ", "");
            return (d.names[s] || s) + " → " + (d.names[t] || t) + ": " + num(p.data.value, 1);
          }
          var code = p.name.replace(" →", "").replace("→ ", "");
          return d.names[code] || code;
        }},
        series: [{type: "sankey", data: d.nodes, links: d.links, left: 8, right: 190, top: 8, bottom: 8,
                  nodeGap: 6, emphasis: {focus: "adjacency"},
                  label: {fontSize: 11, formatter: function (p) {
                    var code = p.name.replace(" →", "").replace("→ ", ""), name = d.names[code] || code;
                    return name.length > 30 ? name.slice(0, 29) + "…" : name;
                  }},
                  lineStyle: {color: "gradient", curveness: 0.5, opacity: 0.35},
                  itemStyle: {color: RED, borderColor: RED}}]
      };
    },
    shares: function (d) {
      return {
        legend: {top: 0},
        grid: {left: 8, right: 24, top: 30, bottom: 8, containLabel: true},
        xAxis: {type: "value", axisLabel: {formatter: axisPercent}},
        yAxis: {type: "category", data: d.labels, inverse: true},
        tooltip: {trigger: "axis", valueFormatter: function (v) { return percent(v, 1); }},
        series: [{name: d.voted_name, type: "bar", data: d.voted, itemStyle: {color: RED}},
                 {name: d.base_name, type: "bar", data: d.base, itemStyle: {color: GREY}}]
      };
    },
    actual: function (d) {
      return {
        legend: {top: 0},
        grid: {left: 8, right: 24, top: 30, bottom: 8, containLabel: true},
        xAxis: {type: "value", axisLabel: {formatter: function (v) { return num(v, 0); }}},
        yAxis: {type: "category", data: d.labels, inverse: true},
        tooltip: {trigger: "axis", valueFormatter: function (v) { return num(v, 3); }},
        series: [{name: d.planned_name, type: "bar", data: d.planned, itemStyle: {color: GREY}},
                 {name: d.actual_name, type: "bar", itemStyle: {color: GREEN},
                  data: d.actual.map(function (v, i) { return {value: v, itemStyle: {color: d.flagged[i] ? RED : GREEN}}; })}]
      };
    }
  };

  function draw() {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = echarts.init(el, null, {renderer: "svg"});
      var option = kinds[el.dataset.chart](data(el));
      option.animation = false;
      chart.setOption(option);
      el.dataset.drawn = "yes";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
