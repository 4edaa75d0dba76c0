/* kpibook: turn each static chart into the interactive chart of the same
   specification. The static SVG stays in the page (hidden) as the no-JavaScript and
   print version. Needs the Vega-Embed bundle (window.vegaEmbed) inlined before it. */
(function () {
  "use strict";
  if (typeof window.vegaEmbed !== "function") {
    return;
  }
  var figures = document.querySelectorAll("figure.kp-chart");
  Array.prototype.forEach.call(figures, function (figure) {
    var source = figure.querySelector("script.kp-chart__spec");
    var live = figure.querySelector(".kp-chart__live");
    var still = figure.querySelector(".kp-chart__static");
    if (!source || !live || !still) {
      return;
    }
    /* The page holds the chart's Vega-Lite definition compiled to Vega (by kpibook,
       with the same Vega-Lite as the static SVG). */
    window.vegaEmbed(live, JSON.parse(source.textContent), {
      mode: "vega",
      renderer: "svg",
      actions: false,
      downloadFileName: figure.id
    }).then(function (result) {
      var svg = live.querySelector("svg");
      if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-labelledby", figure.id + "-title");
        svg.setAttribute("aria-describedby", figure.id + "-desc");
      }
      live.hidden = false;
      still.hidden = true;
      figure.classList.add("kp-chart--live");
      return result;
    }).catch(function (error) {
      console.error("kpibook: chart " + figure.id + " could not be drawn", error);
    });
  });
})();
