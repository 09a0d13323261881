// Draw ```mermaid blocks (rendered server-side as <pre class="mermaid">) with the vendored
// Mermaid, in the page's theme, with labels kept as plain SVG text.
//
// Mermaid is 5.5 MB, so it is fetched only when a block is on show: not while the block is in a
// closed <details> (a sample solution, a preview), nor while it is far down the page. The script
// tag that loads this file names Mermaid's address in data-mermaid. A drawn diagram keeps its
// natural size, so its labels stay readable, inside a box that scrolls sideways and that the
// keyboard can reach. window.primerDiagrams.scan(element) draws blocks added later.
(function () {
  "use strict";
  var me = document.currentScript;
  var mermaidSource = me ? me.dataset.mermaid : "";
  var nonce = me ? me.nonce : "";
  var sources = new WeakMap(); // block -> its diagram text (drawing replaces the block's content)
  var numbers = new WeakMap(); // block -> "Diagram 3": each box the keyboard reaches has its own name
  var counted = 0;
  var drawn = [];
  var loading = null;
  var queue = Promise.resolve(); // one drawing at a time
  var theme = null;

  function load() {
    if (window.mermaid) { return Promise.resolve(window.mermaid); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = mermaidSource;
        tag.nonce = nonce;
        tag.onload = function () { resolve(window.mermaid); };
        tag.onerror = function () { loading = null; reject(new Error("Mermaid could not be loaded")); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function dark() {
    var chosen = document.documentElement.dataset.theme;
    if (chosen) { return chosen === "dark"; }
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function configure(mermaid) {
    var wanted = dark() ? "dark" : "neutral";
    if (wanted === theme) { return; }
    theme = wanted;
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      // A diagram that cannot be drawn keeps its text, with a note, instead of an error picture.
      suppressErrorRendering: true,
      // Labels as SVG text, never HTML: Mermaid builds HTML labels in the page before it
      // sanitises them, so markup in a label would act (it tried to load images).
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      class: { htmlLabels: false },
      // Nothing a diagram's own directives say may change these (the server strips directives too).
      secure: ["secure", "securityLevel", "startOnLoad", "maxTextSize", "suppressErrorRendering", "maxEdges",
               "htmlLabels", "flowchart", "class", "state", "sequence", "er", "themeCSS", "themeVariables",
               "fontFamily", "dompurifyConfig", "markdownAutoWrap"],
      theme: wanted
    });
  }

  // The SVG near its own width (Mermaid sets width="100%", which shrinks a wide diagram to
  // unreadable): shrunk to fit down to 3/4 of its size (labels stay at 12px or more), past
  // that in a box that scrolls sideways: focusable, so the keyboard can scroll it.
  var SMALLEST = 0.75;
  function settle(block) {
    var svg = block.querySelector("svg");
    if (!svg) {
      block.setAttribute("data-failed", "");
      block.setAttribute("aria-label", numbers.get(block) + ", its source (it could not be drawn)");
      return;
    }
    block.removeAttribute("data-failed");
    var box = svg.viewBox && svg.viewBox.baseVal;
    if (box && box.width) {
      svg.style.maxWidth = "none";
      svg.dataset.naturalWidth = String(Math.ceil(box.width));
    }
    if (drawn.indexOf(block) < 0) { drawn.push(block); }
    measure(block);
  }

  // A diagram wider than its box says so (the box scrolls sideways).
  function measure(block) {
    var svg = block.querySelector("svg");
    var natural = svg ? Number(svg.dataset.naturalWidth || 0) : 0;
    if (natural) {
      var style = window.getComputedStyle(block);
      var room = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      svg.style.width = Math.ceil(Math.max(natural * SMALLEST, Math.min(natural, room))) + "px";
    }
    var wide = block.scrollWidth > block.clientWidth + 1;
    block.toggleAttribute("data-wide", wide);
    block.setAttribute("aria-label", numbers.get(block) + (wide ? " (scrolls sideways)" : ""));
  }
  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () { drawn.forEach(measure); }, 150);
  });

  function draw(blocks) {
    queue = queue.then(function () {
      return load().then(function (mermaid) {
        configure(mermaid);
        blocks.forEach(function (block) {
          block.removeAttribute("data-processed");
          block.textContent = sources.get(block);
        });
        return mermaid.run({ nodes: blocks }).catch(function (error) {
          console.warn("A diagram could not be drawn:", error);
        }).then(function () { blocks.forEach(settle); });
      }).catch(function (error) {
        console.warn(error.message); // offline: the diagrams' text stays readable
      });
    });
    return queue;
  }

  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    var shown = entries.filter(function (entry) { return entry.isIntersecting; }).map(function (entry) {
      observer.unobserve(entry.target);
      return entry.target;
    });
    if (shown.length) { draw(shown); }
  }, { rootMargin: "400px 0px" }) : null;

  function scan(scope) {
    var root = scope || document;
    var blocks = Array.prototype.slice.call(root.querySelectorAll("pre.mermaid"));
    if (root.matches && root.matches("pre.mermaid")) { blocks.push(root); }
    var fresh = blocks.filter(function (block) { return !sources.has(block); });
    fresh.forEach(function (block) {
      sources.set(block, block.textContent);
      // Its text scrolls sideways until it is drawn, and the drawing may too: reachable either way.
      block.setAttribute("tabindex", "0");
      block.setAttribute("role", "region");
      counted += 1;
      numbers.set(block, "Diagram " + counted);
      block.setAttribute("aria-label", numbers.get(block) + ", not drawn yet");
      if (observer) { observer.observe(block); }
    });
    if (!observer && fresh.length) { draw(fresh); }
  }

  // A change of theme draws every diagram on the page again, in the new colours.
  document.addEventListener("primer:theme", function () {
    drawn = drawn.filter(function (block) { return document.contains(block); });
    if (drawn.length && window.mermaid) { draw(drawn.slice()); }
  });

  window.primerDiagrams = { scan: scan };
  scan(document);
})();
