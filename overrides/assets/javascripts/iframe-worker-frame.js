/* The inside of iframe-worker.html (see iframe-worker-shim.js): gives a worker script what it
   expects of a worker's global scope, then loads it. The address of the worker comes after
   the '#' of the frame's own address and must be a file beside the site's pages (the frame's
   Content-Security-Policy allows nothing else anyway). */
(function () {
  "use strict";
  var host = window.parent;
  var url;
  try {
    url = new URL(decodeURIComponent(location.hash.slice(1)), location.href);
  } catch (err) {
    return;
  }
  if (url.protocol !== location.protocol || url.host !== location.host) return;

  function send(data) { host.postMessage(data, "*"); }

  // A worker's postMessage answers its owner.
  window.postMessage = send;
  // Material's worker asks `"IFrameWorker" in parent`; a file:// frame may not look into its
  // parent, so the frame answers for it (`parent` is a replaceable property of a window).
  window.parent = { IFrameWorker: true };
  window.importScripts = function () {
    var urls = Array.prototype.slice.call(arguments);
    return urls.reduce(function (done, u) {
      return done.then(function () {
        return new Promise(function (resolve, reject) {
          var s = document.createElement("script");
          s.src = u;
          s.onload = resolve;
          s.onerror = reject;
          document.head.appendChild(s);
        });
      });
    }, Promise.resolve());
  };
  window.addEventListener("error", function (event) {
    send({ __iframeWorker: "error", message: String(event.message) });
  });

  var worker = document.createElement("script");
  worker.src = url.href;
  worker.onload = function () { send({ __iframeWorker: "ready" }); };
  // first in the document: the worker finds its own folder from the first script[src]
  document.head.prepend(worker);
})();
