/* Follows a plan run's progress without reloading; opens the plan version when it is stored. */
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box) { return; }
  var bar = box.querySelector("progress"), stage = document.getElementById("run-stage");
  var gap = document.getElementById("run-gap-value");
  function poll() {
    fetch(box.dataset.status, {headers: {"Accept": "application/json"}}).then(function (r) { return r.json(); }).then(function (s) {
      bar.value = s.progress;
      stage.textContent = s.stage;
      if (s.gap !== null && s.gap !== undefined) {
        gap.textContent = s.gap.toExponential(1);
        gap.parentNode.hidden = false;
      }
      if (s.url) { window.location.assign(s.url); return; }
      if (s.status === "failed") { document.getElementById("run-error").textContent = s.error; return; }
      window.setTimeout(poll, 700);
    }).catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
})();
