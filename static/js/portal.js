/* The public site's few behaviours, kept out of the pages so that the Content Security Policy
   allows no inline script. Everything works without it too. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    // On narrow screens a table of contents starts folded so the text comes first.
    document.querySelectorAll("details[data-collapse-below]").forEach(function (details) {
      if (window.innerWidth < Number(details.dataset.collapseBelow)) {
        details.open = false;
      }
    });
  });
})();
