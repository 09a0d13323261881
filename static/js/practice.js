// The practice editor: timer from server time, autosave glue for htmx (versions, conflicts,
// retries), a copy of every unsaved step in localStorage until the server confirms it,
// time spent per step, and a live Markdown preview (with Mermaid).
// Runs on DOMContentLoaded, after htmx has processed the page (its listener was added first).
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var root = document.getElementById("attempt");
  if (!root) { return; }
  var attemptId = root.dataset.attempt;
  var offset = Number(root.dataset.serverNow) - Date.now() / 1000;

  // Timer ---------------------------------------------------------------------------
  var deadline = Number(root.dataset.deadline || 0);
  var timer = document.getElementById("timer");
  function tick() {
    var left = Math.round(deadline - (Date.now() / 1000 + offset));
    if (left <= 0) {
      timer.textContent = "time is up";
      timer.parentElement.classList.add("is-over");
      return;
    }
    var minutes = Math.floor(left / 60), seconds = left % 60;
    timer.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    timer.parentElement.classList.toggle("is-low", left < 300);
    window.setTimeout(tick, 1000);
  }
  if (deadline && timer) { tick(); }

  // Autosave ------------------------------------------------------------------------
  function storageKey(step) { return "primer-attempt-" + attemptId + "-step-" + step; }
  function remember(step, text) { try { localStorage.setItem(storageKey(step), text); } catch (e) { /* full or blocked */ } }
  function recalled(step) { try { return localStorage.getItem(storageKey(step)); } catch (e) { return null; } }
  function forget(step) { try { localStorage.removeItem(storageKey(step)); } catch (e) { /* blocked */ } }

  var forms = Array.prototype.slice.call(root.querySelectorAll("form.step-form"));
  forms.forEach(function (form) {
    var step = form.dataset.step;
    var area = form.querySelector("textarea");
    var version = form.querySelector("input.version");
    var secondsField = form.querySelector("input.seconds");
    var slot = form.querySelector(".save-slot");
    var activeSince = null, spent = 0, retries = 0, sentText = null;

    function status(text, css) { slot.innerHTML = ""; var p = document.createElement("p"); p.className = "save-status " + css; p.setAttribute("role", "status"); p.textContent = text; slot.appendChild(p); }
    function pending() { status("Not saved yet (kept in this browser)", "is-pending"); }

    var stored = recalled(step);
    if (stored !== null && stored !== area.value) {
      area.value = stored;
      status("Restored text this browser had not saved yet; saving it now", "is-pending");
      window.setTimeout(function () { htmx.trigger(form, "primer:save"); }, 300);
    } else if (area.value !== area.defaultValue) {
      remember(step, area.value); // typed before this script ran
      pending();
      htmx.trigger(form, "primer:save");
    }

    area.addEventListener("focus", function () { activeSince = Date.now(); });
    area.addEventListener("blur", function () { if (activeSince) { spent += (Date.now() - activeSince) / 1000; activeSince = null; } });
    area.addEventListener("input", function () { remember(step, area.value); pending(); schedulePreview(form); });

    form.addEventListener("htmx:configRequest", function (event) {
      if (activeSince) { spent += (Date.now() - activeSince) / 1000; activeSince = Date.now(); }
      secondsField.value = String(Math.round(spent));
      event.detail.parameters.seconds = String(Math.round(spent));
      event.detail.parameters.version = version.value;
      sentText = area.value;
    });
    form.addEventListener("htmx:afterRequest", function (event) {
      var xhr = event.detail.xhr;
      if (xhr && xhr.status === 200) {
        spent = 0;
        retries = 0;
        var saved = slot.querySelector("[data-version]");
        if (saved) { version.value = saved.dataset.version; }
        if (area.value === sentText) { forget(step); } else { pending(); }
        return;
      }
      if (xhr && (xhr.status >= 500 || xhr.status === 429)) { retry(); }
    });
    form.addEventListener("htmx:sendError", retry); // the network failed: no response at all

    function retry() {
      retries += 1;
      var wait = Math.min(60, Math.pow(2, retries));
      status("Could not reach the server; your text is kept in this browser. Retrying in " + wait + " s", "is-error");
      window.setTimeout(function () { htmx.trigger(form, "primer:save"); }, wait * 1000);
    }

    slot.addEventListener("click", function (event) {
      var choice = event.target.dataset ? event.target.dataset.use : null;
      if (!choice) { return; }
      var server = slot.querySelector(".server-version");
      if (server) { version.value = server.value; }
      if (choice === "theirs") { area.value = slot.querySelector("pre.theirs").textContent; }
      if (choice === "mine") { area.value = slot.querySelector("pre.mine").textContent; }
      remember(step, area.value);
      htmx.trigger(form, "primer:save");
    });
  });

  // Show 4xx answers (conflict, too long, too many saves) instead of dropping them.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var code = event.detail.xhr.status;
    if (code === 400 || code === 409 || code === 413 || code === 429) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // A revealed sample arrives by htmx: draw its diagrams too.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var blocks = event.detail.target.querySelectorAll ? event.detail.target.querySelectorAll("pre.mermaid") : [];
    var fresh = document.querySelectorAll(".sample-pane pre.mermaid:not([data-processed])");
    if (window.mermaid && (blocks.length || fresh.length)) {
      window.mermaid.run({ nodes: fresh }).catch(function () { /* leave the source visible */ });
    }
  });

  // Live preview ----------------------------------------------------------------------
  var previewTimers = {};
  function schedulePreview(form) {
    var step = form.dataset.step;
    window.clearTimeout(previewTimers[step]);
    previewTimers[step] = window.setTimeout(function () { preview(form); }, 800);
  }
  function preview(form) {
    var section = form.closest(".pane");
    var target = section ? section.querySelector(".preview-body") : null;
    if (!target) { return; }
    var body = new URLSearchParams();
    body.set("content", form.querySelector("textarea").value);
    fetch(root.dataset.previewUrl, {
      method: "POST",
      headers: { "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html === null) { return; }
      target.innerHTML = html; // sanitised by the server (nh3)
      var blocks = target.querySelectorAll("pre.mermaid");
      if (blocks.length && window.mermaid) {
        window.mermaid.run({ nodes: blocks }).catch(function () { /* a half-typed diagram */ });
      }
    }).catch(function () { /* offline: the preview waits for the next keystroke */ });
  }
});
