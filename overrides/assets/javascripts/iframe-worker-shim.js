/* Search from file://. Chromium starts no Web Worker from a page opened from disk, so the
   offline build runs Material's search worker in a hidden iframe instead (the npm package
   iframe-worker did this, and Material's offline plugin expects a polyfill of that name).
   That package writes an inline <script> into its iframe, which the pages'
   Content-Security-Policy forbids; this one loads a real page beside it, iframe-worker.html,
   which has no inline script, and talks to it only with postMessage (a file:// frame may not
   touch its parent, nor the parent the frame: each local file is its own origin).

   Only on file://: served over http(s), Material's own Worker runs. Messages that the frame
   sends about itself (ready, error) carry the key __iframeWorker and never reach the search. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  var script = document.currentScript;
  var FRAME = new URL("iframe-worker.html", script ? script.src : location.href).href;

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      var self = this;
      this.url = new URL(String(url), location.href).href;
      this.onmessage = null;
      this.onerror = null;
      this.ready = false;
      this.queue = [];
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.title = "Search";
      this.frame.src = FRAME + "#" + encodeURIComponent(this.url);
      this.listener = function (event) { self.receive(event); };
      window.addEventListener("message", this.listener);
      document.body.appendChild(this.frame);
    }

    receive(event) {
      if (event.source !== this.frame.contentWindow) return;
      var data = event.data;
      if (data && data.__iframeWorker === "ready") {
        var frame = this.frame;
        this.ready = true;
        this.queue.splice(0).forEach(function (m) { frame.contentWindow.postMessage(m, "*"); });
        return;
      }
      var out = data && data.__iframeWorker === "error"
        ? new ErrorEvent("error", { message: String(data.message), filename: this.url })
        : new MessageEvent("message", { data: data });
      this.dispatchEvent(out);
      var handler = out.type === "error" ? this.onerror : this.onmessage;
      if (handler) handler.call(this, out);
    }

    postMessage(data) {
      if (this.ready) this.frame.contentWindow.postMessage(data, "*");
      else this.queue.push(data);
    }

    terminate() {
      window.removeEventListener("message", this.listener);
      this.frame.remove();
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
