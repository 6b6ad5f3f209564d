/* Material 9.8.1's storage helpers, from partials/javascripts/base.html, moved out of an inline
   <script> (the pages' Content-Security-Policy forbids inline script). Same code; the scope
   comes from the script element's data-md-scope attribute. */
(function () {
  "use strict";
  var script = document.currentScript;
  window.__md_scope = new URL(script ? script.getAttribute("data-md-scope") || "." : ".", location);
  window.__md_hash = function (e) {
    return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (e, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + e));
  };
  window.__md_set = function (e, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try { storage.setItem(scope.pathname + "." + e, JSON.stringify(value)); } catch (err) { /* storage full or off */ }
  };
})();
