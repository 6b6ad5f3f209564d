/* An old page address of the edition: on to its new address, with the anchor asked for (ids
   are kept, so "#p-…" lands on the same words). Without scripts the page refreshes there. */
(function () {
  "use strict";
  var to = document.querySelector('meta[name="edition-redirect"]');
  if (to) location.replace(to.getAttribute("content") + location.hash);
})();
