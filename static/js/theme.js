// Light and dark themes: the system preference unless the reader chose one, remembered in
// localStorage. Runs in <head> so the page never flashes the wrong theme.
(function () {
  "use strict";
  var KEY = "primer-theme";
  var root = document.documentElement;
  var stored = null;
  try { stored = localStorage.getItem(KEY); } catch (e) { /* storage blocked */ }
  if (stored === "light" || stored === "dark") { root.dataset.theme = stored; }

  function current() {
    if (root.dataset.theme) { return root.dataset.theme; }
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (!button) { return; }
    var label = button.querySelector(".theme-toggle-text");
    function show() {
      var next = current() === "dark" ? "light" : "dark";
      button.setAttribute("aria-label", "Switch to the " + next + " theme");
      if (label) { label.textContent = next === "dark" ? "Dark" : "Light"; }
    }
    button.hidden = false;
    show();
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem(KEY, next); } catch (e) { /* storage blocked */ }
      show();
      document.dispatchEvent(new CustomEvent("primer:theme", { detail: next }));
    });
  });
})();
