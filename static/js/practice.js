// The practice editor: timer from server time, autosave glue for htmx (versions, conflicts,
// retries, locked steps), a copy of every unsaved step in localStorage until the server
// confirms it, time spent per step, a live Markdown preview, the confirmation before the
// attempt is submitted, and diagrams (diagrams.js and Mermaid load only when one is shown).
// Runs on DOMContentLoaded, after htmx has processed the page (its listener was added first).
(function () {
  "use strict";
  var nonce = document.currentScript ? document.currentScript.nonce : "";

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("attempt");
    if (!root) { return; }
    var attemptId = root.dataset.attempt;
    var offset = Number(root.dataset.serverNow) - Date.now() / 1000;

    // Timer -------------------------------------------------------------------------
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

    // The sticky header's height, so a step jumped to (#step-2) lands below it.
    var header = document.getElementById("attempt-header");
    function measureHeader() {
      document.documentElement.style.setProperty("--attempt-header", header.offsetHeight + "px");
    }
    if (header) {
      measureHeader();
      if (window.ResizeObserver) { new ResizeObserver(measureHeader).observe(header); }
    }

    // Diagrams --------------------------------------------------------------------------
    var diagramsLoading = null;
    function drawDiagrams(scope) {
      if (!scope || !scope.querySelector || !scope.querySelector("pre.mermaid")) { return; }
      if (!diagramsLoading) {
        diagramsLoading = new Promise(function (resolve, reject) {
          var tag = document.createElement("script");
          tag.src = root.dataset.diagrams;
          tag.dataset.mermaid = root.dataset.mermaid;
          tag.nonce = nonce;
          tag.onload = resolve;
          tag.onerror = reject;
          document.head.appendChild(tag);
        });
      }
      diagramsLoading.then(function () {
        if (window.primerDiagrams) { window.primerDiagrams.scan(scope); }
      }).catch(function () { diagramsLoading = null; /* offline: the diagram's text stays readable */ });
    }

    // Autosave ----------------------------------------------------------------------
    function storageKey(step) { return "primer-attempt-" + attemptId + "-step-" + step; }
    function remember(step, text) { try { localStorage.setItem(storageKey(step), text); } catch (e) { /* full or blocked */ } }
    function recalled(step) { try { return localStorage.getItem(storageKey(step)); } catch (e) { return null; } }
    function forget(step) { try { localStorage.removeItem(storageKey(step)); } catch (e) { /* blocked */ } }

    // What survives a step's section being replaced (after submit, reveal or reopen): by step number.
    var states = {};
    function state(step) {
      states[step] = states[step] || { activeSince: null, spent: 0, retries: 0, sentText: null };
      return states[step];
    }
    function formOf(step) { return document.getElementById("step-form-" + step); }
    function areaOf(step) { var form = formOf(step); return form ? form.querySelector("textarea") : null; }
    function stepFormOf(elt) {
      var form = elt && (elt.form || (elt.closest && elt.closest("form")));
      return form && form.classList.contains("step-form") ? form : null;
    }
    function status(step, text, css) {
      var form = formOf(step);
      var slot = form ? form.querySelector(".save-slot") : null;
      if (!slot) { return; }
      slot.innerHTML = "";
      var p = document.createElement("p");
      p.className = "save-status " + css;
      p.setAttribute("role", "status");
      p.textContent = text;
      slot.appendChild(p);
    }
    function pending(step) { status(step, "Not saved yet (kept in this browser)", "is-pending"); }
    function save(step) { var form = formOf(step); if (form) { htmx.trigger(form, "primer:save"); } }
    function tell(name, step, message) {
      document.dispatchEvent(new CustomEvent(name, { detail: { step: step, message: message } }));
    }

    function setUp(form) {
      if (form.dataset.ready) { return; }
      form.dataset.ready = "1";
      var step = form.dataset.step;
      var area = form.querySelector("textarea");
      var own = state(step);
      var stored = recalled(step);
      if (stored !== null && stored === area.value) {
        forget(step); // the server has it
      } else if (stored !== null && form.querySelector("[data-conflict]")) {
        // Both texts are on show: the learner chooses.
      } else if (stored !== null && area.readOnly) {
        status(step, "This browser kept text for this step that was never saved, and the step is locked: " +
          "reopen it to save that text.", "is-error");
      } else if (stored !== null) {
        area.value = stored;
        status(step, "Restored text this browser had not saved yet; saving it now", "is-pending");
        window.setTimeout(function () { save(step); }, 300);
      } else if (area.value !== area.defaultValue && !area.readOnly) {
        remember(step, area.value); // typed before this script ran
        pending(step);
        save(step);
      }
      area.addEventListener("focus", function () { own.activeSince = Date.now(); });
      area.addEventListener("blur", function () {
        if (own.activeSince) { own.spent += (Date.now() - own.activeSince) / 1000; own.activeSince = null; }
      });
      area.addEventListener("input", function () { remember(step, area.value); pending(step); schedulePreview(form); });
    }
    Array.prototype.forEach.call(root.querySelectorAll("form.step-form"), setUp);
    drawDiagrams(root);

    document.body.addEventListener("htmx:load", function (event) {
      var fresh = event.detail.elt;
      if (!fresh.querySelectorAll) { return; }
      var forms = fresh.matches("form.step-form") ? [fresh] : fresh.querySelectorAll("form.step-form");
      Array.prototype.forEach.call(forms, setUp);
      drawDiagrams(fresh);
    });

    document.body.addEventListener("htmx:configRequest", function (event) {
      var form = stepFormOf(event.detail.elt);
      if (!form) { return; }
      var step = form.dataset.step, own = state(step);
      if (own.activeSince) { own.spent += (Date.now() - own.activeSince) / 1000; own.activeSince = Date.now(); }
      form.querySelector("input.seconds").value = String(Math.round(own.spent));
      event.detail.parameters.seconds = String(Math.round(own.spent));
      event.detail.parameters.version = form.querySelector("input.version").value;
      own.sentText = form.querySelector("textarea").value;
    });

    document.body.addEventListener("htmx:afterRequest", function (event) {
      var form = stepFormOf(event.detail.elt);
      if (!form) { return; }
      var step = form.dataset.step, own = state(step), xhr = event.detail.xhr;
      var current = formOf(step), area = areaOf(step);
      if (!xhr || xhr.status === 0) { return; } // no answer at all: htmx:sendError retries
      if (xhr.status === 200) {
        own.spent = 0;
        own.retries = 0;
        var saved = current && current.querySelector(".save-slot [data-version]");
        if (saved && current === form) { current.querySelector("input.version").value = saved.dataset.version; }
        if (area && area.value === own.sentText) { forget(step); tell("primer:step-saved", step); } else { pending(step); }
        return;
      }
      if (xhr.status >= 500 || xhr.status === 429) { retry(step); return; }
      var locked = current && current.querySelector(".save-slot [data-locked]");
      if (locked && area) { area.readOnly = true; }
      tell("primer:step-failed", step, "Step " + step + " could not be saved: see the message under it.");
    });

    document.body.addEventListener("htmx:sendError", function (event) {
      var form = stepFormOf(event.detail.elt);
      if (form) { retry(form.dataset.step); }
    });

    function retry(step) {
      var own = state(step);
      own.retries += 1;
      var wait = Math.min(60, Math.pow(2, own.retries));
      status(step, "Could not reach the server; your text is kept in this browser. Retrying in " + wait + " s", "is-error");
      tell("primer:step-failed", step, "Step " + step + " could not reach the server; your text is kept in this browser.");
      window.setTimeout(function () { save(step); }, wait * 1000);
    }

    root.addEventListener("click", function (event) {
      var choice = event.target.dataset ? event.target.dataset.use : null;
      var form = choice ? stepFormOf(event.target) : null;
      if (!form) { return; }
      var slot = form.querySelector(".save-slot"), area = form.querySelector("textarea");
      var server = slot.querySelector(".server-version");
      if (server) { form.querySelector("input.version").value = server.value; }
      if (choice === "theirs") { area.value = slot.querySelector("pre.theirs").textContent; }
      if (choice === "mine") { area.value = slot.querySelector("pre.mine").textContent; }
      remember(form.dataset.step, area.value);
      save(form.dataset.step);
    });

    // Show 4xx answers (conflict, locked, too long, too many saves) instead of dropping them.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      var code = event.detail.xhr.status;
      if (code === 400 || code === 409 || code === 413 || code === 429) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });

    // Live preview ------------------------------------------------------------------
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
        drawDiagrams(target); // drawn once the preview is open
      }).catch(function () { /* offline: the preview waits for the next keystroke */ });
    }

    // Submitting the attempt: a dialog that names the empty steps, then the last saves ---------
    var dialog = document.getElementById("submit-dialog");
    var opener = document.getElementById("submit-open");
    if (!dialog || !opener || typeof dialog.showModal !== "function") { return; } // the confirm page does it
    var confirmForm = dialog.querySelector("form.submit-form");
    var confirmStatus = dialog.querySelector(".submit-status");
    var confirmButton = confirmForm.querySelector("button[type=submit]");

    function listEmpty() {
      var box = dialog.querySelector(".submit-empty");
      var empty = Array.prototype.filter.call(root.querySelectorAll("section.attempt-step"), function (section) {
        return section.querySelector("textarea").value.trim() === "";
      });
      box.innerHTML = "";
      var lead = document.createElement("p");
      if (!empty.length) {
        lead.textContent = "Every step has an answer.";
        box.appendChild(lead);
        return;
      }
      var strong = document.createElement("strong");
      strong.textContent = empty.length === 1 ? "This step is empty" : "These steps are empty";
      lead.appendChild(strong);
      lead.appendChild(document.createTextNode(" and will score nothing:"));
      var list = document.createElement("ul");
      empty.forEach(function (section) {
        var item = document.createElement("li"), link = document.createElement("a");
        link.href = "#" + section.id;
        link.textContent = section.querySelector("h2").textContent;
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(lead);
      box.appendChild(list);
    }

    function unsaved() {
      return Array.prototype.filter.call(root.querySelectorAll("form.step-form"), function (form) {
        return !form.querySelector("textarea").readOnly && recalled(form.dataset.step) !== null;
      });
    }

    function flush() {
      var waiting = unsaved();
      if (!waiting.length) { return Promise.resolve(); }
      return new Promise(function (resolve, reject) {
        var left = {};
        waiting.forEach(function (form) { left[form.dataset.step] = true; });
        function finish(error) {
          document.removeEventListener("primer:step-saved", onSaved);
          document.removeEventListener("primer:step-failed", onFailed);
          window.clearTimeout(giveUp);
          if (error) { reject(error); } else { resolve(); }
        }
        function onSaved(event) {
          delete left[event.detail.step];
          if (!Object.keys(left).length) { finish(); }
        }
        function onFailed(event) { if (left[event.detail.step]) { finish(event.detail.message); } }
        var giveUp = window.setTimeout(function () {
          finish("Your last changes are not saved yet; they are kept in this browser. Try again in a moment.");
        }, 15000);
        document.addEventListener("primer:step-saved", onSaved);
        document.addEventListener("primer:step-failed", onFailed);
        waiting.forEach(function (form) { save(form.dataset.step); });
      });
    }

    opener.addEventListener("submit", function (event) {
      event.preventDefault();
      listEmpty();
      confirmStatus.textContent = "";
      confirmButton.disabled = false;
      dialog.showModal();
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog || event.target.closest("[data-close], a[href^='#step-']")) { dialog.close(); }
    });
    confirmForm.addEventListener("submit", function (event) {
      event.preventDefault();
      confirmButton.disabled = true;
      confirmStatus.textContent = unsaved().length ? "Saving your last changes…" : "Submitting…";
      flush().then(function () {
        confirmStatus.textContent = "Submitting…";
        confirmForm.submit();
      }, function (message) {
        confirmStatus.textContent = message;
        confirmButton.disabled = false;
      });
    });
  });
})();
