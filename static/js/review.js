// Keyboard review: Space shows the answer, 1-4 rate, u undoes. The buttons do the work,
// so everything also works with a mouse or without JavaScript.
document.addEventListener("keydown", function (event) {
  "use strict";
  if (event.target.closest("input, textarea, select") || event.metaKey || event.ctrlKey || event.altKey) { return; }
  var back = document.getElementById("card-back");
  if (event.key === " " && back && !back.open) {
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
