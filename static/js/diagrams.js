// Draw ```mermaid blocks (rendered server-side as <pre class="mermaid">) with the vendored
// Mermaid, in the page's theme, with labels kept as plain SVG text.
(function () {
  "use strict";
  if (!window.mermaid) { return; }
  var blocks = Array.prototype.slice.call(document.querySelectorAll("pre.mermaid"));
  var sources = blocks.map(function (block) { return block.textContent; });

  function dark() {
    var theme = document.documentElement.dataset.theme;
    if (theme) { return theme === "dark"; }
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function draw() {
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      // Labels as SVG text, never HTML: Mermaid builds HTML labels in the page before it
      // sanitises them, so markup in a label would act (it tried to load images).
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      class: { htmlLabels: false },
      // Nothing a diagram's own directives say may change these (the server strips directives too).
      secure: ["secure", "securityLevel", "startOnLoad", "maxTextSize", "suppressErrorRendering", "maxEdges",
               "htmlLabels", "flowchart", "class", "state", "sequence", "er", "themeCSS", "themeVariables",
               "fontFamily", "dompurifyConfig", "markdownAutoWrap"],
      theme: dark() ? "dark" : "neutral"
    });
    blocks.forEach(function (block, i) {
      block.removeAttribute("data-processed");
      block.textContent = sources[i];
    });
    window.mermaid.run({ nodes: blocks }).catch(function (error) {
      console.warn("A diagram could not be drawn:", error);
    });
  }

  draw();
  document.addEventListener("primer:theme", draw);
})();
