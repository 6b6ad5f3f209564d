/* Search loaded when the reader asks for it, not with every page (issue 15).

   Material 9.8.1 loads its search at once on every page: its bundle creates the search worker
   (assets/javascripts/workers/search.*.min.js) as it starts, and asks for the search index as
   it starts too: served over http(s), an XMLHttpRequest of search/search_index.json, whose docs
   it then sends the worker; from file:// (the offline edition), a <script src=
   "search/search_index.js"> it appends to <head> (search.highlight subscribes to the index on
   every page). The bundle is Material's and stays as it is; this script, run before it (every
   script is deferred, so they run in document order: the iframe-worker shim, this, the
   bundle), holds back both until the reader asks for search:

   1. The worker. Material's `new Worker(url)` of its search worker gets a stand-in with the
      same face (postMessage, terminate, onmessage, onerror, addEventListener): the messages
      Material sends it wait in a queue, and the real worker (on file://, the iframe-worker
      shim's IFrameWorker, which window.Worker already is) starts, and gets them in order,
      when the reader asks for search. Any other worker starts at once, as before.
   2. The index. The request for it (the XMLHttpRequest's send(), or the <script>'s append to
      <head>) waits, and goes when the reader asks for search. Material only listens for the
      request's load and error, so it sees a late answer, nothing else.

   The reader asks for search by anything that opens or focuses Material's search: a click or
   tap on the search field or a label of its toggle (the header's magnifier), the keys s, f
   and / that Material binds (they focus the field), Tab into the field, an address with
   ?q= (Material opens search for it): each one either focuses the field or checks Material's
   search toggle (#__search), and this script listens for both. A page opened from a search
   result (Material's ?h=, the words to highlight) needs the index at once for the
   highlighting: its index request goes at once, the worker still waits for the reader.

   Should the page not be as Material 9.8.1 makes it (no search form, no toggle, no
   configuration), this script does nothing and search loads as Material loads it. */
(function () {
  "use strict";
  var form = document.forms.namedItem("search");
  var toggle = document.getElementById("__search");
  var data = document.getElementById("__config");
  if (!form || !toggle || !data) return;
  var config;
  try {
    config = JSON.parse(data.textContent);
  } catch (err) {
    return;
  }
  if (!config || !config.search) return;

  function address(url) {
    try {
      var u = new URL(String(url), location.href);
      u.hash = "";
      u.search = "";
      return u.href;
    } catch (err) {
      return "";
    }
  }
  // as the bundle names them: relative to the site's base (config.base), the worker as it is
  var base = new URL(config.base, location.href);
  var INDEX = [address(new URL("search/search_index.json", base)), address(new URL("search/search_index.js", base))];
  var WORKER = address(config.search);
  function isIndex(url) { return INDEX.indexOf(address(url)) >= 0; }

  var indexGoes = false;       // the index may be requested
  var asked = false;           // the reader asked for search
  var heldRequests = [];       // index requests waiting: functions that send them
  var heldWorkers = [];        // stand-ins waiting to start their worker

  function releaseIndex() {
    if (indexGoes) return;
    indexGoes = true;
    heldRequests.splice(0).forEach(function (go) { go(); });
    window.XMLHttpRequest = NativeXHR;
    delete document.head.appendChild;
  }

  function ask() {
    if (asked) return;
    asked = true;
    releaseIndex();
    heldWorkers.splice(0).forEach(function (w) { w.start(); });
    toggle.removeEventListener("change", onToggle);
    form.removeEventListener("focusin", ask);
    document.removeEventListener("pointerdown", onPointer, true);
  }

  // ---------------------------------------------------------------- 1. the worker
  var RealWorker = window.Worker;    // the browser's, or on file:// the shim's IFrameWorker

  function relayed(event) {
    if (event.type === "error") {
      return new ErrorEvent("error", { message: event.message, filename: event.filename, lineno: event.lineno,
                                       colno: event.colno, error: event.error });
    }
    return new MessageEvent(event.type, { data: event.data });
  }

  class SearchWorker extends EventTarget {
    constructor(url, options) {
      if (address(url) !== WORKER) return new RealWorker(url, options);   // not search's: as before
      super();
      this.url = url;
      this.options = options;
      this.onmessage = null;
      this.onmessageerror = null;
      this.onerror = null;
      this.real = null;
      this.queue = [];
      this.ended = false;
      if (asked) this.start();
      else heldWorkers.push(this);
    }

    start() {
      if (this.real || this.ended) return;
      var self = this;
      var real = this.real = new RealWorker(this.url, this.options);
      ["message", "messageerror", "error"].forEach(function (type) {
        real.addEventListener(type, function (event) {
          var out = relayed(event);
          self.dispatchEvent(out);
          var handler = self["on" + type];
          if (typeof handler === "function") handler.call(self, out);
        });
      });
      this.queue.splice(0).forEach(function (args) { real.postMessage.apply(real, args); });
    }

    postMessage() {
      if (this.ended) return;
      if (this.real) this.real.postMessage.apply(this.real, arguments);
      else this.queue.push(Array.prototype.slice.call(arguments));
    }

    terminate() {
      this.ended = true;
      this.queue = [];
      var i = heldWorkers.indexOf(this);
      if (i >= 0) heldWorkers.splice(i, 1);
      if (this.real) this.real.terminate();
    }
  }
  if (typeof RealWorker === "function") window.Worker = SearchWorker;

  // ---------------------------------------------------------------- 2. the index
  // served: Material's XMLHttpRequest of search_index.json; its send() waits
  var NativeXHR = window.XMLHttpRequest;
  class HeldXHR extends NativeXHR {
    open(method, url) {
      this.editionHeld = isIndex(url);
      this.editionAborted = false;
      return super.open.apply(this, arguments);
    }

    send(body) {
      if (!this.editionHeld || indexGoes) return super.send(body);
      var self = this;
      heldRequests.push(function () { if (!self.editionAborted) NativeXHR.prototype.send.call(self, body); });
    }

    abort() {
      this.editionAborted = true;
      return super.abort();
    }
  }
  window.XMLHttpRequest = HeldXHR;

  // file://: Material's <script src="search/search_index.js"> appended to <head>; the append waits
  var head = document.head;
  head.appendChild = function (node) {
    if (!indexGoes && node instanceof HTMLScriptElement && isIndex(node.src)) {
      heldRequests.push(function () { Node.prototype.appendChild.call(head, node); });
      return node;
    }
    return Node.prototype.appendChild.call(head, node);
  };

  // ---------------------------------------------------------------- when the reader asks
  function onToggle() { if (toggle.checked) ask(); }
  function onPointer(event) {
    var el = event.target;
    if (el && el.closest && el.closest('label[for="__search"], form[name="search"]')) ask();
  }
  toggle.addEventListener("change", onToggle);          // Material opens search: s, f, /, ?q=, a label
  form.addEventListener("focusin", ask);                // the field has the focus (a click, Tab, a key)
  document.addEventListener("pointerdown", onPointer, true);   // a click or tap, a moment earlier

  var highlight = null;
  try { highlight = new URL(location.href).searchParams.get("h"); } catch (err) { highlight = null; }
  if (highlight) releaseIndex();                        // a search result's page: the words to mark
  if (toggle.checked) ask();
})();
