/* Finsam's own behaviour, loaded on every page (no inline JavaScript: the content security
   policy allows only our files). Everything works without it; it only adds:
   - the focus on the error summary after a form error,
   - a confirmation dialog before a step that locks or cannot be undone
     (a submit button or form with data-confirm="question"),
   - the collapsible main menu on narrow screens,
   - a keyboard-reachable scroll region around every table. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }
  }

  function setUpConfirm() {
    var dialog = document.getElementById("confirm-dialog");
    if (!dialog || typeof dialog.showModal !== "function") {
      return;
    }
    var text = document.getElementById("confirm-dialog-text");
    var ok = dialog.querySelector("[data-confirm-ok]");
    var cancel = dialog.querySelector("[data-confirm-cancel]");
    var pending = null;

    document.addEventListener(
      "submit",
      function (event) {
        var form = event.target;
        var submitter = event.submitter || null;
        var question =
          (submitter && submitter.getAttribute("data-confirm")) ||
          (form.getAttribute && form.getAttribute("data-confirm"));
        if (!question) {
          return;
        }
        if (form.dataset.confirmed === "1") {
          delete form.dataset.confirmed;
          return;
        }
        event.preventDefault();
        event.stopImmediatePropagation();
        pending = { form: form, submitter: submitter };
        text.textContent = question;
        ok.textContent =
          (submitter && submitter.getAttribute("data-confirm-ok")) || ok.getAttribute("data-default");
        dialog.showModal();
        cancel.focus();
      },
      true
    );

    ok.addEventListener("click", function () {
      dialog.close();
      if (!pending) {
        return;
      }
      var form = pending.form;
      var submitter = pending.submitter;
      pending = null;
      form.dataset.confirmed = "1";
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit(submitter || undefined);
      } else {
        form.submit();
      }
    });
    cancel.addEventListener("click", function () {
      pending = null;
      dialog.close();
    });
  }

  function setUpMenu() {
    var button = document.querySelector("[data-menu-toggle]");
    if (!button) {
      return;
    }
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    });
  }

  // Every table outside a scroll region gets one: a wide table then scrolls by itself
  // instead of the whole page, and a keyboard user reaches the region with Tab and scrolls
  // it with the arrow keys. The region is named by the table's caption.
  function wrapTables() {
    var tables = document.querySelectorAll("main table");
    var label = document.documentElement.getAttribute("data-table-label") || "Tabell";
    Array.prototype.forEach.call(tables, function (table) {
      var parent = table.parentElement;
      if (parent && parent.classList.contains("table-scroll")) {
        return;
      }
      var caption = table.querySelector("caption");
      var region = document.createElement("div");
      region.className = "table-scroll";
      region.setAttribute("role", "region");
      region.setAttribute("tabindex", "0");
      region.setAttribute(
        "aria-label",
        caption && caption.textContent.trim() ? caption.textContent.trim() : label
      );
      parent.insertBefore(region, table);
      region.appendChild(table);
    });
  }

  function start() {
    wrapTables();
    document.addEventListener("htmx:afterSettle", wrapTables);
    setUpMenu();
    setUpConfirm();
    focusErrorSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
