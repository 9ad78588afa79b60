// Keeps the alert list current without reloading the page: asks the platform for the list every
// few seconds (plain polling works behind any proxy and with Django's own server) and redraws it.
(function () {
  "use strict";
  var box = document.getElementById("alerts");
  if (!box) { return; }
  var list = document.getElementById("alert-list");
  var news = document.getElementById("alerts-news");
  var token = box.querySelector("[name=csrfmiddlewaretoken]").value;
  var seen = {};
  Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), function (li) { seen[li.dataset.id] = true; });

  function badge(text, extra) {
    var span = document.createElement("span");
    span.className = "badge" + (extra ? " " + extra : "");
    span.textContent = text;
    return span;
  }

  function acknowledge(id) {
    fetch(box.dataset.live.replace("live.json", id + "/ack/"), {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" }
    }).then(refresh);
  }

  function row(a) {
    var li = document.createElement("li");
    li.className = "alert" + (a.acknowledged ? "" : " open") + (seen[a.id] ? "" : " new");
    li.dataset.id = a.id;
    li.appendChild(badge(a.raised));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(badge(a.reach));
    li.appendChild(document.createTextNode(" "));
    var link = document.createElement("a");
    link.href = a.url;
    link.textContent = a.text;
    li.appendChild(link);
    li.appendChild(document.createTextNode(" "));
    if (a.acknowledged) {
      li.appendChild(badge(box.dataset.ackedLabel, "open"));
    } else {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary ack";
      button.textContent = box.dataset.ackLabel;
      button.addEventListener("click", function () { button.disabled = true; acknowledge(a.id); });
      li.appendChild(button);
    }
    return li;
  }

  function refresh() {
    return fetch(box.dataset.live, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : { alerts: null }; })
      .then(function (data) {
        if (!data.alerts) { return; }
        var fresh = data.alerts.filter(function (a) { return !seen[a.id]; });
        list.replaceChildren.apply(list, data.alerts.map(row));
        if (!data.alerts.length) {
          var empty = document.createElement("li");
          empty.textContent = box.dataset.empty;
          list.appendChild(empty);
        }
        data.alerts.forEach(function (a) { seen[a.id] = true; });
        if (fresh.length) { news.textContent = news.dataset.new + ": " + fresh[0].text; }
      })
      .catch(function () { /* offline for a moment: the next tick tries again */ });
  }

  setInterval(refresh, Math.max(1, Number(box.dataset.every) || 5) * 1000);
}());
