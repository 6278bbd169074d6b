/* The news editor's "解读的政策条款": each row's article list (news.admin_forms.
   PolicyArticleSelect) holds every policy's articles; show only those of the policy chosen
   beside it, and forget an article of another policy when the choice changes. The server
   checks the article against the policy in any case. */
(function () {
  "use strict";

  function policyInput(select) {
    return document.getElementById(select.id.replace(/-article$/, "-policy"));
  }

  function narrow(select) {
    var input = policyInput(select);
    var policy = input ? input.value : "";
    select.querySelectorAll("optgroup").forEach(function (group) {
      var mine = policy !== "" && group.querySelector('option[data-policy="' + policy + '"]') !== null;
      group.hidden = !mine;
      group.disabled = !mine;
    });
    var chosen = select.options[select.selectedIndex];
    if (chosen && chosen.dataset.policy && chosen.dataset.policy !== policy) {
      select.value = "";
    }
  }

  // Wagtail's page chooser announces a choice with a change event on its hidden input.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.id && /-policy$/.test(input.id)) {
      var select = document.getElementById(input.id.replace(/-policy$/, "-article"));
      if (select && select.hasAttribute("data-policy-articles")) {
        narrow(select);
      }
    }
  });
  // A row added after the page loaded is narrowed when its list is first used.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("select[data-policy-articles]")) {
      narrow(event.target);
    }
  });

  function narrowAll() {
    document.querySelectorAll("select[data-policy-articles]").forEach(narrow);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", narrowAll);
  } else {
    narrowAll();
  }
})();
