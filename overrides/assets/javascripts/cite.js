/* Link and cite: what the edition's script adds for a reader who cites. Text is only ever set
   as text (textContent), never as markup; nothing happens until a reader asks.

   1. A citable block's number (¶ 4.12, a link to the block) copies the block's full address
      when activated, by mouse or keyboard, says so where the reader is looking and to screen
      readers (role="status"), and opens a small panel with the block's citation in five
      formats, each copied by one button. Escape or "Close" closes it and gives the focus back.
   2. The "Cite this" section of a page: a copy button for each format, filling in today's date.
   3. Words selected inside a block: a small toolbar offers a link that lands on those words
      (a URL text fragment, `#p-…:~:text=…`, whose block id is the fallback where a browser
      cannot find the words) and a quotation of them with its citation. A keyboard selection
      moves the focus to the toolbar; Escape closes it.
   4. A text fragment the browser cannot match falls back to its block.

   Addresses are the page's canonical address (the edition's site_url) and the block's id, so a
   link copied from the offline edition works online. A block's citation is made from the
   page's templates (scripts/site/citations.py): its id, number and the date are filled in. */
(function () {
  "use strict";

  // the stand-ins of scripts/site/cite.py (TOKENS), in white square brackets
  var T = { ID: "\u27E6ID\u27E7", NUMBER: "\u27E6NUMBER\u27E7", DAY: "\u27E6DAY\u27E7",
            ISO: "\u27E6ISO\u27E7", RIS: "\u27E6RIS\u27E7", PARTS: "\u27E6PARTS\u27E7" };
  var FORMATS = [["oscola", "OSCOLA"], ["harvard", "Harvard"], ["bibtex", "BibTeX"], ["ris", "RIS"],
                 ["csl", "CSL-JSON"]];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function fill(template, values) {
    var d = new Date();
    var all = {};
    all[T.DAY] = d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
    all[T.ISO] = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
    all[T.RIS] = d.getFullYear() + "/" + pad(d.getMonth() + 1) + "/" + pad(d.getDate());
    all[T.PARTS] = d.getFullYear() + ", " + (d.getMonth() + 1) + ", " + d.getDate();
    Object.keys(values || {}).forEach(function (k) { all[T[k]] = values[k]; });
    return Object.keys(all).reduce(function (text, token) {
      return text.split(token).join(all[token]);
    }, template);
  }

  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var href = canonical ? canonical.href : location.href;
    return href.split("#")[0];
  }

  function copyText(text) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "cite-copy-area";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      return ok;
    }
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, fallback);
    }
    return Promise.resolve(fallback());
  }

  function templates() {
    var el = document.querySelector(".cite-data[data-templates]");
    if (!el) return {};
    try { return JSON.parse(el.getAttribute("data-templates")); } catch (e) { return {}; }
  }

  function blockOf(link) {
    return document.getElementById(link.getAttribute("href").slice(1));
  }

  function citationsOf(link) {
    var set = templates()[link.getAttribute("data-pages") || ""] || {};
    var values = { ID: blockOf(link).id, NUMBER: link.getAttribute("data-number") };
    var out = {};
    FORMATS.forEach(function (f) { if (set[f[0]]) out[f[0]] = fill(set[f[0]], values); });
    return out;
  }

  function say(status, text) {
    status.textContent = "";
    // a change a screen reader announces, after the panel is in place
    setTimeout(function () { status.textContent = text; }, 30);
  }

  function button(label, onClick, name) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "cite-button";
    b.textContent = label;
    if (name) b.setAttribute("aria-label", name);   // holds the visible label (WCAG 2.5.3)
    b.addEventListener("click", onClick);
    return b;
  }

  // ------------------------------------------------------------------ 1. the block's number
  var panel = null, panelLink = null;

  function closePanel(giveFocusBack) {
    if (!panel) return;
    panel.remove();
    panel = null;
    if (giveFocusBack && panelLink) panelLink.focus();
    if (panelLink) panelLink.setAttribute("aria-expanded", "false");
    panelLink = null;
  }

  function openPanel(link) {
    var block = blockOf(link);
    var number = link.getAttribute("data-number");
    var kind = link.getAttribute("data-kind") || "paragraph";
    var address = pageAddress() + "#" + block.id;
    closePanel(false);
    panel = document.createElement("div");
    panel.className = "cite-panel";
    panel.id = "cite-panel";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "Link and citation for " + kind + " " + number);
    var status = document.createElement("p");
    status.className = "cite-status";
    status.setAttribute("role", "status");
    var shown = document.createElement("code");
    shown.className = "cite-address";
    shown.textContent = address;
    var out = document.createElement("pre");
    out.className = "cite-output";
    out.hidden = true;
    var row = document.createElement("div");
    row.className = "cite-buttons";
    var label = document.createElement("span");
    label.className = "cite-label";
    label.textContent = "Cite ¶ " + number + ":";
    row.appendChild(label);
    var cites = citationsOf(link);
    FORMATS.forEach(function (f) {
      if (!cites[f[0]]) return;
      row.appendChild(button(f[1], function () {
        out.textContent = cites[f[0]];
        out.hidden = false;
        out.setAttribute("data-format", f[0]);
        copyText(cites[f[0]]).then(function (ok) {
          say(status, ok ? f[1] + " citation of ¶ " + number + " copied." : "Select the citation below to copy it.");
        });
      }, "Copy " + f[1] + " citation of " + kind + " " + number));
    });
    row.appendChild(button("Close", function () { closePanel(true); }, "Close the link and citation of " + kind + " " + number));
    panel.appendChild(status);
    panel.appendChild(shown);
    panel.appendChild(row);
    panel.appendChild(out);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.stopPropagation(); closePanel(true); }
    });
    if (block.tagName === "LI") block.appendChild(panel);
    else block.insertAdjacentElement("afterend", panel);
    panelLink = link;
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", panel.id);
    history.replaceState(null, "", "#" + block.id);
    copyText(address).then(function (ok) {
      say(status, ok ? "Link to ¶ " + number + " copied." : "Select the address below to copy it.");
    });
    // the panel follows the block: the focus goes to its first button, and back with Escape
    row.querySelector("button").focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.block-number") : null;
    if (!link) return;
    event.preventDefault();
    if (panel && panelLink === link) { closePanel(true); return; }
    openPanel(link);
  });

  // ------------------------------------------------------------------ 2. "Cite this" sections
  function addCopyButtons() {
    document.querySelectorAll("pre.cite-text[data-template]").forEach(function (pre) {
      var name = pre.previousElementSibling;
      var format = name ? name.textContent : "citation";
      var status = document.createElement("span");
      status.className = "cite-status";
      status.setAttribute("role", "status");
      var what = pre.closest(".cite-this").getAttribute("data-what") || "page";
      var b = button("Copy " + format, function () {
        var text = fill(pre.getAttribute("data-template"));
        copyText(text).then(function (ok) {
          say(status, ok ? format + " citation copied, with today's date." : "Select the citation to copy it.");
        });
      }, "Copy " + format + " citation of the " + what);
      pre.insertAdjacentElement("beforebegin", b);
      b.insertAdjacentElement("afterend", status);
    });
  }

  // ------------------------------------------------------------------ 3. selected words
  var bar = null, keyboardSelection = false;

  function citableBlock(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    if (!el || !el.closest) return null;
    var block = el.closest('p[id^="p-"], li[id^="p-"]');
    if (block) return block;
    // a table's or a glossary's words: its id stands on the block just before it
    var top = el.closest(".md-content__inner > *");
    for (var n = top; n; n = n.previousElementSibling) {
      if (n.classList.contains("block-anchor")) return n;
      if (n !== top && !n.classList.contains("page-start")) break;
    }
    return null;
  }

  // a text fragment matches whole words only: a selection that starts or ends inside a word
  // is widened to the word's edges (within its text node)
  function wholeWords(range) {
    var r = range.cloneRange();
    var word = /[\p{L}\p{N}’'-]/u;
    var s = r.startContainer, e = r.endContainer;
    if (s.nodeType === 3) {
      var i = r.startOffset;
      while (i > 0 && word.test(s.data[i - 1])) i--;
      r.setStart(s, i);
    }
    if (e.nodeType === 3) {
      var j = r.endOffset;
      while (j < e.data.length && word.test(e.data[j])) j++;
      r.setEnd(e, j);
    }
    return r;
  }

  function fragmentText(text) {
    return encodeURIComponent(text).replace(/-/g, "%2D");
  }

  function textDirective(text) {
    var words = text.split(" ");
    if (words.length <= 8) return "text=" + fragmentText(text);
    return "text=" + fragmentText(words.slice(0, 4).join(" ")) + "," + fragmentText(words.slice(-4).join(" "));
  }

  function closeBar() {
    if (bar) { bar.remove(); bar = null; }
  }

  function inText(link) {
    var harvard = citationsOf(link).harvard || "";
    var at = harvard.indexOf("In the text: ");
    return at < 0 ? "" : harvard.slice(at + 13).split("\n")[0];
  }

  function showBar() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) { closeBar(); return; }
    var range = wholeWords(sel.getRangeAt(0));
    var text = range.toString().replace(/\s+/g, " ").trim();
    var block = citableBlock(sel.anchorNode);
    if (!text || !block) { closeBar(); return; }
    var link = block.querySelector("a.block-number");
    if (!link) { closeBar(); return; }
    var address = pageAddress() + "#" + block.id + ":~:" + textDirective(text);
    closeBar();
    bar = document.createElement("div");
    bar.className = "cite-selection";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Selected words in ¶ " + link.getAttribute("data-number"));
    var status = document.createElement("span");
    status.className = "cite-status";
    status.setAttribute("role", "status");
    bar.appendChild(button("Copy link to these words", function () {
      copyText(address).then(function (ok) { say(status, ok ? "Link copied." : "Copying failed."); });
    }));
    bar.appendChild(button("Copy as a quotation", function () {
      var quote = "“" + text + "” " + inText(link) + " <" + address + ">";
      copyText(quote).then(function (ok) { say(status, ok ? "Quotation copied." : "Copying failed."); });
    }));
    bar.appendChild(status);
    bar.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.stopPropagation(); closeBar(); }
    });
    // in the page's main landmark, fixed under the selection; scrolling closes it
    var box = range.getBoundingClientRect();
    (document.querySelector("main") || document.body).appendChild(bar);
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - bar.offsetWidth - 8));
    var top = box.bottom + 8;
    if (top + bar.offsetHeight > window.innerHeight - 8) top = Math.max(8, box.top - bar.offsetHeight - 8);
    bar.style.left = left + "px";
    bar.style.top = top + "px";
    if (keyboardSelection) bar.querySelector("button").focus();
  }

  document.addEventListener("mouseup", function (event) {
    if (bar && bar.contains(event.target)) return;
    keyboardSelection = false;
    setTimeout(showBar, 0);
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" && !event.shiftKey) return;
    if (bar && bar.contains(event.target)) return;
    keyboardSelection = true;
    showBar();
  });
  window.addEventListener("scroll", function () {
    if (bar && !bar.contains(document.activeElement)) closeBar();
  }, { passive: true });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (panel) closePanel(true);
    closeBar();
  });

  // ------------------------------------------------------------------ 4. a link's fallback
  // A text fragment whose words the browser cannot find (the words changed, or a browser that
  // does not know text fragments): Chromium then scrolls nowhere. The block id before the
  // fragment is the fallback: the block is brought into view unless it is in view already.
  function landOnBlock() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var el = id ? document.getElementById(id) : null;
    if (!el) return;
    var box = el.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight) el.scrollIntoView({ block: "start" });
  }

  addCopyButtons();
  // at once (the page's text is parsed; a browser that does find the words scrolls to them after
  // this), and again once everything has loaded, in case the page's layout moved the block
  landOnBlock();
  window.addEventListener("load", landOnBlock);
})();
