// The account page's time zone: while the learner still has the default (UTC), preselect the
// zone the browser reports and say so; nothing is saved until they press Save. Without
// JavaScript the list works as it is.
(function () {
  "use strict";
  var select = document.querySelector("select[data-detect-time-zone]");
  if (!select || select.value !== select.dataset.default) { return; }
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
  if (!zone || zone === select.value) { return; }
  var option = Array.prototype.find.call(select.options, function (o) { return o.value === zone; });
  if (!option) { return; }
  select.value = zone;
  var note = document.getElementById("time-zone-detected");
  if (note) {
    note.textContent = "Your browser says you are in " + option.textContent + ": press Save to use it.";
    note.hidden = false;
    select.setAttribute("aria-describedby", note.id);
  }
})();
