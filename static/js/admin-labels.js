// The admin's autocomplete boxes (Select2) are comboboxes named by the text of their current
// choice, so an empty one has no name at all. Give each the name of the field it stands for:
// its <label>, or the aria-label the server put on the <select> of an inline row.
(function () {
  "use strict";
  function nameOf(select) {
    var own = select.getAttribute("aria-label");
    if (own) { return own; }
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function label(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) { return; }
      var name = nameOf(select);
      if (!name) { return; }
      container.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field').forEach(function (box) {
        if (!box.getAttribute("aria-label")) { box.setAttribute("aria-label", name); }
        // A single box is otherwise named by its choice's text alone (aria-labelledby wins).
        if (box.getAttribute("role") === "combobox") { box.removeAttribute("aria-labelledby"); }
      });
      // "Remove all" is a mouse shortcut (Backspace does it from the keyboard); in a list of
      // choices it reads as a stray item, so assistive technology skips it.
      container.querySelectorAll("ul > .select2-selection__clear").forEach(function (clear) {
        clear.setAttribute("aria-hidden", "true");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    label(document);
    // Select2 builds its boxes after the page loads, and again for each row an inline adds.
    new MutationObserver(function () { label(document); })
      .observe(document.body, { childList: true, subtree: true });
  });
})();
