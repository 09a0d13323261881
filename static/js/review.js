// Keyboard review: Space or Enter shows the answer, 1-4 rate, u undoes. The buttons do the work,
// so everything also works with a mouse or without JavaScript. Focus follows the review: to the
// answer once it shows, and to the next card's question (or the "done" heading) once htmx has
// swapped it in, so that the keyboard never drops back to the top of the page.
(function () {
  "use strict";

  function focusOn(id) {
    var target = document.getElementById(id);
    if (target) { target.focus(); }
    return target;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) { return; }
    if (target.closest("input, textarea, select, [contenteditable]")) { return; }
    var back = document.getElementById("card-back");
    var showKey = event.key === " " || event.key === "Enter";
    // Buttons and the summary act on Space and Enter themselves; links on Enter.
    var native = target.closest(event.key === "Enter" ? "a, button, summary" : "button, summary");
    if (showKey && back && !back.open && !native) {
      event.preventDefault();
      back.open = true;
      return;
    }
    if (/^[1-4]$/.test(event.key) && back && back.open) {
      var button = back.querySelector('button[data-key="' + event.key + '"]');
      if (button) { event.preventDefault(); button.click(); }
      return;
    }
    if (event.key === "u") {
      var undo = document.getElementById("undo");
      if (undo) { event.preventDefault(); undo.click(); }
    }
  });

  // The "Show answer" summary hides once the answer is open: without this, focus would fall to <body>.
  document.addEventListener("toggle", function (event) {
    if (event.target.id === "card-back" && event.target.open) { focusOn("card-answer"); }
  }, true);  // toggle does not bubble

  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.detail.target || event.detail.target.id !== "review-area") { return; }
    if (!focusOn("card-front")) { focusOn("review-done"); }
  });
})();
