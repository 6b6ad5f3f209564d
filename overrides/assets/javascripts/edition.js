/* The edition's one script: accessibility repairs to markup Material makes after the page
   loads, and the text tooltips. Nothing else on the page changes, and the text is never touched.

   1. Material opens footnotes as popovers with role="dialog" but gives the dialog no name,
      which WCAG 4.1.2 requires (axe: aria-dialog-name). Each is named as it appears:
      "Footnote 8", from the reference that opens it.
   2. Material wraps each table in a scrolling box. On a phone a wide table scrolls sideways,
      and a keyboard user cannot scroll a box that cannot take focus (WCAG 2.1.1; axe:
      scrollable-region-focusable). A box that scrolls becomes a named, focusable region; one
      that does not stays out of the tab order.
   3. A tooltip (an abbreviation's expansion, a footnote popover) closes with Escape, without
      moving the pointer or the focus (WCAG 1.4.13, "dismissible").
   4. The tooltips of elements with a title in the text (an abbreviation's expansion, the link
      of its first use, a heading's permalink). Material's own (`content.tooltips`) insert the
      title back into the page as HTML, so an expansion holding markup would run; these show it
      as text, never as markup. Like Material's, a tooltip appears on hover and on keyboard
      focus, stays while the pointer is over it or the element keeps the focus, and closes
      with Escape (WCAG 1.4.13). Nothing happens until a reader points at or focuses one. */
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

  var tip = null;          // the one tooltip element, made on first use
  var tipHost = null;      // the element whose title it shows
  var hideTimer = 0;
  var TIP_HOSTS = ".md-content [title], .md-content [data-edition-title]";

  function tipElement() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "edition-tooltip";
      tip.className = "edition-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("pointerenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("pointerleave", hideSoon);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function placeTip(el) {
    var box = el.getBoundingClientRect();
    var width = tip.offsetWidth, height = tip.offsetHeight, gap = 8;
    var left = Math.min(Math.max(gap, box.left + box.width / 2 - width / 2),
                        document.documentElement.clientWidth - width - gap);
    var top = box.bottom + gap;
    if (top + height > window.innerHeight && box.top - gap - height > 0) top = box.top - gap - height;
    tip.style.left = Math.max(gap, left) + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function showTip(el) {
    clearTimeout(hideTimer);
    if (el === tipHost) return;
    hideTip();
    var text = el.getAttribute("title");
    if (!text) return;
    var t = tipElement();
    t.textContent = text;                              // text, never markup
    el.setAttribute("data-edition-title", text);
    el.removeAttribute("title");                       // or the browser's own tooltip repeats it
    el.setAttribute("aria-describedby", t.id);
    t.hidden = false;
    placeTip(el);
    tipHost = el;
  }

  function hideTip() {
    clearTimeout(hideTimer);
    if (!tipHost) return;
    tipHost.setAttribute("title", tipHost.getAttribute("data-edition-title"));
    tipHost.removeAttribute("data-edition-title");
    tipHost.removeAttribute("aria-describedby");
    tip.hidden = true;
    tip.textContent = "";
    tipHost = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideTip, 300);
  }

  function tipHostOf(node) {
    var el = node && node.closest ? node.closest(TIP_HOSTS) : null;
    return el && !el.closest(".md-tooltip2") ? el : null;
  }

  document.addEventListener("pointerover", function (event) {
    var el = tipHostOf(event.target);
    if (el) showTip(el);
  });
  document.addEventListener("pointerout", function (event) {
    var el = tipHostOf(event.target);
    if (el && el === tipHost && !el.contains(event.relatedTarget)) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var el = tipHostOf(event.target);
    if (el) showTip(el);
  });
  document.addEventListener("focusout", function (event) {
    if (tipHost && event.target === tipHost) hideTip();
  });

  new MutationObserver(function (records) {
    records.forEach(function (r) { r.addedNodes.forEach(nameAll); });
  }).observe(document.body, { childList: true, subtree: true });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".md-tooltip2--active").forEach(function (popover) {
      popover.classList.remove("md-tooltip2--active");
    });
    hideTip();
  });

  nameAll(document.body);
  makeScrollableTablesFocusable();
  window.addEventListener("load", makeScrollableTablesFocusable);
  window.addEventListener("resize", makeScrollableTablesFocusable);
})();
