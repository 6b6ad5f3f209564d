/* The edition's one script: two accessibility repairs to markup Material makes after the page
   loads. Nothing else on the page changes, and the text is never touched.

   1. Material opens footnotes as popovers with role="dialog" but gives the dialog no name,
      which WCAG 4.1.2 requires (axe: aria-dialog-name). Each is named as it appears:
      "Footnote 8", from the reference that opens it.
   2. Material wraps each table in a scrolling box. On a phone a wide table scrolls sideways,
      and a keyboard user cannot scroll a box that cannot take focus (WCAG 2.1.1; axe:
      scrollable-region-focusable). A box that scrolls becomes a named, focusable region; one
      that does not stays out of the tab order.
   3. A tooltip (an abbreviation's expansion, a footnote popover) closes with Escape, without
      moving the pointer or the focus (WCAG 1.4.13, "dismissible"). */
(function () {
  "use strict";

  function nameDialog(dialog) {
    if (dialog.hasAttribute("aria-label")) return;
    var host = document.querySelector('[aria-controls="' + dialog.id + '"]');
    var label = host ? host.textContent.trim() : "";
    if (host && host.classList.contains("footnote-ref")) label = "Footnote " + label;
    dialog.setAttribute("aria-label", label || "Note");
  }

  function nameAll(root) {
    if (root.matches && root.matches(".md-tooltip2[role=dialog]")) nameDialog(root);
    if (root.querySelectorAll) root.querySelectorAll(".md-tooltip2[role=dialog]").forEach(nameDialog);
  }

  function headingBefore(el) {
    for (var n = el.previousElementSibling; n; n = n.previousElementSibling) {
      if (/^H[1-6]$/.test(n.tagName)) return n.textContent.replace(/\s*¶\s*$/, "").trim();
    }
    return "";
  }

  function makeScrollableTablesFocusable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        var title = headingBefore(box);
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table" + (title ? ": " + title : "") + " (scrolls sideways)");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  new MutationObserver(function (records) {
    records.forEach(function (r) { r.addedNodes.forEach(nameAll); });
  }).observe(document.body, { childList: true, subtree: true });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".md-tooltip2--active").forEach(function (tip) {
      tip.classList.remove("md-tooltip2--active");
    });
  });

  nameAll(document.body);
  makeScrollableTablesFocusable();
  window.addEventListener("load", makeScrollableTablesFocusable);
  window.addEventListener("resize", makeScrollableTablesFocusable);
})();
