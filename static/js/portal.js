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
    document.querySelectorAll("[data-option-filter]").forEach(addOptionFilter);
    document.querySelectorAll("[data-captcha-refresh]").forEach(addCaptchaRefresh);
  });

  // "看不清，换一张": a new captcha picture without reloading the form (and losing what was
  // typed). Without this script the button stays hidden; a wrong answer brings a new picture.
  function addCaptchaRefresh(button) {
    var field = button.closest(".captcha-field");
    var image = field.querySelector("img");
    var key = field.querySelector("input[type=hidden]");
    var answer = field.querySelector("input[type=text]");
    button.hidden = false;
    button.addEventListener("click", function () {
      fetch(button.dataset.captchaRefresh, { headers: { "X-Requested-With": "XMLHttpRequest" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          image.src = data.image_url;
          key.value = data.key;
          answer.value = "";
          answer.focus();
        });
    });
  }

  // A long list of checkboxes (248 countries) gets a box that narrows it as one types.
  // Without this script the list is still there to scroll through, in pinyin order.
  function addOptionFilter(list) {
    var options = Array.prototype.slice.call(list.querySelectorAll(".form-check"));
    if (!options.length) {
      return;
    }
    var box = options[0].parentNode;
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control option-list__filter";
    input.placeholder = list.dataset.optionFilter;
    input.setAttribute("aria-label", list.dataset.optionFilter);
    input.setAttribute("aria-controls", box.id || "");
    var status = document.createElement("p");
    status.className = "option-list__status";
    status.setAttribute("role", "status");
    box.parentNode.insertBefore(input, box);
    box.parentNode.insertBefore(status, box.nextSibling);

    function chosen() {
      var names = options
        .filter(function (option) { return option.querySelector("input").checked; })
        .map(function (option) { return option.textContent.trim(); });
      status.textContent = names.length ? "已选 " + names.length + " 项：" + names.join("、") : "";
    }
    input.addEventListener("input", function () {
      var text = input.value.trim().toLowerCase();
      options.forEach(function (option) {
        option.hidden = text !== "" && option.textContent.toLowerCase().indexOf(text) < 0;
      });
    });
    // Enter in the box narrows the list; it must not submit the whole application form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    box.addEventListener("change", chosen);
    chosen();
  }
})();
