/* Shows how many points of the budget are left while a member fills in a priority ballot. */
(function () {
  "use strict";
  var form = document.getElementById("priority-ballot");
  if (!form) { return; }
  var budget = parseInt(form.dataset.budget, 10), out = document.getElementById("points-left");
  function update() {
    var used = 0;
    form.querySelectorAll("input[type=number]").forEach(function (i) { used += parseInt(i.value || "0", 10) || 0; });
    out.textContent = budget - used;
    out.parentElement.classList.toggle("over", used !== budget);
  }
  form.addEventListener("input", update);
  update();
})();
